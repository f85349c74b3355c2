"""Cleaning and entity typing on page types the rules were not written on (issue 13, held out).

The pages are tests/fixtures/unseen/<story>/ (invented text, several sites' styles, HTML and
scraped plain text, one page in Windows-1252); each has an answer key in <story>.key/: the body
lines the cleaned text must keep and the phrases that must not reach it, and per story the names
that are people and the names that must not be listed as people (companies, drugs, platforms,
ships, storms).

Per page, through the real reader (``read_paths``: HTML, encodings, plain text):

* **kept**: answer-key body lines found in the cleaned body (over-cleaning shows as a loss);
* **leaked**: cleaned paragraphs that hold text outside every key line (2+ words left once the
  key lines in them are taken out), each counted once.

Then the brief of each story folder (``newsbrief brief``'s chain) and its junk, item by item:

* summary / timeline / quotes / figures: an item whose text is not inside one key body line;
* who's who: an entity whose name is written in no key body line (junk), or a name of the key's
  ``not_people`` listed as a person, a person not among the key's ``people`` (every person its body
  lines name), or one of ``people`` listed as something else (mistyped);
* corrections: a key's ``correction`` (new, old) must come out as a correction or change between
  those two values, in the disagreements or the figures.

Usage: ``python benchmarks/unseen_pages.py [--json OUT]`` prints the tables (run it before and
after a rule change in the same minutes; the first run on pages written before any rule change is
the held-out figure).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UNSEEN = ROOT / "tests" / "fixtures" / "unseen"


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def stories() -> list[str]:
    return sorted(p.name for p in UNSEEN.iterdir() if p.is_dir() and not p.name.endswith(".key"))


def load_keys(story: str) -> tuple[dict[str, dict[str, object]], dict[str, object]]:
    keydir = UNSEEN / f"{story}.key"
    pages = {p.name.removesuffix(".expected.json"): json.loads(p.read_text("utf-8")) for p in sorted(keydir.glob("*.expected.json"))}
    return pages, json.loads((keydir / "story.json").read_text("utf-8"))


def judge_page(body: str, key: dict[str, object]) -> tuple[int, int, list[str]]:
    """(key lines kept, key lines, leaked paragraphs) of one cleaned body."""
    lines = [squash(x) for x in key["body"]]  # type: ignore[union-attr]
    flat = squash(body)
    kept = sum(1 for x in lines if x in flat)
    leaked = []
    for para in body.split("\n\n"):
        rest = squash(para)
        for x in sorted(lines, key=len, reverse=True):  # a subhead ("The fire") is no prefix to take out of its section's sentence
            rest = rest.replace(x, " ")
        if len(rest.split()) >= 2:
            leaked.append(squash(para)[:90])
    return kept, len(lines), leaked


def judge_brief(doc: dict, keys: dict[str, dict[str, object]], story: dict[str, object]) -> dict[str, list[str]]:  # type: ignore[type-arg]
    """Junk items per section of one brief's JSON."""
    lines = [squash(x) for k in keys.values() for x in k["body"]]  # type: ignore[union-attr]

    def inside(text: str) -> bool:
        t = squash(text)
        return any(t in x for x in lines)

    out: dict[str, list[str]] = {}
    for section, field in (("summary", "text"), ("timeline", "text"), ("quotes", "text"), ("figures", "sentence")):
        out[section] = [squash(it[field])[:90] for it in doc[section] if not inside(it[field])]
    people = set(story["people"])  # type: ignore[arg-type]
    not_people = set(story["not_people"])  # type: ignore[arg-type]
    who: list[str] = []
    for e in doc["entities"]:
        names = [e["name"], *e.get("aliases", [])]
        if not any(n in x for n in names for x in lines):
            who.append(f"{e['name']} ({e['type']}): not in the body")
        elif e["type"] == "person" and (any(n in not_people for n in names) or not any(n in people for n in names)):
            who.append(f"{e['name']} typed person")
        elif e["type"] != "person" and any(n in people for n in names):
            who.append(f"{e['name']} typed {e['type']}")
    listed = {n for e in doc["entities"] if e["type"] == "person" for n in [e["name"], *e.get("aliases", [])]}
    who += [f"{p} missing from people" for p in sorted(people - listed)]
    out["who's who"] = who
    missing: list[str] = []
    for name, k in keys.items():
        corr = k.get("correction")
        if not corr:
            continue
        new, old = corr["new"], corr["old"]  # type: ignore[index]
        blob = json.dumps(doc["disagreements"], ensure_ascii=False) + json.dumps([f for f in doc["figures"] if f.get("change")], ensure_ascii=False)
        if not (re.search(rf"\b{re.escape(str(old))}\b", blob) and re.search(rf"\b{re.escape(str(new))}\b", blob)):
            missing.append(f"{name}: correction {old} -> {new} not reported")
    out["corrections"] = missing
    return out


def brief_of(folder: Path) -> dict:  # type: ignore[type-arg]
    from newsbrief import pipeline
    from newsbrief.annotate.resources import Resources
    from newsbrief.config import Settings
    from newsbrief.read import repeats
    from newsbrief.read.readers import read_paths
    from newsbrief.render import render

    settings = Settings()
    articles, skipped = read_paths([str(folder)], settings)
    articles = repeats.drop_repeated_lines(articles)
    annotated = pipeline.annotate_articles(articles, Resources(settings))
    brief = pipeline.build_brief(list(annotated), settings, skipped)
    doc: dict = json.loads(render(brief, "json"))  # type: ignore[type-arg]
    return doc


def main(argv: list[str]) -> None:
    from newsbrief.config import Settings
    from newsbrief.read.readers import read_paths

    report: dict[str, object] = {}
    tot_kept = tot_lines = tot_leak = tot_junk = 0
    for story in stories():
        keys, who = load_keys(story)
        articles, _ = read_paths([str(UNSEEN / story)], Settings())
        bodies = {Path(a.path).name.rsplit(".", 1)[0]: a.body for a in articles}
        print(f"== {story}: cleaning, page by page (key lines kept / key lines, leaked paragraphs)")
        pages = {}
        for name, key in keys.items():
            kept, n, leaked = judge_page(bodies.get(name, ""), key)
            tot_kept, tot_lines, tot_leak = tot_kept + kept, tot_lines + n, tot_leak + len(leaked)
            pages[name] = {"kept": kept, "lines": n, "leaked": leaked}
            print(f"  {name:24s} kept {kept}/{n}  leaked {len(leaked)}" + "".join(f"\n      leak: {x}" for x in leaked))
        doc = brief_of(UNSEEN / story)
        if "--save" in argv:
            Path(argv[argv.index("--save") + 1], f"{story}.json").write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
        junk = judge_brief(doc, keys, who)
        sizes = {s: len(doc[s]) for s in ("summary", "timeline", "quotes", "figures", "entities")}
        print(f"== {story}: brief junk by section (junk / items)")
        for section, items in junk.items():
            total = sizes.get({"who's who": "entities"}.get(section, section), 0)
            tot_junk += len(items)
            print(f"  {section:12s} {len(items)} / {total}" + "".join(f"\n      junk: {x}" for x in items))
        report[story] = {"pages": pages, "brief": junk, "sizes": sizes}
    print(f"TOTAL: body lines kept {tot_kept}/{tot_lines}, leaked paragraphs {tot_leak}, brief junk items {tot_junk}")
    if "--json" in argv:
        Path(argv[argv.index("--json") + 1]).write_text(json.dumps(report, indent=1, ensure_ascii=False), "utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
