"""Reading inputs: files and folders of .txt, .html/.htm, .json and .jsonl into Articles.

Ids: an article's id is its path relative to the folder given on the command line (its file name
when the file itself was given), and ``<that id>#<line number>`` for a JSONL line (or
``<id>#<index>`` for the items of a JSON array). Ids are made unique within a run.

Nothing here raises for a bad input: every file that cannot be used becomes a :class:`Skip` with a
reason naming what is wrong and what to do, and the run goes on.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .cleaning import clean_body, clean_text
from .config import Settings
from .decoding import UndecodableText, decode_bytes
from .metadata import date_from_path, find_date
from .models import Article, Skip

SUPPORTED = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl"}

TITLE_KEYS = ("title", "headline", "name")
TEXT_KEYS = ("text", "maintext", "body", "content", "article", "raw_text")
DATE_KEYS = ("published", "date", "date_publish", "published_at", "publish_date", "pubdate", "datePublished", "date_published")
URL_KEYS = ("url", "link", "source_url")
OUTLET_KEYS = ("outlet", "source", "source_domain", "publisher", "site_name", "sitename")
CREDIT_KEYS = ("credit", "wire", "agency")

OnSkip = Callable[[Skip], None]
Progress = Callable[[str], None]


@dataclass(frozen=True)
class InputFile:
    path: Path
    id: str


def _walk(folder: Path, skips: list[Skip]) -> Iterator[Path]:
    """Files below ``folder`` in sorted order, following links once (a link loop is skipped)."""
    seen: set[str] = set()

    def visit(d: Path) -> Iterator[Path]:
        try:
            real = os.path.realpath(d)
        except OSError:
            real = str(d)
        if real in seen:
            skips.append(Skip(str(d), "link loop: this folder was already read through another path; nothing to do"))
            return
        seen.add(real)
        try:
            entries = sorted(os.scandir(d), key=lambda e: e.name)
        except OSError as exc:
            skips.append(Skip(str(d), f"cannot list folder ({exc.strerror}); check its permissions"))
            return
        for e in entries:
            p = Path(e.path)
            if e.name.startswith("."):
                continue
            try:
                if e.is_dir():
                    yield from visit(p)
                elif e.is_file():
                    yield p
                else:
                    skips.append(Skip(str(p), "not a regular file (broken link or device); point at the file itself"))
            except OSError as exc:
                skips.append(Skip(str(p), f"cannot read ({exc.strerror}); check the path and its permissions"))

    yield from visit(folder)


def expand_paths(paths: Sequence[str | Path], skips: list[Skip]) -> list[InputFile]:
    """Files to read, each with its article id (unique within the run)."""
    files: list[InputFile] = []
    for given in paths:
        p = Path(given)
        if p.is_dir():
            for f in _walk(p, skips):
                files.append(InputFile(f, f.relative_to(p).as_posix()))
        elif p.is_file():
            files.append(InputFile(p, p.name))
        elif p.exists() or p.is_symlink():
            skips.append(Skip(str(p), "not a readable file or folder (broken link?); check the path"))
        else:
            skips.append(Skip(str(p), "no such file or folder; check the path"))
    # Ids must be unique: when two inputs share one, prefix each with its parent folders until unique.
    counts: dict[str, int] = {}
    for f in files:
        counts[f.id] = counts.get(f.id, 0) + 1
    out: list[InputFile] = []
    used: set[str] = set()
    for f in files:
        fid = f.id
        if counts[fid] > 1 or fid in used:
            parts = f.path.resolve().parts
            k = len(Path(fid).parts) + 1
            while k <= len(parts) and "/".join(parts[-k:]) in used:
                k += 1
            fid = "/".join(parts[-k:])
        used.add(fid)
        out.append(InputFile(f.path, fid))
    return out


def _first(obj: dict[str, Any], keys: Sequence[str]) -> Any:
    for k in keys:
        v = obj.get(k)
        if v not in (None, "", [], {}):
            return v
    return None


def _as_text(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, dict):
        v = _first(v, ("name", "title", "text", "value"))
    if isinstance(v, list):
        v = " ".join(str(x) for x in v if isinstance(x, str | int | float))
    if not isinstance(v, str | int | float):
        return None
    s = str(v).strip()
    return s or None


def parse_date_value(v: Any) -> tuple[dt.date | None, str | None]:
    """A publication date (and "HH:MM") from a metadata value: ISO strings, epoch numbers, prose."""
    if v is None or isinstance(v, bool):
        return None, None
    if isinstance(v, int | float):
        try:
            t = dt.datetime.fromtimestamp(float(v) / (1000 if v > 1e11 else 1), tz=dt.timezone.utc)
        except (OverflowError, OSError, ValueError):
            return None, None
        return t.date(), t.strftime("%H:%M")
    s = _as_text(v)
    if not s:
        return None, None
    try:
        t = dt.datetime.fromisoformat(s.replace("Z", "+00:00"))
        has_time = "T" in s or " " in s.strip()
        return t.date(), (t.strftime("%H:%M") if has_time else None)
    except ValueError:
        pass
    found = find_date(s)
    if found:
        return found
    return None, None


def _finish(article: Article, settings: Settings) -> Article | Skip:
    body = article.body
    if not body.strip():
        return Skip(article.path, "no article text left after removing boilerplate; is this an article?")
    notes = list(article.notes)
    if len(body) > settings.max_article_chars:
        cut = body.rfind("\n\n", 0, settings.max_article_chars)
        cut = cut if cut > settings.max_article_chars // 2 else settings.max_article_chars
        notes.append(f"text cut at {cut:,} of {len(body):,} characters (max_article_chars)")
        body = body[:cut]
    published = article.published or date_from_path(article.path)
    return replace(article, body=body, published=published, notes=tuple(notes))


def _from_record(obj: Any, fid: str, path: str, settings: Settings) -> Article | Skip:
    if not isinstance(obj, dict):
        return Skip(path, f"{fid}: expected a JSON object with a 'text' field, got {type(obj).__name__}")
    text = _as_text(_first(obj, TEXT_KEYS))
    if not text:
        return Skip(path, f"{fid}: no article text (give one of the fields {', '.join(TEXT_KEYS)})")
    published, ptime = parse_date_value(_first(obj, DATE_KEYS))
    article = Article(
        id=fid,
        path=path,
        body=clean_body(text),
        title=_as_text(_first(obj, TITLE_KEYS)),
        published=published,
        published_time=ptime,
        outlet=_as_text(_first(obj, OUTLET_KEYS)),
        credit=_as_text(_first(obj, CREDIT_KEYS)),
        url=_as_text(_first(obj, URL_KEYS)),
    )
    return _finish(article, settings)


def _read_text(raw: str, f: InputFile, settings: Settings) -> Article | Skip:
    c = clean_text(raw, str(f.path))
    article = Article(
        id=f.id,
        path=str(f.path),
        body=c.body,
        title=c.title,
        published=c.published,
        published_time=c.published_time,
        outlet=c.outlet,
        credit=c.credit,
    )
    return _finish(article, settings)


def _read_html(raw: str, f: InputFile, settings: Settings) -> Article | Skip:
    from .htmlreader import extract_html

    try:
        fields = extract_html(raw)
    except ValueError as exc:
        return Skip(str(f.path), f"{exc}; save the page's full HTML or give its text as .txt")
    if fields is None:
        return Skip(str(f.path), "no main text found in this HTML page; save the full page or give its text as .txt")
    published, ptime = parse_date_value(fields.get("date"))
    article = Article(
        id=f.id,
        path=str(f.path),
        body=clean_body(fields.get("text") or ""),
        title=fields.get("title"),
        published=published,
        published_time=ptime,
        outlet=fields.get("sitename"),
        credit=fields.get("credit"),
        url=fields.get("url"),
    )
    return _finish(article, settings)


def read_file(f: InputFile, settings: Settings) -> Iterator[Article | Skip]:
    """Articles (or Skips) from one file."""
    path = str(f.path)
    kind = SUPPORTED.get(f.path.suffix.lower())
    if kind is None:
        yield Skip(path, f"unsupported file type {f.path.suffix or '(none)'!r}; give .txt, .html, .htm, .json or .jsonl")
        return
    try:
        with open(f.path, "rb") as fh:
            data = fh.read(settings.max_file_bytes + 1)
    except OSError as exc:
        yield Skip(path, f"cannot read ({exc.strerror}); check the path and its permissions")
        return
    truncated = len(data) > settings.max_file_bytes
    if truncated:
        data = data[: settings.max_file_bytes]
    if not data.strip():
        yield Skip(path, "empty file; nothing to read")
        return
    try:
        raw = decode_bytes(data)
    except UndecodableText as exc:
        yield Skip(path, f"{exc}; give text files in UTF-8 (or latin-1/cp1252)")
        return
    note = (f"file read only up to {settings.max_file_bytes:,} bytes (max_file_bytes)",) if truncated else ()
    if kind == "jsonl":
        for lineno, line in enumerate(raw.splitlines(), start=1):
            if not line.strip():
                continue
            fid = f"{f.id}#{lineno}"
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                yield Skip(f"{path}#{lineno}", f"line {lineno} is not valid JSON ({exc.msg}); fix or remove that line")
                continue
            yield _with_notes(_from_record(obj, fid, path, settings), note)
        return
    if kind == "json":
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            yield Skip(path, f"not valid JSON (line {exc.lineno}: {exc.msg}); fix the file or use .jsonl for one article per line")
            return
        if isinstance(obj, list):
            for i, item in enumerate(obj):
                yield _with_notes(_from_record(item, f"{f.id}#{i}", path, settings), note)
        else:
            yield _with_notes(_from_record(obj, f.id, path, settings), note)
        return
    result = _read_html(raw, f, settings) if kind == "html" else _read_text(raw, f, settings)
    yield _with_notes(result, note)


def _with_notes(r: Article | Skip, notes: tuple[str, ...]) -> Article | Skip:
    if notes and isinstance(r, Article):
        return replace(r, notes=r.notes + notes)
    return r


def iter_articles(
    paths: Sequence[str | Path], settings: Settings, on_skip: OnSkip | None = None
) -> Iterator[Article]:
    """Stream Articles from ``paths``; every Skip goes to ``on_skip``. Memory is one file at a time."""
    skips: list[Skip] = []
    files = expand_paths(paths, skips)
    for s in skips:
        if on_skip:
            on_skip(s)
    for f in files:
        try:
            results = list(read_file(f, settings))
        except Exception as exc:  # noqa: BLE001 - one bad file must never stop the run
            results = [Skip(str(f.path), f"could not be read ({type(exc).__name__}: {exc}); please report this file")]
        for r in results:
            if isinstance(r, Skip):
                if on_skip:
                    on_skip(r)
            else:
                yield r


def read_paths(
    paths: Sequence[str | Path],
    settings: Settings,
    on_skip: OnSkip | None = None,
    progress: Progress | None = None,
) -> tuple[list[Article], list[Skip]]:
    """Read every article under ``paths``. Returns the articles and the skipped inputs."""
    skipped: list[Skip] = []

    def record(s: Skip) -> None:
        skipped.append(s)
        if on_skip:
            on_skip(s)

    articles: list[Article] = []
    for a in iter_articles(paths, settings, record):
        articles.append(a)
        if progress is not None and len(articles) % 100 == 0:
            progress(f"read {len(articles)} articles")
    return articles, skipped
