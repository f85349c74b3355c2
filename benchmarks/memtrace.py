"""Where a brief's memory goes: resident memory of the CLI and of each map-stage worker over time.

Runs ``newsbrief brief DIR -o OUT`` as a child (as ``benchmarks/bigstory.py`` does) and samples, every
``--every`` seconds, each process of its tree from /proc: resident memory (VmRSS), split into
anonymous (RssAnon: the heap, arrays) and file-backed (RssFile: libraries, mapped model files).
The CLI's progress lines on stderr are timestamped as they arrive, so each sample has a phase
(the last progress line before it; "annotating" until the last "annotated N/N", then "annotated
all" while the hybrid embedder fills the vectors, then the reduce stage).

Prints the peak of the summed tree (the figure bigstory.py reports), when it came and what each
process held then, each process's own peak, and the summed peak per phase; ``--csv FILE`` writes
every sample (seconds, phase, pid, role, rss, anon, file in MB).

Usage::

    python benchmarks/memtrace.py DIR [--build N] [--out brief.md] [--every 0.25] [--csv FILE] [--src DIR]

``DIR`` is an input folder (e.g. one built by ``bigstory.build_big_folder``: ``--build N`` builds
the N-page folder into DIR first). Linux only (/proc).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bigstory  # noqa: E402


def _status(pid: int) -> dict[str, int]:
    """VmRSS, RssAnon, RssFile of ``pid`` in kB (empty when it is gone)."""
    out: dict[str, int] = {}
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                key = line.split(":", 1)[0]
                if key in ("VmRSS", "RssAnon", "RssFile", "RssShmem"):
                    out[key] = int(line.split()[1])
    except (OSError, ValueError):
        return {}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder")
    ap.add_argument("--out", default=None, help="the brief's Markdown (default: a file beside --csv or /tmp)")
    ap.add_argument("--every", type=float, default=0.25)
    ap.add_argument("--csv", default=None)
    ap.add_argument("--src", default=None, help="run newsbrief from this source folder")
    ap.add_argument("--build", type=int, default=0, help="first build bigstory's N-page folder into FOLDER")
    args = ap.parse_args()
    folder = Path(args.folder)
    if args.build:
        bigstory.build_big_folder(folder, args.build)
    out_md = Path(args.out or f"/tmp/memtrace-{os.getpid()}.md")
    marks: list[tuple[float, str]] = [(0.0, "start")]
    start = time.monotonic()
    proc = subprocess.Popen(
        [bigstory.NEWSBRIEF, "brief", str(folder), "-o", str(out_md)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=bigstory.child_env(args.src),
    )

    def read_stderr() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            line = line.strip()
            if "skipped" in line:
                continue
            label = line[:60]
            if "annotated " in line:  # "annotated 25/1208 articles": one phase until the last
                done, total = line.split("annotated ")[1].split()[0].split("/")
                label = "annotated all (then vectors filled)" if done == total else "annotating"
            elif ": read " in line:
                label = "reading"
            if marks[-1][1] != label:
                marks.append((time.monotonic() - start, label))

    reader = threading.Thread(target=read_stderr, daemon=True)
    reader.start()
    samples: list[tuple[float, str, int, str, dict[str, int]]] = []
    shown = ""
    while proc.poll() is None:
        now = time.monotonic() - start
        phase = marks[-1][1]
        todo = [(proc.pid, "cli")]
        while todo:
            pid, role = todo.pop()
            st = _status(pid)
            if st:
                samples.append((now, phase, pid, role, st))
            todo.extend((c, "worker") for c in bigstory._children(pid))
        if phase != shown:  # a line per phase as it starts, so a long run shows where it is
            tree = sum(st["VmRSS"] for t, _, _, _, st in samples if t == now)
            print(f"{now:7.1f} s {phase[:60]:60} tree {tree / 1024:6.0f} MB", flush=True)
            shown = phase
        time.sleep(args.every)
    wall = time.monotonic() - start
    reader.join(timeout=5)
    if proc.returncode != 0:
        sys.exit(f"memtrace: the brief failed (exit {proc.returncode})")
    by_time: dict[float, list[tuple[str, int, str, dict[str, int]]]] = {}
    for t, phase, pid, role, st in samples:
        by_time.setdefault(t, []).append((phase, pid, role, st))
    mb = lambda kb: kb / 1024  # noqa: E731
    peak_t = max(by_time, key=lambda t: sum(s["VmRSS"] for _, _, _, s in by_time[t]))
    at = by_time[peak_t]
    print(f"wall {wall:.1f} s; Markdown {out_md} ({out_md.stat().st_size / 1024:.0f} KB)")
    print(f"peak of the tree {mb(sum(s['VmRSS'] for *_, s in at)):.0f} MB at {peak_t:.1f} s, phase {at[0][0]!r}:")
    for _, pid, role, st in at:
        print(f"  {role:6} {pid}: rss {mb(st['VmRSS']):.0f} (anon {mb(st.get('RssAnon', 0)):.0f}, file {mb(st.get('RssFile', 0)):.0f})")
    print("each process's own peak:")
    own: dict[int, tuple[int, float, str, str]] = {}
    for t, phase, pid, role, st in samples:
        if pid not in own or st["VmRSS"] > own[pid][0]:
            own[pid] = (st["VmRSS"], t, phase, role)
    for pid, (kb, t, phase, role) in own.items():
        print(f"  {role:6} {pid}: {mb(kb):.0f} MB at {t:.1f} s ({phase})")
    print("summed peak per phase (MB: tree, cli, workers):")
    phases: dict[str, tuple[int, int, int, float, float]] = {}
    for t, rows in sorted(by_time.items()):
        phase = rows[0][0]
        tree = sum(s["VmRSS"] for *_, s in rows)
        cli = sum(s["VmRSS"] for _, _, role, s in rows if role == "cli")
        first = phases.get(phase, (0, 0, 0, t, t))
        if tree > first[0]:
            phases[phase] = (tree, cli, tree - cli, first[3], t)
        else:
            phases[phase] = (*first[:4], t)
    for phase, (tree, cli, workers, t0, t1) in phases.items():
        print(f"  {t0:6.1f}-{t1:6.1f} s {phase[:50]:50} {mb(tree):6.0f} {mb(cli):6.0f} {mb(workers):6.0f}")
    if args.csv:
        with open(args.csv, "w", encoding="utf-8") as f:
            f.write("seconds,phase,pid,role,rss_mb,anon_mb,file_mb\n")
            for t, phase, pid, role, st in samples:
                f.write(f"{t:.2f},{phase!r},{pid},{role},{mb(st['VmRSS']):.1f},{mb(st.get('RssAnon', 0)):.1f},{mb(st.get('RssFile', 0)):.1f}\n")


if __name__ == "__main__":
    main()
