"""Who's who of real topics (issues 13 and 14): the top people, organisations and places.

Each topic's pages are read as ``newsbrief brief`` reads them (readers + repeated lines) and
parsed once; the parses (spaCy DocBin) and annotations are kept in ``--cache``. Every run
re-finds the mentions and quotes with the code of this tree on the kept parses, then merges the
story's entities (off-topic articles and sentences set aside first, as the brief does), so a change
to ``annotate/mentions.py``, ``annotate/roles.py`` or ``story/entities.py`` shows in seconds.

    python benchmarks/whoswho_topics.py LibyaWar_cnn MJ_bbc H1N1_guardian [--top 15] [--cache DIR]

Prints, per topic and type, the ``--top`` entities (name, role, mentions, articles, aliases) and
the CPU time of ``merge_entities``. Run it from two trees on one cache to compare before/after.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import pickle
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TOPICS = ROOT.parent / "shared" / "bench" / "timeline17"


def _load(topic: str, cache: Path) -> tuple[list[Any], list[Any], Any]:
    """The topic's annotations and parses (made and kept on the first run), and the settings."""
    from spacy.tokens import DocBin

    from newsbrief import pipeline
    from newsbrief.annotate.resources import Resources
    from newsbrief.config import Settings
    from newsbrief.read import repeats
    from newsbrief.read.readers import read_paths

    settings = Settings()
    articles, _ = read_paths([str(TOPICS / topic / "InputDocs")], settings)
    articles = repeats.drop_repeated_lines(articles)
    tag = hashlib.sha256(repr([(a.id, a.body) for a in articles]).encode()).hexdigest()[:12]
    docs_file, ann_file = cache / f"{topic}-{tag}.docs", cache / f"{topic}-{tag}.ann.pkl"
    resources = Resources(settings)
    if docs_file.is_file() and ann_file.is_file():
        docs = list(DocBin().from_bytes(docs_file.read_bytes()).get_docs(resources.nlp.vocab))
        return pickle.loads(ann_file.read_bytes()), docs, settings
    docs, annotated = [], []
    for batch in pipeline._batches(articles, settings.batch_size):
        parsed = list(resources.nlp.pipe([a.body for a in batch], batch_size=pipeline.PARSE_GROUP))
        docs.extend(parsed)
        annotated.extend(pipeline._annotate_stream(batch, parsed, resources))
        print(f"  {topic}: parsed {len(docs)}/{len(articles)}", file=sys.stderr)
    cache.mkdir(parents=True, exist_ok=True)
    bin_ = DocBin(store_user_data=False)
    for d in docs:
        bin_.add(d)
    docs_file.write_bytes(bin_.to_bytes())
    ann_file.write_bytes(pickle.dumps(annotated))
    return annotated, docs, settings


def report(topic: str, cache: Path, top: int) -> None:
    """Print the topic's who's who with this tree's code."""
    from newsbrief.annotate import mentions, quotes
    from newsbrief.story import context, entities
    from newsbrief.story import topic as topic_mod

    annotated, docs, settings = _load(topic, cache)
    fresh = []
    for a, doc in zip(annotated, docs, strict=True):
        ms = mentions.find_mentions(a.article, a.sentences, doc)
        fresh.append(dataclasses.replace(a, mentions=ms, quotes=quotes.find_quotes(a.article, a.sentences, doc, ms)))
    on_topic, _ = topic_mod.split_off_topic(fresh, settings)
    on_topic, _ = topic_mod.drop_off_topic_sentences(on_topic, settings)
    story = context.build_story(on_topic, settings)
    t0 = time.process_time()
    ents = entities.merge_entities(story)
    cpu = (time.process_time() - t0) * 1000
    print(f"# {topic}: {len(on_topic)} on-topic articles, merge_entities {cpu:.0f} ms CPU")
    for kind in ("person", "organization", "place"):
        of_kind = [e for e in ents if e.type == kind]
        print(f"\n## {kind} ({len(of_kind)})")
        for k, e in enumerate(of_kind[:top], 1):
            aka = ", ".join(e.aliases[:6])
            print(f"{k:2d}. {e.name} | role: {e.role} | {e.mentions} mentions, {len(e.sources)} articles | aka {aka}")
    print()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("topics", nargs="+", help="Timeline17 topic names under ../shared/bench/timeline17")
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--cache", type=Path, default=Path("/tmp/whoswho_topics"))
    args = ap.parse_args()
    for t in args.topics:
        if not (TOPICS / t / "InputDocs").is_dir():
            print(f"{t}: no folder {TOPICS / t / 'InputDocs'}; give a Timeline17 topic name", file=sys.stderr)
            continue
        report(t, args.cache, args.top)


if __name__ == "__main__":
    main()
