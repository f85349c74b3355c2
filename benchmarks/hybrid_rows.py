"""Which sentences MiniLM embeds on a big brief of files, and what estimating more of them changes.

A big brief of files (``annotate/hybrid.py``, :data:`~newsbrief.annotate.hybrid.MIN_CHARS` of body
text and up) runs the model on ``hybrid.model_rows`` (each article's lead and every sentence with
a figure, a date or a quote), estimates the other rows by a ridge map from static word-piece
vectors, and re-embeds the estimates near the off-topic line. This benchmark measures, offline,
what another choice of model rows would save and what it would change:

1. Each topic (``../shared/bench/timeline17/<topic>/InputDocs``, read as ``newsbrief brief DIR``
   reads it) goes through the map stage once with MiniLM on every sentence (``--cache`` keeps it).
2. Per policy, the rows it names keep the model's vector and ``hybrid.complete_vectors`` (the
   product code) fills the rest, with an embedder that returns the stored vector of a text and
   counts the texts it is asked for (the rows re-embedded near the off-topic line; a vector does
   not depend on what else is embedded with it, so this equals a real run bit for bit).
3. Printed per policy: the model rows, the re-embedded rows, and MiniLM's CPU seconds estimated
   from the word pieces of both (0.75 ms + 0.12 ms a piece, one int8 run a text on one thread:
   session 13's measurements, under load; a real run's CPU is the benchmark bigstory.py's);
   the brief's sections compared with the current policy's and with all-MiniLM's (lines that
   differ once citation numbers and report counts are taken out); and Timeline17's Date-F1 and
   alignment ROUGE under the protocol of benchmarks/timeline17.py, built on the same vectors
   (the articles of the reference's span, read as the brief reads them).

The Markdown briefs go to ``--out`` for reading. Rows of each kind (lead, figure, date, quote)
are counted first.

``--layers K`` (repeatable) adds two policies where the estimate is MiniLM's first K layers
(``benchmarks/minilm_layers.py``'s LayerVectors) instead of the static word-piece vectors:
``layersK-all`` (every row the K-layer vector, mapped by a ridge map fitted on DUC 2004 sentences;
no full-model row at all), ``lead+layersK`` (lead rows by the model, the rest the K-layer vector
through the product's ``complete_vectors``: the map fitted on the run's lead rows, the rows near
the off-topic line re-embedded by the model). Their MiniLM CPU counts an estimated row at
``--layer-cost K=RATIO`` of a full run's estimate (minilm_layers.py's measured ratio); the lead rows'
K-layer vectors are counted free (the full graph can hand out layer K's output in the same run).

Usage: ``python benchmarks/hybrid_rows.py [--topic NAME ...] [--policy NAME ...] [--cache DIR]
[--out DIR] [--results FILE] [--layers K --layer-cost K=RATIO ... --texts-dir DIR]``
"""

from __future__ import annotations

import argparse
import difflib
import pickle
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import numpy.typing as npt

from newsbrief.annotate import hybrid
from newsbrief.annotate.resources import Resources
from newsbrief.config import Settings, load_settings
from newsbrief.models import AnnotatedArticle

sys.path.insert(0, str(Path(__file__).resolve().parent))
import timeline17 as t17  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "bench" / "timeline17"
BIG = ("haiti_bbc", "MJ_bbc", "LibyaWar_cnn")  # the topics above hybrid.MIN_CHARS

Policy = Callable[[AnnotatedArticle], set[int]]


def _lead(a: AnnotatedArticle, k: int = hybrid.LEAD_ROWS) -> set[int]:
    return set(range(min(k, len(a.sentences))))


def _rows(mentions: Sequence[object], a: AnnotatedArticle) -> set[int]:
    return {m.sentence for m in mentions if 0 <= m.sentence < len(a.sentences)}  # type: ignore[attr-defined]


POLICIES: dict[str, Policy] = {
    "current": lambda a: set(hybrid.model_rows(len(a.sentences), a.figures, a.dates, a.quotes)),
    "all-model": lambda a: set(range(len(a.sentences))),
    # quote-only rows kept only when a quote of the sentence has a speaker
    "attributed-quotes": lambda a: _lead(a) | _rows(a.figures, a) | _rows(a.dates, a)
    | {m.sentence for m in a.quotes if m.speaker and 0 <= m.sentence < len(a.sentences)},
    "no-quote-only": lambda a: _lead(a) | _rows(a.figures, a) | _rows(a.dates, a),
    "lead+date": lambda a: _lead(a) | _rows(a.dates, a),
    "lead-only": lambda a: _lead(a),
    "lead3": lambda a: _lead(a, 3) | _rows(a.figures, a) | _rows(a.dates, a) | _rows(a.quotes, a),
}


class StoredEmbedder:
    """Returns the stored all-MiniLM vector of each text and remembers the texts asked for."""

    def __init__(self, table: dict[str, npt.NDArray[np.float32]], dim: int):
        self.table, self.dim = table, dim
        self.texts: list[str] = []

    def encode(self, texts: Sequence[str], batch_size: int = 16) -> npt.NDArray[np.float32]:
        self.texts.extend(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self.table[t] for t in texts])


class StoredResources:
    """What hybrid.complete_vectors reads of Resources: the stored embedder, the real static one."""

    def __init__(self, embedder: StoredEmbedder, real: Resources):
        self.embedder = embedder
        self.static_embedder = real.static_embedder
        self.settings = real.settings


def annotate_all(topic: str, resources: Resources, cache: Path | None) -> tuple[list[AnnotatedArticle], list[object]]:
    """The topic's folder read as the CLI reads it, every sentence embedded by the model."""
    from newsbrief.annotate.mapstage import map_articles
    from newsbrief.read import repeats
    from newsbrief.read.readers import read_paths

    path = cache / f"{topic}-all-model.pkl" if cache is not None else None
    if path is not None and path.is_file():
        got: tuple[list[AnnotatedArticle], list[object]] = pickle.loads(path.read_bytes())
        return got
    articles, skipped = read_paths([str(DATA / topic / "InputDocs")], resources.settings)
    annotated = map_articles(repeats.drop_repeated_lines(articles), resources, partial=False)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps((annotated, list(skipped))))
    return annotated, list(skipped)


def row_kinds(annotated: Sequence[AnnotatedArticle]) -> Counter[str]:
    """Rows by the rules that put them among today's model rows (lead, figure, date, quote)."""
    c: Counter[str] = Counter()
    for a in annotated:
        kinds = (("lead", _lead(a)), ("figure", _rows(a.figures, a)), ("date", _rows(a.dates, a)), ("quote", _rows(a.quotes, a)))
        attributed = {m.sentence for m in a.quotes if m.speaker}
        for i in range(len(a.sentences)):
            tags = [k for k, rows in kinds if i in rows]
            c["sentences"] += 1
            if not tags:
                continue
            c["model rows"] += 1
            if len(tags) == 1:
                c[f"{tags[0]} only"] += 1
                if tags[0] == "quote" and i not in attributed:
                    c["quote only, no speaker"] += 1
            elif "lead" not in tags:
                c["two or more of figure/date/quote"] += 1
            else:
                c["lead and another"] += 1
    return c


@dataclass
class Outcome:
    policy: str
    model_rows: int
    rechecked: int
    est_cpu_s: float
    fallback: bool  # too few rows to fit the map: the model embedded every row
    markdown: str
    timeline17: list[tuple[str, float, float, float]]


def pieces_cost_s(texts: Sequence[str], resources: Resources) -> float:
    tok = resources.embedder.tokenizer  # type: ignore[union-attr]
    return sum(0.75 + 0.12 * len(e.ids) for e in tok.encode_batch(list(texts))) / 1000 if texts else 0.0


def apply_policy(
    annotated: Sequence[AnnotatedArticle], policy: Policy, resources: Resources, static: object | None = None
) -> tuple[list[AnnotatedArticle], int, list[str], bool]:
    """The annotation as a big brief would have it under ``policy``: its vectors, the model rows'
    count, the texts embedded after the map stage, and whether the map could not be fitted.
    ``static``: the estimator ``complete_vectors`` maps from (default the product's static one)."""
    table: dict[str, npt.NDArray[np.float32]] = {}
    for a in annotated:
        for s, v in zip(a.sentences, a.embeddings, strict=True):
            table.setdefault(s.text, v)
    keep = {a.article.id: policy(a) for a in annotated}
    partial = []
    for a in annotated:
        emb = np.zeros_like(a.embeddings)
        rows = sorted(keep[a.article.id])
        if rows:
            emb[rows] = a.embeddings[rows]
        partial.append(replace(a, embeddings=emb))
    stored = StoredEmbedder(table, annotated[0].embeddings.shape[1])
    backing = StoredResources(stored, resources)
    if static is not None:
        backing.static_embedder = static  # type: ignore[assignment]
    model_rows = sum(len(r) for r in keep.values())
    fallback = len({a.sentences[i].text for a in annotated for i in keep[a.article.id]}) < hybrid.MIN_FIT_ROWS
    today = hybrid._missing_rows
    hybrid._missing_rows = lambda a: [i for i in range(len(a.sentences)) if i not in keep[a.article.id]]  # type: ignore[assignment]
    try:
        done = hybrid.complete_vectors(partial, backing)  # type: ignore[arg-type]
    finally:
        hybrid._missing_rows = today  # type: ignore[assignment]
    return done, model_rows, stored.texts, fallback


def apply_layered(
    name: str, k: int, annotated: Sequence[AnnotatedArticle], resources: Resources,
    estimators: dict[int, object], ratios: dict[int, float], texts_dir: Path | None,
) -> tuple[list[AnnotatedArticle], int, list[str], bool, float]:
    """A ``--layers`` policy (see the module doc): vectors, model rows, texts re-embedded, fallback,
    MiniLM CPU s estimated."""
    from minilm_layers import LayerVectors

    if k not in estimators:
        estimators[k] = LayerVectors(k, texts_dir)
    est: LayerVectors = estimators[k]  # type: ignore[assignment]
    if name.endswith("-all"):
        texts = [s.text for a in annotated for s in a.sentences]
        table = dict(zip(texts, est.mapped(texts), strict=True))
        done = [replace(a, embeddings=np.stack([table[s.text] for s in a.sentences])) for a in annotated]
        return done, 0, [], False, ratios[k] * pieces_cost_s(texts, resources)
    policy: Policy = _lead
    done, model_rows, texts, fallback = apply_policy(annotated, policy, resources, static=est)
    model_texts = [a.sentences[i].text for a in annotated for i in sorted(policy(a))]
    known = set(model_texts)
    guessed = [s.text for a in annotated for s in a.sentences if s.text not in known]
    cost = pieces_cost_s(model_texts, resources) + pieces_cost_s(texts, resources)
    return done, model_rows, texts, fallback, cost + ratios[k] * pieces_cost_s(guessed, resources)


def score_timeline17(topic: str, annotated: Sequence[AnnotatedArticle], settings: Settings) -> list[tuple[str, float, float, float]]:
    """Date-F1, AR-1 F, AR-2 F of each reference timeline of ``topic`` on these vectors."""
    from newsbrief.story.context import build_story
    from newsbrief.story.date_rank import DATE_WEIGHTS

    folder = DATA / topic
    out = []
    for path in sorted((folder / "timelines").glob("*.txt")):
        ref = t17.read_reference(path)
        start, end = min(ref.dates), max(ref.dates)
        span = [a for a in annotated if a.article.published is not None and start <= a.article.published <= end]
        row = t17.score_topic(t17.Topic(folder, ref, span, 0.0), build_story(span, settings), DATE_WEIGHTS)
        out.append((ref.name, row.date_prf[2], t17.f1(*row.align[1]), t17.f1(*row.align[2])))
    return out


_CITES = re.compile(r"(\[\d+\])+|\+\d+ more|_\(\d+ reports?[^_]*\)_")


def sections(markdown: str) -> dict[str, list[str]]:
    """Lines per ``## `` section (the title block under ''), citation numbers and counts taken out."""
    out: dict[str, list[str]] = {}
    name = ""
    for line in markdown.splitlines():
        if line.startswith("## "):
            name = line[3:].strip()
        out.setdefault(name, []).append(_CITES.sub("", line).rstrip())
    return out


def changed_lines(a: str, b: str) -> dict[str, int]:
    """Per section of ``a``: lines that differ in ``b``."""
    sa, sb = sections(a), sections(b)
    out = {}
    for name in dict.fromkeys([*sa, *sb]):
        x, y = sa.get(name, []), sb.get(name, [])
        ops = difflib.SequenceMatcher(None, x, y, autojunk=False).get_opcodes()
        out[name] = sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in ops if tag != "equal")
    return out


SHOWN = ("", "Summary", "Timeline", "Key figures", "Quotes")


def disagreements(markdown: str) -> set[str]:
    """The disagreements the Markdown shows: each as its label and its values in order."""
    out: set[str] = set()
    label: str | None = None
    values: list[str] = []
    inside = False
    for line in _CITES.sub("", markdown).splitlines() + ["### end"]:
        if line.startswith("#"):
            inside = line.strip() == "### Disagreements"
        if label is not None and (line.startswith("#") or line.startswith("- ")):
            out.add(f"{label}: {' / '.join(values)}")
            label, values = None, []
        if not inside:
            continue
        if line.startswith("- **"):
            label = line[2:].split(" (")[0].strip("* ")
        elif line.startswith("  - **") and label is not None:
            values.append(line.split("**")[1])
    return out


def brief_change(base: str, other: str) -> str:
    """Timeline entries changed (of the base's), summary lines changed, disagreements gained /
    lost, junk (benchmarks/bigstory.py's patterns in the Summary and Timeline) in ``other``."""
    from bigstory import count_junk

    sa, sb = sections(base), sections(other)
    entries = [x for x in sa.get("Timeline", []) if x.startswith("- **")]
    others = set(x for x in sb.get("Timeline", []) if x.startswith("- **"))
    da, db = disagreements(base), disagreements(other)
    junk = sum(count_junk("\n".join(sb.get("Summary", []) + sb.get("Timeline", []))).values())
    return (f"{sum(x not in others for x in entries)} of {len(entries)} / {changed_lines(base, other).get('Summary', 0)}"
            f" / +{len(db - da)} -{len(da - db)} / {junk}")


def render_topic(topic: str, kinds: Counter[str], outcomes: Sequence[Outcome]) -> str:
    lines = [f"### {topic}\n", "Rows: " + ", ".join(f"{k} {v:,}" for k, v in sorted(kinds.items())) + "\n"]
    base = next((o for o in outcomes if o.policy == "current"), outcomes[0])
    full = next((o for o in outcomes if o.policy == "all-model"), None)
    lines.append(
        "| policy | model rows | re-embedded | MiniLM CPU s (est.) | title+headline / summary / timeline / figures / quotes / sources "
        "lines changed vs current | the same vs all-model | timeline entries changed / summary lines changed / "
        "disagreements shown gained, lost / junk, vs current | T17 Date-F1 | AR-1 | AR-2 |"
    )
    lines.append("|---|---:|---:|---:|---|---|---|---:|---:|---:|")
    for o in outcomes:
        vs = changed_lines(base.markdown, o.markdown)
        src = next((k for k in vs if k.startswith("Sources")), None)
        cells = " / ".join(str(vs.get(k, 0)) for k in SHOWN) + f" / {vs.get(src, 0) if src else 0}"
        vf = changed_lines(full.markdown, o.markdown) if full is not None else {}
        fcells = " / ".join(str(vf.get(k, 0)) for k in SHOWN) if full is not None else "-"
        d = np.mean([r[1] for r in o.timeline17]) if o.timeline17 else float("nan")
        r1 = np.mean([r[2] for r in o.timeline17]) if o.timeline17 else float("nan")
        r2 = np.mean([r[3] for r in o.timeline17]) if o.timeline17 else float("nan")
        note = " (under MIN_FIT_ROWS: the model embeds the rest)" if o.fallback else ""
        lines.append(
            f"| {o.policy}{note} | {o.model_rows:,} | {o.rechecked:,} | {o.est_cpu_s:.1f} | {cells} | {fcells} "
            f"| {brief_change(base.markdown, o.markdown)} "
            f"| {d:.3f} | {r1:.4f} | {r2:.4f} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--topic", action="append", help=f"topic (repeatable; default {', '.join(BIG)})")
    ap.add_argument("--policy", action="append", help=f"policy (repeatable; default all: {', '.join(POLICIES)})")
    ap.add_argument("--cache", type=Path, default=None, help="keep the all-MiniLM annotation here between runs")
    ap.add_argument("--out", type=Path, default=None, help="write each policy's Markdown brief here")
    ap.add_argument("--results", type=Path, default=None, help="write the tables here")
    ap.add_argument("--layers", type=int, action="append", default=[], help="add the K-layer policies (repeatable)")
    ap.add_argument("--layer-cost", action="append", default=[], help="K=RATIO: a K-layer run's CPU over a full run's")
    ap.add_argument("--texts-dir", type=Path, default=None, help="keep DUC's split sentences here (the K-layer map's fit)")
    args = ap.parse_args(argv)
    ratios = {int(k): float(v) for k, v in (c.split("=") for c in args.layer_cost)}
    layered = {f"{form}{k}{tail}": k for k in args.layers for form, tail in (("layers", "-all"), ("lead+layers", ""))}
    missing_cost = sorted(set(args.layers) - ratios.keys())
    if missing_cost:
        print(f"hybrid_rows: --layer-cost K=RATIO needed for K in {missing_cost}", file=sys.stderr)
        return 2
    names = args.policy or [p for p in POLICIES if not args.layers or p in ("current", "all-model")]
    names += [n for n in layered if n not in names]
    unknown = set(names) - set(POLICIES) - set(layered)
    if unknown:
        print(f"hybrid_rows: no policy {sorted(unknown)}; choose from {list(POLICIES)}", file=sys.stderr)
        return 2
    names = ["current", *[n for n in names if n != "current"]]
    from newsbrief.pipeline import build_brief
    from newsbrief.render import render

    settings = load_settings()
    resources = Resources(settings)
    report = [
        f"`python benchmarks/hybrid_rows.py {' '.join(sys.argv[1:] if argv is None else argv)}` "
        f"({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())})\n"
    ]
    estimators: dict[int, object] = {}
    for topic in args.topic or BIG:
        if not (DATA / topic / "InputDocs").is_dir():
            print(f"hybrid_rows: no topic folder {DATA / topic / 'InputDocs'}", file=sys.stderr)
            return 2
        annotated, skipped = annotate_all(topic, resources, args.cache)
        kinds = row_kinds(annotated)
        print(topic, dict(kinds), flush=True)
        outcomes = []
        for name in names:
            if name in layered:
                done, model_rows, texts, fallback, cost = apply_layered(name, layered[name], annotated, resources, estimators, ratios, args.texts_dir)
            else:
                done, model_rows, texts, fallback = apply_policy(annotated, POLICIES[name], resources)
                model_texts = [a.sentences[i].text for a in annotated for i in sorted(POLICIES[name](a))]
                cost = pieces_cost_s(model_texts, resources) + pieces_cost_s(texts, resources)
            markdown = render(build_brief(done, settings, skipped), "markdown")  # type: ignore[arg-type]
            if args.out is not None:
                args.out.mkdir(parents=True, exist_ok=True)
                (args.out / f"{topic}-{name}.md").write_text(markdown, encoding="utf-8")
            o = Outcome(name, model_rows, len(texts), cost, fallback, markdown, score_timeline17(topic, done, settings))
            outcomes.append(o)
            print(f"  {name}: model rows {o.model_rows}, re-embedded {o.rechecked}, MiniLM ~{o.est_cpu_s:.1f} CPU s, "
                  f"T17 {[tuple(round(x, 4) for x in r[1:]) for r in o.timeline17]}", flush=True)  # fmt: skip
        report.append(render_topic(topic, kinds, outcomes))
    text = "\n".join(report)
    print(text)
    if args.results is not None:
        args.results.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
