"""The summary: the story's most important sentences, within the word budget, each with its sources.

Steps (see :func:`summarize`):

1. **candidates**: every article sentence that can stand alone in a summary. Headline fragments,
   very short or very long sentences, broken or unattributed quotes and questions are left out; a
   sentence that opens on an unresolved reference ("He", "But", "This") is kept only as the
   follower of the sentence before it in its article (it is chosen only if that one is, and is
   printed right after it).
2. **concepts** (:mod:`newsbrief.concepts`): stemmed word bigrams, weighted by how many articles
   state them, with a bonus when they appear in an article's opening sentences, where news puts
   what matters.
3. **selection**: the set of candidates that covers the most concept weight within the budget, an
   integer linear program (Gillick & Favre 2009) solved exactly by HiGHS through
   ``scipy.optimize.milp``. A concept counts once however many chosen sentences state it, which is
   what keeps the summary from repeating itself; on top of that, two sentences whose embeddings
   are closer than ``Settings.summary_redundancy`` are never both chosen.
4. **order**: by publication date (undated last), then the input order of the articles, then
   position in the article, so a follower sits right after its antecedent.
5. **sources**: each sentence carries the sources of the claim it belongs to
   (:func:`newsbrief.claims.align_claims`): every article that states it.

Tuned constants are in :class:`SummaryParams`; their values come from 5-fold cross-validation over
the 25 development clusters of DUC 2004 (see ``benchmarks/results/ablation.md``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .concepts import count_documents, count_words, find_concepts
from .config import Settings
from .models import AnnotatedArticle, Claim, SentenceRef, SummarySentence


@dataclass(frozen=True)
class SummaryParams:
    """Knobs of the summariser. Defaults: 5-fold CV on the DUC 2004 dev half, see
    benchmarks/results/ablation.md (each value there with its spread over the folds)."""

    # Sentences shorter than this (in words) are headline fragments or datelines, not statements.
    min_words: int = 8
    # Longer sentences are usually run-ons of several facts that eat the budget.
    max_words: int = 60
    # A concept must appear in at least this many articles (capped by the number of articles).
    min_df: int = 2
    # Concept weight: (articles stating it + lead_bonus * articles stating it in their first
    # lead_sentences sentences) ** df_exponent, scaled so the heaviest concept weighs 1. An exponent
    # above 1 favours what most articles repeat over what a few mention.
    df_exponent: float = 3.0
    lead_bonus: float = 0.0
    lead_sentences: int = 3
    # Weight of stemmed content words as concepts of their own, relative to bigrams (0 = bigrams only).
    unigram_weight: float = 0.1
    # Reward per word of a chosen sentence (in units of the heaviest concept): between summaries
    # covering about the same concepts, prefer the one that uses the budget.
    length_bonus: float = 0.01
    # Weight, per word, of a sentence's similarity to the story's centroid embedding.
    centrality_weight: float = 0.0
    # Also offer shortened versions of sentences: without a leading connective ("But", "And") or
    # without a parenthetical aside ("(...)", "_ ... _", "-- ... --").
    compress: bool = True
    # Keep candidates opening on "He", "But"... as followers of the sentence before them.
    allow_followers: bool = True
    # Keep sentences with a direct quote when the quote is attributed to a named speaker.
    allow_quotes: bool = True


DEFAULT_PARAMS = SummaryParams()
MIP_GAP = 1e-4
DISP = False

# Openers that refer back to something the reader of a summary has not seen.
_DEPENDENT_OPENERS = frozenset(
    """he she they it this that these those his her their its him them but also and or however
    still yet such so then thus instead nevertheless moreover furthermore besides meanwhile
    otherwise there both another others later afterward afterwards earlier here hence
    nonetheless similarly likewise accordingly indeed""".split()
)
_PERSONAL = frozenset("he she his her him they their them".split())
_QUOTE_CHARS = re.compile(r"``|''|[\"\u201c\u201d]")
_TERMINAL = re.compile(r"[.!?][\"'\u201d\u2019)\]]*$")
_SPEECH = re.compile(
    r"\b(said|says|say|told|tells|added|adds|asked|asks|wrote|writes|declared|stated|according to"
    r"|announced|explained|insisted|warned|argued|noted|recalled|replied|quoted)\b",
    re.IGNORECASE,
)
_PRONOUN_SPEAKER = re.compile(
    r"(\b(he|she|they|it|i|we)\s+(said|says|added|told|asked|wrote|declared|stated|explained|"
    r"insisted|warned|argued|noted|recalled|replied)\b)|(\b(said|says|added)\s+(he|she|they)\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Candidate:
    """A sentence (or a shortened version of one) that may go into the summary."""

    article: int  # position of its article in the input
    ref: SentenceRef
    text: str
    words: int
    # The sentence this one must follow (the one before it in its article), if it is a follower.
    follows: SentenceRef | None
    concepts: frozenset[str]
    compressed: bool = False


def has_bare_speaker(text: str) -> bool:
    """True when a statement is attributed to a lone capitalised word ("..., Wang said."): a surname
    or short name whose full form the sentence does not give."""
    for m in _SPEAKER_AFTER.finditer(text):
        before = m.group(1).strip("`'\"\u201d")
        if not before or not before[0].isupper() or before.endswith(","):
            return True
    return bool(_SPEAKER_BEFORE.search(text))


def judge_sentence(text: str, params: SummaryParams = DEFAULT_PARAMS) -> str | None:
    """Why ``text`` cannot stand alone in a summary (``"follower"`` when it can, but only right
    after the sentence before it), or None when it can."""
    words = text.split()
    n = len(words)
    if n < params.min_words:
        return "too short"
    if n > params.max_words:
        return "too long"
    if not _TERMINAL.search(text):
        return "fragment"
    first = text.lstrip("`'\"\u201c\u2018(")
    if not first or not (first[0].isupper() or first[0].isdigit()):
        return "fragment"
    letters = [c for c in text if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) > 0.5 * len(letters):
        return "headline"
    if text.rstrip("`'\"\u201d\u2019) ").endswith("?"):
        return "question"
    marks = _QUOTE_CHARS.findall(text)
    if marks:
        opening = sum(m in ("``", "\u201c") for m in marks)
        closing = sum(m in ("''", "\u201d") for m in marks)
        straight = sum(m == '"' for m in marks)
        if straight % 2 or (opening + closing and opening != closing):
            return "broken quote"
        if not params.allow_quotes:
            return "quote"
        if not _SPEECH.search(_QUOTE_SPAN.sub(" ", text)):
            return "unattributed quote"
    # "..., he said." / "..., Wang added." / "Wang said ...": a speaker the reader has not met yet
    # (news gives the full name once, then the surname), or a continuation ("added").
    if _PRONOUN_SPEAKER.search(text) or has_bare_speaker(text) or _ADDED.search(text):
        return "follower"
    opening_speaker = _OPENING_SPEAKER.match(first)
    if opening_speaker and opening_speaker.group(1).lower() not in _GROUP_SPEAKERS:
        return "follower"
    # First or second person outside quotation marks: a quote that lost its marks or its speaker.
    if _FIRST_PERSON.search(_QUOTE_SPAN.sub(" ", text)):
        return "unattributed quote"
    opener = re.match(r"[A-Za-z']+", first)
    if opener and opener.group(0).lower() in _DEPENDENT_OPENERS:
        return "follower"
    # A personal pronoun in the opening words with no name before it ("After he arrived, ...").
    head = re.findall(r"[A-Za-z']+", first)[:5]
    for i, w in enumerate(head):
        if w.lower() in _PERSONAL:
            if not any(x[0].isupper() for x in head[1:i]):
                return "follower"
            break
    return None


_SPEECH_VERBS = (
    r"(?:said|says|added|adds|told|asked|wrote|declared|stated|explained|insisted|warned|argued|"
    r"noted|recalled|replied|continued|stressed|concluded)"
)
# "..., Wang said." / "..., said Wang." (checked by has_bare_speaker)
_SPEAKER_AFTER = re.compile(rf"(\S+) ([A-Z][a-z]+) {_SPEECH_VERBS}[.,]")
_SPEAKER_BEFORE = re.compile(rf", {_SPEECH_VERBS} ([A-Z][a-z]+)[.,]")
_ADDED = re.compile(r"\b(added|adds|continued)\b[^.]{0,40}[.]$|\b(he|she|they) (added|continued)\b")
_OPENING_SPEAKER = re.compile(rf"([A-Z][a-z]+) {_SPEECH_VERBS}\b")
# Plural or collective subjects that need no introduction ("Police said ...").
_GROUP_SPEAKERS = frozenset(
    """police officials authorities analysts critics witnesses experts residents doctors
    investigators officers prosecutors diplomats sources reports observers economists
    scientists researchers lawyers negotiators organizers rescuers firefighters""".split()
)
_FIRST_PERSON = re.compile(r"\b(I|we|We|me|us|my|My|our|Our|you|You|your|Your)\b|\b(I'm|we're|We're|I've|we've)")
_QUOTE_SPAN = re.compile(r"(``|\u201c|\").*?(''|\u201d|\")", re.DOTALL)
# Connectives that tie a sentence to the one before it and can go without changing what it states.
# Those that double as adverbs ("Still", "Yet", "Also") only when a comma sets them off.
_CONNECTIVE = re.compile(
    r"^(?:(?:But|And|However|Meanwhile|Moreover|Furthermore|Nevertheless|Nonetheless|Indeed|"
    r"In fact|In addition|Besides|Still|Yet|Also),|But|And|However|Meanwhile|Moreover|"
    r"Furthermore|Nevertheless|Nonetheless|Indeed)\s+(?=[A-Za-z0-9])"
)
# A paired aside: "(...)" or the same dash on both sides; not when a relative pronoun or a new
# clause follows it (removing the aside would re-attach that clause to the wrong noun).
_ASIDE = re.compile(
    r"\s+(?P<d>_|--|\u2014|\u2013)\s+[^_\u2014\u2013()]{3,150}?\s+(?P=d)(?=\s)|\s+\([^()]{2,150}\)(?=[\s,.;:])"
)
_NO_REATTACH = re.compile(
    r"^\s*(that|which|who|whom|whose|where|when|he|she|it|they|we|i|you|there)\b", re.IGNORECASE
)
# Sentences opening on a subordinate clause use the closing dash of an aside as the clause break.
_SUBORDINATE = re.compile(r"^(While|Although|Though|If|When|As|Because|Since|After|Before|Unless|Whether)\b")


def compress_sentence(text: str) -> list[str]:
    """Shortened versions of ``text`` that state the same thing and stay grammatical: without a
    leading connective, without its parenthetical asides, or both. Quotes are left untouched."""
    out: list[str] = []
    stripped = _CONNECTIVE.sub("", text, count=1)
    if stripped != text:
        stripped = stripped[0].upper() + stripped[1:]
        out.append(stripped)
    if _QUOTE_CHARS.search(text):
        return out
    for base in (text, stripped):
        if _SUBORDINATE.match(base):
            continue
        pieces: list[str] = []
        pos = 0
        for m in _ASIDE.finditer(base):
            if _NO_REATTACH.match(base[m.end() :]):
                continue
            pieces.append(base[pos : m.start()])
            pos = m.end()
        if pos:
            pieces.append(base[pos:])
            short = " ".join("".join(pieces).split()).replace(" ,", ",")
            # "at 8:30 a.m. (0630 GMT)." must not end in "a.m..".
            short = re.sub(r"(?<!\.)\.\.(?!\.)", ".", short)
            if short not in out and short != text:
                out.append(short)
    return out


def find_candidates(
    annotated: Sequence[AnnotatedArticle], params: SummaryParams = DEFAULT_PARAMS
) -> tuple[list[Candidate], list[list[frozenset[str]]]]:
    """Candidates of every article (see :func:`judge_sentence`; with :func:`compress_sentence`
    variants when ``params.compress``), and the concept sets of all sentences per article (for
    document frequencies)."""
    candidates: list[Candidate] = []
    concept_sets: list[list[frozenset[str]]] = []
    unigrams = params.unigram_weight > 0
    for a_pos, ann in enumerate(annotated):
        sets = [find_concepts(s.text, unigrams) for s in ann.sentences]
        concept_sets.append(sets)
        # Sentences of this article that have at least one candidate version.
        placed: set[int] = set()
        for s, cs in zip(ann.sentences, sets, strict=True):
            ref = SentenceRef(ann.article.id, s.index)
            text = " ".join(s.text.split())
            versions = [(text, cs, False)]
            if params.compress:
                versions += [(v, find_concepts(v, unigrams), True) for v in compress_sentence(text)]
            for v_text, v_concepts, compressed in versions:
                verdict = judge_sentence(v_text, params)
                follows: SentenceRef | None = None
                if verdict == "follower":
                    if not params.allow_followers or s.index - 1 not in placed:
                        continue
                    follows = SentenceRef(ann.article.id, s.index - 1)
                elif verdict is not None:
                    continue
                candidates.append(
                    Candidate(a_pos, ref, v_text, count_words(v_text), follows, v_concepts, compressed)
                )
                placed.add(s.index)
    return candidates, concept_sets


def weigh_concepts(
    annotated: Sequence[AnnotatedArticle],
    concept_sets: Sequence[Sequence[frozenset[str]]],
    params: SummaryParams = DEFAULT_PARAMS,
) -> dict[str, float]:
    """Weight of each concept (see :class:`SummaryParams`), the heaviest scaled to 1. Concepts
    stated by fewer than ``min_df`` articles get no weight (they are dropped)."""
    df = count_documents(concept_sets)
    min_df = max(1, min(params.min_df, len(annotated) - 1))
    raw: dict[str, float] = {c: float(n) for c, n in df.items() if n >= min_df}
    if params.lead_bonus:
        for sets in concept_sets:
            lead: set[str] = set()
            for cs in sets[: params.lead_sentences]:
                lead |= cs
            for c in lead:
                if c in raw:
                    raw[c] += params.lead_bonus
    weights: dict[str, float] = {}
    for c, v in raw.items():
        w = v**params.df_exponent
        weights[c] = w * params.unigram_weight if c.startswith("1:") else w
    top = max(weights.values(), default=1.0) or 1.0
    return {c: w / top for c, w in weights.items()}


def score_centrality(
    annotated: Sequence[AnnotatedArticle], candidates: Sequence[Candidate]
) -> npt.NDArray[np.float64]:
    """Cosine of each candidate's embedding to the centroid of all sentences of the story."""
    rows = [a.embeddings for a in annotated if a.embeddings.ndim == 2 and a.embeddings.shape[0]]
    if not rows or not candidates:
        return np.zeros(len(candidates))
    centroid = np.vstack(rows).astype(np.float64).mean(axis=0)
    centroid /= max(float(np.linalg.norm(centroid)), 1e-12)
    vecs = candidate_vectors(annotated, candidates)
    return vecs @ centroid if vecs is not None else np.zeros(len(candidates))


def candidate_vectors(
    annotated: Sequence[AnnotatedArticle], candidates: Sequence[Candidate]
) -> npt.NDArray[np.float64] | None:
    """Embedding rows of the candidates, or None when the map stage made no embeddings."""
    out = []
    for c in candidates:
        emb = annotated[c.article].embeddings
        if emb.ndim != 2 or emb.shape[0] <= c.ref.sentence:
            return None
        out.append(emb[c.ref.sentence])
    return np.asarray(out, dtype=np.float64) if out else None


def find_redundant_pairs(
    annotated: Sequence[AnnotatedArticle], candidates: Sequence[Candidate], threshold: float
) -> list[tuple[int, int]]:
    """Pairs of candidates (i < j) whose embeddings' cosine exceeds ``threshold``."""
    vecs = candidate_vectors(annotated, candidates)
    if vecs is None:
        return []
    sim = vecs @ vecs.T
    ii, jj = np.nonzero(np.triu(sim > threshold, k=1))
    return [(int(i), int(j)) for i, j in zip(ii, jj, strict=True)]


def select_sentences(
    candidates: Sequence[Candidate],
    weights: dict[str, float],
    budget: int,
    redundant: Sequence[tuple[int, int]] = (),
    bonus: npt.NDArray[np.float64] | None = None,
) -> list[int]:
    """Indices of the candidates that maximise covered concept weight (+ per-candidate ``bonus``)
    with at most ``budget`` words in all, one version per sentence, no redundant pair and no
    follower without the sentence before it. Solved exactly as an integer linear program (HiGHS);
    ties go to earlier articles and sentences."""
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import coo_matrix

    usable = [i for i, c in enumerate(candidates) if c.words <= budget]
    if not usable:
        return []
    pos = {i: p for p, i in enumerate(usable)}
    # Exact reduction: concepts held by the same set of candidates become one variable (weights
    # summed), and a concept held by a single candidate is just part of that candidate's value.
    # This shrinks the program several-fold, which is most of the solver's time.
    holders: dict[str, list[int]] = {}
    for i in usable:
        for k in candidates[i].concepts:
            if k in weights:
                holders.setdefault(k, []).append(pos[i])
    value = np.zeros(len(usable))
    merged: dict[tuple[int, ...], float] = {}
    for k in sorted(holders):
        hs = tuple(holders[k])
        if len(hs) == 1:
            value[hs[0]] += weights[k]
        else:
            merged[hs] = merged.get(hs, 0.0) + weights[k]
    groups = sorted(merged)
    n_var = len(usable) + len(groups)
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    upper: list[float] = []

    def add_row(entries: Sequence[tuple[int, float]], hi: float) -> None:
        r = len(upper)
        for c, v in entries:
            rows.append(r)
            cols.append(c)
            vals.append(v)
        upper.append(hi)

    add_row([(pos[i], float(candidates[i].words)) for i in usable], float(budget))
    # A concept group is covered only if some chosen sentence holds it.
    for g, hs in enumerate(groups):
        add_row([(len(usable) + g, 1.0)] + [(p, -1.0) for p in hs], 0.0)
    versions: dict[SentenceRef, list[int]] = {}
    for i in usable:
        versions.setdefault(candidates[i].ref, []).append(pos[i])
    for group in versions.values():
        if len(group) > 1:
            add_row([(p, 1.0) for p in group], 1.0)
    for i, j in redundant:
        if i in pos and j in pos and candidates[i].ref != candidates[j].ref:
            add_row([(pos[i], 1.0), (pos[j], 1.0)], 1.0)
    for i in usable:
        f = candidates[i].follows
        if f is not None:
            add_row([(pos[i], 1.0)] + [(p, -1.0) for p in versions.get(f, [])], 0.0)

    cost = np.zeros(n_var)
    for g, hs in enumerate(groups):
        cost[len(usable) + g] = -merged[hs]
    for p, i in enumerate(usable):
        c = candidates[i]
        # Tie-break far below any real difference: earlier articles and sentences, full versions.
        cost[p] = -value[p] + 1e-7 * (c.article + c.ref.sentence / 1000.0 + c.compressed) / (1 + len(candidates))
        if bonus is not None:
            cost[p] -= float(bonus[i])
    integrality = np.zeros(n_var)
    integrality[: len(usable)] = 1
    a = coo_matrix((vals, (rows, cols)), shape=(len(upper), n_var)).tocsr()
    res = milp(
        cost,
        constraints=LinearConstraint(a, np.full(len(upper), -np.inf), np.array(upper)),
        integrality=integrality,
        bounds=Bounds(0.0, 1.0),
        options={"mip_rel_gap": MIP_GAP, "disp": DISP},
    )
    if res.x is None:
        return select_greedily(candidates, weights, budget, redundant)
    return sorted(usable[p] for p in range(len(usable)) if res.x[p] > 0.5)


def select_greedily(
    candidates: Sequence[Candidate],
    weights: dict[str, float],
    budget: int,
    redundant: Sequence[tuple[int, int]] = (),
) -> list[int]:
    """Fallback when the solver gives no answer: add the candidate with the most new concept weight
    per word until nothing fits."""
    banned: dict[int, set[int]] = {}
    for i, j in redundant:
        banned.setdefault(i, set()).add(j)
        banned.setdefault(j, set()).add(i)
    chosen: list[int] = []
    refs: set[SentenceRef] = set()
    covered: set[str] = set()
    used = 0
    while True:
        best, best_gain = -1, 0.0
        for i, c in enumerate(candidates):
            if c.ref in refs or used + c.words > budget or banned.get(i, set()) & set(chosen):
                continue
            if c.follows is not None and c.follows not in refs:
                continue
            gain = sum(weights.get(k, 0.0) for k in c.concepts - covered) / c.words
            if gain > best_gain:
                best, best_gain = i, gain
        if best < 0:
            return sorted(chosen)
        chosen.append(best)
        refs.add(candidates[best].ref)
        covered |= candidates[best].concepts
        used += candidates[best].words


def order_key(annotated: Sequence[AnnotatedArticle], c: Candidate) -> tuple[dt.date, str, int, int]:
    """Reading order: publication date (undated last), time of day, article input order, position."""
    art = annotated[c.article].article
    return (art.published or dt.date.max, art.published_time or "", c.article, c.ref.sentence)


def attach_sources(
    annotated: Sequence[AnnotatedArticle], claims: Sequence[Claim], chosen: Sequence[Candidate]
) -> tuple[SummarySentence, ...]:
    """Summary sentences with the sources and independent-source count of their claims."""
    claim_of: dict[SentenceRef, Claim] = {}
    for cl in claims:
        for m in cl.members:
            claim_of.setdefault(m, cl)
    out: list[SummarySentence] = []
    for c in chosen:
        cl = claim_of.get(c.ref)
        if cl is None:
            out.append(SummarySentence(c.text, (c.ref.article_id,), 1))
            continue
        sources = cl.sources if c.ref.article_id in cl.sources else (c.ref.article_id, *cl.sources)
        out.append(SummarySentence(c.text, tuple(sources), max(1, cl.independent_sources)))
    return tuple(out)


def summarize(
    annotated: Sequence[AnnotatedArticle],
    claims: Sequence[Claim],
    settings: Settings,
    params: SummaryParams = DEFAULT_PARAMS,
) -> tuple[SummarySentence, ...]:
    """The story's extractive summary: at most ``settings.words`` words, in reading order, each
    sentence with every article that states it."""
    if not annotated:
        return ()
    candidates, concept_sets = find_candidates(annotated, params)
    if not candidates:
        # Nothing passes the filters (tiny or odd articles): fall back to the articles' openings
        # rather than an empty summary.
        candidates, concept_sets = find_candidates(annotated, FALLBACK_PARAMS)
    weights = weigh_concepts(annotated, concept_sets, params)
    redundant = find_redundant_pairs(annotated, candidates, settings.summary_redundancy)
    words = np.array([c.words for c in candidates], dtype=np.float64)
    bonus = params.length_bonus * words
    if params.centrality_weight:
        bonus += params.centrality_weight * score_centrality(annotated, candidates) * words
    chosen = select_sentences(candidates, weights, settings.words, redundant, bonus)
    ordered = sorted((candidates[i] for i in chosen), key=lambda c: order_key(annotated, c))
    return attach_sources(annotated, claims, ordered)


# Used only when no sentence of the story passes the normal filters.
FALLBACK_PARAMS = SummaryParams(min_words=4, max_words=10_000, allow_quotes=True)
