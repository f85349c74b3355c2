"""Big stories: time, memory, size and junk of ``newsbrief brief`` on real scraped topics.

Inputs: the six Timeline17 topics of ../shared/bench/timeline17 (``<topic>/InputDocs``, 76 to 398
scraped pages of one outlet each) and a folder of ``--articles`` (default 2,000) pages built from
them in a scratch folder: every page of the six topics (symbolic links) and, to reach the count,
byte copies of pages drawn with a fixed seed (copies are real files, so the readers do not fold
them into their original; the brief sees them as syndicated copies, as a real archive has them).

For each input, in the same run:

* **floor**: a child process loads the spaCy model and times ``nlp.pipe`` alone over the same
  article bodies (read by newsbrief's readers, reading not timed). No pipeline can go under it.
* **brief**: the whole CLI as a child process, ``newsbrief brief DIR -o brief.md``: wall seconds,
  CPU seconds (the CLI's and its map-stage workers'), peak resident memory of the CLI and its
  workers together (their summed RSS sampled from /proc, or ``ru_maxrss`` from ``os.wait4`` when
  larger), Markdown bytes, and the
  reduce stage alone (between the CLI's "building the brief" and "built the brief" progress lines,
  timestamped here as they arrive on stderr).
* **junk**: matches of :data:`JUNK` (general patterns of page furniture; no site named) in the
  Summary and Timeline sections of the Markdown, plus the number of timeline entries.

The machine is shared: the load average before and after each input is printed beside the
figures, and the ratio brief / floor is the figure to compare between runs.

Usage::

    python benchmarks/bigstory.py [--topic NAME ...] [--no-big] [--articles N]
        [--work DIR] [--results FILE] [--src DIR]

``--topic`` runs only the named topics (repeatable; ``--topic none`` for none), ``--no-big`` skips
the 2,000-article folder, ``--src`` runs another tree's ``src`` (e.g. ``git archive REV src`` unpacked
somewhere: two runs started together see the same load). Results go to ``benchmarks/results/bigstory.md`` unless
``--results ''``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "bench" / "timeline17"
RESULTS = ROOT / "benchmarks" / "results" / "bigstory.md"
PYTHON = sys.executable
NEWSBRIEF = str(Path(PYTHON).with_name("newsbrief"))

_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"

# What counts as junk in a summary or timeline line: page furniture, by general patterns.
JUNK: dict[str, re.Pattern[str]] = {
    # reader comments: "| Reply", "Report abuse", "Recommend (12)", "12 comments"
    "comment": re.compile(
        r"\|\s*Reply\b|\bReport (?:abuse|this comment)\b|\bRecommend\s*\(\d+\)|\b\d+\s+(?:comments|replies)\b"
        r"|\b(?:Log|Sign) in to (?:comment|reply)\b|\bPosted by\b",
        re.I,
    ),
    # a comment or live-blog timestamp: "March 31, 2011 at 12:08 am", "12:08 am |"
    "timestamp": re.compile(
        rf"\b{_MONTH}\s+\d{{1,2}}\s*,\s*\d{{4}}\s+at\s+\d{{1,2}}:\d{{2}}|\b\d{{1,2}}:\d{{2}}\s*(?:am|pm)\s*\|"
        r"|\b(?:Updated|Published|Last updated)\s*:?\s*\d",
        re.I,
    ),
    # share and retweet widgets
    "widget": re.compile(r"\bRETWEET\b|\bShare (?:this|on)\b|\bTweet this\b|\bE-?mail (?:this|to a friend)\b|\bPrint this\b"),
    # bylines and credit lines: "By John Smith, CNN", "... contributed to this report"
    "byline": re.compile(
        r"(?:^|[-*.!?]\s+|\|\s*)By\s+[A-Z][a-z]+(?:\s+[A-Z][a-z.]+){1,2}\s*(?:,|$|\n)"
        r"|\bcontributed to this report\b|\b(?:staff writer|senior correspondent)\b",
        re.M,
    ),
    # transcript and live-blog headers: "BLITZER:", "THIS IS A RUSH TRANSCRIPT", "(BEGIN VIDEO CLIP)"
    "transcript": re.compile(
        r"\b[A-Z]{3,}(?:\s+[A-Z]{2,}){0,3}\s*(?:\([A-Z ,.]+\))?\s*:\s|\bRUSH TRANSCRIPT\b|\((?:BEGIN|END) VIDEO"
        r"|\bLive (?:updates|blog)\b",
    ),
    # photo/video captions and promos: "(Getty Images)", "Photo: ...", "Click here", "Watch the video"
    "caption": re.compile(
        r"\bGetty Images\b|\bAP Photo\b|\b(?:Photo(?:graph)?|Image|Picture)s?\s*(?:credit|:)|\bClick (?:here|to)\b"
        r"|\bWatch (?:the )?video\b|\b(?:Most (?:popular|read|viewed)|Related (?:stories|links|content))\b",
        re.I,
    ),
}


@dataclass
class Row:
    name: str
    articles: int = 0
    chars: int = 0
    floor_s: float = float("nan")
    floor_cpu_s: float = float("nan")
    wall_s: float = float("nan")
    cpu_s: float = float("nan")
    annotate_s: float = float("nan")
    reduce_s: float = float("nan")
    peak_mb: float = float("nan")
    md_kb: float = float("nan")
    timeline: int = 0
    junk: dict[str, int] = field(default_factory=dict)
    load: str = ""
    status: str = "ok"


def topic_dirs(names: list[str] | None) -> list[Path]:
    """The Timeline17 topics to run (all six by default)."""
    found = sorted(p for p in DATA.iterdir() if (p / "InputDocs").is_dir())
    if names is None:
        return found
    wanted = set(names) - {"none"}
    unknown = wanted - {p.name for p in found}
    if unknown:
        sys.exit(f"bigstory: no topic {sorted(unknown)} in {DATA}; choose from {[p.name for p in found]}")
    return [p for p in found if p.name in wanted]


def build_big_folder(target: Path, count: int, seed: int = 13) -> Path:
    """``count`` pages from all six topics: every page linked once, then seeded byte copies."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    files = sorted(f for t in topic_dirs(None) for f in (t / "InputDocs").rglob("*") if f.is_file())
    for i, f in enumerate(files[:count]):
        (target / f"{i:05d}-{f.parent.parent.parent.name}-{f.parent.name}-{f.name}").symlink_to(f.resolve())
    rng = random.Random(seed)
    for i in range(len(files), count):
        f = rng.choice(files)
        shutil.copyfile(f, target / f"{i:05d}-copy-{f.parent.parent.parent.name}-{f.parent.name}-{f.name}")
    return target


def child_env(src: str | None) -> dict[str, str] | None:
    """The children's environment: this one, or with ``src`` first on PYTHONPATH (another tree)."""
    if src is None:
        return None
    return {**os.environ, "PYTHONPATH": str(Path(src).resolve())}


def run_floor(folder: Path, src: str | None = None) -> tuple[int, int, float, float]:
    """Articles, characters, wall and CPU seconds of spaCy's ``nlp.pipe`` alone, in a fresh process."""
    out = subprocess.run(
        [PYTHON, __file__, "--floor-child", str(folder)],
        capture_output=True,
        text=True,
        check=False,
        env=child_env(src),
    )
    if out.returncode != 0:
        raise RuntimeError(f"floor child failed: {out.stderr[-2000:]}")
    data = json.loads(out.stdout.strip().splitlines()[-1])
    return int(data["articles"]), int(data["chars"]), float(data["seconds"]), float(data["cpu"])


def floor_child(folder: str) -> None:
    """Child: read the folder as newsbrief does, then time ``nlp.pipe`` over the bodies."""
    from newsbrief.annotate.resources import Resources
    from newsbrief.config import load_settings
    from newsbrief.read.readers import read_paths

    settings = load_settings()
    articles, _ = read_paths([folder], settings, on_skip=None)
    nlp = Resources(settings).nlp
    bodies = [a.body for a in articles]
    start, cpu = time.perf_counter(), time.process_time()
    for _doc in nlp.pipe(bodies, batch_size=settings.batch_size):
        pass
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(json.dumps({"articles": len(bodies), "chars": sum(map(len, bodies)), "seconds": seconds, "cpu": cpu}))


def run_brief(folder: Path, out_md: Path, row: Row, src: str | None = None) -> None:
    """Whole CLI in a child: wall, reduce stage (from progress lines), peak RSS, Markdown."""
    marks: dict[str, float] = {}
    tail: list[str] = []
    start = time.monotonic()
    proc = subprocess.Popen(
        [NEWSBRIEF, "brief", str(folder), "-o", str(out_md)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(src),
    )

    def read_stderr() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            now = time.monotonic()
            for key in ("building the brief", "built the brief"):
                if key in line and key not in marks:
                    marks[key] = now
            if "skipped" not in line:
                tail.append(line.rstrip())

    reader = threading.Thread(target=read_stderr, daemon=True)
    reader.start()
    tree_peak = [0]
    sampler = threading.Thread(target=sample_tree_rss, args=(proc.pid, tree_peak), daemon=True)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    row.wall_s = time.monotonic() - start
    # CPU of the CLI and of the map stage's worker processes (waited for by the CLI).
    row.cpu_s = usage.ru_utime + usage.ru_stime
    reader.join(timeout=5)
    sampler.join(timeout=5)
    proc.returncode = os.waitstatus_to_exitcode(status)
    # ru_maxrss is the largest single process of the tree; with map-stage workers the memory the
    # run holds is their sum, sampled from /proc every 0.2 s (the larger of the two is shown).
    row.peak_mb = max(usage.ru_maxrss / 1024, tree_peak[0] / 1024)
    if proc.returncode != 0:
        row.status = f"exit {proc.returncode}: {' / '.join(tail[-3:])}"
        return
    if "building the brief" in marks:
        row.annotate_s = marks["building the brief"] - start
        if "built the brief" in marks:
            row.reduce_s = marks["built the brief"] - marks["building the brief"]
    text = out_md.read_text(encoding="utf-8")
    row.md_kb = len(text.encode("utf-8")) / 1024
    summary, timeline = sections(text, "Summary"), sections(text, "Timeline")
    row.timeline = sum(1 for line in timeline.splitlines() if line.startswith(("- ", "* ")))
    row.junk = count_junk(summary + "\n" + timeline)


def _rss_kb(pid: int) -> int:
    """Resident memory of ``pid`` (kB; 0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as f:
                found.extend(int(x) for x in f.read().split())
    except (OSError, ValueError):
        pass
    return found


def sample_tree_rss(pid: int, peak: list[int], every: float = 0.2) -> None:
    """Until ``pid`` ends: peak[0] = the largest sum of resident memory (kB) over ``pid`` and its
    descendants (the map stage's worker processes). Linux /proc; elsewhere it stays 0."""
    while os.path.exists(f"/proc/{pid}") and _rss_kb(pid):
        tree, todo = 0, [pid]
        while todo:
            p = todo.pop()
            tree += _rss_kb(p)
            todo.extend(_children(p))
        peak[0] = max(peak[0], tree)
        time.sleep(every)


def sections(markdown: str, title: str) -> str:
    """The text of the ``## title`` section of a Markdown brief ('' when absent)."""
    m = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", markdown, re.M | re.S)
    return m.group(1) if m else ""


def count_junk(text: str) -> dict[str, int]:
    """Matches of each :data:`JUNK` pattern in ``text`` (Markdown escapes removed first)."""
    plain = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|>])", r"\1", text)
    return {name: len(pat.findall(plain)) for name, pat in JUNK.items()}


def load_avg() -> str:
    return "{:.1f}/{:.1f}".format(*os.getloadavg()[:2])


def measure(name: str, folder: Path, work: Path, src: str | None = None) -> Row:
    """Floor and whole brief for one input folder."""
    row = Row(name)
    before = load_avg()
    row.articles, row.chars, row.floor_s, row.floor_cpu_s = run_floor(folder, src)
    run_brief(folder, work / f"{name}.md", row, src)
    row.load = f"{before} -> {load_avg()}"
    return row


def format_table(rows: list[Row]) -> str:
    head = (
        "| input | articles | MB text | spaCy floor s (CPU s) | brief s (CPU s) | x floor wall (CPU) "
        "| annotate s | reduce s | peak MB | Markdown KB | timeline entries | junk (summary+timeline) "
        "| load 1/5 min |\n"
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n"
    )
    lines = []
    for r in rows:
        junk = sum(r.junk.values())
        detail = ", ".join(f"{k} {v}" for k, v in r.junk.items() if v)
        lines.append(
            f"| {r.name} | {r.articles} | {r.chars / 1e6:.2f} | {r.floor_s:.1f} ({r.floor_cpu_s:.1f}) "
            f"| {r.wall_s:.1f} ({r.cpu_s:.1f}) | {r.wall_s / r.floor_s:.2f} ({r.cpu_s / r.floor_cpu_s:.2f}) "
            f"| {r.annotate_s:.1f} | {r.reduce_s:.1f} | {r.peak_mb:.0f} "
            f"| {r.md_kb:.0f} | {r.timeline} | {junk}{f' ({detail})' if detail else ''} | {r.load} |"
            + ("" if r.status == "ok" else f" {r.status}")
        )
    return head + "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--topic", action="append", help="run only this topic (repeatable; 'none' for no topic)")
    ap.add_argument("--no-big", action="store_true", help="skip the big folder")
    ap.add_argument("--articles", type=int, default=2000, help="pages in the big folder (default 2000)")
    ap.add_argument("--work", default=None, help="scratch folder (default: a temporary one, removed)")
    ap.add_argument("--results", default=str(RESULTS), help="Markdown results file ('' to skip)")
    ap.add_argument("--src", help="run newsbrief from this source folder (e.g. another revision's src/)")
    ap.add_argument("--floor-child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.floor_child:
        floor_child(args.floor_child)
        return
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="bigstory-"))
    work.mkdir(parents=True, exist_ok=True)
    rows: list[Row] = []
    try:
        for topic in topic_dirs(args.topic):
            rows.append(measure(topic.name, topic / "InputDocs", work, args.src))
            print(format_table(rows[-1:]).splitlines()[-1], flush=True)
        if not args.no_big:
            big = build_big_folder(work / f"big{args.articles}", args.articles)
            rows.append(measure(f"all six + copies ({args.articles})", big, work, args.src))
            print(format_table(rows[-1:]).splitlines()[-1], flush=True)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    table = format_table(rows)
    print(table)
    if args.results:
        patterns = "\n".join(f"- {k}: `{p.pattern}`" for k, p in JUNK.items())
        Path(args.results).write_text(
            f"# bigstory\n\n`python benchmarks/bigstory.py {' '.join(sys.argv[1:])}` "
            f"({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores shared with other "
            f"jobs; load average 1/5 min before -> after each input in the last column)\n\n"
            f"{table}\nJunk patterns (counted in the Summary and Timeline sections):\n\n{patterns}\n",
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
