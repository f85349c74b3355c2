"""Article records (JSON objects, as outlets and scrapers write them) to :class:`Article`: the
usual key names for title, text, HTML, date, URL, outlet and credit, and the limits every article
must meet."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

from newsbrief.config import Settings
from newsbrief.read.cleaning import clean_body
from newsbrief.read.decoding import clean_decoded
from newsbrief.read.display import clean_source_name
from newsbrief.read.jsonstream import JsonFault
from newsbrief.read.metadata import date_from_path, find_date
from newsbrief.vocabulary import count_words, find_unread_numbers
from newsbrief.models import Article, Skip

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
PAGE_CHARS_PER_ARTICLE_CHAR = 2
# Fewer words than this is a menu, a caption or an error page, not an article (the shortest wire
# briefs run to 30 words and more).
MIN_ARTICLE_WORDS = 8
# A sentence's end anywhere in a text: a stop before a space or the text's end, closing quotes or
# brackets between. A page with none (a gallery's captions and teasers run together, an index of
# headlines) holds no article, however many words it has.
_ANY_STOP = re.compile(r"[.!?\u2026](?:''|[\"'\u201d\u2019)\]]|-RRB-)*(?:\s|$)")


def _scrub(s: str) -> str:
    # JSON "\ud800" escapes give lone surrogates, which no UTF-8 output can hold.
    return clean_decoded(re.sub("[\ud800-\udfff]", "\ufffd", s))


def _first(obj: dict[str, Any], keys: Sequence[str]) -> Any:
    for k in keys:
        v = obj.get(k)
        if v not in (None, "", [], {}):
            return v
    return None


def as_text(v: Any) -> str | None:
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
        parts = [as_text(x) for x in v if isinstance(x, str)]
        return "\n\n".join(p for p in parts if p) or None
    return as_text(v)


def parse_date_value(v: Any, notes: list[str] | None = None) -> tuple[dt.date | None, str | None]:
    """A publication date (and "HH:MM") from a metadata value: ISO strings, epoch numbers, prose.

    Epoch numbers are seconds below 10^12 and milliseconds from there (10^12 ms is September 2001;
    10^12 s is year 33658), so 253402300800 is read as seconds: year 10000, past any calendar this
    program can represent. A number that is no date this way is dropped with a note in ``notes``.
    """
    if v is None or isinstance(v, bool):
        return None, None
    if isinstance(v, int | float):
        try:
            t = dt.datetime.fromtimestamp(float(v) / (1000 if v >= 1e12 else 1), tz=dt.timezone.utc)
        except (OverflowError, OSError, ValueError):
            if notes is not None:
                notes.append(f"publication date {str(v)[:40]} is not a representable epoch time (seconds or milliseconds); dropped")
            return None, None
        return t.date(), t.strftime("%H:%M")
    s = as_text(v)
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


# Publication dates outside these are placeholders (0001-01-01, 9999-12-31) or typos: kept, they
# would also push date arithmetic (timeline windows, "yesterday") past the calendar's ends.
EARLIEST_PUBLISHED = dt.date(1800, 1, 1)
LATEST_PUBLISHED = dt.date(2199, 12, 31)


EMPTY_RECORD = "an empty JSON object {}, no article in it"


def cap_chars(text: str, limit: int, what: str) -> tuple[str, tuple[str, ...]]:
    """``text`` cut at a line break near ``limit`` characters, and a note when it was cut."""
    if len(text) <= limit:
        return text, ()
    cut = text.rfind("\n", 0, limit)
    cut = cut if cut > limit // 2 else limit
    return text[:cut], (f"{what} cut at {cut:,} of {len(text):,} characters before cleaning (one article is at most max_article_chars)",)


# A paragraph (or, in a long paragraph, a sentence) that comes back this often is a scraping or
# generation loop: only its first occurrence is kept, before annotation multiplies its cost.
REPEATS_COLLAPSED = 3
_LONG_PARAGRAPH = 5000
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def collapse_repeats(body: str) -> tuple[str, tuple[str, ...]]:
    """``body`` with paragraphs (and sentences of long paragraphs) that occur REPEATS_COLLAPSED
    times or more kept only once, and a note saying how many were removed."""
    paragraphs = body.split("\n\n")
    counts = Counter(" ".join(p.split()) for p in paragraphs)
    dropped_p = dropped_s = 0
    seen: set[str] = set()
    kept: list[str] = []
    for p in paragraphs:
        key = " ".join(p.split())
        if counts[key] >= REPEATS_COLLAPSED and key in seen:
            dropped_p += 1
            continue
        seen.add(key)
        if len(p) > _LONG_PARAGRAPH:
            sentences = _SENTENCE_END.split(p)
            s_counts = Counter(sentences)
            if s_counts.most_common(1)[0][1] >= REPEATS_COLLAPSED:
                s_seen: set[str] = set()
                out: list[str] = []
                for s in sentences:
                    if s_counts[s] >= REPEATS_COLLAPSED and s in s_seen:
                        dropped_s += 1
                        continue
                    s_seen.add(s)
                    out.append(s)
                p = " ".join(out)
        kept.append(p)
    if not dropped_p and not dropped_s:
        return body, ()
    what = [f"{n:,} repeated {w}" for n, w in ((dropped_p, "paragraphs"), (dropped_s, "sentences")) if n]
    return "\n\n".join(kept), (f"{' and '.join(what)} removed (each kept once)",)


# Numbers not read as figures are noted one by one up to this many, then counted.
UNREAD_NUMBERS_LISTED = 3


def note_unread_numbers(body: str) -> list[str]:
    """Notes naming the numbers of ``body`` that the figures leave out, and why
    (:func:`newsbrief.vocabulary.find_unread_numbers`): none is dropped silently."""
    unread = find_unread_numbers(body)
    notes = []
    for u in unread[:UNREAD_NUMBERS_LISTED]:
        text = " ".join(body[u.start : u.end].split())
        digits = sum(c.isdigit() for c in text)
        shown = f"{text[:12]}... ({digits:,} digits)" if len(text) > 40 else text
        notes.append(f'number "{shown}" {u.reason}; not read as a figure')
    if len(unread) > UNREAD_NUMBERS_LISTED:
        notes.append(f"{len(unread) - UNREAD_NUMBERS_LISTED:,} more numbers not read as figures for the same reasons")
    return notes


def finish_article(article: Article, settings: Settings) -> Article | Skip:
    body, repeat_notes = collapse_repeats(article.body)
    article = replace(article, notes=article.notes + repeat_notes) if repeat_notes else article
    words = count_words(body)
    if words < MIN_ARTICLE_WORDS:
        left = "no article text" if not words else f"only {words} word{'s' if words != 1 else ''} of text"
        return Skip(article.path, f"{left} left after removing boilerplate (menus, captions, links); is this an article page?")
    if not _ANY_STOP.search(body):
        return Skip(
            article.path,
            "no article text: no line of it reads as a sentence (a gallery, an index or a list of links?); "
            "give the article's own page, or its text as .txt",
        )
    notes = list(article.notes)
    if len(body) > settings.max_article_chars:
        cut = body.rfind("\n\n", 0, settings.max_article_chars)
        cut = cut if cut > settings.max_article_chars // 2 else settings.max_article_chars
        notes.append(f"text cut at {cut:,} of {len(body):,} characters (max_article_chars)")
        body = body[:cut]
    published, ptime = article.published or date_from_path(article.path), article.published_time
    if published is not None and not EARLIEST_PUBLISHED <= published <= LATEST_PUBLISHED:
        notes.append(
            f"publication date {published.isoformat()} is outside {EARLIEST_PUBLISHED.year}-{LATEST_PUBLISHED.year} "
            "(a placeholder or a typo?); dropped"
        )
        published, ptime = None, None
    notes += note_unread_numbers(body)
    return replace(
        article,
        body=body,
        published=published,
        published_time=ptime,
        outlet=clean_source_name(article.outlet or site_of_url(article.url) or settings.outlet),
        credit=clean_source_name(article.credit),
        notes=tuple(notes),
    )


# Host prefixes that name a server, not the outlet: "www.cnn.com" and "edition.cnn.com" are cnn.com.
_HOST_PREFIX = re.compile(r"^(?:www\d*|m|mobile|amp|edition|news|article|articles)\.", re.I)


_SECOND_LEVEL = frozenset({"com", "co", "org", "net", "gov", "ac", "edu", "ne", "or"})


def site_of_url(url: str | None) -> str | None:
    """The outlet a page's URL names: its host without "www."-like prefixes ("cnn.com"), or None."""
    if not url:
        return None
    m = re.match(r"^[a-z][a-z0-9+.-]*://([^/?#:@]+(?:@[^/?#:]+)?)", url.strip(), re.I)
    if m is None:
        return None
    host = m.group(1).rsplit("@", 1)[-1].lower().rstrip(".")
    if "." not in host or re.fullmatch(r"[\d.]+", host):
        return None  # "localhost", a bare IP: no outlet to read
    while _HOST_PREFIX.match(host) and host.count(".") > 1:
        rest = _HOST_PREFIX.sub("", host, count=1)
        if rest.split(".")[0] in _SECOND_LEVEL:
            break  # "news.com.au" is the outlet itself
        host = rest
    return host


def article_from_record(obj: Any, fid: str, path: str, settings: Settings, where: str | None = None) -> Article | Skip:
    """One article from a JSON record; ``where`` names the record in its file (line or item)."""
    label = f"{path}#{where}" if where is not None else path
    if not isinstance(obj, dict):
        return Skip(label, f"expected a JSON object with a 'text' field, got {type(obj).__name__}; give one article per object")
    text = _as_body(_first(obj, TEXT_KEYS))
    notes: tuple[str, ...] = ()
    fields: dict[str, Any] = {}
    if not text:
        html = as_text(_first(obj, HTML_KEYS))
        if html:
            from newsbrief.read.html import HtmlParseError, HtmlTooSlow, extract_html

            try:
                fields = extract_html(html, settings.max_extract_seconds) or {}
            except HtmlTooSlow as exc:
                return Skip(label, f"{exc}; give the article's text in a 'text' field, or raise max_extract_seconds", retry=True)
            except HtmlParseError:
                fields = {}
            text = fields.get("text")
    if not obj:
        return Skip(label, EMPTY_RECORD)
    if not text:
        return Skip(label, f"no article text; give it in one of the fields {', '.join(TEXT_KEYS)}")
    text, notes = cap_chars(text, PAGE_CHARS_PER_ARTICLE_CHAR * settings.max_article_chars, "text")
    date_notes: list[str] = []
    published, ptime = parse_date_value(_first(obj, DATE_KEYS) or fields.get("date"), date_notes)
    notes += tuple(date_notes)
    title = as_text(_first(obj, TITLE_KEYS)) or as_text(fields.get("title"))
    article = Article(
        id=fid,
        path=path,
        body=clean_body(text, title),
        title=title,
        published=published,
        published_time=ptime,
        outlet=as_text(_first(obj, OUTLET_KEYS)) or as_text(fields.get("sitename")),
        credit=as_text(_first(obj, CREDIT_KEYS)) or fields.get("credit"),
        url=as_text(_first(obj, URL_KEYS)) or as_text(fields.get("url")),
        notes=notes,
    )
    done = finish_article(article, settings)
    # A record too short to brief is named by its line or item, like every other record skip.
    return replace(done, path=label) if isinstance(done, Skip) else done


def articles_from_records(values: Iterator[Any], fid: str, path: str, settings: Settings, start: int = 0) -> Iterator[Article | Skip]:
    """Articles from a stream of JSON values (array items, or concatenated / line-separated values)."""
    try:
        for i, obj in enumerate(values, start=start):
            yield article_from_record(obj, f"{fid}#{i}", path, settings, str(i))
    except JsonFault as exc:
        yield Skip(path, f"{exc}; fix the file, or use .jsonl for one article per line")


def find_record_list(obj: Any) -> list[Any] | None:
    """The list of articles in an export object ({"articles": [...]}) that has no text of its own."""
    if not isinstance(obj, dict) or _first(obj, TEXT_KEYS + HTML_KEYS) is not None:
        return None
    for k in LIST_KEYS:
        v = obj.get(k)
        if isinstance(v, list) and v and all(isinstance(x, dict) for x in v[:5]):
            return v
    return None
