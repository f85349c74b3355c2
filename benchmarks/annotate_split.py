"""Where the map stage's CPU goes, part by part, on one Timeline17 topic of ../shared/bench.

Each part is timed alone in this one process (CPU seconds, ``time.process_time``), on the same
articles, so the figures add up and compare with each other whatever the machine's load:

* **read**: ``read_paths`` + ``drop_repeated_lines`` (pages to cleaned articles);
* **spaCy**: ``nlp.pipe`` over the bodies (the floor of issue #13);
* **annotators**: sentences, mentions, dates, quotes and figures on those parses
  (``pipeline._annotate_stream`` with the embedder replaced by one that returns zeros);
* **embedder**: the packaged int8 encoder on each article's sentences, as the pipeline calls it
  (per article, cache cleared first, so a sentence repeated across articles is encoded once);
  its tokenizer alone; sentences, distinct sentences and word pieces, and CPU per word piece.

The reduce stage is ``benchmarks/reducestage.py``; the whole process is ``benchmarks/bigstory.py``.

    .venv/bin/python benchmarks/annotate_split.py [--topic haiti_bbc] [--articles N]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

import numpy as np
import numpy.typing as npt

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "bench" / "timeline17"
T = TypeVar("T")


class CapturingEmbedder:
    """Stands in for the embedder: records each call's texts and returns zero vectors."""

    dim = 384

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def encode(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        self.calls.append(list(texts))
        return np.zeros((len(texts), self.dim), dtype=np.float32)


def cpu(fn: Callable[[], T]) -> tuple[T, float]:
    """(result, CPU seconds of this process while ``fn`` ran)."""
    start = time.process_time()
    out = fn()
    return out, time.process_time() - start


def main(argv: Sequence[str] | None = None) -> int:
    from newsbrief import pipeline
    from newsbrief.annotate.resources import Resources
    from newsbrief.config import load_settings
    from newsbrief.models import Article
    from newsbrief.read import repeats
    from newsbrief.read.readers import read_paths

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--topic", default="haiti_bbc")
    ap.add_argument("--articles", type=int, default=0, help="only the first N articles (0: all)")
    args = ap.parse_args(argv)
    folder = DATA / args.topic / "InputDocs"
    if not folder.is_dir():
        print(f"no folder {folder}: pass --topic with a folder of {DATA}", file=sys.stderr)
        return 2
    load_before = os.getloadavg()
    settings = load_settings()

    def read() -> list[Article]:
        arts, _ = read_paths([str(folder)], settings)
        return repeats.drop_repeated_lines(arts)

    articles, read_s = cpu(read)
    if args.articles:
        articles = articles[: args.articles]
    resources = Resources(settings)
    (nlp, embedder), load_s = cpu(lambda: (resources.nlp, resources.embedder))
    embedder.encode(["A warm-up sentence."])
    docs, spacy_s = cpu(lambda: list(nlp.pipe((a.body for a in articles), batch_size=pipeline.PARSE_GROUP)))
    capture = CapturingEmbedder()
    resources._embedder = capture  # type: ignore[assignment]  # the annotators alone
    _, annot_s = cpu(lambda: list(pipeline._annotate_stream(articles, docs, resources)))
    resources._embedder = embedder
    embedder.clear_cache()
    _, embed_s = cpu(lambda: [embedder.encode(c) for c in capture.calls])
    texts = [t for c in capture.calls for t in c]
    distinct = list(dict.fromkeys(texts))
    encodings, tok_s = cpu(lambda: embedder.tokenizer.encode_batch(distinct))
    pieces = sum(len(e.ids) for e in encodings)
    total = read_s + spacy_s + annot_s + embed_s
    chars = sum(len(a.body) for a in articles)
    print(f"# map stage CPU split: {args.topic}, {len(articles)} articles, {chars / 1e6:.2f} MB text")
    print(f"load average before {load_before[0]:.1f}/{load_before[1]:.1f}, after {os.getloadavg()[0]:.1f}/{os.getloadavg()[1]:.1f}\n")
    print("| part | CPU s | share of these parts |")
    print("|---|---:|---:|")
    for name, s in (("read (readers + repeated lines)", read_s), ("spaCy nlp.pipe (floor)", spacy_s),
                    ("annotators (sentences, mentions, dates, quotes, figures)", annot_s),
                    ("embedder (per article, as the pipeline calls it)", embed_s)):  # fmt: skip
        print(f"| {name} | {s:.1f} | {100 * s / total:.0f}% |")
    print(f"| (models loaded) | {load_s:.1f} | |")
    print(f"\nembedder: {len(texts)} sentences, {len(distinct)} distinct, {pieces} word pieces "
          f"({pieces / max(1, len(distinct)):.1f} per sentence); {1000 * embed_s / max(1, len(distinct)):.2f} CPU ms per "
          f"sentence, {1e6 * embed_s / max(1, pieces):.0f} CPU us per word piece; tokenizer alone {tok_s:.2f} CPU s")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
