"""Ablation of the summariser on the DUC 2004 development half (in-sample, one change at a time).

The map stage (read, spaCy, embeddings) and the claims are computed once per cluster with the real
pipeline; then :func:`newsbrief.summary.summarize.summarize` runs with different
:class:`~newsbrief.summary.summarize.SummaryParams` and is scored by the protocol of ``duc2004.py``:
the chosen parameters, then one change at a time (mean R-1 / R-2 / R-L over the 25 clusters, CPU
seconds of ``summarize`` per cluster). These are in-sample figures: what a change does on the
clusters the defaults were chosen on. The held-out estimate, the choice of the defaults and the
fitting of the importance models are ``benchmarks/nestedcv.py`` (nested cross-validation).

Usage: ``python benchmarks/ablation.py [--cache FILE] [--out benchmarks/results/ablation.md]``
(``--cache`` keeps the annotated clusters in a pickle between runs; they depend on the map-stage
code, so delete it when that changes).
"""

from __future__ import annotations

import argparse
import pickle
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from duc2004 import DATA, Score, Scorer, git_commit, list_clusters, mean_score  # noqa: E402

from newsbrief.config import Settings, load_settings  # noqa: E402
from newsbrief.summary.importance import LinearModel  # noqa: E402
from newsbrief.models import AnnotatedArticle, Claim  # noqa: E402
from newsbrief.story.context import StoryContext, build_story  # noqa: E402
from newsbrief.summary.summarize import DEFAULT_PARAMS, SummaryParams, summarize  # noqa: E402

OUT = Path(__file__).resolve().parent / "results" / "ablation.md"

# One change at a time from the defaults (the first is the plain Gillick & Favre 2009 ILP).
ABLATIONS: dict[str, dict[str, object]] = {
    "Gillick & Favre: bigrams weighted by df, nothing else": {
        "concept_model": "df", "df_exponent": 1.0, "unigrams": False, "sentence_weight": 0.0,
        "length_bonus": 0.0, "compress": False,
    },
    "df ** 3 concept weights instead of learned ones, no sentence value": {"concept_model": "df", "sentence_weight": 0.0},
    "df ** 3 concept weights instead of learned ones": {"concept_model": "df"},
    "no learned sentence value": {"sentence_weight": 0.0},
    "sentence value weight 0.2": {"sentence_weight": 0.2},
    "no unigram concepts": {"unigrams": False},
    "no length bonus": {"length_bonus": 0.0},
    "min df 3": {"min_df": 3},
    "no compression": {"compress": False},
    "no followers": {"allow_followers": False},
    "no one-sentence-per-claim constraint": {"one_per_claim": False},
    "no quotes": {"allow_quotes": False},
    "max 60 words a sentence": {"max_words": 60},
    "min 10 words a sentence": {"min_words": 10},
    "centrality 0.1": {"centrality_weight": 0.1},
}

@dataclass(frozen=True)
class Cluster:
    name: str
    story: StoryContext
    claims: tuple[Claim, ...]

    @property
    def annotated(self) -> tuple[AnnotatedArticle, ...]:
        return self.story.annotated


def load_clusters(data: Path, cache: Path | None) -> list[Cluster]:
    """Annotated clusters and their claims (real pipeline), from ``cache`` when it exists."""
    if cache is not None and cache.exists():
        with cache.open("rb") as fh:
            out: list[Cluster] = pickle.load(fh)
        return out
    from newsbrief.story.claims import align_claims
    from newsbrief.pipeline import annotate_articles
    from newsbrief.read.readers import read_paths
    from newsbrief.annotate.resources import Resources

    settings = load_settings(words=100)
    resources = Resources(settings)
    out = []
    for c in list_clusters(data):
        articles, _ = read_paths([str(data / "docs" / c)], settings)
        story = build_story(annotate_articles(articles, resources), settings)
        out.append(Cluster(c, story, align_claims(story, settings)))
        print(f"annotated {c}", file=sys.stderr)
    if cache is not None:
        with cache.open("wb") as fh:
            pickle.dump(out, fh)
    return out


def evaluate(
    clusters: Sequence[Cluster], params: SummaryParams, settings: Settings, scorer: Scorer
) -> tuple[dict[str, Score], float]:
    """Per-cluster scores of ``params`` and the median CPU seconds of ``summarize``."""
    scores: dict[str, Score] = {}
    cpu: list[float] = []
    for cl in clusters:
        t = time.process_time()
        summary = summarize(cl.story, cl.claims, settings, params)
        cpu.append(time.process_time() - t)
        scores[cl.name] = scorer.score(cl.name, "\n".join(s.text for s in summary))
    return scores, statistics.median(cpu)


def objective(s: Score) -> float:
    """What the folds maximise: both recalls on a comparable scale."""
    return s.r2 + s.r1 / 4.0


def describe(params: SummaryParams) -> str:
    """The parameters that differ from the shipped defaults ("defaults" if none)."""
    base = asdict(DEFAULT_PARAMS)
    diff = [f"{k}={v}" for k, v in asdict(params).items() if base[k] != v]
    return ", ".join(diff) or "defaults"


def run_ablation(clusters: Sequence[Cluster], settings: Settings, scorer: Scorer) -> list[str]:
    lines = ["| variant | R-1 | R-2 | R-L | summarize CPU s (median) |", "|---|---:|---:|---:|---:|"]
    variants = [("**defaults**", DEFAULT_PARAMS)] + [
        (name, replace(DEFAULT_PARAMS, **change)) for name, change in ABLATIONS.items()  # type: ignore[arg-type]
    ]
    for label, params in variants:
        scores, cpu = evaluate(clusters, params, settings, scorer)
        m = mean_score(list(scores.values()))
        lines.append(f"| {label} | {m.r1:.2f} | {m.r2:.2f} | {m.rl:.2f} | {cpu:.3f} |")
        print(lines[-1], file=sys.stderr)
    for thr in (0.7, 0.9):
        s2 = replace(settings, summary_redundancy=thr)
        scores, cpu = evaluate(clusters, DEFAULT_PARAMS, s2, scorer)
        m = mean_score(list(scores.values()))
        lines.append(f"| settings.summary_redundancy {thr} | {m.r1:.2f} | {m.r2:.2f} | {m.rl:.2f} | {cpu:.3f} |")
        print(lines[-1], file=sys.stderr)
    return lines


# --------------------------------------------------------------------------- the fitted models

def render_models(concept: LinearModel, sentence: LinearModel) -> str:
    """Python source of the two fitted models, as importance.py holds them."""

    def nums(v: Sequence[float]) -> str:
        return "(" + ", ".join(f"{x:.6g}" for x in v) + ("," if len(v) == 1 else "") + ")"

    out = []
    for name, m, feats in (("CONCEPT_MODEL", concept, "CONCEPT_FEATURES"), ("SENTENCE_MODEL", sentence, "SENTENCE_FEATURES")):
        out.append(
            f"{name} = LinearModel(\n    features={feats},\n    mean={nums(m.mean)},\n    scale={nums(m.scale)},\n"
            f"    coef={nums(m.coef)},\n    intercept={m.intercept:.6g},\n)\n"
        )
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--cache", type=Path, default=None)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    settings = load_settings(words=100)
    scorer = Scorer(args.data)
    clusters = load_clusters(args.data, args.cache)
    lines = [
        f"# Summariser ablation, DUC 2004 development half ({len(clusters)} clusters, in-sample)",
        "",
        f"Commit {git_commit()}. Same protocol as duc2004.md (rouge-score recall, Porter stemming, first "
        "100 words, 4 references); words=100. Map stage and claims computed once with the real pipeline. "
        "In-sample: the held-out estimate is in duc2004_nestedcv.md.",
        "",
        f"Defaults: {', '.join(f'{k}={v}' for k, v in asdict(DEFAULT_PARAMS).items())}; "
        f"settings.summary_redundancy={settings.summary_redundancy}.",
        "",
        *run_ablation(clusters, settings, scorer),
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
