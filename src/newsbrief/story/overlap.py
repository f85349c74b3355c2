"""Wording features of sentences that the cross-article stages compare: content words, shingles,
quoted phrases, and the story-level rarity (idf) of words.

Embeddings say whether two sentences are *about* the same thing; these features say whether they
share the *specifics* (names, numbers, rare words, a quoted phrase) that make them the same fact.
Everything here is plain string work on one sentence at a time, so it is cheap to run on every
sentence of a story.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from newsbrief.textmemo import MEMO, memoised
from newsbrief.vocabulary import CARDINALS, ORDINALS, STOP_WORDS

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
# A word (letters, inner hyphens/apostrophes), a number (with thousands separators/decimals), or a
# clause break; breaks stop shingles and bigrams from spanning two clauses.
_TOKEN = re.compile(r"[A-Za-z][A-Za-z\-']*|\d+(?:[.,]\d+)*|[,;:()\u2014\u2013\"\u201c\u201d]")
_QUOTED = re.compile(r"[\"\u201c]([^\"\u201c\u201d]{3,300})[\"\u201d]")


# News repeats its words: a story's sentences hold about ten times fewer distinct words than words.
@functools.lru_cache(maxsize=1 << 16)
def normalize_word(word: str) -> str:
    """Lower-case ``word``, drop a possessive, map number words to digits and strip a plural."""
    w = word.translate(_APOSTROPHES).lower()
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'")
    # Spelled-out numbers are content in news ("six years", "two-day trip"): they become digits
    # so "six years" and "6 years" compare equal.
    if w in CARDINALS:
        return str(CARDINALS[w])
    head, dash, tail = w.partition("-")
    if dash and head in CARDINALS:  # "two-day" and "2-day" are one thing
        return f"{CARDINALS[head]}-{tail}"
    if w in ORDINALS:
        return f"#{ORDINALS[w]}"
    if w[:1].isdigit():
        return w.replace(",", "")
    # A light plural strip is enough to match "agreements"/"agreement"; a full stemmer would also
    # merge words news keeps apart ("forces"/"force" is fine, "news"/"new" is not: hence the guards).
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "ews")):
        return w[:-1]
    return w


def _scan(text: str) -> list[tuple[str, bool] | None]:
    """Content words of ``text`` as (normalised word, capitalised in the text); None = clause break."""
    out: list[tuple[str, bool] | None] = []
    for m in _TOKEN.finditer(text.translate(_APOSTROPHES)):
        tok = m.group(0)
        if not tok[0].isalnum():
            if out and out[-1] is not None:
                out.append(None)
            continue
        word = _content_word(tok)
        if word is None:
            continue
        # Capitalised inside the sentence: a name, title or nationality ("Chinese leader").
        out.append((word, tok[0].isupper() and m.start() > 0))
    return out


@functools.lru_cache(maxsize=1 << 16)
def _content_word(tok: str) -> str | None:
    """``tok`` normalised, or None for a stop word or a single letter (a token is looked at once)."""
    low = tok.lower()
    if low in STOP_WORDS or (len(low) < 2 and not low.isdigit()):
        return None
    return normalize_word(tok)


def find_name_words(text: str) -> frozenset[str]:
    """The content words of ``text`` written capitalised inside it (names, titles, nationalities,
    weekdays), normalised as in :func:`scan_features`."""
    return frozenset(t[0] for t in _scan(text) if t is not None and t[1])


@memoised("overlap/features")  # a stored story's were found at ingest (corpus/facts.py)
def scan_features(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """(content words, content bigrams) of ``text`` in one pass.

    Content words are normalised and stop words dropped (so neighbours across them still form
    bigrams, "community with a shared future" -> "community shared", "shared future"). Bigrams
    never span a clause break, and pairs with a capitalised word are left out: names, titles and
    nationalities ("President Xi", "South China Sea", "Chinese leader") recur across every fact
    about their bearer, so sharing one says little about the fact."""
    toks = _scan(text)
    words = frozenset(t[0] for t in toks if t is not None)
    bigrams = frozenset(
        f"{a[0]} {b[0]}"
        for a, b in zip(toks, toks[1:], strict=False)
        if a is not None and b is not None and not (a[1] or b[1])
    )
    return words, bigrams


# Words per shingle of the syndication test (story/syndication.py): what ingest stores per article.
SHINGLE_SIZE = 4


def word_shingles(text: str, size: int = SHINGLE_SIZE) -> frozenset[str]:
    """Overlapping ``size``-word windows of all words (stop words kept): near-copy detection.
    Looked up in :data:`newsbrief.textmemo.MEMO` first: a stored story's articles' were found at
    ingest (corpus/facts.py; a tenth of a second for 300 articles otherwise)."""
    return MEMO.get(f"overlap/shingles/{size}", text, lambda t: find_shingles(t, size))


def find_shingles(text: str, size: int = SHINGLE_SIZE) -> frozenset[str]:
    """:func:`word_shingles` computed."""
    words = [w.lower() for w in re.findall(r"\w+", text.translate(_APOSTROPHES))]
    if len(words) < size:
        return frozenset([" ".join(words)]) if words else frozenset()
    return frozenset(" ".join(words[i : i + size]) for i in range(len(words) - size + 1))


def find_quoted_phrases(text: str, min_words: int = 3) -> tuple[str, ...]:
    """Phrases of at least ``min_words`` words that ``text`` puts in quotation marks, normalised
    (lower case, words only) so they can be looked up in other sentences."""
    out = []
    for m in _QUOTED.finditer(text.translate(_APOSTROPHES)):
        words = re.findall(r"\w+", m.group(1).lower())
        if len(words) >= min_words:
            out.append(" ".join(words))
    return tuple(out)


@memoised("overlap/phrase_text")  # a stored story's were found at ingest (corpus/facts.py)
def normalize_phrase_text(text: str) -> str:
    """``text`` as lower-case words joined by single spaces (the form quoted phrases are kept in)."""
    return " " + " ".join(re.findall(r"\w+", text.translate(_APOSTROPHES).lower())) + " "


def find_phrase_holders(texts: Sequence[str], phrases: Iterable[str]) -> dict[str, list[int]]:
    """For each phrase (in the form of :func:`find_quoted_phrases`), the positions of the
    ``texts`` (in the form of :func:`normalize_phrase_text`) that contain it, in order.

    A text holds a phrase only if it holds each of its words, so only the texts of the phrase's
    rarest word are searched (an inverted index of words), not every text once per phrase: the
    quadratic scan was most of the claims stage in a story of 40,000 sentences."""
    wanted = {p: p.split(" ") for p in dict.fromkeys(phrases)}
    needed = {w for words in wanted.values() for w in words}
    postings: dict[str, list[int]] = {w: [] for w in needed}
    for k, text in enumerate(texts):
        for w in set(text.split()) & needed:
            postings[w].append(k)
    out: dict[str, list[int]] = {}
    for phrase, words in wanted.items():
        rarest = min(words, key=lambda w: (len(postings[w]), w))
        needle = f" {phrase} "
        out[phrase] = [k for k in postings[rarest] if needle in texts[k]]
    return out


def compute_idf(docs: Iterable[frozenset[str]]) -> dict[str, float]:
    """Smoothed inverse document frequency of each word over ``docs`` (the sentences of a story),
    so words every outlet repeats (the story's main names) weigh little."""
    counts: Counter[str] = Counter()
    n = 0
    for d in docs:
        n += 1
        counts.update(d)
    return {w: math.log((n + 1) / (c + 0.5)) for w, c in counts.items()}


def weigh(words: Iterable[str], idf: dict[str, float]) -> float:
    """Sum of the idf weights of ``words`` (unknown words weigh like a word seen once)."""
    return sum(idf.get(w, 1.0) for w in words)


def measure_overlap(a: frozenset[str], b: frozenset[str], idf: dict[str, float]) -> float:
    """Idf-weighted share of the shorter sentence's content words found in the other: a paraphrase
    that adds commentary ("..., underscoring the importance") still contains the original."""
    shared = weigh(a & b, idf)
    smaller = min(weigh(a, idf), weigh(b, idf))
    return shared / smaller if smaller > 0 else 0.0
