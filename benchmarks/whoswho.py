"""Cost of the who's-who, quotes and figures stages (map per article, reduce per story).

Parses each article once (like the pipeline), then times only ``find_mentions``, ``find_quotes``,
``find_figures`` per article and ``merge_entities``, ``collect_quotes``, ``collect_figures`` per
story (CPU time; ``find_quotes`` takes the mentions ``find_mentions`` found), on the seeds, the demo story and the DUC 2004 development clusters (10 articles each).

    .venv/bin/python benchmarks/whoswho.py [--clusters N]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from newsbrief.story import entities
from newsbrief.annotate import figures, mentions, quotes
from newsbrief.story import figures as story_figures
from newsbrief.story import quotes as story_quotes
from newsbrief.config import load_settings
from newsbrief.story.context import build_story
from newsbrief.models import AnnotatedArticle, Article
from newsbrief.read.readers import read_paths
from newsbrief.annotate.resources import Resources
from newsbrief.annotate.sentences import split_sentences

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def _timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    """Run ``fn``; return its result and the CPU time it took in ms. CPU time, not wall time:
    on a shared 2-core machine wall time mostly measures the other processes."""
    t0 = time.process_time()
    out = fn()
    return out, (time.process_time() - t0) * 1000.0


def run_story(articles: Sequence[Article], resources: Resources) -> dict[str, list[float]]:
    """Annotate one story with our three map stages and reduce it; return timings in ms."""
    times: dict[str, list[float]] = {k: [] for k in ("mentions", "quotes", "figures", "reduce")}
    annotated: list[AnnotatedArticle] = []
    docs = list(resources.nlp.pipe([a.body for a in articles]))
    for article, doc in zip(articles, docs, strict=True):
        sents = split_sentences(article, doc)
        ms, t1 = _timed(lambda: mentions.find_mentions(article, sents, doc))
        qs, t2 = _timed(lambda: quotes.find_quotes(article, sents, doc, ms))
        fs, t3 = _timed(lambda: figures.find_figures(article, sents, doc))
        times["mentions"].append(t1)
        times["quotes"].append(t2)
        times["figures"].append(t3)
        annotated.append(AnnotatedArticle(article, sents, mentions=ms, quotes=qs, figures=fs))

    story = build_story(annotated, resources.settings)

    def reduce() -> None:
        ents = entities.merge_entities(story)
        story_quotes.collect_quotes(story, ents)
        story_figures.collect_figures(story)

    _, t4 = _timed(reduce)
    times["reduce"].append(t4)
    return times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--clusters", type=int, default=25, help="DUC clusters to time (default 25)")
    args = ap.parse_args()
    settings = load_settings()
    resources = Resources(settings)
    resources.nlp("warm up")
    stories: list[tuple[str, list[Article]]] = []
    for name, paths in (("seeds", [str(SHARED / "seeds")]), ("demo", [str(ROOT / "examples" / "demo")])):
        arts, _ = read_paths(paths, settings)
        stories.append((name, arts))
    duc = sorted((SHARED / "bench" / "duc2004" / "docs").glob("*"))[: args.clusters]
    for folder in duc:
        arts, _ = read_paths([str(folder)], settings)
        stories.append((folder.name, arts))
    total: dict[str, list[float]] = {k: [] for k in ("mentions", "quotes", "figures", "reduce")}
    chars = 0
    n_articles = 0
    for _, arts in stories:
        t = run_story(arts, resources)
        for k, v in t.items():
            total[k].extend(v)
        chars += sum(len(a.body) for a in arts)
        n_articles += len(arts)
    print(f"stories: {len(stories)}, articles: {n_articles}, mean body: {chars / max(1, n_articles):.0f} chars")
    for k in ("mentions", "quotes", "figures"):
        v = total[k]
        print(
            f"{k:9s} per article: mean {statistics.mean(v):6.2f} ms  median {statistics.median(v):6.2f} ms"
            f"  max {max(v):6.2f} ms"
        )
    per_article = sum(statistics.mean(total[k]) for k in ("mentions", "quotes", "figures"))
    r = total["reduce"]
    print(f"reduce    per story:   mean {statistics.mean(r):6.2f} ms  max {max(r):6.2f} ms")
    print(f"total for a 10-article story: about {10 * per_article + statistics.mean(r):.0f} ms")


if __name__ == "__main__":
    main()
