"""Reading inputs: files and folders of .txt, .html/.htm, .json and .jsonl into Articles.

Ids: an article's id is its path relative to the folder given on the command line (its file name
when the file itself was given), and ``<that id>#<line number>`` for a JSONL line (or
``<id>#<index>`` for the items of a JSON array). Ids are made unique within a run.

What is read: ``.txt``/``.text`` (scraped plain text), ``.html``/``.htm``, ``.json`` (one article,
an array of them, or an object holding such an array), ``.jsonl``/``.ndjson`` (one per line), a
saved RSS/Atom feed (``.rss``, ``.atom``, ``.xml``: its items, :mod:`newsbrief.read.feedfile`), any
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

import gzip
import hashlib
import json
import os
import re
import zlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, cast

from newsbrief.read.cleaning import clean_body, clean_text
from newsbrief.config import Settings
from newsbrief.read.decoding import (
    SAMPLE_BYTES,
    UndecodableText,
    decode_bytes,
    detect_encoding,
    find_declared_charset,
)
from newsbrief.read.feedfile import feed_root, read_feed_file
from newsbrief.read.jsonstream import CHUNK, END, ArrayStart, JsonFault, TextStream, iter_json_values
from newsbrief.models import Article, Skip
from newsbrief.read.paths import InputFile, expand_paths, shown_path
from newsbrief.read.records import (
    EMPTY_RECORD,
    PAGE_CHARS_PER_ARTICLE_CHAR,
    article_from_record,
    articles_from_records,
    as_text,
    cap_chars,
    find_record_list,
    finish_article,
    parse_date_value,
)

SUPPORTED = {
    ".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
}
_SUPPORTED_LIST = ".txt, .html, .htm, .json, .jsonl, .rss or .atom (optionally .gz)"
# Hints for file types people often point newsbrief at by mistake.
_CONVERT_HINTS = {
    ".pdf": "extract its text first (for example with pdftotext) into a .txt file",
    ".docx": "save the document as plain text (.txt) first",
    ".doc": "save the document as plain text (.txt) first",
    ".odt": "save the document as plain text (.txt) first",
    ".rtf": "save the document as plain text (.txt) first",
    ".md": "rename it to .txt to read it as plain text",
    ".csv": "convert it to .jsonl (one JSON object with a 'text' field per line) first",
    ".warc": "extract the pages to .html files first (for example with warcio)",
}


# UTF-8 takes up to 4 bytes a character.
_BYTES_PER_CHAR = 4
# HTML and JSON records carry markup and metadata besides the text: 2-5 MB pages are common for a
# 20,000-character article. 50 bytes a character (10 MB at the default 200,000) leaves room.
_MARKUP_BYTES_PER_ARTICLE_CHAR = 50

OnSkip = Callable[[Skip], None]
Progress = Callable[[str], None]


def _read_text(raw: str, article_id: str, path: str, settings: Settings, notes: tuple[str, ...]) -> Article | Skip:
    raw, cut = cap_chars(raw, PAGE_CHARS_PER_ARTICLE_CHAR * settings.max_article_chars, "page")
    c = clean_text(raw, path)
    article = Article(
        id=article_id,
        path=path,
        body=c.body,
        title=c.title,
        published=c.published,
        published_time=c.published_time,
        outlet=c.outlet,
        credit=c.credit,
        notes=notes + cut,
    )
    return finish_article(article, settings)


def read_html_text(raw: str, article_id: str, path: str, settings: Settings, notes: tuple[str, ...] = ()) -> Article | Skip:
    """One article from the text of an HTML page: .html files, and pages fetched by ``newsbrief watch``.

    ``path`` names the page in Skips and in the Article (a file path or a URL).
    """
    from newsbrief.read.html import HtmlParseError, HtmlTooSlow, extract_html, looks_like_html

    if not looks_like_html(raw):
        return _read_text(raw, article_id, path, settings, notes + ("no HTML tags found; read as plain text",))
    try:
        fields = extract_html(raw, settings.max_extract_seconds)
    except HtmlTooSlow as exc:
        return Skip(path, f"{exc}; give the article's text as .txt, or raise max_extract_seconds", retry=True)
    except HtmlParseError as exc:
        return Skip(path, f"{exc}; save the page's full HTML again, or give its text as .txt")
    if fields is None:
        return Skip(path, "no main text found in this HTML page (an index, a paywall or a broken download?); save the full article page or give its text as .txt")
    text, cut = cap_chars(fields.get("text") or "", PAGE_CHARS_PER_ARTICLE_CHAR * settings.max_article_chars, "text")
    cut += tuple(fields.get("notes") or ())
    date_notes: list[str] = []
    published, ptime = parse_date_value(fields.get("date"), date_notes)
    cut += tuple(date_notes)
    title = as_text(fields.get("title"))
    article = Article(
        id=article_id,
        path=path,
        body=clean_body(text, title),
        title=title,
        published=published,
        published_time=ptime,
        outlet=as_text(fields.get("sitename")),
        credit=fields.get("credit"),
        url=as_text(fields.get("url")),
        notes=notes + cut,
    )
    return finish_article(article, settings)


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
        return "feed" if feed_root(sample) in ("rss", "feed", "rdf") else "html"
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
            if _is_own_output(fh, sample, gz):
                yield Skip(path, "a brief newsbrief wrote (it carries newsbrief's generator marker), not an article; left out")
                return
            fh.seek(0)
            if kind == "sniff":
                kind = _sniff(sample)
            if kind in ("json", "jsonl"):
                yield from summarise_record_skips(_read_records(fh, sample, kind, f, settings), path)
            elif kind == "feed":
                yield from summarise_record_skips(_read_feed(fh, f, settings), path)
            else:
                yield _read_page(fh, kind, f, settings)
    except (OSError, EOFError, zlib.error) as exc:
        # Mid-read failures: a truncated .gz, an I/O error, a file that vanished.
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc) or type(exc).__name__
        yield Skip(path, f"could not read the file to the end ({reason}); anything read before the fault is kept; copy or download the file again")


# A file of a million unusable records must not print a million lines nor keep a million Skips:
# up to this many skipped records of one reason are reported one by one, more as one summary.
RECORD_SKIPS_LISTED = 3
# A file that goes on this long without one usable record is not an article export: the rest of
# it is not read (the JSON parser takes about 50 us a record: 5,000,000 empty objects took 268 s).
MAX_SKIPPED_RUN = 50_000


def summarise_record_skips(results: Iterator[Article | Skip], path: str) -> Iterator[Article | Skip]:
    """Pass ``results`` on, holding back the skipped records (``path#N``) of each reason: a reason
    with at most RECORD_SKIPS_LISTED records gets them one by one, a more frequent one a single
    Skip ("1,000,000 empty records in x.json, skipped (...)") at the end of the file."""
    held: dict[str, list[Skip]] = {}
    counts: dict[str, int] = {}
    run = 0
    stopped: Skip | None = None
    for r in results:
        if not isinstance(r, Skip) or not r.path.startswith(path + "#"):
            run = 0 if isinstance(r, Article) else run
            yield r
            continue
        run += 1
        if run > MAX_SKIPPED_RUN:
            stopped = Skip(path, f"reading stopped at record {r.path.rsplit('#', 1)[1]}, the rest of the file was not read")
            break
        reason = _record_reason(r.reason)
        counts[reason] = counts.get(reason, 0) + 1
        kept = held.setdefault(reason, [])
        if len(kept) < RECORD_SKIPS_LISTED + 1:
            kept.append(r)
    summaries: list[Skip] = []
    for reason, n in counts.items():
        if n <= RECORD_SKIPS_LISTED:
            yield from held[reason]
        else:
            first = ", ".join("#" + s.path.rsplit("#", 1)[1] for s in held[reason][:RECORD_SKIPS_LISTED])
            what = "empty records" if reason == EMPTY_RECORD else "records"
            summaries.append(Skip(path, f"{n:,} {what} in {Path(path).name}, skipped (first: {first}): {reason}"))
    if stopped is not None and len(summaries) == 1:  # one message says it all
        summaries[0] = Skip(path, f"{summaries[0].reason}; {stopped.reason}")
    elif stopped is not None:
        summaries.append(Skip(path, f"{MAX_SKIPPED_RUN:,} records in a row held no article: {stopped.reason}"))
    yield from summaries


def _record_reason(reason: str) -> str:
    # Record skips differ only in their line or item number; the reason without it groups them.
    return re.sub(r"^line [\d,]+ (is|nests)", r"a line \1", reason)


def _is_own_output(fh: IO[bytes], sample: bytes, gz: bool) -> bool:
    """True when the file is a brief newsbrief wrote (marker in its first or last bytes)."""
    from newsbrief.render.output import TAIL_BYTES, is_newsbrief_output

    tail = sample[-TAIL_BYTES:]
    if not gz and len(sample) == SAMPLE_BYTES:
        size = _size(fh)
        if size is not None and size > len(sample):
            fh.seek(size - TAIL_BYTES)
            tail = fh.read(TAIL_BYTES)
    return is_newsbrief_output(sample, tail)


def _read_page(fh: IO[bytes], kind: str, f: InputFile, settings: Settings) -> Article | Skip:
    path = shown_path(f.path)
    if kind == "html":
        limit = min(settings.max_file_bytes, _MARKUP_BYTES_PER_ARTICLE_CHAR * settings.max_article_chars)
    else:
        limit = min(settings.max_file_bytes, _BYTES_PER_CHAR * PAGE_CHARS_PER_ARTICLE_CHAR * settings.max_article_chars)
    data = fh.read(limit + 1)
    notes: tuple[str, ...] = ()
    if len(data) > limit:
        size = _size(fh)
        of = f" of {size:,}" if size else ""
        notes = (f"file read only up to {limit:,}{of} bytes (one article is at most max_article_chars; max_file_bytes)",)
        data = data[:limit]
    nuls = data.count(0)
    try:
        raw = decode_bytes(data, find_declared_charset(data) if kind == "html" else None)
    except UndecodableText as exc:
        return Skip(path, str(exc))
    if nuls and "\x00" not in raw and nuls <= max(8, len(data) // 100):  # stray NULs, not UTF-16
        notes += (f"{nuls} NUL byte{'s' if nuls != 1 else ''} removed",)
    del data
    if not raw.strip():
        return Skip(path, "empty file (only blank or control characters); remove it or download the article again")
    if kind == "html":
        return read_html_text(raw, f.id, path, settings, notes)
    return _read_text(raw, f.id, path, settings, notes)


def _read_feed(fh: IO[bytes], f: InputFile, settings: Settings) -> Iterator[Article | Skip]:
    path = shown_path(f.path)
    data = fh.read(settings.max_file_bytes + 1)
    if len(data) > settings.max_file_bytes:
        yield Skip(path, f"feed read only up to max_file_bytes ({settings.max_file_bytes:,} bytes); split it or raise max_file_bytes")
        data = data[: settings.max_file_bytes]
    yield from read_feed_file(data, f.id, path, settings)


def _record_limit(settings: Settings) -> int:
    return min(settings.max_file_bytes, _MARKUP_BYTES_PER_ARTICLE_CHAR * settings.max_article_chars)


def _read_records(fh: IO[bytes], sample: bytes, kind: str, f: InputFile, settings: Settings) -> Iterator[Article | Skip]:
    """Articles from a .json or .jsonl file, whose encoding is judged from its first bytes."""
    try:
        encoding = detect_encoding(sample, complete=len(sample) < SAMPLE_BYTES)
    except UndecodableText as exc:
        yield Skip(shown_path(f.path), str(exc))
        return
    # Lines of a UTF-16/32 file cannot be split on the byte b"\n": such JSONL is read whole (bounded).
    if kind == "jsonl" and not encoding.startswith(("utf-16", "utf-32")):
        yield from _read_jsonl(fh, encoding, f, settings)
    else:
        yield from _read_json(fh, encoding, f, settings)


def _read_jsonl(fh: IO[bytes], encoding: str, f: InputFile, settings: Settings) -> Iterator[Article | Skip]:
    path = shown_path(f.path)
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
        yield article_from_record(obj, f"{f.id}#{lineno}", path, settings, str(lineno))


def _read_json(fh: IO[bytes], encoding: str, f: InputFile, settings: Settings) -> Iterator[Article | Skip]:
    path = shown_path(f.path)
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
        yield from articles_from_records(values, f.id, path, settings)
        return
    trailing: Skip | None = None
    try:
        second = next(values, END)
    except JsonFault as exc:
        second, trailing = END, Skip(path, f"text after the JSON value was not read ({exc}); fix the file")
    if second is END:
        items = find_record_list(first)
        if items is not None:
            for i, obj in enumerate(items):
                yield article_from_record(obj, f"{f.id}#{i}", path, settings, str(i))
        else:
            yield article_from_record(first, f.id, path, settings)
        if trailing is not None:
            yield trailing
        elif stream.over_budget:
            yield Skip(path, f"file read only up to max_file_bytes ({settings.max_file_bytes:,} bytes); split it or raise max_file_bytes")
        return
    # Several top-level values: JSON Lines (or concatenated JSON) saved under .json.
    yield article_from_record(first, f"{f.id}#0", path, settings, "0")
    yield article_from_record(second, f"{f.id}#1", path, settings, "1")
    yield from articles_from_records(values, f.id, path, settings, start=2)


def plan_files(paths: Sequence[str | Path], settings: Settings, on_skip: OnSkip | None = None) -> Iterator[InputFile | Skip]:
    """The files under ``paths`` in reading order; a file byte-identical to one met before comes
    as a Skip naming the first (read once). Paths that are not files go to ``on_skip`` first."""
    skips: list[Skip] = []
    files = expand_paths(paths, skips)
    for s in skips:
        if on_skip:
            on_skip(s)
    first_of: dict[tuple[int, str], str] = {}
    for f in files:
        digest = file_digest(f.path, settings.max_file_bytes)
        # Empty files are all alike: each is reported as empty, not as a copy of the first.
        if digest is not None and digest[0] > 0:
            first = first_of.setdefault(digest, shown_path(f.path))
            if first != shown_path(f.path):
                yield Skip(shown_path(f.path), f"byte-identical copy of {first}; read once")
                continue
        yield f


def read_guarded(f: InputFile, settings: Settings) -> Iterator[Article | Skip]:
    """:func:`read_file`, with an unexpected error turned into a Skip after what was read."""
    try:
        yield from read_file(f, settings)
    except Exception as exc:  # noqa: BLE001 - one bad file must never stop the run
        yield Skip(shown_path(f.path), f"could not be read ({type(exc).__name__}: {exc}); please report this file")


def read_files(files: Sequence[InputFile], settings: Settings) -> list[list[Article | Skip]]:
    """What :func:`read_guarded` gives for each of ``files`` (a share of a run read elsewhere)."""
    return [list(read_guarded(f, settings)) for f in files]


# Reads a share of a run's files somewhere (e.g. in other processes): their records, in order.
ReadMany = Callable[[list[InputFile]], list[list[Article | Skip]]]


def iter_articles(
    paths: Sequence[str | Path], settings: Settings, on_skip: OnSkip | None = None, read_many: ReadMany | None = None
) -> Iterator[Article]:
    """Stream Articles from ``paths``; every Skip goes to ``on_skip``. Memory is one file at a time.

    A file byte-identical to one already read is read once: it becomes a Skip naming the first.
    With ``read_many`` the files are read by it, all at once (same records, same order).
    """
    planned = plan_files(paths, settings, on_skip)
    if read_many is not None:
        plan = list(planned)
        files = [f for f in plan if isinstance(f, InputFile)]
        done = iter(read_many(files))
        results: Iterator[Article | Skip] = (
            r for item in plan for r in ((item,) if isinstance(item, Skip) else next(done))
        )
    else:
        results = (r for item in planned for r in ((item,) if isinstance(item, Skip) else read_guarded(item, settings)))
    for r in results:
        if isinstance(r, Skip):
            if on_skip:
                on_skip(r)
        else:
            yield r


def file_digest(path: Path, limit: int) -> tuple[int, str] | None:
    """(size, SHA-256) of a file's first ``limit`` bytes, None when it cannot be read."""
    h = hashlib.sha256()
    size = 0
    try:
        with open(path, "rb") as fh:
            while size < limit:
                chunk = fh.read(min(1 << 20, limit - size))
                if not chunk:
                    break
                h.update(chunk)
                size += len(chunk)
    except OSError:
        return None
    return size, h.hexdigest()


def read_paths(
    paths: Sequence[str | Path],
    settings: Settings,
    on_skip: OnSkip | None = None,
    progress: Progress | None = None,
    read_many: ReadMany | None = None,
) -> tuple[list[Article], list[Skip]]:
    """Read every article under ``paths``. Returns the articles and the skipped inputs.

    ``read_many`` reads the files instead of this process (see :func:`iter_articles`)."""
    skipped: list[Skip] = []

    def record(s: Skip) -> None:
        skipped.append(s)
        if on_skip:
            on_skip(s)

    articles: list[Article] = []
    for a in iter_articles(paths, settings, record, read_many):
        articles.append(a)
        if progress is not None and len(articles) % 100 == 0:
            progress(f"read {len(articles)} articles")
    return articles, skipped
