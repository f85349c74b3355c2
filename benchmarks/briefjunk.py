"""Junk in a brief's summary and timeline, counted line by line from its JSON (issue 13).

A summary sentence or timeline entry is junk when it is page furniture or a reader's comment:

* **furniture**: it matches one of :data:`FURNITURE` (comment stamps and actions, share/retweet
  widgets and short links, bylines and contributor lines, transcript labels and notices,
  captions, stamped teasers, promos and comment-form notices; general shapes, no site named);
* **comment**: its text occurs in one of its source pages *after* that page's first comment
  marker (a "H:MM am |" stamp, "At H:MM ... name wrote :", "Report abuse", or a comment-form notice) -- the page's own
  structure says it is a reader's comment, whatever its words.

Usage: ``python benchmarks/briefjunk.py BRIEF.json|BRIEF.md... [--root DIR]`` prints, per brief,
lines, junk lines by kind and examples. Pages are read from the paths a JSON brief records; for a
Markdown brief, citations [n] are resolved through its article list (article ids are paths
relative to ``--root``).

``python benchmarks/briefjunk.py --build DIR [--cache DIR] [--out DIR]`` first builds the brief of
an input folder the way ``newsbrief brief DIR`` does (read, repeated lines, annotate, build), writes
its JSON and Markdown to ``--out`` (default /tmp/briefjunk) and counts them. With ``--cache`` each
article's annotation is kept in a pickle keyed by the cleaned article and the annotate code, so a
change to cleaning or to the reduce stage re-annotates only the pages whose cleaned text changed
(a 300-page topic: minutes the first time, the reduce stage alone after). ``--stamp-rev REV`` keys
the cache by REV's annotate code instead (say so beside any figure measured that way).
"""

from __future__ import annotations

import hashlib
import json
import pickle
import re
import sys
from pathlib import Path

FURNITURE: dict[str, re.Pattern[str]] = {
    "comment stamp": re.compile(
        r"\d{1,2}:\d\d\s*[ap]m\s*\||\|\s*Reply\b|\bReport abuse\b|\bRecommend\s*\(\d+\)|^.{0,60}\bwrote\s*:\s", re.I
    ),
    "widget": re.compile(r"\bRETWEET\b|\\/[A-Za-z0-9]{5,}|\b(?:bit|nyr|wp|ow)\s?\.\s?(?:ly|kr|me)\b|\bShare (?:this|on)\b"),
    "byline": re.compile(r"^By\s+[A-Z]|\bWire Staff\b|\bcontributed to this (?:report|story)\b|\bSpecial to CNN\b|^From [A-Z]\w+ [A-Z]\w+"),
    "transcript": re.compile(r"^[A-Z]{3,}(?:\s+[A-Z]{2,}){0,3}\s*:\s|\bRUSH TRANSCRIPT\b|\b(?:BEGIN|END) VIDEO\b|\bNEW\s*:"),
    "caption": re.compile(
        r"^(?:Picture|Photo|Image|Video|Footage|File photo)\b|\bPhotograph\s*:|\bGetty Images\b|\bAP Photo\b|\bpictured\b"
        r"|-LRB- (?:left|right|center|centre|L|R|C) -RRB-"
        # third pass: a parenthesis pointing at the picture, a clip's "this was the scene"
        r"|(?:-LRB-|\() ?(?:shown|pictured|seen here)\b|\bthis was the scene\b"
    ),
    # Written for this counter apart from the cleaning rules (issue 13's second pass): leftovers of a
    # wire dateline, a post's bare stamp, a live update's time label, who-stands-where captions,
    # and a video's caption narrated in the present tense at a page's top ("X , 15 , describes ...").
    "dateline/stamp": re.compile(
        r"-LRB- [A-Z][A-Za-z]+ -RRB- --|^[A-Z][A-Za-z]+ -RRB- --|^\(?[A-Z][A-Za-z]+\) --"
        r"|^[A-Z][a-z]+ \d{1,2}(?:st|nd|rd|th)? , \d{4} \d{1,2}:\d\d [ap]m [A-Z]{2,3}$"
        r"|^[A-Z]{3,}(?: [A-Z]+)* , \d{1,2}:\d\d [ap]\.m\. [A-Z]{2,3}"
        # third pass: a dateline's closing bracket left opening a line, a bracketed update time
        r"|^-RRB- --|^(?:-LRB-|\() ?\d{1,2}(?::\d\d)? [ap]\.m\."
    ),
    "caption (unmarked)": re.compile(
        r" , (?:left|right|center|centre) , |^[A-Z][\w'-]+(?: [A-Z][\w'-]+)+ , \d{1,2} , (?:describes|explains|recounts|talks)\b"
    ),
    "teaser/promo": re.compile(
        r"^updated\s*:|\bclick here\b|\bSend (?:us )?your\b|\biReport\b|\bDownload PDF\b|\bFollow us\b|\bweekly quiz\b"
        r"|\bpre-screened\b|\bTerms of Service\b|\bwill not be displayed\b|\bthis blog\b|\btune in to\b"
        r"|\bupdated : [A-Z][a-z]{2} [A-Z][a-z]{2} \d\d \d{4}|\bweeknights\b",
        re.I,
    ),
    # Session 9: teaser headlines run together by a bullet, the bullet as printed or mis-decoded
    # ("â€¢", or the cent sign of a single-byte reading that a tokeniser spells "cents"): a bullet
    # between two pieces, before a capital; "cents" only after a word that is not a number.
    "teaser list": re.compile(
        r"(?:^|\s)(?:•|â€¢|Â·|¢)\s*[A-Z`'\"]|(?:^|\b(?!(?:(?:twen|thir|for|fif|six|seven|eigh|nine)ty|(?:thir|four|fif|six|seven|eigh|nine)teen|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|hundred|few)\s)"
        r"[A-Za-z]*[a-z]\s+)cents\s+[A-Z]"
    ),
}
# Third pass: a reader's voice (first or second person outside quotation marks) and text not in
# English (not one common English function word in 8+ words), judged on the line alone.
_QUOTED = re.compile(r"``.*?''|\".*?\"|“.*?”")
_VOICE = re.compile(r"\b(?:I|I 'm|my|My|we|We|our|Our|you|You|your|Your)\b")
_ENGLISH = frozenset("the a an of to in and is are was were for on that with by at from as it be has have said".split())


def voice_kind(text: str) -> str | None:
    """"reader voice" or "not English" for a line, or None (see above)."""
    if _VOICE.search(_QUOTED.sub(" ", text)):
        return "reader voice"
    words = re.findall(r"[^\W\d_]+", text.lower())
    if len(words) >= 8 and not any(w in _ENGLISH for w in words):
        return "not English"
    return None


_MARKER = re.compile(
    r"\d{1,2}:\d\d\s*[ap]m\s*\||\bReport abuse\b|\bpre-screened\b|\bwill not be displayed\b|\bAt \d{1,2}:\d\d[^\n]{0,40}\bwrote\s*:",
    re.I,
)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def comment_zone(path: str, cache: dict[str, str]) -> str:
    """The text of a page after its first comment marker ("" when it has none)."""
    if path not in cache:
        try:
            raw = Path(path).read_text(encoding="utf-8", errors="replace")
        except OSError:
            raw = ""
        m = _MARKER.search(raw)
        cache[path] = _squash(raw[m.start() :]) if m else ""
    return cache[path]


def judge(text: str, sources: list[str], paths: dict[str, str], cache: dict[str, str]) -> str | None:
    """The junk kind of one line, or None."""
    for kind, pattern in FURNITURE.items():
        if pattern.search(text):
            return kind
    kind = voice_kind(text)
    if kind is not None:
        return kind
    probe = _squash(text)[:120]
    if len(probe) >= 25 and any(probe in comment_zone(paths[s], cache) for s in sources if s in paths):
        return "reader comment"
    return None


def count(doc: dict) -> dict[str, object]:  # type: ignore[type-arg]
    paths = {a["id"]: a["path"] for a in doc["articles"]}
    cache: dict[str, str] = {}
    out: dict[str, object] = {}
    for section, items in (("summary", doc["summary"]), ("timeline", doc["timeline"])):
        kinds: dict[str, int] = {}
        examples: list[str] = []
        for it in items:
            kind = judge(it["text"], it["sources"], paths, cache)
            if kind:
                kinds[kind] = kinds.get(kind, 0) + 1
                if len(examples) < 3:
                    examples.append(f"[{kind}] {it['text'][:100]}")
        out[section] = {"lines": len(items), "junk": sum(kinds.values()), "kinds": kinds, "examples": examples}
    return out


_MD_ITEM = re.compile(r"^- (?:\*\*[^*]+\*\*: )?(?P<text>.*?)(?P<cites>(?: ?\[\d+\])+)")
_MD_ARTICLE = re.compile(r"^(?P<n>\d+)\. .*`(?P<id>[^`]+)`")


def doc_from_markdown(text: str, root: str) -> dict:  # type: ignore[type-arg]
    """The summary, timeline and article paths of a Markdown brief, shaped like its JSON."""
    number: dict[str, str] = {}
    section = ""
    items: dict[str, list[dict]] = {"summary": [], "timeline": []}  # type: ignore[type-arg]
    for line in text.splitlines():
        if line.startswith("## "):
            section = line[3:].strip().lower()
            continue
        m = _MD_ARTICLE.match(line)
        if section == "articles" and m:
            number[m["n"]] = m["id"]
            continue
        m = _MD_ITEM.match(line)
        if section in items and m:
            plain = re.sub(r"\\(.)", r"\1", m["text"])
            items[section].append({"text": plain, "sources": re.findall(r"\[(\d+)\]", m["cites"])})
    for section_items in items.values():
        for it in section_items:
            it["sources"] = [number.get(n, n) for n in it["sources"]]
    articles = [{"id": aid, "path": str(Path(root) / aid)} for aid in number.values()]
    return {"articles": articles, **items}


def _annotate_stamp(rev: str | None = None) -> str:
    """Hash of the code an annotation depends on (a pickle from other code is not reused); with
    ``rev``, of that git revision's code (``--stamp-rev``: reuse annotations made by an older
    revision when the annotate code between them is known not to matter for what is measured)."""
    import subprocess

    root = Path(__file__).resolve().parents[1]
    src = root / "src" / "newsbrief"
    h = hashlib.sha256()
    for path in sorted((src / "annotate").glob("*.py")) + [src / "models.py", src / "config.py", src / "pipeline.py"]:
        if rev is None:
            h.update(path.read_bytes())
        else:
            rel = path.relative_to(root).as_posix()
            h.update(subprocess.run(["git", "-C", str(root), "show", f"{rev}:{rel}"], capture_output=True, check=True).stdout)
    return h.hexdigest()[:12]


def build(folder: str, cache: Path | None, out: Path, stamp_rev: str | None = None) -> Path:
    """Brief ``folder`` as ``newsbrief brief`` does, annotations from ``cache`` where they exist;
    returns the JSON path (the Markdown is beside it)."""
    from newsbrief import pipeline
    from newsbrief.annotate.resources import Resources
    from newsbrief.config import Settings
    from newsbrief.read import repeats
    from newsbrief.read.readers import read_paths
    from newsbrief.render import render

    settings = Settings()
    articles, skipped = read_paths([folder], settings)
    articles = repeats.drop_repeated_lines(articles)
    stamp = _annotate_stamp(stamp_rev)
    keys = [hashlib.sha256((stamp + repr(a)).encode()).hexdigest()[:24] for a in articles]
    found: dict[int, object] = {}
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        for i, k in enumerate(keys):
            f = cache / f"{k}.pkl"
            if f.is_file():
                found[i] = pickle.loads(f.read_bytes())
    todo = [i for i in range(len(articles)) if i not in found]
    print(f"  {len(articles)} articles, {len(found)} annotations cached, {len(todo)} to annotate", file=sys.stderr)
    resources = Resources(settings) if todo else None
    for start in range(0, len(todo), 20):  # kept as it goes: a stopped run loses one chunk at most
        chunk = todo[start : start + 20]
        assert resources is not None
        for i, ann in zip(chunk, pipeline.annotate_articles([articles[i] for i in chunk], resources), strict=True):
            found[i] = ann
            if cache is not None:
                (cache / f"{keys[i]}.pkl").write_bytes(pickle.dumps(ann))
        print(f"  annotated {min(start + 20, len(todo))}/{len(todo)}", file=sys.stderr)
    annotated = [found[i] for i in range(len(articles))]
    brief = pipeline.build_brief(annotated, settings, skipped)  # type: ignore[arg-type]
    out.mkdir(parents=True, exist_ok=True)
    name = Path(folder.rstrip("/")).parent.name if Path(folder).name == "InputDocs" else Path(folder).name
    (out / f"{name}.md").write_text(render(brief, "markdown"), encoding="utf-8")
    (out / f"{name}.json").write_text(render(brief, "json"), encoding="utf-8")
    return out / f"{name}.json"


def _take(args: list[str], flag: str) -> str | None:
    if flag not in args:
        return None
    k = args.index(flag)
    value = args[k + 1]
    del args[k : k + 2]
    return value


def main(files: list[str]) -> None:
    files = list(files)
    root = _take(files, "--root") or ""
    cache = _take(files, "--cache")
    out = Path(_take(files, "--out") or "/tmp/briefjunk")
    folder = _take(files, "--build")
    stamp_rev = _take(files, "--stamp-rev")
    if folder is not None:
        files.append(str(build(folder, Path(cache) if cache else None, out, stamp_rev)))
    for f in files:
        text = Path(f).read_text(encoding="utf-8")
        doc = json.loads(text) if f.endswith(".json") else doc_from_markdown(text, root)
        res = count(doc)
        print(f"== {f}")
        for section in ("summary", "timeline"):
            r = res[section]
            assert isinstance(r, dict)
            print(f"  {section}: {r['junk']} junk of {r['lines']} lines {r['kinds']}")
            for e in r["examples"]:
                print(f"     {e}")


if __name__ == "__main__":
    main(sys.argv[1:])
