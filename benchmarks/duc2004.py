"""DUC 2004 Task 2 benchmark: newsbrief's summary against the 13 published systems, same scorer.

Data: ../shared/bench/duc2004/ (the 25 development clusters; the other half is held out):
``docs/<cluster>/C*.txt`` (10 articles, one line each; 7 files are empty and are skipped by the
reader with a reason), ``refs/<cluster>.m.100.t.<a-j>`` (4 human summaries),
``peers/<cluster>.<System>`` (13 systems' outputs).

Protocol: Google ``rouge-score`` with Porter stemming; every summary (newsbrief's and the peers')
cut to its first 100 white-space words; recall averaged over the 4 references, then over
clusters; R-1, R-2, R-L.

newsbrief runs as users run it: ``readers.read_paths`` -> ``pipeline.annotate_articles`` ->
``pipeline.build_brief`` with ``words=100``; its text is the summary sentences, one per line.
Timing: seconds per cluster of that whole chain once the models are loaded (wall clock and CPU
time; the CPU figure is the stable one on a shared machine), model load seconds, peak memory
(``ru_maxrss``), and sumy's LexRank on the same clusters (own tokenizer and the same Porter
stemmer: sumy's default tokenizer needs NLTK data) as a reference speed.

Usage: ``python benchmarks/duc2004.py [--data DIR] [--out benchmarks/results/duc2004.md]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import pickle
import re
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rouge_score import rouge_scorer

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "bench" / "duc2004"
OUT = ROOT / "benchmarks" / "results" / "duc2004.md"
HELD_OUT = ROOT / "benchmarks" / "results" / "duc2004_nestedcv.json"
CUT_WORDS = 100
NAME = "newsbrief"


@dataclass(frozen=True)
class Score:
    r1: float
    r2: float
    rl: float


class Scorer:
    """The judging protocol: rouge-score recall with Porter stemming, first 100 words, mean over refs."""

    def __init__(self, data: Path = DATA):
        self.data = data
        self.rouge = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
        self._refs: dict[str, list[str]] = {}

    def refs(self, cluster: str) -> list[str]:
        if cluster not in self._refs:
            paths = sorted((self.data / "refs").glob(f"{cluster}.m.100.t.*"))
            if not paths:
                raise FileNotFoundError(f"no reference summaries for {cluster} in {self.data / 'refs'}")
            self._refs[cluster] = [p.read_text(encoding="utf-8", errors="replace") for p in paths]
        return self._refs[cluster]

    def score(self, cluster: str, text: str) -> Score:
        """Recall (in %) of ``text`` cut to its first 100 words, averaged over the references."""
        cut = " ".join(text.split()[:CUT_WORDS])
        refs = self.refs(cluster)
        tot = [0.0, 0.0, 0.0]
        for ref in refs:
            s = self.rouge.score(ref, cut)
            tot[0] += s["rouge1"].recall
            tot[1] += s["rouge2"].recall
            tot[2] += s["rougeL"].recall
        return Score(*(100.0 * t / len(refs) for t in tot))


def list_clusters(data: Path = DATA) -> list[str]:
    """The cluster names (folders of docs/), sorted."""
    return sorted(p.name for p in (data / "docs").iterdir() if p.is_dir())


def list_peers(data: Path = DATA) -> list[str]:
    """The names of the published systems with outputs in peers/."""
    return sorted({p.name.split(".", 1)[1] for p in (data / "peers").iterdir() if "." in p.name})


def mean_score(scores: Sequence[Score]) -> Score:
    """Macro average over clusters."""
    return Score(
        statistics.fmean(s.r1 for s in scores),
        statistics.fmean(s.r2 for s in scores),
        statistics.fmean(s.rl for s in scores),
    )


# --------------------------------------------------------------------------- sumy LexRank (speed)


class _Tokenizer:
    """A sumy tokenizer that needs no NLTK data: regex sentences and words."""

    language = "english"
    _SENT = re.compile(r"(?:(?<=[.!?])|(?<=[.!?]['\"]))\s+(?=[A-Z`\"'])")
    _WORD = re.compile(r"[A-Za-z0-9]+(?:'[a-z]+)?")

    def to_sentences(self, paragraph: str) -> list[str]:
        return [s for s in self._SENT.split(paragraph) if s.strip()]

    def to_words(self, sentence: str) -> list[str]:
        return self._WORD.findall(sentence)


def run_lexrank(folder: Path, sentences: int = 5) -> tuple[str, float]:
    """sumy's LexRank summary of one cluster (its files joined as paragraphs), and its CPU seconds."""
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer

    from newsbrief.summary.bigrams import stem
    from newsbrief.vocabulary import FUNCTION_WORDS

    t = time.process_time()
    text = "\n\n".join(p.read_text(encoding="utf-8", errors="replace").strip() for p in sorted(folder.glob("*.txt")))
    parser = PlaintextParser.from_string(text, _Tokenizer())
    summarizer = LexRankSummarizer(stem)
    summarizer.stop_words = FUNCTION_WORDS
    out = "\n".join(str(s) for s in summarizer(parser.document, sentences))
    return out, time.process_time() - t


def run_cli(folder: Path) -> float:
    """Wall seconds of the whole command, as a user runs it: interpreter start, imports, model
    load, the brief as JSON."""
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "newsbrief.cli", "brief", str(folder), "--words", "100", "--format", "json",
             "-o", str(Path(tmp) / "brief.json")],
            check=True, stderr=subprocess.DEVNULL,
        )
        return time.perf_counter() - t


# --------------------------------------------------------------------------- newsbrief


@dataclass(frozen=True)
class Run:
    cluster: str
    text: str
    words: int
    sentences: int
    uncited: int  # summary sentences without sources (must be 0)
    articles: int
    skipped: int
    wall: float
    cpu: float


# Stage functions the pipeline calls through their modules (so wrapping them here times them);
# the pipeline imports the annotate stages inside the function that runs them, from their own
# modules, so those are wrapped where they are defined.
STAGES = (
    ("sentences", "newsbrief.annotate.sentences", "split_sentences"),
    ("mentions", "newsbrief.annotate.mentions", "find_mentions"),
    ("dates", "newsbrief.annotate.dates", "find_dates"),
    ("quotes", "newsbrief.annotate.quotes", "find_quotes"),
    ("figures", "newsbrief.annotate.figures", "find_figures"),
    ("pool", "newsbrief.story.pool", "build_pool"),
    ("syndication", "newsbrief.story.syndication", "find_syndication"),
    ("claims", "newsbrief.story.claims", "align_claims"),
    ("summarize", "newsbrief.summary.summarize", "summarize"),
    ("entities", "newsbrief.story.entities", "merge_entities"),
    ("quote speakers", "newsbrief.story.quotes", "collect_quotes"),
    ("key figures", "newsbrief.story.figures", "collect_figures"),
    ("timeline", "newsbrief.story.timeline", "build_timeline"),
    ("disagreements", "newsbrief.story.disagreements", "find_disagreements"),
    ("unique", "newsbrief.story.unique", "unique_contributions"),
)


class StageClock:
    """CPU seconds spent in each stage function while installed (wraps module attributes)."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = {}
        self._saved: list[tuple[object, str, object]] = []

    def wrap(self, label: str, owner: object, name: str) -> None:
        func = getattr(owner, name)

        def timed(*args: object, **kwargs: object) -> object:
            # Thread CPU: the embedder runs in a background thread during annotation, and process
            # CPU would charge its work to whichever stage the main thread is in.
            t = time.thread_time()
            try:
                return func(*args, **kwargs)
            finally:
                self.spent[label] = self.spent.get(label, 0.0) + time.thread_time() - t

        self._saved.append((owner, name, func))
        setattr(owner, name, timed)

    def install(self) -> None:
        import importlib

        for label, module, name in STAGES:
            self.wrap(label, importlib.import_module(module), name)

    def take(self) -> dict[str, float]:
        out, self.spent = self.spent, {}
        return out


def run_newsbrief(
    data: Path, clusters: Sequence[str], words: int = CUT_WORDS
) -> tuple[list[Run], tuple[float, float], list[dict[str, float]]]:
    """The real pipeline on every cluster; returns the runs, (model load seconds, first embedder
    load seconds) and the CPU seconds of each stage per cluster ("read", "spaCy" = annotate minus
    its timed parts)."""
    from newsbrief.config import load_settings
    from newsbrief.pipeline import annotate_articles, build_brief
    from newsbrief.read.readers import read_paths
    from newsbrief.render.json import render_json
    from newsbrief.annotate.resources import Resources

    settings = load_settings(words=words)
    # The first embedder load on a machine builds the int8 model into the cache (once); time that
    # apart so the load figure is what every later run pays.
    t = time.perf_counter()
    Resources(settings).embedder
    first_build = time.perf_counter() - t
    resources = Resources(settings)
    t = time.perf_counter()
    resources.nlp
    resources.embedder
    load = time.perf_counter() - t
    clock = StageClock()
    clock.install()
    runs: list[Run] = []
    stages: list[dict[str, float]] = []
    annotators = ("sentences", "mentions", "dates", "quotes", "figures", "embeddings")
    for c in clusters:
        w0, c0 = time.perf_counter(), time.process_time()
        articles, skipped = read_paths([str(data / "docs" / c)], settings)
        c1 = time.process_time()
        annotated = annotate_articles(articles, resources)
        c2 = time.process_time()
        brief = build_brief(annotated, settings, skipped)
        render_json(brief)
        wall, cpu = time.perf_counter() - w0, time.process_time() - c0
        spent = clock.take()
        spent["read"] = c1 - c0
        # The embedder's CPU, from a separate untimed pass over the same sentences (in the timed
        # run it overlaps spaCy in a background thread); spaCy = the rest of annotation's CPU.
        e0 = time.process_time()
        resources.embedder.encode([x.text for a in annotated for x in a.sentences])
        spent["embeddings"] = time.process_time() - e0
        spent["spaCy"] = (c2 - c1) - sum(spent.get(k, 0.0) for k in annotators)
        stages.append(spent)
        text = "\n".join(s.text for s in brief.summary)
        runs.append(
            Run(
                cluster=c,
                text=text,
                words=len(text.split()),
                sentences=len(brief.summary),
                uncited=sum(1 for s in brief.summary if not s.sources),
                articles=len(articles),
                skipped=len(skipped),
                wall=wall,
                cpu=cpu,
            )
        )
        print(f"{c}: {len(articles)} articles ({len(skipped)} skipped), {runs[-1].words} words, {wall:.2f} s", file=sys.stderr)
    return runs, (load, first_build), stages


def git_commit() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True)
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def load_held_out(path: Path = HELD_OUT) -> dict[str, object] | None:
    """The nested-CV summary written by benchmarks/nestedcv.py, or None when it is missing."""
    import json

    try:
        data: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data


def format_table(rows: Sequence[tuple[str, Score]], held_out: dict[str, object] | None = None) -> list[str]:
    """Markdown table (newsbrief in bold): with ``held_out`` (nestedcv.py's summary), the held-out
    R-1 / R-2 (mean ± sd over the outer folds, every system on the same folds) first, sorted by
    held-out R-2; then the in-sample figures of this run."""
    systems: dict[str, dict[str, float]] = held_out["held_out"] if held_out else {}  # type: ignore[assignment]
    if systems:
        lines = ["| system | held-out R-1 | held-out R-2 | in-sample R-1 | in-sample R-2 | in-sample R-L |",
                 "|---|---:|---:|---:|---:|---:|"]
        order = sorted(rows, key=lambda r: (-systems.get(r[0], {}).get("r2", r[1].r2), r[0]))
    else:
        lines = ["| system | R-1 | R-2 | R-L |", "|---|---:|---:|---:|"]
        order = sorted(rows, key=lambda r: (-r[1].r2, -r[1].r1, r[0]))
    for name, s in order:
        cells = [name, f"{s.r1:.2f}", f"{s.r2:.2f}", f"{s.rl:.2f}"]
        if systems:
            h = systems.get(name)
            cells[1:1] = [f"{h['r1']:.2f} ± {h['r1_sd']:.2f}", f"{h['r2']:.2f} ± {h['r2_sd']:.2f}"] if h else ["", ""]
        if name == NAME:
            cells = [f"**{x}**" for x in cells]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def held_out_ranking(held_out: dict[str, object] | None) -> list[str]:
    """The line saying which systems newsbrief's held-out means beat on both R-1 and R-2."""
    if not held_out:
        return []
    systems: dict[str, dict[str, float]] = held_out["held_out"]  # type: ignore[assignment]
    ours = systems["newsbrief"]
    peers = [n for n in systems if n != "newsbrief"]
    behind = sorted(n for n in peers if not (ours["r1"] > systems[n]["r1"] and ours["r2"] > systems[n]["r2"]))
    return [f"Held out, newsbrief's mean beats {len(peers) - len(behind)} of {len(peers)} systems on both R-1 and R-2"
            + (f" (not: {', '.join(behind)})." if behind else ".")]


def held_out_note(held_out: dict[str, object] | None) -> list[str]:
    """What the held-out columns are (or a line saying they are missing)."""
    if not held_out:
        return ["No nested-CV figures (run benchmarks/nestedcv.py): in-sample only.", ""]
    return [
        f"Headline: **held out**, by nested cross-validation (`benchmarks/nestedcv.py`, commit {held_out['commit']}; "
        f"{held_out['outer_folds']} outer folds x {held_out['repeats']} shuffle(s)"
        + (f" = {held_out['held_out_folds']} held-out folds" if "held_out_folds" in held_out else "")
        + ", settings and importance models chosen "
        f"and fitted by an inner {held_out['inner_folds']}-fold CV on each outer training set; mean ± sd over the "
        "held-out folds, every system on the same folds; results/duc2004_nestedcv.md). Beside it, in-sample: this "
        "run, with the shipped defaults (chosen on these same 25 clusters).",
        "",
    ]


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--limit", type=int, default=None, help="only the first N clusters (a quick check)")
    ap.add_argument("--runs", type=Path, default=None,
                    help="pickle of the measured runs: written after measuring, read instead of measuring when it "
                    "exists (re-renders the tables, e.g. once nestedcv.py has written its held-out figures)")
    args = ap.parse_args(argv)
    data: Path = args.data
    clusters = list_clusters(data)[: args.limit]
    scorer = Scorer(data)

    if args.runs is not None and args.runs.exists():
        with args.runs.open("rb") as fh:
            runs, (load, first_build), stages, lexrank, cold, peak_mb, load_avg = pickle.load(fh)
    else:
        runs, (load, first_build), stages = run_newsbrief(data, clusters)
        lexrank = [run_lexrank(data / "docs" / c) for c in clusters]
        cold = [run_cli(data / "docs" / c) for c in clusters[:3]]
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        load_avg = os.getloadavg()
        if args.runs is not None:
            with args.runs.open("wb") as fh:
                pickle.dump((runs, (load, first_build), stages, lexrank, cold, peak_mb, load_avg), fh)
    rows: list[tuple[str, Score]] = [(NAME, mean_score([scorer.score(r.cluster, r.text) for r in runs]))]
    for peer in list_peers(data):
        texts = [(data / "peers" / f"{c}.{peer}").read_text(encoding="utf-8", errors="replace") for c in clusters]
        rows.append((peer, mean_score([scorer.score(c, t) for c, t in zip(clusters, texts, strict=True)])))

    held_out = load_held_out()
    ours = rows[0][1]
    beaten = [n for n, s in rows[1:] if ours.r1 > s.r1 and ours.r2 > s.r2]
    wall = statistics.median(r.wall for r in runs)
    cpu = statistics.median(r.cpu for r in runs)
    lex_cpu = statistics.median(t for _, t in lexrank)
    lines = [
        f"# DUC 2004 Task 2 ({len(clusters)} development clusters)",
        "",
        f"Run {dt.date.today().isoformat()}, commit {git_commit()}: `python benchmarks/duc2004.py`, load average at "
        f"the end of the measured runs {load_avg[0]:.1f} / {load_avg[1]:.1f} / {load_avg[2]:.1f} (2 cores; wall times "
        "scale with it, CPU times much less). Protocol: rouge-score recall, Porter "
        f"stemming, each summary cut to its first {CUT_WORDS} words, mean over the 4 references, then over "
        "clusters. newsbrief: the real pipeline (read, annotate, build_brief) with words=100; summaries "
        f"stay within 100 words (mean {statistics.fmean(r.words for r in runs):.1f}).",
        "",
        *held_out_note(held_out),
        *format_table(rows, held_out),
        "",
        f"In-sample, newsbrief beats {len(beaten)} of {len(rows) - 1} systems on both R-1 and R-2"
        + (f" (not: {', '.join(sorted(set(n for n, _ in rows[1:]) - set(beaten)))})." if len(beaten) < len(rows) - 1 else "."),
        *held_out_ranking(held_out),
        f"Summary sentences without sources: {sum(r.uncited for r in runs)}. "
        f"Empty documents skipped with a reason: {sum(r.skipped for r in runs)}.",
        "",
        "| speed | value |",
        "|---|---:|",
        f"| full brief per cluster, median wall s | {wall:.2f} |",
        f"| full brief per cluster, median CPU s | {cpu:.2f} |",
        f"| full brief per cluster, max wall s | {max(r.wall for r in runs):.2f} |",
        f"| model load s (spaCy + embedder, int8 cache warm) | {load:.2f} |",
        f"| first embedder load of this run (builds the int8 cache once per machine; ~0.1 when cached) | {first_build:.2f} |",
        f"| `newsbrief brief CLUSTER --format json` from a cold process (start-up, load, brief), median of {len(cold)} | {statistics.median(cold):.2f} |",
        f"| peak memory MB (ru_maxrss) | {peak_mb:.0f} |",
        f"| sumy LexRank per cluster, median CPU s | {lex_cpu:.3f} |",
        f"| newsbrief / LexRank CPU ratio | {cpu / max(lex_cpu, 1e-9):.1f} |",
        "",
        "CPU seconds per cluster by stage (median over clusters; wall time on a shared machine varies):",
        "",
        "| stage | median CPU s | max CPU s |",
        "|---|---:|---:|",
    ]
    labels = ["read", "spaCy", "embeddings"] + [label for label, _, _ in STAGES]
    for label in sorted(labels, key=lambda k: -statistics.median(s.get(k, 0.0) for s in stages)):
        vals = [s.get(label, 0.0) for s in stages]
        lines.append(f"| {label} | {statistics.median(vals):.3f} | {max(vals):.3f} |")
    text = "\n".join(lines) + "\n"
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
