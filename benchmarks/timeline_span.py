"""How a brief's budgeted timeline covers its story (issue 13/14): months, reference dates, junk.

For each brief JSON (built by ``python benchmarks/briefjunk.py --build .../TOPIC/InputDocs``) of a
Timeline17 topic, prints: entries per month; the months of the topic's reference timelines that
have an entry (a timeline of a war's first weeks only covers 2 of 7); exact-day precision, recall
and F1 of the entry dates against each reference timeline (the brief's 25 entries are not the
protocol's N dates, so this is no Date-F1 of the benchmark, only a same-footing before/after
figure); and the junk lines ``briefjunk.count`` finds in the timeline.

Usage: ``python benchmarks/timeline_span.py [--data ../shared/bench/timeline17] BRIEF.json...``
(the topic is the JSON's file name: ``LibyaWar_cnn.json``).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import briefjunk  # noqa: E402

DATA = Path("../shared/bench/timeline17")
_DAY = re.compile(r"\d{4}-\d\d-\d\d")


def read_references(topic_dir: Path) -> dict[str, set[str]]:
    """Reference timeline name -> its day dates."""
    out: dict[str, set[str]] = {}
    for f in sorted((topic_dir / "timelines").glob("*.txt")):
        lines = f.read_text(encoding="utf-8", errors="replace").splitlines()
        out[f.stem] = {s.strip() for s in lines if _DAY.fullmatch(s.strip())}
    return out


def score(dates: set[str], ref: set[str]) -> tuple[float, float, float]:
    """Exact-day precision, recall and F1 of ``dates`` against ``ref``."""
    hit = len(dates & ref)
    p = hit / len(dates) if dates else 0.0
    r = hit / len(ref) if ref else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def report(path: Path, data: Path) -> list[str]:
    """Lines describing one brief."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    timeline = doc["timeline"]
    dates = {e["date"] for e in timeline}
    months = Counter(e["date"][:7] for e in timeline)
    junk = briefjunk.count(doc)["timeline"]
    assert isinstance(junk, dict)
    lines = [
        f"{path}: {len(timeline)} entries; months {', '.join(f'{m}: {n}' for m, n in sorted(months.items()))}; "
        f"timeline junk {junk['junk']} {junk['kinds']}"
    ]
    for name, ref in read_references(data / path.stem).items():
        p, r, f = score(dates, ref)
        ref_months = {d[:7] for d in ref}
        covered = len(ref_months & set(months))
        lines.append(
            f"  vs {name} ({len(ref)} dates, {len(ref_months)} months): months covered {covered}/{len(ref_months)}, "
            f"exact-day P {p:.3f} R {r:.3f} F1 {f:.3f}"
        )
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("briefs", type=Path, nargs="+")
    args = ap.parse_args()
    for path in args.briefs:
        print("\n".join(report(path, args.data)))


if __name__ == "__main__":
    main()
