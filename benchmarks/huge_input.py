"""Huge input: peak memory and time for a 50 MB text file and a folder of 2,000 articles.

Builds the inputs in a temporary folder (fictional text, nothing downloaded), runs each scenario in
a fresh process and prints its wall time, CPU time and peak resident memory (the child's own
``ru_maxrss``, read with ``os.wait4``), and what the readers said they cut.

Scenarios:

* ``baseline``      a process that only imports newsbrief and loads the models (the floor);
* ``read-50MB-txt`` the readers alone on one 50 MB .txt file;
* ``read-50MB-jsonl`` / ``read-50MB-json`` the readers alone on 50 MB of JSONL / one JSON array;
* ``read-2000``     the readers alone on a folder of 2,000 articles;
* ``brief-50MB-txt`` the whole CLI (``newsbrief brief ... -o brief.json``) on the 50 MB file;
* ``brief-2000``    the whole CLI on the 2,000 articles (slow: every article goes through spaCy
  and the sentence embedder; skip it with ``--quick``).

Amplifying inputs (issue 17), each with a bound it must stay within (``--amplify-only`` runs just
these): a 15 KB ``.json.gz`` of one article and 5,000,000 empty objects; a 3 MB ``.json`` of
1,000,000 ``{}``; 300,000 JSONL lines reading ``1``; a 2.4 MB HTML page of an article then
``<p>a</p>`` 300,000 times, one of 100,000 distinct short paragraphs, and one of 19,000 distinct
sentences (slow to extract: read at the default ``max_extract_seconds`` and at 1 s, where it
becomes a skip); a JSON article repeating
one sentence 20,000 times; a folder of 1,000 byte-identical copies of one article (whole CLI brief).

    .venv/bin/python benchmarks/huge_input.py [--quick] [--articles N] [--brief-articles N]
        [--mem-limit-gb G] [--timeout S] [--keep DIR]

The table is also written to ``benchmarks/results/huge_input.md`` (``--results``; ``--results ''``
to skip), with the arguments of the run, so the README's figures can be traced to a run.

Each child runs under an address-space limit (``--mem-limit-gb``, default 8) and a time limit
(``--timeout``, default 3600 s), so a stage that grows without bound fails (exit != 0, MemoryError)
instead of taking the machine down; the table then shows how far it got.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import cast

MB = 1024 * 1024
PYTHON = sys.executable
NEWSBRIEF = str(Path(PYTHON).with_name("newsbrief"))
RESULTS = Path(__file__).resolve().parent / "results" / "huge_input.md"

# Fictional vocabulary: the articles vary enough that syndication and claims see distinct stories.
TOWNS = ["Varnholt", "Kessling", "Maravel", "Ostrand", "Belmire", "Carrow", "Drensby", "Eskaby", "Falloway", "Grintz"]
PEOPLE = ["Mira Tolland", "Jonas Brecht", "Lucia Ferrant", "Halvard Brenn", "Petra Kosmin", "Idris Vale", "Ana Soler", "Tomas Rink"]
ROLES = ["Mayor", "council leader", "chief engineer", "union spokesperson", "board chair", "police chief"]
THINGS = ["bridge", "ferry terminal", "water plant", "tram line", "harbour wall", "school", "hospital wing", "power station"]
VERBS = ["voted to close", "agreed to rebuild", "opened an inquiry into", "approved funding for", "postponed work on", "reopened"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def make_article(rng: random.Random, n_paragraphs: int) -> str:
    """One scraped-style article: title, date line, body paragraphs, a little boilerplate."""
    town, thing = rng.choice(TOWNS), rng.choice(THINGS)
    person, role = rng.choice(PEOPLE), rng.choice(ROLES)
    year, month, day = 2024, rng.randint(1, 12), rng.randint(1, 28)
    lines = [f"{town} {rng.choice(VERBS)} the {thing}", f"{year}-{month:02d}-{day:02d}", "Share this article"]
    for i in range(n_paragraphs):
        amount = rng.randint(2, 900)
        share = rng.randint(2, 80)
        lines.append(
            f"The council of {town} {rng.choice(VERBS)} the old {thing} on {rng.choice(DAYS)}, {role} {person} said, "
            f"after a report found that {share} percent of its structure needed repair at a cost of {amount} million crowns."
        )
        if i % 3 == 1:
            lines.append(f"“We cannot wait another year,” {person.split()[-1]} said. “The {thing} is {rng.randint(20, 120)} years old.”")
    lines += ["Read more:", f"{rng.choice(TOWNS)} ferry timetable changes", f"© {year} {town} Courier. All rights reserved."]
    return "\n\n".join(lines) + "\n"


def build_inputs(root: Path, n_articles: int) -> dict[str, Path]:
    """The 50 MB text, JSONL and JSON files and the folder of ``n_articles`` articles."""
    rng = random.Random(2024)
    big_txt = root / "huge.txt"
    with big_txt.open("w", encoding="utf-8") as fh:
        written = 0
        while written < 50 * MB:
            chunk = make_article(rng, 40)
            fh.write(chunk)
            written += len(chunk.encode("utf-8"))
    big_jsonl = root / "huge.jsonl"
    big_json = root / "huge.json"
    with big_jsonl.open("w", encoding="utf-8") as lines, big_json.open("w", encoding="utf-8") as arr:
        arr.write("[")
        written, i = 0, 0
        while written < 50 * MB:
            rec = json.dumps({"title": f"Story {i}", "date": "2024-05-14", "text": make_article(rng, 12)}, ensure_ascii=False)
            lines.write(rec + "\n")
            arr.write(("," if i else "") + rec)
            written += len(rec.encode("utf-8")) + 1
            i += 1
        arr.write("]")
    folder = root / "many"
    folder.mkdir()
    for i in range(n_articles):
        (folder / f"article_{i:05d}.txt").write_text(make_article(rng, rng.randint(8, 16)), encoding="utf-8")
    return {"txt": big_txt, "jsonl": big_jsonl, "json": big_json, "folder": folder}


_READ_ONLY = """
import sys
from newsbrief.config import load_settings
from newsbrief.read.readers import read_paths
# An optional first argument "max_extract_seconds=S" sets the extraction time limit.
limit = sys.argv.pop(1).split("=", 1)[1] if sys.argv[1].startswith("max_extract_seconds=") else None
articles, skipped = read_paths(sys.argv[1:], load_settings(max_extract_seconds=None if limit is None else float(limit)))
chars = sum(len(a.body) for a in articles)
notes = sorted({n for a in articles for n in a.notes})
print(f"{len(articles)} articles, {chars:,} characters of body, {len(skipped)} skipped")
for n in notes[:3]:
    print("note:", n)
for s in skipped[:2]:
    print("skip:", s.reason)
"""

_BASELINE = """
from newsbrief.config import load_settings
from newsbrief.annotate.resources import Resources
r = Resources(load_settings())
r.nlp("Load the parser.")
r.embedder.encode(["Load the embedder."])
print("models loaded")
"""


# (CPU seconds, peak RSS MB) each amplifying scenario must stay within. CPU, not wall time: the
# machine is shared, so wall time measures the other work as much as this.
AMPLIFY_BOUNDS = {"read": (30.0, 600.0), "brief": (120.0, 1500.0)}
SENTENCE = "The harbour board of Kessling voted on Monday to sell the old ferry terminal, board chair Mira Tolland said."


def build_amplifying(root: Path) -> dict[str, Path]:
    """The amplifying inputs of issue 17 (see the module docstring)."""
    import gzip

    rng = random.Random(17)
    article = make_article(rng, 3)
    record = json.dumps({"title": "Kessling sells terminal", "date": "2024-05-14", "text": article})
    out = {"gz-5M-empty": root / "bomb.json.gz", "json-1M-empty": root / "empties.json", "jsonl-300k-ones": root / "ones.jsonl"}
    with gzip.open(out["gz-5M-empty"], "wt", encoding="utf-8") as gz:
        gz.write("[" + record)
        for _ in range(50):
            gz.write(",{}" * 100_000)
        gz.write("]")
    out["json-1M-empty"].write_text("[" + ",".join(["{}"] * 1_000_000) + "]", encoding="utf-8")
    out["jsonl-300k-ones"].write_text("1\n" * 300_000, encoding="utf-8")
    page = "<html><head><title>Kessling sells terminal</title></head><body><article>" + "".join(
        f"<p>{html_escape(p)}</p>" for p in article.split("\n\n")
    ) + "</article>"
    out["html-300k-p"] = root / "repeated_p.html"
    out["html-300k-p"].write_text(page + "<p>a</p>" * 300_000 + "</body></html>", encoding="utf-8")
    out["html-100k-distinct"] = root / "distinct_p.html"
    out["html-100k-distinct"].write_text(page + "".join(f"<p>item {i}</p>" for i in range(100_000)) + "</body></html>", encoding="utf-8")
    # Slow to extract, though under the 20,000-tag cut and not repeats: the time limit's case.
    out["html-19k-slow"] = root / "slow_p.html"
    out["html-19k-slow"].write_text(
        page + "".join(f"<p>Item {i} of the harbour inventory lists crate {i * 7} on pier {i % 13}.</p>" for i in range(19_000)) + "</body></html>",
        encoding="utf-8",
    )
    out["json-20k-sentence"] = root / "one_sentence.json"
    out["json-20k-sentence"].write_text(json.dumps({"title": "Kessling", "date": "2024-05-14", "text": " ".join([SENTENCE] * 20_000)}), encoding="utf-8")
    copies = root / "copies"
    copies.mkdir()
    for i in range(1000):
        (copies / f"copy_{i:04d}.txt").write_text(article, encoding="utf-8")
    out["brief-1000-copies"] = copies
    return out


def html_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def run(name: str, argv: list[str], mem_limit_gb: float = 8.0, timeout_s: float = 3600.0) -> dict[str, object]:
    """Run ``argv`` in a fresh process; its wall time, CPU time, peak RSS and last output lines."""
    limit = int(mem_limit_gb * 1024**3)

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    start = time.monotonic()
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, preexec_fn=limit_memory)
        # os.wait4 gives this child's own rusage (RUSAGE_CHILDREN would be the maximum over all
        # children); polled without blocking so that the time limit still holds.
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > timeout_s:
                proc.kill()
                _, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.2)
        proc.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        out = log.read().decode("utf-8", errors="replace")
    wall = time.monotonic() - start
    return {
        "scenario": name,
        "exit": proc.returncode,
        "wall_s": round(wall, 1),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),  # ru_maxrss is in KiB on Linux
        "output": [ln for ln in out.splitlines() if ln.strip()][-6:],
    }


def write_results(path: Path, results: list[dict[str, object]], argv: list[str]) -> None:
    """The table as Markdown, with the command line and the date of the run."""
    lines = [
        "# Huge input (benchmarks/huge_input.py)",
        "",
        f"Run {time.strftime('%Y-%m-%d')}: `python benchmarks/huge_input.py {' '.join(argv)}`".rstrip() + " "
        f"(2 cores shared with other work, under `nice -n 19`).",
        "",
        "| scenario | exit | wall s | cpu s | peak RSS MB | bound |",
        "|---|---|---|---|---|---|",
    ]
    lines += [f"| {r['scenario']} | {r['exit']} | {r['wall_s']} | {r['cpu_s']} | {r['peak_rss_mb']} | {r.get('bound', '')} |" for r in results]
    lines += ["", "Last output lines of each run:", ""]
    for r in results:
        lines.append(f"- {r['scenario']}: " + " / ".join(f"`{ln}`" for ln in cast(list[str], r["output"])[-3:]))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"results written to {path}")


def main() -> None:
    """Build the inputs, run every scenario, print a table and the readers' notes."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="skip the full brief of the 2,000 articles")
    ap.add_argument("--amplify-only", action="store_true", help="run only the amplifying inputs of issue 17")
    ap.add_argument("--articles", type=int, default=2000, help="articles in the folder (default 2000)")
    ap.add_argument("--brief-articles", type=int, default=None, help="run the full brief on the first N of them (default: all)")
    ap.add_argument("--mem-limit-gb", type=float, default=8.0, help="address-space limit per run (default 8)")
    ap.add_argument("--timeout", type=float, default=3600.0, help="seconds per run (default 3600)")
    ap.add_argument("--keep", type=Path, help="build the inputs here and keep them")
    ap.add_argument("--results", default=str(RESULTS), help=f"write the table here (default {RESULTS}; '' to skip)")
    args = ap.parse_args()

    root = args.keep or Path(tempfile.mkdtemp(prefix="newsbrief-huge-"))
    root.mkdir(parents=True, exist_ok=True)
    try:
        t = time.monotonic()
        paths = {} if args.amplify_only else build_inputs(root, args.articles)
        amplifying = build_amplifying(root)
        print(f"inputs built in {time.monotonic() - t:.0f}s under {root}:")
        for k, p in {**paths, **amplifying}.items():
            size = sum(f.stat().st_size for f in p.iterdir()) if p.is_dir() else p.stat().st_size
            print(f"  {k:18} {p.name:16} {size / MB:7.1f} MB")
        out = root / "out"
        out.mkdir(exist_ok=True)
        scenarios: list[tuple[str, list[str]]] = [("baseline", [PYTHON, "-c", _BASELINE])]
        if not args.amplify_only:
            scenarios += [
                ("read-50MB-txt", [PYTHON, "-c", _READ_ONLY, str(paths["txt"])]),
                ("read-50MB-jsonl", [PYTHON, "-c", _READ_ONLY, str(paths["jsonl"])]),
                ("read-50MB-json", [PYTHON, "-c", _READ_ONLY, str(paths["json"])]),
                (f"read-{args.articles}", [PYTHON, "-c", _READ_ONLY, str(paths["folder"])]),
                ("brief-50MB-txt", [NEWSBRIEF, "brief", str(paths["txt"]), "-o", str(out / "txt.json")]),
            ]
        for name, p in amplifying.items():
            if name.startswith("brief-"):
                scenarios.append((name, [NEWSBRIEF, "brief", str(p), "-q", "-o", str(out / f"{name}.json")]))
            else:
                scenarios.append((f"read-{name}", [PYTHON, "-c", _READ_ONLY, str(p)]))
            if name == "html-19k-slow":  # the same page under a 1 s extraction limit: a skip
                scenarios.append((f"read-{name}-limit-1s", [PYTHON, "-c", _READ_ONLY, "max_extract_seconds=1", str(p)]))
        if not args.quick and not args.amplify_only:
            n = min(args.brief_articles or args.articles, args.articles)
            files = sorted(paths["folder"].iterdir())[:n]
            scenarios.append((f"brief-{n}", [NEWSBRIEF, "brief", *map(str, files), "-q", "-o", str(out / "many.json")]))
        results = []
        print(f"\n{'scenario':26} {'exit':>4} {'wall s':>8} {'cpu s':>8} {'peak RSS MB':>12}  bound")
        for name, argv in scenarios:
            r = run(name, argv, args.mem_limit_gb, args.timeout)
            bound = next((b for k, b in AMPLIFY_BOUNDS.items() if name.startswith(k + "-") and (name in amplifying or name.split("-", 1)[1] in amplifying)), None)
            r["bound"] = "" if bound is None else (
                f"{'ok' if r['exit'] == 0 and float(cast(float, r['cpu_s'])) <= bound[0] and float(cast(float, r['peak_rss_mb'])) <= bound[1] else 'OVER'}"
                f" (<= {bound[0]:.0f} cpu s, {bound[1]:.0f} MB)"
            )
            results.append(r)
            print(f"{name:26} {r['exit']:>4} {r['wall_s']:>8} {r['cpu_s']:>8} {r['peak_rss_mb']:>12}  {r['bound']}", flush=True)
        print()
        for r in results:
            print(f"{r['scenario']}:")
            for line in cast(list[str], r["output"]):
                print(f"    {line}")
        if args.results:
            write_results(Path(args.results), results, sys.argv[1:])
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
