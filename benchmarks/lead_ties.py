"""The lead report (headline, first summary sentence) with and without the central-ties rule, side by side.

``story.lead.choose_lead_article`` takes the latest well-corroborated report; with
``central_ties`` (the default) a report less central than the median article that only ties (or
trails) an earlier well-corroborated report on corroboration is a sideline and does not lead
(``lead._sidelines``). This prints, per input, the lead chosen each way: its id, day, lead score
(mean independent sources of its lead sentences), centrality, and the headline it gives, so a
change shows as a line whose two sides differ.

Inputs: the seeds, the demo, the six Timeline17 topics of ../shared/bench and the DUC 2004 clusters
(undated: no lead either way, listed as such). Annotations are cached (``--cache DIR``, keyed as
benchmarks/briefjunk.py keys them, by the annotate code of ``--stamp-rev`` or this tree), so a
second run costs the reduce stage's first steps only.

    python benchmarks/lead_ties.py [--cache DIR] [--stamp-rev REV] [--only NAME ...] [--no-duc]
"""

from __future__ import annotations

import argparse
import hashlib
import pickle
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "benchmarks"))

T17 = ["H1N1_bbc", "H1N1_guardian", "H1N1_reuters", "LibyaWar_cnn", "MJ_bbc", "haiti_bbc"]


def inputs(duc: bool) -> dict[str, Path]:
    out = {"seeds": SHARED / "seeds", "demo": ROOT / "examples" / "demo"}
    out |= {t: SHARED / "bench" / "timeline17" / t / "InputDocs" for t in T17}
    if duc:
        out |= {p.name: p for p in sorted((SHARED / "bench" / "duc2004" / "docs").iterdir()) if p.is_dir()}
    return out


def annotate(folder: Path, cache: Path, stamp: str) -> list[object]:
    from newsbrief import pipeline
    from newsbrief.annotate.resources import Resources
    from newsbrief.config import Settings
    from newsbrief.read import repeats
    from newsbrief.read.readers import read_paths

    settings = Settings()
    articles, _ = read_paths([str(folder)], settings)
    articles = repeats.drop_repeated_lines(articles)
    keys = [hashlib.sha256((stamp + repr(a)).encode()).hexdigest()[:24] for a in articles]
    cache.mkdir(parents=True, exist_ok=True)
    found = {i: pickle.loads((cache / f"{k}.pkl").read_bytes()) for i, k in enumerate(keys) if (cache / f"{k}.pkl").is_file()}
    todo = [i for i in range(len(articles)) if i not in found]
    if todo:
        print(f"  {folder.name}: annotating {len(todo)} of {len(articles)}", file=sys.stderr)
        resources = Resources(settings)
        for start in range(0, len(todo), 20):
            chunk = todo[start : start + 20]
            for i, ann in zip(chunk, pipeline.annotate_articles([articles[i] for i in chunk], resources), strict=True):
                found[i] = ann
                (cache / f"{keys[i]}.pkl").write_bytes(pickle.dumps(ann))
    return [found[i] for i in range(len(articles))]


def describe(name: str, annotated: list[object]) -> list[str]:
    import numpy as np

    from newsbrief.config import Settings
    from newsbrief.pipeline import _ground
    from newsbrief.story import lead as lead_mod
    from newsbrief.story.topic import score_articles

    settings = Settings()
    g = _ground(annotated, settings)  # type: ignore[arg-type]
    scores = lead_mod._lead_scores(g.story, g.claims)
    central = score_articles(g.story.annotated)
    values = np.array(list(central.values()), dtype=np.float64)
    middle = float(np.median(values)) if central else 0.0
    spread = 1.4826 * float(np.median(np.abs(values - middle))) if central else 0.0
    rows = []
    for label, ties in (("before", False), ("after", True)):
        chosen = lead_mod.choose_lead_article(g.story, g.claims, central_ties=ties)
        if chosen is None:
            rows.append(f"| {name} | {label} | (no lead: fewer than two publication days or no report) | | | |")
            continue
        head = lead_mod.lead_headline(g.story, g.claims, chosen) or "(none)"
        rows.append(
            f"| {name} | {label} | {chosen.id} {chosen.published} | {scores.get(chosen.id, 0):.2f} | "
            f"{central.get(chosen.id, 1):.2f} (median {middle:.2f}, cut {middle - spread:.2f}) | {head[:110]} |"
        )
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cache", default="/tmp/newsbrief-leadcache")
    ap.add_argument("--stamp-rev", default=None, help="key annotations by this revision's annotate code")
    ap.add_argument("--only", nargs="*", default=None)
    ap.add_argument("--no-duc", action="store_true")
    args = ap.parse_args()
    from briefjunk import _annotate_stamp

    stamp = _annotate_stamp(args.stamp_rev)
    print("| input | rule | lead report | lead score | centrality | headline |")
    print("|---|---|---|---|---|---|")
    changed = 0
    for name, folder in inputs(not args.no_duc).items():
        if args.only and name not in args.only:
            continue
        rows = describe(name, annotate(folder, Path(args.cache), stamp))
        changed += rows[0].split("|")[3:] != rows[1].split("|")[3:]
        for r in rows:
            print(r, flush=True)
    print(f"\n{changed} input(s) whose lead changed")


if __name__ == "__main__":
    main()
