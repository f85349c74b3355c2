"""Reading inputs: files and folders of .txt, .html/.htm, .json and .jsonl into Articles.

Ids: an article's id is its path relative to the folder given on the command line (its file name
when the file itself was given), and ``<that id>#<line number>`` for a JSONL line (or
``<id>#<index>`` for the items of a JSON array). Ids are made unique within a run.

What is read: ``.txt``/``.text`` (scraped plain text), ``.html``/``.htm``, ``.json`` (one article,
an array of them, or an object holding such an array), ``.jsonl``/``.ndjson`` (one per line), any
of these compressed as ``.gz``, and files without an extension, judged by their first bytes.
Folders are read recursively in sorted order; hidden files and the files that document a folder
(README, LICENSE, CHANGELOG...) are not articles and are passed over.

Nothing here raises for a bad input: every file that cannot be used becomes a :class:`Skip` with a
reason naming what is wrong and what to do, and the run goes on.

Memory is bounded per file, whatever its size: a page (.txt, .html) is read only as far as one
article can reach (a small multiple of ``Settings.max_article_chars``), JSONL is streamed line by
line and JSON arrays item by item, and ``Settings.max_file_bytes`` bounds what any file may cost.
Whatever is cut is said in ``Article.notes`` (or in a Skip for records never read).
"""

from __future__ import annotations

import datetime as dt
import errno
import gzip
import json
import os
import re
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any, cast

from .cleaning import clean_body, clean_text
from .config import Settings
from .decoding import (
    SAMPLE_BYTES,
    UndecodableText,
    clean_decoded,
    decode_bytes,
    detect_encoding,
    find_declared_charset,
)
from .jsonstream import CHUNK, END, ArrayStart, JsonFault, TextStream, iter_json_values
from .metadata import date_from_path, find_date
from .models import Article, Skip

SUPPORTED = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl"}
_SUPPORTED_LIST = ".txt, .html, .htm, .json or .jsonl (optionally .gz)"
# Hints for file types people often point newsbrief at by mistake.
_CONVERT_HINTS = {
    ".pdf": "extract its text first (for example with pdftotext) into a .txt file",
    ".docx": "save the document as plain text (.txt) first",
    ".doc": "save the document as plain text (.txt) first",
    ".odt": "save the document as plain text (.txt) first",
    ".rtf": "save the document as plain text (.txt) first",
    ".md": "rename it to .txt to read it as plain text",
    ".xml": "convert the feed or export to .jsonl (one article per line) first",
    ".csv": "convert it to .jsonl (one JSON object with a 'text' field per line) first",
    ".warc": "extract the pages to .html files first (for example with warcio)",
}
# Files that document a folder of articles rather than being one.
_FOLDER_DOCS = re.compile(r"^(readme|licen[cs]e|copying|changelog|changes|notice|authors|contributing)(\.[a-z0-9]{1,5})?$", re.I)

TITLE_KEYS = ("title", "headline", "name")
# A list of strings under one of these (e.g. "paragraphs") is read as paragraphs.
TEXT_KEYS = ("text", "maintext", "body", "content", "article", "raw_text", "paragraphs")
HTML_KEYS = ("html", "raw_html", "content_html", "body_html")
DATE_KEYS = ("published", "date", "date_publish", "published_at", "publish_date", "pubdate", "datePublished", "date_published")
URL_KEYS = ("url", "link", "source_url")
OUTLET_KEYS = ("outlet", "source", "source_domain", "publisher", "site_name", "sitename")
CREDIT_KEYS = ("credit", "wire", "agency")
# Keys under which JSON exports hold their list of articles ({"articles": [...]}).
LIST_KEYS = ("articles", "items", "data", "results", "documents", "docs", "records", "entries", "posts")

# A scraped page is read up to this many characters per article character allowed: boilerplate
# (menus, related lists) rarely makes up more than half of a long page. Cleaning costs ~4 µs a
# character, so this also bounds the time one page can take.
_PAGE_CHARS_PER_ARTICLE_CHAR = 2
# UTF-8 takes up to 4 bytes a character.
_BYTES_PER_CHAR = 4
# HTML and JSON records carry markup and metadata besides the text: 2-5 MB pages are common for a
# 20,000-character article. 50 bytes a character (10 MB at the default 200,000) leaves room.
_MARKUP_BYTES_PER_ARTICLE_CHAR = 50
# Fewer words than this is a menu, a caption or an error page, not an article (the shortest wire
# briefs run to 30 words and more).
_MIN_ARTICLE_WORDS = 8

OnSkip = Callable[[Skip], None]
Progress = Callable[[str], None]


@dataclass(frozen=True)
class InputFile:
    path: Path
    id: str


def shown_path(path: str | Path) -> str:
    """``path`` as printable text: undecodable bytes as ``\\xNN``, control characters escaped.

    File names are written by strangers too; this keeps them from breaking terminals and outputs.
    """
    s = os.fspath(path)
    s = s.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return "".join(ch if ch.isprintable() or ch == " " else ch.encode("unicode_escape").decode("ascii") for ch in s)


def _link_problem(p: Path) -> str:
    """Why a path that is neither a file nor a folder cannot be read, and what to do."""
    try:
        os.stat(p)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "link loop: this link leads back to itself; remove it or point it at a real file"
        if exc.errno == errno.ENOENT:
            return "broken link: what it points to does not exist; fix or remove the link"
        return f"cannot read ({exc.strerror}); check the path and its permissions"
    return "not a regular file (a device, pipe or socket); point newsbrief at article files"


def _identity(p: Path) -> tuple[int, int]:
    # (device, inode) names a file or folder whatever path reaches it, in one system call
    # (os.path.realpath costs one per path component, quadratic in deep trees).
    st = os.stat(p)
    return st.st_dev, st.st_ino


def _walk(folder: Path, skips: list[Skip]) -> Iterator[Path]:
    """Files below ``folder`` in sorted order, following links once (a link loop is skipped).

    Iterative, so that folders nested thousands deep cannot exhaust Python's recursion limit.
    """
    seen: set[tuple[int, int]] = set()

    def entries(d: Path) -> Iterator[os.DirEntry[str]] | None:
        try:
            ident = _identity(d)
            if ident in seen:
                skips.append(Skip(shown_path(d), "link loop: this folder was already read through another path; nothing to do"))
                return None
            seen.add(ident)
            with os.scandir(d) as it:
                listing = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            skips.append(Skip(shown_path(d), f"cannot list folder ({exc.strerror}); check its permissions"))
            return None
        return iter(listing)

    stack: list[Iterator[os.DirEntry[str]]] = []
    first = entries(folder)
    if first is not None:
        stack.append(first)
    while stack:
        e = next(stack[-1], None)
        if e is None:
            stack.pop()
            continue
        if e.name.startswith(".") or _FOLDER_DOCS.match(e.name):
            continue
        p = Path(e.path)
        try:
            if e.is_dir():
                sub = entries(p)
                if sub is not None:
                    stack.append(sub)
                continue
            if e.is_file():
                yield p
                continue
        except OSError:
            pass  # a link loop makes is_dir() raise; _link_problem says which problem it is
        skips.append(Skip(shown_path(p), _link_problem(p)))


def expand_paths(paths: Sequence[str | Path], skips: list[Skip]) -> list[InputFile]:
    """Files to read, each with its article id (unique within the run); a file reached twice
    (through links, or given twice) is read once."""
    files: list[InputFile] = []
    first_seen: dict[tuple[int, int], Path] = {}

    def add(f: Path, fid: str) -> None:
        try:
            ident = _identity(f)
        except OSError as exc:
            skips.append(Skip(shown_path(f), f"cannot read ({exc.strerror}); check the path and its permissions"))
            return
        if ident in first_seen:
            skips.append(Skip(shown_path(f), f"same file as {shown_path(first_seen[ident])} (reached twice, through a link or repeated argument); read once"))
            return
        first_seen[ident] = f
        files.append(InputFile(f, fid))

    for given in paths:
        p = Path(given)
        if p.is_dir():
            before = len(files) + len(skips)
            for f in _walk(p, skips):
                add(f, shown_path(f.relative_to(p).as_posix()))
            if len(files) + len(skips) == before:
                skips.append(Skip(shown_path(p), "no article files in this folder; point newsbrief at the folder that holds the articles"))
        elif p.is_file():
            add(p, shown_path(p.name))
        elif p.exists() or p.is_symlink():
            skips.append(Skip(shown_path(p), _link_problem(p)))
        else:
            skips.append(Skip(shown_path(p), "no such file or folder; check the path"))
    return _unique_ids(files)


def _unique_ids(files: list[InputFile]) -> list[InputFile]:
    # Ids must be unique: when two inputs share one, prefix each with its parent folders until unique.
    counts: dict[str, int] = {}
    for f in files:
        counts[f.id] = counts.get(f.id, 0) + 1
    out: list[InputFile] = []
    used: set[str] = set()
    for f in files:
        fid = f.id
        if counts[fid] > 1 or fid in used:
            parts = [shown_path(x) for x in f.path.resolve().parts]
            k = len(Path(fid).parts) + 1
            while k <= len(parts) and "/".join(parts[-k:]) in used:
                k += 1
            fid = "/".join(parts[-k:])
            n = 2
            while fid in used:  # identical resolved tails (cannot happen for distinct real files, but be sure)
                fid = f"{fid}~{n}"
                n += 1
        used.add(fid)
        out.append(InputFile(f.path, fid))
    return out


def _scrub(s: str) -> str:
    # JSON "\ud800" escapes give lone surrogates, which no UTF-8 output can hold.
    return clean_decoded(re.sub("[\ud800-\udfff]", "\ufffd", s))


def _first(obj: dict[str, Any], keys: Sequence[str]) -> Any:
    for k in keys:
        v = obj.get(k)
        if v not in (None, "", [], {}):
            return v
    return None


def _as_text(v: Any) -> str | None:
    if v is None or isinstance(v, bool):
        return None
    if isinstance(v, dict):
        v = _first(v, ("name", "title", "text", "value"))
    if isinstance(v, list):
        v = " ".join(str(x) for x in v if isinstance(x, str | int | float) and not isinstance(x, bool))
    if not isinstance(v, str | int | float) or isinstance(v, bool):
        return None
    s = _scrub(str(v)).strip()
    return s or None


def _as_body(v: Any) -> str | None:
    """Article text from a record's text field: a string, or a list of paragraphs (strings)."""
    if isinstance(v, list):
        parts = [_as_text(x) for x in v if isinstance(x, str)]
        return "\n\n".join(p for p in parts if p) or None
    return _as_text(v)


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
    if not s or len(s) > 200:
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


def _cap_chars(text: str, limit: int, what: str) -> tuple[str, tuple[str, ...]]:
    """``text`` cut at a line break near ``limit`` characters, and a note when it was cut."""
    if len(text) <= limit:
        return text, ()
    cut = text.rfind("\n", 0, limit)
    cut = cut if cut > limit // 2 else limit
    return text[:cut], (f"{what} cut at {cut:,} of {len(text):,} characters before cleaning (one article is at most max_article_chars)",)


def _finish(article: Article, settings: Settings) -> Article | Skip:
    body = article.body
    words = len(body.split())
    if words < _MIN_ARTICLE_WORDS:
        left = "no article text" if not words else f"only {words} word{'s' if words != 1 else ''} of text"
        return Skip(article.path, f"{left} left after removing boilerplate (menus, captions, links); is this an article page?")
    notes = list(article.notes)
    if len(body) > settings.max_article_chars:
        cut = body.rfind("\n\n", 0, settings.max_article_chars)
        cut = cut if cut > settings.max_article_chars // 2 else settings.max_article_chars
        notes.append(f"text cut at {cut:,} of {len(body):,} characters (max_article_chars)")
        body = body[:cut]
    published = article.published or date_from_path(article.path)
    return replace(article, body=body, published=published, notes=tuple(notes))


def _from_record(obj: Any, fid: str, path: str, settings: Settings, where: str | None = None) -> Article | Skip:
    """One article from a JSON record; ``where`` names the record in its file (line or item)."""
    label = f"{path}#{where}" if where is not None else path
    if not isinstance(obj, dict):
        return Skip(label, f"expected a JSON object with a 'text' field, got {type(obj).__name__}; give one article per object")
    text = _as_body(_first(obj, TEXT_KEYS))
    notes: tuple[str, ...] = ()
    fields: dict[str, Any] = {}
    if not text:
        html = _as_text(_first(obj, HTML_KEYS))
        if html:
            from .htmlreader import HtmlParseError, extract_html

            try:
                fields = extract_html(html) or {}
            except HtmlParseError:
                fields = {}
            text = fields.get("text")
    if not text:
        return Skip(label, f"no article text; give it in one of the fields {', '.join(TEXT_KEYS)}")
    text, notes = _cap_chars(text, _PAGE_CHARS_PER_ARTICLE_CHAR * settings.max_article_chars, "text")
    published, ptime = parse_date_value(_first(obj, DATE_KEYS) or fields.get("date"))
    article = Article(
        id=fid,
        path=path,
        body=clean_body(text),
        title=_as_text(_first(obj, TITLE_KEYS)) or _as_text(fields.get("title")),
        published=published,
        published_time=ptime,
        outlet=_as_text(_first(obj, OUTLET_KEYS)) or _as_text(fields.get("sitename")),
        credit=_as_text(_first(obj, CREDIT_KEYS)) or fields.get("credit"),
        url=_as_text(_first(obj, URL_KEYS)) or _as_text(fields.get("url")),
        notes=notes,
    )
    return _finish(article, settings)


def _records(values: Iterator[Any], fid: str, path: str, settings: Settings, start: int = 0) -> Iterator[Article | Skip]:
    """Articles from a stream of JSON values (array items, or concatenated / line-separated values)."""
    try:
        for i, obj in enumerate(values, start=start):
            yield _from_record(obj, f"{fid}#{i}", path, settings, str(i))
    except JsonFault as exc:
        yield Skip(path, f"{exc}; fix the file, or use .jsonl for one article per line")


def _read_text(raw: str, f: InputFile, settings: Settings, notes: tuple[str, ...]) -> Article | Skip:
    raw, cut = _cap_chars(raw, _PAGE_CHARS_PER_ARTICLE_CHAR * settings.max_article_chars, "page")
    c = clean_text(raw, shown_path(f.path))
    article = Article(
        id=f.id,
        path=shown_path(f.path),
        body=c.body,
        title=c.title,
        published=c.published,
        published_time=c.published_time,
        outlet=c.outlet,
        credit=c.credit,
        notes=notes + cut,
    )
    return _finish(article, settings)


def _read_html(raw: str, f: InputFile, settings: Settings, notes: tuple[str, ...]) -> Article | Skip:
    from .htmlreader import HtmlParseError, extract_html, looks_like_html

    path = shown_path(f.path)
    if not looks_like_html(raw):
        return _read_text(raw, f, settings, notes + ("no HTML tags found; read as plain text",))
    try:
        fields = extract_html(raw)
    except HtmlParseError as exc:
        return Skip(path, f"{exc}; save the page's full HTML again, or give its text as .txt")
    if fields is None:
        return Skip(path, "no main text found in this HTML page (an index, a paywall or a broken download?); save the full article page or give its text as .txt")
    text, cut = _cap_chars(fields.get("text") or "", _PAGE_CHARS_PER_ARTICLE_CHAR * settings.max_article_chars, "text")
    published, ptime = parse_date_value(fields.get("date"))
    article = Article(
        id=f.id,
        path=path,
        body=clean_body(text),
        title=_as_text(fields.get("title")),
        published=published,
        published_time=ptime,
        outlet=_as_text(fields.get("sitename")),
        credit=fields.get("credit"),
        url=_as_text(fields.get("url")),
        notes=notes + cut,
    )
    return _finish(article, settings)


def _kind(path: Path) -> tuple[str | None, bool]:
    """(kind, gzipped) from the file name; kind "sniff" for files without an extension."""
    suffixes = [s.lower() for s in path.suffixes]
    gz = bool(suffixes) and suffixes[-1] == ".gz"
    ext = (suffixes[-2] if len(suffixes) > 1 else "") if gz else path.suffix.lower()
    if not ext and not gz and not path.suffix:
        return "sniff", False
    return SUPPORTED.get(ext), gz


def _sniff(sample: bytes) -> str:
    head = sample.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if head == b"<":
        return "html"
    if head in (b"{", b"["):
        first_line = sample.split(b"\n", 1)[0].strip()
        return "jsonl" if head == b"{" and first_line.endswith(b"}") and b"\n{" in sample else "json"
    return "text"


def _unsupported(path: Path) -> Skip:
    ext = "".join(path.suffixes[-2:]) if path.suffix.lower() == ".gz" else path.suffix
    hint = _CONVERT_HINTS.get(path.suffix.lower(), f"give {_SUPPORTED_LIST} files")
    return Skip(shown_path(path), f"unsupported file type {ext!r}; {hint}")


def _size(fh: IO[bytes]) -> int | None:
    if isinstance(fh, gzip.GzipFile):
        return None  # its fileno() is the compressed file's; the text's size is unknown
    try:
        return os.fstat(fh.fileno()).st_size
    except (OSError, AttributeError, ValueError):
        return None


def read_file(f: InputFile, settings: Settings) -> Iterator[Article | Skip]:
    """Articles (or Skips) from one file; never raises for a bad file."""
    path = shown_path(f.path)
    kind, gz = _kind(f.path)
    if kind is None:
        yield _unsupported(f.path)
        return
    try:
        # GzipFile is not an IO[bytes] to typeshed, but offers every method used here.
        fh = cast(IO[bytes], gzip.open(f.path, "rb")) if gz else open(f.path, "rb")  # noqa: SIM115 - closed below
    except OSError as exc:
        yield Skip(path, f"cannot open ({exc.strerror}); check the path and its permissions")
        return
    try:
        with fh:
            sample = fh.read(SAMPLE_BYTES)
            if not sample.strip():
                more = b"" if len(sample) < SAMPLE_BYTES else fh.read(1)
                if not more:
                    yield Skip(path, "empty file (no text in it); remove it or download the article again")
                    return
            fh.seek(0)
            if kind == "sniff":
                kind = _sniff(sample)
            if kind == "jsonl":
                yield from _read_jsonl(fh, sample, f, settings)
            elif kind == "json":
                yield from _read_json(fh, sample, f, settings)
            else:
                yield _read_page(fh, kind, f, settings)
    except (OSError, EOFError, zlib.error) as exc:
        # Mid-read failures: a truncated .gz, an I/O error, a file that vanished.
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc) or type(exc).__name__
        yield Skip(path, f"could not read the file to the end ({reason}); anything read before the fault is kept; copy or download the file again")


def _read_page(fh: IO[bytes], kind: str, f: InputFile, settings: Settings) -> Article | Skip:
    path = shown_path(f.path)
    if kind == "html":
        limit = min(settings.max_file_bytes, _MARKUP_BYTES_PER_ARTICLE_CHAR * settings.max_article_chars)
    else:
        limit = min(settings.max_file_bytes, _BYTES_PER_CHAR * _PAGE_CHARS_PER_ARTICLE_CHAR * settings.max_article_chars)
    data = fh.read(limit + 1)
    notes: tuple[str, ...] = ()
    if len(data) > limit:
        size = _size(fh)
        of = f" of {size:,}" if size else ""
        notes = (f"file read only up to {limit:,}{of} bytes (one article is at most max_article_chars; max_file_bytes)",)
        data = data[:limit]
    try:
        raw = decode_bytes(data, find_declared_charset(data) if kind == "html" else None)
    except UndecodableText as exc:
        return Skip(path, str(exc))
    del data
    if not raw.strip():
        return Skip(path, "empty file (only blank or control characters); remove it or download the article again")
    return _read_html(raw, f, settings, notes) if kind == "html" else _read_text(raw, f, settings, notes)


def _record_limit(settings: Settings) -> int:
    return min(settings.max_file_bytes, _MARKUP_BYTES_PER_ARTICLE_CHAR * settings.max_article_chars)


def _read_jsonl(fh: IO[bytes], sample: bytes, f: InputFile, settings: Settings) -> Iterator[Article | Skip]:
    path = shown_path(f.path)
    try:
        encoding = detect_encoding(sample, complete=len(sample) < SAMPLE_BYTES)
    except UndecodableText as exc:
        yield Skip(path, str(exc))
        return
    if encoding.startswith(("utf-16", "utf-32")):
        # Lines of a UTF-16/32 file cannot be split on the byte b"\n"; read it whole (bounded).
        yield from _read_json(fh, sample, f, settings)
        return
    max_line = _record_limit(settings)
    budget = settings.max_file_bytes
    consumed = 0
    lineno = 0
    while True:
        line = fh.readline(max_line + 1)
        if not line:
            return
        lineno += 1
        if consumed >= budget:
            yield Skip(f"{path}#{lineno}", f"lines {lineno:,} onwards not read: the file is larger than max_file_bytes ({budget:,} bytes); split it or raise max_file_bytes")
            return
        consumed += len(line)
        if len(line) > max_line and not line.endswith(b"\n"):
            size = len(line)
            while line and not line.endswith(b"\n"):  # skip the rest of the long line, chunk by chunk
                line = fh.readline(CHUNK)
                size += len(line)
            consumed += size - max_line - 1
            yield Skip(f"{path}#{lineno}", f"line {lineno:,} is {size:,} bytes, more than one article record may be ({max_line:,}, from max_article_chars); it was not read")
            continue
        text = line.decode(encoding, errors="replace")
        if not text.strip():
            continue
        try:
            obj = json.loads(text, strict=False)
        except json.JSONDecodeError as exc:
            yield Skip(f"{path}#{lineno}", f"line {lineno:,} is not valid JSON ({exc.msg}: column {exc.colno}); fix or remove that line")
            continue
        except RecursionError:
            yield Skip(f"{path}#{lineno}", f"line {lineno:,} nests JSON too deeply to read; give one flat object per line")
            continue
        yield _from_record(obj, f"{f.id}#{lineno}", path, settings, str(lineno))


def _read_json(fh: IO[bytes], sample: bytes, f: InputFile, settings: Settings) -> Iterator[Article | Skip]:
    path = shown_path(f.path)
    try:
        encoding = detect_encoding(sample, complete=len(sample) < SAMPLE_BYTES)
    except UndecodableText as exc:
        yield Skip(path, str(exc))
        return
    stream = TextStream(fh, encoding, settings.max_file_bytes)
    values = iter_json_values(stream, _record_limit(settings))
    try:
        first = next(values)
    except StopIteration:
        yield Skip(path, "empty JSON file; remove it")
        return
    except JsonFault as exc:
        yield Skip(path, f"{exc}; fix the file, or use .jsonl for one article per line")
        return
    if isinstance(first, ArrayStart):
        yield from _records(values, f.id, path, settings)
        return
    trailing: Skip | None = None
    try:
        second = next(values, END)
    except JsonFault as exc:
        second, trailing = END, Skip(path, f"text after the JSON value was not read ({exc}); fix the file")
    if second is END:
        items = _list_in(first)
        if items is not None:
            for i, obj in enumerate(items):
                yield _from_record(obj, f"{f.id}#{i}", path, settings, str(i))
        else:
            yield _from_record(first, f.id, path, settings)
        if trailing is not None:
            yield trailing
        elif stream.over_budget:
            yield Skip(path, f"file read only up to max_file_bytes ({settings.max_file_bytes:,} bytes); split it or raise max_file_bytes")
        return
    # Several top-level values: JSON Lines (or concatenated JSON) saved under .json.
    yield _from_record(first, f"{f.id}#0", path, settings, "0")
    yield _from_record(second, f"{f.id}#1", path, settings, "1")
    yield from _records(values, f.id, path, settings, start=2)


def _list_in(obj: Any) -> list[Any] | None:
    """The list of articles in an export object ({"articles": [...]}) that has no text of its own."""
    if not isinstance(obj, dict) or _first(obj, TEXT_KEYS + HTML_KEYS) is not None:
        return None
    for k in LIST_KEYS:
        v = obj.get(k)
        if isinstance(v, list) and v and all(isinstance(x, dict) for x in v[:5]):
            return v
    return None


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
            for r in read_file(f, settings):
                if isinstance(r, Skip):
                    if on_skip:
                        on_skip(r)
                else:
                    yield r
        except Exception as exc:  # noqa: BLE001 - one bad file must never stop the run
            if on_skip:
                on_skip(Skip(shown_path(f.path), f"could not be read ({type(exc).__name__}: {exc}); please report this file"))


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
