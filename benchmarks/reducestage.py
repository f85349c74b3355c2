"""The reduce stage alone (``pipeline.build_brief``) on annotations stored once: CPU, peak memory,
per-stage CPU and the brief's digest, for one or more source trees side by side.

Annotating a 2,000-page folder takes 10 to 70 minutes of a shared machine; the reduce stage is what
this measures, so the annotated articles are pickled once (``--cache``, built from ``--input``:
a folder, or ``big`` for benchmarks/bigstory.py's 2,000-page folder of the six Timeline17 topics)
and every later run loads them. Each tree's brief runs in its own child process (``--src
LABEL=DIR``, default this tree), so peak memory is its own and two trees see the same load; the
JSON brief of each is compared with the first tree's (identical or not).

Usage::

    python benchmarks/reducestage.py --cache /tmp/big.pkl --input big [--src before=/path/src ...]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
STAGES = [
    ("context", "build_story"), ("claims", "align_claims"), ("summarize", "summarize"),
    ("entities", "merge_entities"), ("timeline", "build_timeline"), ("disagreements", "find_disagreements"),
    ("unique", "unique_contributions"), ("lead", "lead_summary"), ("budget", "apply_budget"),
]


def build_cache(source: str, cache: Path) -> None:
    """Child: read and annotate ``source`` (a folder, or ``big``) and pickle the articles."""
    from newsbrief.annotate.resources import Resources
    from newsbrief.config import load_settings
    from newsbrief.pipeline import annotate_articles
    from newsbrief.read import repeats
    from newsbrief.read.readers import read_paths

    if source == "big":
        sys.path.insert(0, str(ROOT / "benchmarks"))
        import bigstory

        source = str(bigstory.build_big_folder(cache.with_suffix(".folder"), 2000))
    settings = load_settings()
    articles, skipped = read_paths([source], settings, on_skip=None)
    annotated = annotate_articles(repeats.drop_repeated_lines(articles), Resources(settings))
    with cache.open("wb") as f:
        pickle.dump((annotated, skipped), f, protocol=5)


def reduce_child(cache: str) -> None:
    """Child: time build_brief on the cached articles; print one JSON line of figures."""
    from newsbrief import pipeline
    from newsbrief.config import load_settings
    from newsbrief.render import render

    with open(cache, "rb") as f:
        annotated, skipped = pickle.load(f)
    spent: dict[str, float] = {}
    for mod_name, attr in STAGES:
        mod = getattr(pipeline, f"{mod_name}_mod")
        fn = getattr(mod, attr)

        def timed(*a: object, _fn: object = fn, _key: str = f"{mod_name}.{attr}", **k: object) -> object:
            t = time.process_time()
            try:
                return _fn(*a, **k)  # type: ignore[operator]
            finally:
                spent[_key] = spent.get(_key, 0.0) + time.process_time() - t

        setattr(mod, attr, timed)
    start = time.process_time()
    brief = pipeline.build_brief(annotated, load_settings(), skipped)
    cpu = time.process_time() - start
    text = render(brief, "json").encode("utf-8")
    print(json.dumps({
        "articles": len(annotated), "sentences": sum(len(a.sentences) for a in annotated), "cpu_s": cpu,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "json": hashlib.sha256(text).hexdigest()[:12],
        "stages": spent,
    }))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", required=True, help="pickle of the annotated articles (built once)")
    ap.add_argument("--input", help="folder (or 'big') to annotate when --cache does not exist yet")
    ap.add_argument("--src", action="append", default=[], help="LABEL=DIR: a tree's src (repeatable)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--build-child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.build_child:
        build_cache(args.input, Path(args.cache))
        return
    if args.child:
        reduce_child(args.child)
        return
    cache = Path(args.cache)
    if not cache.is_file():
        if not args.input:
            sys.exit(f"reducestage: no {cache} yet; give --input FOLDER (or big) to build it")
        # In a child: the annotating process's peak memory is not the reduce stage's.
        subprocess.run([PYTHON, __file__, "--cache", str(cache), "--input", args.input, "--build-child"], check=True)
    trees = [tuple(s.split("=", 1)) for s in args.src] or [("this tree", str(ROOT / "src"))]
    print(f"load average before: {os.getloadavg()[0]:.1f}")
    print("| tree | articles | sentences | reduce CPU s | peak MB | JSON vs first (sha256) | CPU s by stage |\n|---|---:|---:|---:|---:|---|---|")
    first = None
    for label, src in trees:
        out = subprocess.run([PYTHON, __file__, "--cache", str(cache), "--child", str(cache)], capture_output=True, text=True,
                             env={**os.environ, "PYTHONPATH": str(Path(src).resolve())})
        if out.returncode != 0:
            sys.exit(f"reducestage: {label} failed: {out.stderr[-2000:]}")
        fig = json.loads(out.stdout.strip().splitlines()[-1])
        first = first or fig["json"]
        same = "identical" if fig["json"] == first else "DIFFERS"
        stages = ", ".join(f"{k} {v:.1f}" for k, v in sorted(fig["stages"].items(), key=lambda x: -x[1]))
        print(f"| {label} | {fig['articles']} | {fig['sentences']} | {fig['cpu_s']:.1f} | {fig['peak_mb']:.0f} | {same} ({fig['json']}) | {stages} |")
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
