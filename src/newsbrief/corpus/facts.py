"""Sentence facts: per-sentence work of the reduce stage done once at ingest and stored.

What a brief computes from a sentence's text alone -- its summary concepts and candidate versions
(:func:`newsbrief.summary.candidates.sentence_versions`, under the summary's default rules), its
quantities (:func:`newsbrief.story.quantities.find_quantities`) and its content words and bigrams
(:func:`newsbrief.story.overlap.scan_features`) -- does not depend on the
story the sentence ends up in, so ``ingest`` computes it beside the annotation (table
``sentence_facts``, schema 7) and ``brief --db --story`` reads it back into
:data:`newsbrief.textmemo.MEMO` instead of computing it again (about a fifth of a 300-article
story's brief).

A brief of files computes them in its map stage when that runs in several processes
(:func:`compute_facts`, :func:`prime_computed`): each process finds the facts of the articles it
annotated, and the reduce stage, on one core, finds them in the memo.

Each row carries :func:`facts_version`, a hash of the code that computed it: rows of another
version (or none: articles ingested before schema 7) are ignored and their facts computed on the
fly, so the brief is the same whichever way its facts came.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import zlib
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar

from newsbrief.annotate.dates import strip_dateline
from newsbrief.models import AnnotatedArticle
from newsbrief.story.overlap import SHINGLE_SIZE, find_shingles, normalize_phrase_text, scan_features
from newsbrief.story.quantities import Quantity, scan_both
from newsbrief.summary.bigrams import find_concepts
from newsbrief.summary.candidates import CandidateRules, SentenceVersion, judge_versions, versions_kind
from newsbrief.textmemo import MEMO, code_fingerprint


def _timeline() -> Any:
    """story.timeline_select, imported on first use: it pulls in NumPy, and commands that only
    list a database (``stories``, ``sources``) import this module through the catalog without
    computing facts (test_startup)."""
    from newsbrief.story import timeline_select

    return timeline_select


# The modules whose code decides the stored values (their imports are hashed with them).
FACT_MODULES = (
    "newsbrief.corpus.facts", "newsbrief.summary.candidates", "newsbrief.story.quantities", "newsbrief.story.overlap",
    "newsbrief.story.timeline_select",
)
T = TypeVar("T")
_QUANTITY_FIELDS = tuple(f.name for f in dataclasses.fields(Quantity))
_SET_FIELDS = frozenset(f.name for f in dataclasses.fields(Quantity) if str(f.type).startswith("frozenset"))


def facts_version() -> str:
    """The hash stored with every row: rows of another version are not used."""
    return code_fingerprint(*FACT_MODULES)


def summary_rules() -> tuple[CandidateRules, bool]:
    """The candidate rules and unigram option of the default summary: the versions stored."""
    from newsbrief.summary.params import DEFAULT_PARAMS  # not the summariser: its model stack is not needed here

    return DEFAULT_PARAMS.rules(), DEFAULT_PARAMS.unigrams


# One sentence's facts: concepts, versions, keyed quantities, all quantities, (words, bigrams),
# the timeline's verdict on it as an entry (in a 1-tuple; None when it names no date: never
# asked) and its quoted-phrase form.
FactRow = tuple[
    frozenset[str], tuple[SentenceVersion, ...], tuple[Quantity, ...], tuple[Quantity, ...],
    tuple[frozenset[str], frozenset[str]], tuple[str | None] | None, str,
]


def _fact_row(text: str, rules: CandidateRules, unigrams: bool, published: dt.date | None, dated: bool) -> FactRow:
    concepts = find_concepts(text, unigrams)
    return (
        concepts,
        # The first version's concepts are the sentence's: one set, found once (a third less
        # memory for a big brief's facts, pickled or not).
        judge_versions(text, rules, unigrams, concepts),
        *scan_both(text),  # keyed, all
        scan_features.__wrapped__(text),  # type: ignore[attr-defined]
        # A sentence naming a date is a timeline candidate: whether it stands alone as an entry
        # (timeline_select.judge_dated_entry).
        (_timeline().judge_entry(strip_dateline(text, published)),) if dated else None,
        normalize_phrase_text.__wrapped__(text),  # type: ignore[attr-defined]
    )


def compute_facts(annotated: Sequence[AnnotatedArticle], rules: CandidateRules, unigrams: bool) -> list[list[FactRow]]:
    """The facts of each sentence of each article, by the functions themselves (a sentence met
    twice is computed once); hand them to :func:`prime_computed` where the brief is built."""
    seen: dict[tuple[str, dt.date | None, bool], FactRow] = {}
    out: list[list[FactRow]] = []
    for ann in annotated:
        published = ann.article.published
        dated = {d.sentence for d in ann.dates}
        rows: list[FactRow] = []
        for s in ann.sentences:
            key = (s.text, published, s.index in dated)
            row = seen.get(key)
            if row is None:
                row = seen[key] = _fact_row(s.text, rules, unigrams, published, key[2])
            rows.append(row)
        out.append(rows)
    return out


def prime_computed(
    annotated: Sequence[AnnotatedArticle], facts: Sequence[Sequence[FactRow]], rules: CandidateRules, unigrams: bool
) -> None:
    """Hand :func:`compute_facts`' values of ``annotated`` (same order) to the memo."""
    kinds = (
        f"concepts/{int(unigrams)}", versions_kind(rules, unigrams), "quantities/keyed", "quantities/all",
        "overlap/features", None, "overlap/phrase_text",
    )
    pairs = [(ann, s, row) for ann, rows in zip(annotated, facts, strict=True) for s, row in zip(ann.sentences, rows, strict=True)]
    for k, kind in enumerate(kinds):
        if kind is not None:
            MEMO.prime(kind, ((s.text, row[k]) for _, s, row in pairs))
    for ann, s, row in pairs:
        if row[5] is not None:
            MEMO.prime(_timeline().entry_kind(ann.article.published), [(s.text, row[5][0])])


def encode_facts(annotated: AnnotatedArticle, rules: CandidateRules, unigrams: bool) -> bytes:
    """The sentence facts of one article (sentence order), as a compressed JSON blob.

    Computed by the functions themselves, not through the memo: ingest goes through thousands of
    articles, and the memo would keep all of their facts in memory."""
    rows = []
    published = annotated.article.published
    dated = {d.sentence for d in annotated.dates}
    for s in annotated.sentences:
        concepts, judged, keyed, every, (words, bigrams), entry, phrase_text = _fact_row(
            s.text, rules, unigrams, published, s.index in dated
        )
        versions = [
            # A version's concepts are written out only when they are not the sentence's own.
            [v.text, 0 if v.concepts == concepts else sorted(v.concepts), int(v.compressed), v.verdict, v.words]
            for v in judged
        ]
        quantities = [[_plain_quantity(q) for q in found] for found in (keyed, every)]
        # 0 for a sentence that names no date (never asked).
        rows.append([sorted(concepts), versions, *quantities, sorted(words), sorted(bigrams), list(entry or ()) or 0, phrase_text])
    doc = {
        "versions": versions_kind(rules, unigrams), "concepts": f"concepts/{int(unigrams)}", "sentences": rows,
        # The article's word shingles (syndication's copy test, overlap.word_shingles).
        "shingles": sorted(find_shingles(annotated.article.body, SHINGLE_SIZE)),
    }
    return zlib.compress(json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 1)


def prime_facts(annotated: Sequence[AnnotatedArticle], stored: Mapping[int, tuple[str, bytes]], seqs: Sequence[int]) -> int:
    """Hand the stored facts of ``annotated`` (``seqs[i]`` is where ``annotated[i]`` is stored;
    ``stored``: seq -> (version, blob)) to the memo; how many articles had usable ones. Rows of
    another version, damaged or not matching the article's sentences are skipped (computed on
    the fly)."""
    version = facts_version()
    # The memo holds one story's stored facts at a time (a server briefs one story after another).
    MEMO.clear()
    used = 0
    for seq, ann in zip(seqs, annotated, strict=True):
        row = stored.get(seq)
        if row is None or row[0] != version:
            continue
        try:
            doc = json.loads(zlib.decompress(row[1]))
            pairs = _decode(ann, doc)
        except (ValueError, TypeError, KeyError, IndexError, zlib.error):
            continue  # an unreadable row is only a missed shortcut
        for kind, values in pairs.items():
            MEMO.prime(kind, values)
        used += 1
    return used


def _decode(ann: AnnotatedArticle, doc: dict[str, Any]) -> dict[str, list[tuple[str, Any]]]:
    rows = doc["sentences"]
    if len(rows) != len(ann.sentences):
        raise ValueError("stored facts do not match the article's sentences")
    entries = _timeline().entry_kind(ann.article.published)
    out: dict[str, list[tuple[str, Any]]] = {
        doc["concepts"]: [], doc["versions"]: [], "quantities/keyed": [], "quantities/all": [], "overlap/features": [],
        entries: [], "overlap/phrase_text": [],
        f"overlap/shingles/{SHINGLE_SIZE}": [(ann.article.body, frozenset(doc["shingles"]))],
    }
    for s, (concepts_raw, versions_raw, keyed, every, words, bigrams, entry, phrase_text) in zip(ann.sentences, rows, strict=True):
        concepts = frozenset(concepts_raw)
        versions = tuple(
            _new(SentenceVersion, {"text": text, "concepts": concepts if own == 0 else frozenset(own),
                                   "compressed": bool(short), "verdict": verdict, "words": n_words})
            for text, own, short, verdict, n_words in versions_raw
        )
        out[doc["concepts"]].append((s.text, concepts))
        out[doc["versions"]].append((s.text, versions))
        out["quantities/keyed"].append((s.text, tuple(_quantity(q) for q in keyed)))
        out["quantities/all"].append((s.text, tuple(_quantity(q) for q in every)))
        out["overlap/features"].append((s.text, (frozenset(words), frozenset(bigrams))))
        if entry != 0:
            out[entries].append((s.text, entry[0]))
        out["overlap/phrase_text"].append((s.text, phrase_text))
    return out


def _plain_quantity(q: Quantity) -> list[Any]:
    return [sorted(v) if isinstance(v, frozenset) else v for v in (getattr(q, f) for f in _QUANTITY_FIELDS)]


def _quantity(values: Iterable[Any]) -> Quantity:
    fields = dict(zip(_QUANTITY_FIELDS, values, strict=True))
    for f in _SET_FIELDS:
        fields[f] = frozenset(fields[f])
    return _new(Quantity, fields)


# Frozen dataclasses without __post_init__ or slots: a stored story's tens of thousands of
# versions and quantities get their fields set directly, as their __init__ would set them (equal
# and hash-equal), at a fifth of its cost (it sets each through object.__setattr__).
_DIRECT: dict[type[Any], bool] = {cls: not hasattr(cls, "__post_init__") and not hasattr(cls, "__slots__") for cls in (SentenceVersion, Quantity)}


def _new(cls: type[T], fields: dict[str, Any]) -> T:
    """``cls(**fields)``, with ``fields`` given in declaration order (every field)."""
    if not _DIRECT[cls]:
        return cls(**fields)
    made = object.__new__(cls)
    made.__dict__.update(fields)
    return made
