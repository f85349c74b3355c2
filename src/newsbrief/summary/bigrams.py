"""Concepts for extractive summarisation: stemmed content words and word bigrams.

A *concept* is a unit of information a summary can cover (Gillick & Favre 2009, "A Scalable
Global Model for Summarization"): here a bigram of Porter-stemmed, lower-cased word tokens that
are not both stopwords, or a single stemmed content word. The tokenisation mirrors the ROUGE
scorer's (lower-case ASCII letters and digits, everything else a separator) so that what the
summariser counts as covered is what the evaluation counts as matched.

The Porter stemmer is implemented here rather than imported from NLTK: NLTK is not a dependency
of the product and importing it costs over a second of start-up.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from newsbrief.vocabulary import FUNCTION_WORDS

_TOKEN = re.compile(r"[a-z0-9]+")

# Bigrams made only of stop words carry no story information ("of the", "it was").
# ---------------------------------------------------------------------------------------------
# Porter stemmer (M. F. Porter, 1980, "An algorithm for suffix stripping"), original rules.

_VOWELS = frozenset("aeiou")


def _is_consonant(word: str, i: int) -> bool:
    ch = word[i]
    if ch in _VOWELS:
        return False
    if ch == "y":
        return i == 0 or not _is_consonant(word, i - 1)
    return True


def _measure(stem: str) -> int:
    """Porter's m: the number of vowel-consonant sequences in ``stem``."""
    m = 0
    prev_vowel = False
    for i in range(len(stem)):
        cons = _is_consonant(stem, i)
        if cons and prev_vowel:
            m += 1
        prev_vowel = not cons
    return m


def _has_vowel(stem: str) -> bool:
    return any(not _is_consonant(stem, i) for i in range(len(stem)))


def _double_consonant(word: str) -> bool:
    return len(word) >= 2 and word[-1] == word[-2] and _is_consonant(word, len(word) - 1)


def _cvc(word: str) -> bool:
    """True when ``word`` ends consonant-vowel-consonant and the last is not w, x or y."""
    if len(word) < 3:
        return False
    n = len(word)
    return (
        _is_consonant(word, n - 3)
        and not _is_consonant(word, n - 2)
        and _is_consonant(word, n - 1)
        and word[-1] not in "wxy"
    )


_STEP2 = (
    ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"),
    ("abli", "able"), ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"),
    ("ization", "ize"), ("ation", "ate"), ("ator", "ate"), ("alism", "al"), ("iveness", "ive"),
    ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"), ("iviti", "ive"), ("biliti", "ble"),
)
_STEP3 = (
    ("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", ""),
    ("ness", ""),
)
_STEP4 = (
    "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou",
    "ism", "ate", "iti", "ous", "ive", "ize",
)
# Porter takes the longest matching suffix of each list and stops there, matched or not.
_STEP2_BY_LEN = tuple(sorted(_STEP2, key=lambda p: -len(p[0])))
_STEP3_BY_LEN = tuple(sorted(_STEP3, key=lambda p: -len(p[0])))
_STEP4_BY_LEN = tuple(sorted(_STEP4, key=len, reverse=True))


def _replace(word: str, rules: tuple[tuple[str, str], ...], min_m: int) -> str:
    for suffix, repl in rules:
        if word.endswith(suffix):
            stem = word[: -len(suffix)]
            return stem + repl if _measure(stem) > min_m else word
    return word


def _step1(word: str) -> str:
    if word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("ies"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    stripped = False
    if word.endswith("eed"):
        if _measure(word[:-3]) > 0:
            word = word[:-1]
    elif word.endswith("ed") and _has_vowel(word[:-2]):
        word, stripped = word[:-2], True
    elif word.endswith("ing") and _has_vowel(word[:-3]):
        word, stripped = word[:-3], True
    if stripped:
        if word.endswith(("at", "bl", "iz")):
            word += "e"
        elif _double_consonant(word) and word[-1] not in "lsz":
            word = word[:-1]
        elif _measure(word) == 1 and _cvc(word):
            word += "e"
    if word.endswith("y") and _has_vowel(word[:-1]):
        word = word[:-1] + "i"
    return word


def _step4(word: str) -> str:
    for suffix in _STEP4_BY_LEN:
        if word.endswith(suffix):
            stem = word[: -len(suffix)]
            if _measure(stem) > 1 and (suffix != "ion" or stem.endswith(("s", "t"))):
                return stem
            return word
    return word


def _step5(word: str) -> str:
    if word.endswith("e"):
        stem = word[:-1]
        m = _measure(stem)
        if m > 1 or (m == 1 and not _cvc(stem)):
            word = stem
    if word.endswith("ll") and _measure(word) > 1:
        word = word[:-1]
    return word


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Porter-stem a lower-case word; words of three letters or fewer are returned unchanged."""
    if len(word) <= 3 or word.isdigit():
        return word
    word = _step1(word)
    word = _replace(word, _STEP2_BY_LEN, 0)
    word = _replace(word, _STEP3_BY_LEN, 0)
    word = _step4(word)
    return _step5(word)


# ---------------------------------------------------------------------------------------------


def tokenize(text: str) -> list[str]:
    """Lower-case alphanumeric tokens of ``text``, as the ROUGE scorer splits it."""
    return _TOKEN.findall(text.lower())


def find_concepts(text: str, unigrams: bool = False) -> frozenset[str]:
    """The concepts of one sentence: stemmed bigrams (not both stopwords), and, when ``unigrams``
    is set, stemmed content words (prefixed ``"1:"`` so they never collide with bigrams)."""
    tokens = tokenize(text)
    stems = [stem(t) for t in tokens]
    stop = [t in FUNCTION_WORDS for t in tokens]
    out: set[str] = set()
    for i in range(len(tokens) - 1):
        if not (stop[i] and stop[i + 1]):
            out.add(f"{stems[i]} {stems[i + 1]}")
    if unigrams:
        out.update(f"1:{s}" for s, st in zip(stems, stop, strict=True) if not st and len(s) > 1)
    return frozenset(out)


def count_documents(concept_sets: Iterable[Iterable[frozenset[str]]]) -> dict[str, int]:
    """How many documents contain each concept; one inner iterable of sentence sets per document."""
    df: dict[str, int] = {}
    for doc in concept_sets:
        seen: set[str] = set()
        for s in doc:
            seen |= s
        for c in seen:
            df[c] = df.get(c, 0) + 1
    return df
