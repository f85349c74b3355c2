"""Leave-one-topic-out choice of a long story's phase settings (issue 13, summary/phases.py).

For each Timeline17 topic whose articles span a long story, the brief's summary section (lead
opening + phases, exactly as pipeline.build_brief makes it) is built under every setting of a grid,
and scored against that topic's reference timeline, which its outlet wrote:

* **R-1 / R-2**: rouge-score recall (Porter stemming) of the summary against the reference
  timeline's event sentences, all dates together (the summary has the same word budget under every
  setting, so recall ranks settings as F would);
* **months**: share of the reference's months that a summary sentence's earliest source was
  published in (does the summary tell the arc the outlet's timeline tells?);
* **junk**: summary lines benchmarks/briefjunk.py counts as furniture or comment;
* **context**: summary lines that need their article (summary/standalone.needs_context).

Objective of a setting on a topic: ``100 * (R-1 + R-2) + 10 * months - 5 * junk - 2 * context``.
For each held-out topic, the setting with the best mean objective over the *other* topics is
chosen; the held-out topic's figures under it are reported beside the default setting's.

Usage: ``python benchmarks/phasetune.py [--cache DIR] [--topics A,B] [--out FILE]`` (annotations as
``briefjunk.py --build`` caches them: run that first, or this annotates what is missing).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import itertools
import json
import os
import pickle
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import briefjunk  # noqa: E402
from rouge_score import rouge_scorer  # noqa: E402

from newsbrief import pipeline  # noqa: E402
from newsbrief.config import Settings  # noqa: E402
from newsbrief.models import AnnotatedArticle  # noqa: E402
from newsbrief.read import repeats  # noqa: E402
from newsbrief.read.readers import read_paths  # noqa: E402
from newsbrief.story import claims as claims_mod  # noqa: E402
from newsbrief.story import context as context_mod  # noqa: E402
from newsbrief.story import lead as lead_mod  # noqa: E402
from newsbrief.story import topic as topic_mod  # noqa: E402
from newsbrief.summary import phases  # noqa: E402
from newsbrief.summary import standalone  # noqa: E402
from newsbrief.summary import summarize as summarize_mod  # noqa: E402

BENCH = Path("../shared/bench/timeline17")
LONG_TOPICS = ("H1N1_bbc", "H1N1_guardian", "H1N1_reuters", "LibyaWar_cnn", "MJ_bbc")
# The settings tried. Session 8 (``--grid s8``): DEFAULT_S8 (session 7's values: equal stretches of
# time, 50 words a phase, 3-day background, no preference for self-contained sentences), and every
# combination of the phase cut (equal stretches, or bursts of reporting at least a gap of 0.25 /
# 0.5 / 0.75 * span / phases apart), words per phase, background age, with self-contained sentences
# preferred. Session 9 (``--grid s9``, the default): DEFAULT (session 8's shipped values) against a
# phase's sentence taken from the reports of its 1/2/3/5 busiest days (phases.PEAK_DAYS), a day
# weighed with the 0/1/2 days after it (PEAK_WINDOW), at 28 or 35 words a phase.
DEFAULT_S8: dict[str, Any] = {
    "CUT_AT_BURSTS": False, "PHASE_WORDS": 50, "BURST_GAP_SHARE": 0.5, "NEWS_DAYS": 3, "SELF_CONTAINED": False,
    "PEAK_DAYS": 0, "PEAK_WINDOW": 1,
}
CUTS = ((False, 0.5), (True, 0.25), (True, 0.5), (True, 0.75))
GRID_S8: tuple[dict[str, Any], ...] = ({},) + tuple(
    {"CUT_AT_BURSTS": cut, "BURST_GAP_SHARE": gap, "PHASE_WORDS": words, "NEWS_DAYS": days, "SELF_CONTAINED": True}
    for days in (1, 3, 7)
    for cut, gap in CUTS
    for words in (28, 35, 42, 50)
)
DEFAULT_S9: dict[str, Any] = {**DEFAULT_S8, "PHASE_WORDS": 35, "SELF_CONTAINED": True}
GRID_S9: tuple[dict[str, Any], ...] = ({},) + tuple(
    {"PEAK_DAYS": peaks, "PEAK_WINDOW": window, "PHASE_WORDS": words}
    for words in (28, 35)
    for peaks in (1, 2, 3, 5)
    for window in (0, 1, 2)
)
# Session 10 (``--grid s10``): a phase's most-reported claim first (phases.TOP_CLAIM_MIN_SOURCES:
# off, or at least 3 / 4 / 5 / 6 independent reports).
DEFAULT_S10: dict[str, Any] = {**DEFAULT_S9, "TOP_CLAIM_MIN_SOURCES": 0}
GRID_S10: tuple[dict[str, Any], ...] = ({},) + tuple({"TOP_CLAIM_MIN_SOURCES": n} for n in (3, 4, 5, 6))
GRIDS = {"s8": (DEFAULT_S8, GRID_S8), "s9": (DEFAULT_S9, GRID_S9), "s10": (DEFAULT_S10, GRID_S10)}
DEFAULT, GRID = GRIDS["s9"]


def load_annotated(folder: str, cache: Path, stamp_rev: str | None = None) -> list[AnnotatedArticle]:
    """The folder's articles annotated as briefjunk.py --build does (its pickles reused; with
    ``stamp_rev``, those made by that revision's annotate code, as briefjunk.py --stamp-rev)."""
    settings = Settings()
    articles, _ = read_paths([folder], settings)
    articles = repeats.drop_repeated_lines(articles)
    stamp = briefjunk._annotate_stamp(stamp_rev)
    out: list[AnnotatedArticle] = []
    todo: list[int] = []
    found: dict[int, AnnotatedArticle] = {}
    for i, a in enumerate(articles):
        f = cache / f"{hashlib.sha256((stamp + repr(a)).encode()).hexdigest()[:24]}.pkl"
        if f.is_file():
            found[i] = pickle.loads(f.read_bytes())
        else:
            todo.append(i)
    if todo:
        from newsbrief.annotate.resources import Resources

        print(f"  annotating {len(todo)} of {len(articles)}", file=sys.stderr)
        anns = pipeline.annotate_articles([articles[i] for i in todo], Resources(settings))
        found.update(zip(todo, anns, strict=True))
    out = [found[i] for i in range(len(articles))]
    return out


def read_reference(topic: str) -> tuple[str, set[str]]:
    """The reference timeline's event text and its months (YYYY-MM)."""
    lines: list[str] = []
    months: set[str] = set()
    for path in sorted((BENCH / topic / "timelines").glob("*.txt")):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            line = line.strip()
            if not line or set(line) == {"-"}:
                continue
            try:
                months.add(dt.date.fromisoformat(line).isoformat()[:7])
                continue
            except ValueError:
                pass
            lines.append(line)
    return " ".join(lines), months


def settings_grid() -> Iterator[dict[str, Any]]:
    for change in GRID:
        yield {**DEFAULT, **change}


def apply(setting: dict[str, Any]) -> None:
    for k, v in setting.items():
        setattr(phases, k, v)


def summary_section(annotated: list[AnnotatedArticle], settings: Settings) -> tuple[list[Any], Any, Any]:
    """The story, claims and on-topic articles as pipeline.build_brief has them."""
    on_topic, _ = topic_mod.split_off_topic(annotated, settings)
    on_topic, _ = topic_mod.drop_off_topic_sentences(on_topic, settings)
    story = context_mod.build_story(on_topic, settings)
    claims = claims_mod.align_claims(story, settings)
    return on_topic, story, claims


def score_topic(topic: str, cache: Path, scorer: Any, stamp_rev: str | None = None) -> list[dict[str, Any]]:
    settings = Settings()
    annotated = load_annotated(str(BENCH / topic / "InputDocs"), cache, stamp_rev)
    t0 = time.process_time()
    on_topic, story, claims = summary_section(annotated, settings)
    print(f"  {topic}: {len(annotated)} articles, story + claims {time.process_time() - t0:.1f} CPU s", file=sys.stderr)
    reference, ref_months = read_reference(topic)
    published = {a.article.id: a.article.published for a in annotated}
    paths = {a.article.id: a.article.path for a in annotated}
    rows: list[dict[str, Any]] = []
    leads: dict[int, Any] = {}
    for setting in settings_grid():
        apply(setting)
        t1 = time.process_time()
        # The lead report and its opening depend on the background age only.
        if setting["NEWS_DAYS"] not in leads:
            lead = lead_mod.choose_lead_article(story, claims)
            leads[setting["NEWS_DAYS"]] = (lead, lead_mod.opening_words(story, claims, lead) if lead is not None else 0)
        lead, opening = leads[setting["NEWS_DAYS"]]
        summary = summarize_mod.summarize(story, claims, settings, opening_words=opening)
        if lead is not None:
            summary = lead_mod.lead_summary(story, claims, summary, lead, settings)
        text = " ".join(s.text for s in summary)
        r = scorer.score(reference, text)
        months = {
            min(d for s_ in s.sources if (d := published.get(s_)) is not None).isoformat()[:7]
            for s in summary if any(published.get(s_) for s_ in s.sources)
        }
        cache_: dict[str, str] = {}
        junk = sum(1 for s in summary if briefjunk.judge(s.text, list(s.sources), paths, cache_))
        context = sum(1 for s in summary if standalone.needs_context(s.text))
        row = {
            "topic": topic, **setting, "r1": r["rouge1"].recall, "r2": r["rouge2"].recall,
            "months": len(months & ref_months) / max(1, len(ref_months)), "junk": junk, "context": context,
            "words": len(text.split()), "lines": [s.text for s in summary],
        }
        row["objective"] = 100 * (row["r1"] + row["r2"]) + 10 * row["months"] - 5 * junk - 2 * context
        rows.append(row)
        print(f"    {setting}: objective {row['objective']:.2f}, {time.process_time() - t1:.1f} CPU s", file=sys.stderr)
    apply(DEFAULT)
    return rows


def score_briefs(files: list[str], scorer: Any) -> list[str]:
    """R-1/R-2 recall, months covered and junk/context lines of the summary of each brief JSON
    (named TOPIC.json, as briefjunk.py --build writes it), with the headline."""
    out = ["| topic | R-1 | R-2 | months | summary junk | timeline junk | context | words | headline |", "|---|---|---|---|---|---|---|---|---|"]
    for f in files:
        doc = json.loads(Path(f).read_text(encoding="utf-8"))
        topic = Path(f).stem
        reference, ref_months = read_reference(topic)
        published = {a["id"]: a.get("published") for a in doc["articles"]}
        text = " ".join(s["text"] for s in doc["summary"])
        r = scorer.score(reference, text)
        months = {min(p for s_ in s["sources"] if (p := published.get(s_))) [:7] for s in doc["summary"] if any(published.get(s_) for s_ in s["sources"])}
        junk = briefjunk.count(doc)
        context = sum(1 for s in doc["summary"] if standalone.needs_context(s["text"]))
        out.append(
            f"| {topic} | {100 * r['rouge1'].recall:.2f} | {100 * r['rouge2'].recall:.2f} | "
            f"{len(months & ref_months) / max(1, len(ref_months)):.2f} | {junk['summary']['junk']} of {junk['summary']['lines']} | "  # type: ignore[index]
            f"{junk['timeline']['junk']} of {junk['timeline']['lines']} | {context} | {len(text.split())} | {doc.get('headline')} |"  # type: ignore[index]
        )
    return out


def key(row: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(row[k] for k in DEFAULT)


def leave_one_out(rows: list[dict[str, Any]]) -> list[str]:
    """Per held-out topic: the setting best on the others, and its figures beside the default's."""
    topics = sorted({r["topic"] for r in rows})
    by = {(r["topic"], key(r)): r for r in rows}
    keys = sorted({key(r) for r in rows})
    default = tuple(DEFAULT.values())
    out = ["| held out | chosen on the others | R-1 | R-2 | months | junk | context | objective | default's objective |", "|---|---|---|---|---|---|---|---|---|"]
    gains = []
    for held in topics:
        train = [t for t in topics if t != held]
        best = max(keys, key=lambda k: (sum(by[(t, k)]["objective"] for t in train), k == default))
        r, d = by[(held, best)], by[(held, default)]
        gains.append(r["objective"] - d["objective"])
        out.append(
            f"| {held} | {dict(zip(DEFAULT, best, strict=True))} | {100 * r['r1']:.2f} ({100 * d['r1']:.2f}) | "
            f"{100 * r['r2']:.2f} ({100 * d['r2']:.2f}) | {r['months']:.2f} ({d['months']:.2f}) | {r['junk']} ({d['junk']}) | "
            f"{r['context']} ({d['context']}) | {r['objective']:.2f} | {d['objective']:.2f} |"
        )
    out.append(f"\nMean held-out objective gain over the default: {sum(gains) / len(gains):+.2f} (figures in brackets: the default setting)")
    best_all = max(keys, key=lambda k: (sum(by[(t, k)]["objective"] for t in topics), k == default))
    out.append(f"Best on all topics together: {dict(zip(DEFAULT, best_all, strict=True))}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache", default="/tmp/annocache_ls")
    ap.add_argument("--topics", default=",".join(LONG_TOPICS))
    ap.add_argument("--out", default="/tmp/phasetune.json")
    ap.add_argument("--stamp-rev", default=None, help="reuse annotations made by this revision's annotate code")
    ap.add_argument("--grid", choices=sorted(GRIDS), default="s9", help="which settings to try (see GRIDS)")
    ap.add_argument("--briefs", nargs="*", default=[], help="score nothing else: these brief JSONs' summaries (TOPIC.json)")
    ap.add_argument("--rows", nargs="*", default=[], help="score nothing: leave one out over these JSON files' rows")
    args = ap.parse_args()
    global DEFAULT, GRID
    DEFAULT, GRID = GRIDS[args.grid]
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
    if args.briefs:
        print("\n".join(score_briefs(args.briefs, scorer)))
        return
    rows: list[dict[str, Any]] = []
    for f in args.rows:
        rows.extend(json.loads(Path(f).read_text(encoding="utf-8")))
    for topic in [] if args.rows else args.topics.split(","):
        rows.extend(score_topic(topic, Path(args.cache), scorer, args.stamp_rev))
        Path(args.out).write_text(json.dumps(rows, indent=1), encoding="utf-8")
    print(f"load average {os.getloadavg()[0]:.1f}")
    print("\n".join(leave_one_out(rows)))


if __name__ == "__main__":
    main()
