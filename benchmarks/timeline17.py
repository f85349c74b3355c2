"""Timeline17 benchmark: newsbrief's timeline under the usual timeline-summarisation protocol.

Data: ../shared/bench/timeline17/<topic>_<outlet>/ (6 of the 17 Timeline17 topics; the rest are
held out). Articles are PTB-tokenised, one sentence per line, one folder per publication date; the
reference timelines are "date line, event sentences, dashes".

Protocol (Ghalandari & Ifrim 2020, as in their news-tls ``experiments/evaluate.py``): for each
reference timeline, the input is the articles published between its first and last date, the
system is given L = the reference's number of dates and K = round(mean sentences per date), and
dates outside that span may not be chosen. Scores:

* Date-F1: exact-day match of the chosen dates against the reference dates.
* Alignment-based ROUGE-1/2 F1, tilse's ``align_date_content_costs_many_to_one`` ("align+ m:1",
  Martschat & Markert 2017), re-implemented here approximately: each predicted date is aligned to
  the reference date of least cost (date-distance factor 1 - 1/(|d-d'|+1) times content factor
  1 - unigram F1), each reference date likewise to a predicted date; matched n-gram counts are
  weighted by 1/(|d-d'|+1), precision over all predicted n-grams, recall over all reference
  n-grams. Also "concat" (all sentences of each timeline pooled) and "agreement" (same-date only).
  N-grams come from the ``rouge_score`` tokenizer with Porter stemming, counted within sentences;
  unlike tilse's ROUGE-1.5.5 call, stopwords are kept, so ROUGE figures are not directly comparable
  with published ones (Date-F1 is).

Published Date-F1 over all 19 Timeline17 timelines: DATEWISE 0.544, PUBCOUNT 0.481, CLUST 0.407.

Held out: the date weights (``newsbrief.story.date_rank.DATE_WEIGHTS``, the one setting of date
selection fitted to data) are chosen by ``timeline17_dates.choose``. Beside the in-sample table
(shipped weights, chosen on all topics) the report gives, per topic, the figures with weights chosen
without that topic (leave-one-topic-out) and without any topic of its subject (leave-one-subject-out:
the three H1N1 outlets go out together), with mean and spread over topics.

Usage: ``python benchmarks/timeline17.py [--data DIR] [--out benchmarks/results/timeline17.md]
[--cache DIR] [--fit]`` (``--cache`` keeps the annotations between runs; ``--fit`` only prints the
weights chosen on all topics beside the shipped ones).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import inspect
import pickle
import re
import resource
import sys
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from newsbrief.config import load_settings
from newsbrief.annotate.dateforms import scan_expressions
from newsbrief.annotate.dates import find_dates
from newsbrief.models import AnnotatedArticle, Article, DateMention, Sentence
from newsbrief.annotate.resources import Resources
from newsbrief.story.context import StoryContext, build_story
from newsbrief.story.date_rank import DATE_WEIGHTS
from newsbrief.story.timeline import PUB_SENTENCES, build_timeline

import timeline17_dates as dates_mod

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "bench" / "timeline17"
OUT = ROOT / "benchmarks" / "results" / "timeline17.md"
PUBLISHED = {"DATEWISE": 0.544, "PUBCOUNT": 0.481, "CLUST": 0.407}

_PTB = [
    (r"-LRB-", "("), (r"-RRB-", ")"), (r"-LSB-", "["), (r"-RSB-", "]"), (r"-LCB-", "{"), (r"-RCB-", "}"),
    (r"``\s*", '"'), (r"\s*''", '"'), (r"¬\s*#\s*", "£"), (r"\$\s+(?=\d)", "$"),
    (r"\(\s+", "("), (r"\s+\)", ")"), (r"\s+([,.;:!?%])", r"\1"),
    (r"\s+(n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1"), (r"\s{2,}", " "),
]  # fmt: skip


def detokenize(line: str) -> str:
    """Undo PTB tokenisation well enough for spaCy and for reading ("-LRB- DEA -RRB-" -> "(DEA)")."""
    for pat, rep in _PTB:
        line = re.sub(pat, rep, line)
    return line.strip()


@dataclass(frozen=True)
class Reference:
    name: str
    dates: dict[dt.date, list[str]]  # date -> event sentences
    skipped: int  # date lines that are not dates ("2011-04-0")


def read_reference(path: Path) -> Reference:
    """A reference timeline; a date repeated in the file has its sentences pooled."""
    dates: dict[dt.date, list[str]] = {}
    skipped = 0
    for block in re.split(r"\n-{5,}\s*\n?", path.read_text(encoding="utf-8", errors="replace")):
        lines = [ln.strip() for ln in block.strip().split("\n") if ln.strip()]
        if not lines:
            continue
        try:
            day = dt.date.fromisoformat(lines[0])
        except ValueError:
            skipped += 1
            continue
        dates.setdefault(day, []).extend(detokenize(s) for s in lines[1:])
    return Reference(path.stem, dates, skipped)


def read_articles(topic: Path, start: dt.date, end: dt.date) -> list[tuple[Article, tuple[Sentence, ...]]]:
    """Articles published in [start, end], one body sentence per input line."""
    out = []
    for folder in sorted((topic / "InputDocs").iterdir()):
        try:
            pub = dt.date.fromisoformat(folder.name)
        except ValueError:
            continue
        if not start <= pub <= end:
            continue
        for f in sorted(folder.iterdir(), key=lambda p: p.name):
            lines = [detokenize(ln) for ln in f.read_text(encoding="utf-8", errors="replace").split("\n")]
            lines = [ln for ln in lines if ln]
            aid = f"{folder.name}/{f.name}"
            body = "\n\n".join(lines)
            sents, pos = [], 0
            for i, ln in enumerate(lines):
                sents.append(Sentence(aid, i, pos, pos + len(ln), ln, i))
                pos += len(ln) + 2
            out.append((Article(id=aid, path=str(f), body=body, published=pub), tuple(sents)))
    return out


def annotate(items: Sequence[tuple[Article, tuple[Sentence, ...]]], resources: Resources) -> list[AnnotatedArticle]:
    """Dates and embeddings only (the map stage's other annotators are not needed here).

    Two shortcuts keep a topic of hundreds of articles within the time budget, neither changing a
    result: spaCy parses only the lines in which the regex finder sees a date expression (a line
    without one yields no mention whatever its parse; lines are sentences, so a line parses as it
    would inside the body), and only the sentences the timeline can use (those with a date, and
    each article's first PUB_SENTENCES) are embedded; the other embedding rows are zero.
    """
    todo = [(ai, s) for ai, (_, sents) in enumerate(items) for s in sents if scan_expressions(s.text)]
    docs = resources.nlp.pipe((s.text for _, s in todo), batch_size=64)
    found: dict[int, list[DateMention]] = {}
    for (ai, s), doc in zip(todo, docs, strict=True):
        art = items[ai][0]
        one = replace(art, body=s.text)
        for m in find_dates(one, (replace(s, start=0, end=len(s.text)),), doc):
            found.setdefault(ai, []).append(replace(m, start=m.start + s.start, end=m.end + s.start))
    out = [
        AnnotatedArticle(article=a, sentences=sents, dates=tuple(found.get(ai, ())))
        for ai, (a, sents) in enumerate(items)
    ]
    wanted: list[tuple[int, int]] = []
    for ai, a in enumerate(out):
        dated = {m.sentence for m in a.dates}
        wanted.extend((ai, s.index) for s in a.sentences if s.index < PUB_SENTENCES or s.index in dated)
    vecs = resources.embedder.encode([out[ai].sentences[si].text for ai, si in wanted])
    dim = vecs.shape[1] if len(wanted) else 384
    mats = [np.zeros((len(a.sentences), dim), dtype=np.float32) for a in out]
    for row, (ai, si) in enumerate(wanted):
        mats[ai][si] = vecs[row]
    return [replace(a, embeddings=m) for a, m in zip(out, mats, strict=True)]


def _annotation_stamp() -> str:
    """Hash of the code an annotation depends on (a cached one from older code is not reused)."""
    src = ROOT / "src" / "newsbrief"
    h = hashlib.sha256()
    for path in sorted((src / "annotate").glob("date*.py")):
        h.update(path.read_bytes())
    for rel in ("annotate/resources.py", "models.py", "config.py"):
        h.update((src / rel).read_bytes())
    for fn in (detokenize, read_articles, annotate):
        h.update(inspect.getsource(fn).encode())
    h.update(repr(_PTB).encode())
    return h.hexdigest()[:16]


def annotate_cached(
    key: str, items: Sequence[tuple[Article, tuple[Sentence, ...]]], resources: Resources | None, cache: Path | None
) -> list[AnnotatedArticle]:
    """``annotate`` with an optional pickle cache (``cache``/key-stamp.pkl): date selection is then
    re-scored in seconds (the leave-one-topic-out search), not re-annotated in minutes."""
    path = cache / f"{key.replace('/', '__')}-{_annotation_stamp()}.pkl" if cache is not None else None
    if path is not None and path.is_file():
        loaded: list[AnnotatedArticle] = pickle.loads(path.read_bytes())
        return loaded
    if resources is None:
        raise RuntimeError(f"no cached annotation for {key} and no models loaded")
    out = annotate(items, resources)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps(out))
    return out


# --- scoring ---------------------------------------------------------------------------------


class Scorer:
    """ROUGE-N counts with the rouge_score tokenizer (lower case, Porter stemming)."""

    def __init__(self) -> None:
        from rouge_score import tokenizers

        self.tok = tokenizers.DefaultTokenizer(use_stemmer=True)
        self._cache: dict[str, list[str]] = {}

    def tokens(self, sent: str) -> list[str]:
        if sent not in self._cache:
            self._cache[sent] = self.tok.tokenize(sent)
        return self._cache[sent]

    def ngrams(self, sents: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
        c: Counter[tuple[str, ...]] = Counter()
        for s in sents:
            t = self.tokens(s)
            c.update(tuple(t[i : i + n]) for i in range(len(t) - n + 1))
        return c

    def counts(self, pred: Sequence[str], ref: Sequence[str], n: int) -> tuple[int, int, int]:
        """(matched, predicted total, reference total) n-gram counts."""
        p, r = self.ngrams(pred, n), self.ngrams(ref, n)
        return sum((p & r).values()), sum(p.values()), sum(r.values())

    def unigram_f1(self, pred: Sequence[str], ref: Sequence[str]) -> float:
        m, pt, rt = self.counts(pred, ref, 1)
        if m == 0:
            return 0.0
        return 2 * (m / pt) * (m / rt) / (m / pt + m / rt)


def f1(p: float, r: float) -> float:
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def score_dates(pred: set[dt.date], ref: set[dt.date]) -> tuple[float, float, float]:
    shared = len(pred & ref)
    p = shared / len(pred) if pred else 0.0
    r = shared / len(ref) if ref else 0.0
    return p, r, f1(p, r)


def score_align_m1(sc: Scorer, pred: dict[dt.date, list[str]], ref: dict[dt.date, list[str]], n: int) -> tuple[float, float]:
    """tilse's align+ m:1 (precision, recall) for ROUGE-n."""
    pd_, rd_ = sorted(pred), sorted(ref)
    if not pd_ or not rd_:
        return 0.0, 0.0

    def cost(a: dt.date, b: dt.date, pa: list[str], rb: list[str]) -> float:
        return (1 - 1 / (abs((a - b).days) + 1)) * (1 - sc.unigram_f1(pa, rb))

    num = den = 0.0
    for d in pd_:
        best = min(range(len(rd_)), key=lambda j: (cost(d, rd_[j], pred[d], ref[rd_[j]]), j))
        m, pt, _ = sc.counts(pred[d], ref[rd_[best]], n)
        num += m / (abs((d - rd_[best]).days) + 1)
        den += pt
    prec = num / den if den else 0.0
    num = den = 0.0
    for d in rd_:
        best = min(range(len(pd_)), key=lambda j: (cost(pd_[j], d, pred[pd_[j]], ref[d]), j))
        m, _, rt = sc.counts(pred[pd_[best]], ref[d], n)
        num += m / (abs((d - pd_[best]).days) + 1)
        den += rt
    return prec, (num / den if den else 0.0)


def score_concat(sc: Scorer, pred: dict[dt.date, list[str]], ref: dict[dt.date, list[str]], n: int) -> tuple[float, float]:
    ps = [s for d in sorted(pred) for s in pred[d]]
    rs = [s for d in sorted(ref) for s in ref[d]]
    m, pt, rt = sc.counts(ps, rs, n)
    return (m / pt if pt else 0.0), (m / rt if rt else 0.0)


def score_agreement(sc: Scorer, pred: dict[dt.date, list[str]], ref: dict[dt.date, list[str]], n: int) -> tuple[float, float]:
    m_sum = p_sum = r_sum = 0
    for d in set(pred) | set(ref):
        m, pt, rt = sc.counts(pred.get(d, []), ref.get(d, []), n)
        m_sum += m
        p_sum += pt if d in pred else 0
        r_sum += rt if d in ref else 0
    return (m_sum / p_sum if p_sum else 0.0), (m_sum / r_sum if r_sum else 0.0)


# --- driver ---------------------------------------------------------------------------------


@dataclass
class Row:
    name: str
    articles: int
    n_dates: int
    k: int
    date_prf: tuple[float, float, float]
    pubcount_f1: float  # Date-F1 of the PUBCOUNT baseline on the same articles
    align: dict[int, tuple[float, float]]
    concat: dict[int, tuple[float, float]]
    agree: dict[int, tuple[float, float]]
    seconds: float
    setting: str = ""  # the date-weight setting chosen without this topic (held-out rows)


@dataclass
class Topic:
    """One reference timeline with its input articles, annotated."""

    folder: Path
    ref: Reference
    annotated: list[AnnotatedArticle]
    seconds: float  # reading and annotating

    @property
    def name(self) -> str:
        return f"{self.folder.name}/{self.ref.name}"

    @property
    def k(self) -> int:
        return max(1, round(sum(len(v) for v in self.ref.dates.values()) / len(self.ref.dates)))


def load_topic(folder: Path, ref: Reference, resources: Resources, cache: Path | None) -> Topic:
    t0 = time.perf_counter()
    start, end = min(ref.dates), max(ref.dates)
    items = read_articles(folder, start, end)
    annotated = annotate_cached(f"{folder.name}/{ref.name}", items, resources, cache)
    return Topic(folder, ref, annotated, time.perf_counter() - t0)


def score_topic(topic: Topic, story: StoryContext, weights: Mapping[str, float], setting: str = "") -> Row:
    """The topic's timeline under the protocol with ``weights`` ranking the dates, scored."""
    t0 = time.perf_counter()
    ref = topic.ref
    start, end = min(ref.dates), max(ref.dates)
    n_dates = len(ref.dates)
    settings = replace(load_settings(), timeline_dates=n_dates, timeline_per_date=topic.k)
    events = build_timeline(story, (), settings, window=(start, end), date_weights=weights)
    pred: dict[dt.date, list[str]] = {}
    for e in events:
        if len(e.date) == 10:
            pred.setdefault(dt.date.fromisoformat(e.date), []).append(e.text)
    sc = Scorer()
    # PUBCOUNT baseline: the L days on which most articles were published (ties: earlier day).
    counts = Counter(a.article.published for a in topic.annotated if a.article.published is not None)
    pubcount = {d for d, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n_dates]}
    return Row(
        name=topic.name,
        articles=len(topic.annotated),
        n_dates=n_dates,
        k=topic.k,
        date_prf=score_dates(set(pred), set(ref.dates)),
        pubcount_f1=score_dates(pubcount, set(ref.dates))[2],
        align={n: score_align_m1(sc, pred, ref.dates, n) for n in (1, 2)},
        concat={n: score_concat(sc, pred, ref.dates, n) for n in (1, 2)},
        agree={n: score_agreement(sc, pred, ref.dates, n) for n in (1, 2)},
        seconds=time.perf_counter() - t0,
        setting=setting,
    )


def _avg_f(pairs: Sequence[tuple[float, float]]) -> float:
    # news-tls averages precision and recall over timelines, then takes F1 of the means.
    return f1(sum(p for p, _ in pairs) / len(pairs), sum(r for _, r in pairs) / len(pairs))


def render(rows: Sequence[Row], total_seconds: float, peak_mb: float, skipped: int) -> str:
    head = (
        "| timeline | articles | dates | K | Date-P | Date-R | Date-F1 | PUBCOUNT Date-F1 | AR-1 F | AR-2 F "
        "| concat R-1 F | concat R-2 F | agree R-1 F | agree R-2 F | s |\n"
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
    )
    lines = []
    for r in rows:
        lines.append(
            f"| {r.name} | {r.articles} | {r.n_dates} | {r.k} | {r.date_prf[0]:.3f} | {r.date_prf[1]:.3f} "
            f"| {r.date_prf[2]:.3f} | {r.pubcount_f1:.3f} | {f1(*r.align[1]):.3f} | {f1(*r.align[2]):.3f} | {f1(*r.concat[1]):.3f} "
            f"| {f1(*r.concat[2]):.3f} | {f1(*r.agree[1]):.3f} | {f1(*r.agree[2]):.3f} | {r.seconds:.1f} |"
        )
    date_f = _avg_f([(r.date_prf[0], r.date_prf[1]) for r in rows])
    lines.append(
        f"| **mean ({len(rows)})** | | | | | | **{date_f:.3f}** | {sum(r.pubcount_f1 for r in rows) / len(rows):.3f} | {_avg_f([r.align[1] for r in rows]):.3f} "
        f"| {_avg_f([r.align[2] for r in rows]):.3f} | {_avg_f([r.concat[1] for r in rows]):.3f} "
        f"| {_avg_f([r.concat[2] for r in rows]):.3f} | {_avg_f([r.agree[1] for r in rows]):.3f} "
        f"| {_avg_f([r.agree[2] for r in rows]):.3f} | {total_seconds:.1f} |"
    )
    pub = ", ".join(f"{k} {v:.3f}" for k, v in PUBLISHED.items())
    notes = (
        f"\nPublished Date-F1 (all 19 Timeline17 timelines, so not the same average): {pub}. "
        f"PUBCOUNT here is that baseline recomputed on these timelines' articles.\n"
        f"AR = alignment-based ROUGE F1 (tilse align+ m:1, re-implemented; rouge_score tokens, Porter "
        f"stemming, stopwords kept). Means: F1 of the mean precision and recall (news-tls).\n"
        f"Total {total_seconds:.1f} s, peak memory {peak_mb:.0f} MB (models included)."
        + (f" Reference date lines that are not dates, skipped: {skipped}." if skipped else "")
        + "\n"
    )
    return head + "\n".join(lines) + "\n" + notes


def render_held_out(inside: Sequence[Row], loto: Sequence[Row], loso: Sequence[Row]) -> str:
    """Per topic: Date-F1 and AR-1/2 in-sample, leave-one-topic-out and leave-one-subject-out,
    with the mean and spread (population standard deviation over topics) of each."""
    head = (
        "| timeline | in-sample Date-F1 | AR-1 | AR-2 | LOTO Date-F1 | AR-1 | AR-2 | LOTO setting "
        "| LOSO Date-F1 | AR-1 | AR-2 | LOSO setting |\n|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---|\n"
    )
    lines = []
    for a, b, c in zip(inside, loto, loso, strict=True):
        cells = [f"{r.date_prf[2]:.3f} | {f1(*r.align[1]):.3f} | {f1(*r.align[2]):.3f}" for r in (a, b, c)]
        lines.append(f"| {a.name} | {cells[0]} | {cells[1]} | {b.setting} | {cells[2]} | {c.setting} |")

    def summary(rows: Sequence[Row]) -> str:
        cols = [[r.date_prf[2] for r in rows], [f1(*r.align[1]) for r in rows], [f1(*r.align[2]) for r in rows]]
        return " | ".join(f"{np.mean(c):.3f} ± {np.std(c):.3f}" for c in cols)

    lines.append(f"| **mean ± sd ({len(inside)})** | {summary(inside)} | {summary(loto)} | | {summary(loso)} | |")
    return head + "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--cache", type=Path, default=None, help="keep annotations here (pickles) between runs")
    ap.add_argument("--fit", action="store_true", help="only print the date weights chosen on all topics")
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(f"no Timeline17 data at {args.data}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    resources = Resources(load_settings())
    topics, skipped = [], 0
    for folder in sorted(p for p in args.data.iterdir() if (p / "timelines").is_dir()):
        for path in sorted((folder / "timelines").glob("*.txt")):
            ref = read_reference(path)
            skipped += ref.skipped
            topics.append(load_topic(folder, ref, resources, args.cache))
    measured = [dates_mod.measure_topic(t.folder.name, t.annotated, sorted(t.ref.dates)) for t in topics]
    by_topic = {m.name: m.name for m in measured}
    by_subject = {m.name: m.subject for m in measured}
    setting, weights = dates_mod.choose(measured, by_topic)
    shipped = {f: w for f, w in DATE_WEIGHTS.items() if w}
    print(f"chosen on all {len(measured)} topics: {setting.describe()} {weights}; shipped: {shipped}", flush=True)
    if args.fit:
        return 0
    loto = dates_mod.choose_without(measured, by_topic)
    loso = dates_mod.choose_without(measured, by_subject)
    rows: dict[str, list[Row]] = {"in": [], "loto": [], "loso": []}
    for t, m in zip(topics, measured, strict=True):
        story = build_story(t.annotated, resources.settings)
        rows["in"].append(score_topic(t, story, DATE_WEIGHTS))
        rows["in"][-1].seconds += t.seconds
        for key, chosen in (("loto", loto), ("loso", loso)):
            s, w = chosen[m.name]
            rows[key].append(score_topic(t, story, w, f"{s.describe()}"))
        r, a, b = rows["in"][-1], rows["loto"][-1], rows["loso"][-1]
        print(f"{r.name}: Date-F1 {r.date_prf[2]:.3f} (LOTO {a.date_prf[2]:.3f}, LOSO {b.date_prf[2]:.3f})  "
              f"AR-1 {f1(*r.align[1]):.3f}  AR-2 {f1(*r.align[2]):.3f}  ({r.seconds:.1f} s)", flush=True)  # fmt: skip
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    table = render(rows["in"], time.perf_counter() - t0, peak_mb, skipped)
    held = render_held_out(rows["in"], rows["loto"], rows["loso"])
    weights_note = (
        f"\nShipped date weights (newsbrief.story.date_rank.DATE_WEIGHTS): {shipped}; the same choice "
        f"made on all {len(measured)} topics here: {setting.describe()} {weights}.\n"
    )
    print(table + "\n" + held + weights_note)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        f"# Timeline17 ({len(rows['in'])} development timelines)\n\n## Held out\n\n{held}{weights_note}\n"
        f"## In-sample (shipped weights)\n\n{table}",
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
