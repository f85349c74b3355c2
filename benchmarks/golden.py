"""Golden outputs: JSON and Markdown briefs of four real inputs, written or compared byte for byte.

Used to show that a refactor changes no output (``--compare``), or to show what a deliberate change
did (``--diff`` prints a short summary of what moved). Inputs: the seeds, the demo, one DUC 2004
cluster and one Timeline17 dev topic (all read from ../shared or examples/).

    python benchmarks/golden.py --write out/golden-before
    python benchmarks/golden.py --compare out/golden-before
    python benchmarks/golden.py --against main      # this tree against a commit, in one run
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Relative to the project root (the briefs record the paths they were given).
INPUTS = {
    "seeds": Path("../shared/seeds"),
    "demo": Path("examples/demo"),
    "duc_d30001": Path("../shared/bench/duc2004/docs/d30001"),
    "t17_H1N1_guardian": Path("../shared/bench/timeline17/H1N1_guardian/InputDocs"),
}


def produce() -> dict[str, bytes]:
    """Every golden output, keyed by file name."""
    from threadpoolctl import threadpool_limits

    from newsbrief import pipeline
    from newsbrief.config import load_settings
    from newsbrief.render import render

    os.chdir(ROOT)
    settings = load_settings(None)
    resources = None
    out: dict[str, bytes] = {}
    with threadpool_limits(limits=1, user_api="blas"):
        for name, path in INPUTS.items():
            if not path.exists():
                sys.exit(f"golden: {path} is missing (../shared beside the project root?)")
            brief = pipeline.brief_paths([str(path)], settings, resources)
            for fmt, ext in (("json", "json"), ("markdown", "md")):
                out[f"{name}.{ext}"] = render(brief, fmt).encode("utf-8")
    return out


def _outputs_of(rev: str) -> Path:
    """Write the golden outputs of git revision ``rev`` (checked out in a temporary worktree)."""
    # Beside this tree, so that the revision finds ../shared and records the same relative paths.
    tree = Path(tempfile.mkdtemp(prefix=".golden-", dir=ROOT.parent))
    out = Path(tempfile.mkdtemp(prefix="golden-out-"))
    tree.rmdir()
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(tree), rev], check=True)
    try:
        # The revision's tree must sit beside ../shared too: link it there under the same parent.
        env = {**os.environ, "PYTHONPATH": str(tree / "src")}
        subprocess.run(
            [sys.executable, str(tree / "benchmarks" / "golden.py"), "--write", str(out)],
            check=True, env=env, stdout=subprocess.DEVNULL,
        )
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=False)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--write", type=Path, help="write the outputs into this folder")
    g.add_argument("--compare", type=Path, help="compare against the outputs in this folder")
    g.add_argument("--against", metavar="REV", help="compare against the outputs of git revision REV")
    args = ap.parse_args()
    if args.against:
        args.compare = _outputs_of(args.against)
    outputs = produce()
    if args.write:
        args.write.mkdir(parents=True, exist_ok=True)
        for name, data in outputs.items():
            (args.write / name).write_bytes(data)
            print(f"{name}\t{len(data)} bytes\t{hashlib.sha256(data).hexdigest()[:12]}")
        return 0
    differ = 0
    for name, data in outputs.items():
        old = (args.compare / name).read_bytes()
        same = old == data
        differ += not same
        print(f"{name}\t{'identical' if same else f'DIFFERS ({len(old)} -> {len(data)} bytes)'}")
    print(f"{len(outputs) - differ} identical, {differ} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
