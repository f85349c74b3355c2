"""Metadata of a scraped plain-text article: publication date (+time), title, outlet, wire credit.

Also holds the line-shape helpers (:func:`normalize_line`, :func:`is_sentence`,
:func:`is_paragraph`, :func:`is_headline`) that both this module and :mod:`newsbrief.read.cleaning` use
to tell a header line from a body paragraph; cleaning imports metadata, never the other way round.

Dates are read with our own patterns rather than a general date parser: the header formats of news
sites are few and fixed, and a general parser guesses (it reads "IST" as Israel time, and a bare
"12" as a day). Times are returned as the page prints them (local time, 24h); time zones are not
converted, because the zone abbreviations are ambiguous ("IST") and a brief only orders reports.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from newsbrief.vocabulary import MONTH_ABBREVIATIONS, count_words

# --- line shape ---------------------------------------------------------------------------------

_SPACE = re.compile(r"\s+")
_LEADING_BULLET = re.compile(r"^[\s•▪●◦·►▶■□*]+")
_CLOSERS = "\"'”’»)]*_ "
_TERMINAL = ".!?…"


def normalize_line(line: str) -> str:
    """Collapse whitespace (incl. NBSP and stray line separators) and drop a leading bullet."""
    return _LEADING_BULLET.sub("", _SPACE.sub(" ", line)).strip()


def is_sentence(line: str) -> bool:
    """True when the line ends like a sentence: ``.``, ``!``, ``?`` or ``…``, maybe inside quotes.

    PTB-tokenised text (`` ``...'' ``, " ." with a space) counts too. A long line that ends on a
    closing quote without a full stop is a sentence as well: quote-ending paragraphs often drop it.
    """
    stripped = re.sub(r"(\s*-R[RSC]B-)+$", "", line).rstrip(_CLOSERS + "`")  # PTB "-RRB-"
    if stripped.endswith(("''", "``")):
        stripped = stripped[:-2].rstrip()
    if stripped and stripped[-1] in _TERMINAL:
        return True
    # 15 words: longer than any quote-ending headline in the seeds' related lists (max 14).
    return line.rstrip().endswith(("”", '"', "''")) and count_words(line) >= 15


# Shortest body paragraph that may *open* an article: 8 words. Seed openers are 16+ words; wire
# ledes can be short ("BANGKOK (AP) — Xi arrived on Tuesday." is 7), deks with a full stop are rare.
PARAGRAPH_MIN_WORDS = 8


# A line this long with sentences inside it is prose even when its final full stop was lost
# (scrapers drop it): no headline, byline or menu runs to 40 words over two sentences.
PROSE_MIN_WORDS = 40
_INNER_SENTENCE_END = re.compile(r"[.!?][\"”’)]?\s+[\"“‘(]?[A-Z]")


def is_paragraph(line: str) -> bool:
    """A line that can start the body: sentence-shaped and at least PARAGRAPH_MIN_WORDS words,
    or long prose of two or more sentences whose final stop is missing."""
    words = count_words(line)
    if words < PARAGRAPH_MIN_WORDS:
        return False
    return is_sentence(line) or (words >= PROSE_MIN_WORDS and len(_INNER_SENTENCE_END.findall(line)) >= 2)


# Headlines in the seeds' related lists run to 14 words; 25 leaves room for long ones while a
# body paragraph that lost its final full stop (scrapers do that) is nearly always longer.
HEADLINE_MAX_WORDS = 25


def is_headline(line: str) -> bool:
    """A headline-shaped line: no sentence ending (or a short question) and not too long."""
    n = count_words(line)
    if n == 0 or n > HEADLINE_MAX_WORDS:
        return False
    if not is_sentence(line):
        return True
    # "Is this the end of X?" style headlines in related lists.
    return line.rstrip(_CLOSERS).endswith(("?", "!")) and n <= 15


# --- dates --------------------------------------------------------------------------------------

_MON = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_ORD = r"(?:st|nd|rd|th)?"
_DATE_PATTERNS = [
    # 2023-12-07, 2023-12-07T10:31, 2023/12/07
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?!\d)"),
    # December 7, 2023 / Dec 13 2023 / Dec. 7th, 2023
    re.compile(_MON + r"\s+(?P<d>\d{1,2})" + _ORD + r",?\s+(?P<y>(?:19|20)\d\d)(?!\d)", re.I),
    # 7th December 2023 / 7 Dec, 2023 / 7th of December 2023
    re.compile(r"(?<!\d)(?P<d>\d{1,2})" + _ORD + r"\s+(?:of\s+)?" + _MON + r",?\s+(?P<y>(?:19|20)\d\d)(?!\d)", re.I),
    # 07.12.2023 (day first: the dotted form is European)
    re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>(?:19|20)\d\d)(?![\d.])"),
]  # fmt: skip
_TIME = re.compile(
    r"(?<![\d:])(?P<h>[01]?\d|2[0-3])[:.](?P<mi>[0-5]\d)(?::[0-5]\d)?(?:\.\d+)?"
    r"(?:\s*(?P<ampm>[ap]\.?\s?m\.?)(?![a-z]))?(?:\s*(?:[A-Z]{2,5}|[+-]\d\d:?\d\d|Z)\b)?",
    re.I,
)
# Words that label a date line rather than say anything: removed before judging "mostly a date".
_DATE_LABELS = re.compile(
    r"\b(?:date|dated|published|posted|updated|last|first|modified|on|at|time|uk|local|gmt|utc"
    r"|mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|\d+\s*min(?:ute)?s?\s+read|min read|read|fbpx|am|pm|ist|est|edt|cet|bst)\b|\|",
    re.I,
)
_PUBLISHED_LABEL = re.compile(r"\b(?:published|posted|first published|dated?)\b", re.I)
_UPDATED_LABEL = re.compile(r"\b(?:updated|modified|edited)\b", re.I)
# A date that opens a dateline: "7th December 2023 – (Beijing) ..." / "Dec 12, 2023 | ...".
_DATELINE_SEP = re.compile(r"\s*(?:\(?\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?)?\)?\s*)?[-–—|:/]\s*", re.I)
_WEEKDAY_PREFIX = re.compile(r"\s*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|wed|thu|fri|sat|sun)?\.?,?\s*", re.I)


@dataclass(frozen=True)
class DateHit:
    """A date found in a line: where it is and the time printed next to it, if any."""

    date: dt.date
    time: str | None
    start: int
    end: int


def _month(group: str) -> int:
    return MONTH_ABBREVIATIONS[group[:3].lower()]


def find_line_dates(line: str) -> list[DateHit]:
    """All calendar dates (with a year) in a header ``line``, in order, each with a time on the line
    (publication stamps; the dates of body sentences are :func:`newsbrief.annotate.dates.find_dates`)."""
    hits: list[DateHit] = []
    taken: list[tuple[int, int]] = []
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(line):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            parts = m.groupdict()
            month = _month(parts["mon"]) if parts.get("mon") else int(parts["m"])
            try:
                day = dt.date(int(parts["y"]), month, int(parts["d"]))
            except ValueError:
                continue
            taken.append((m.start(), m.end()))
            hits.append(DateHit(day, None, m.start(), m.end()))
    hits.sort(key=lambda h: h.start)
    time = _find_time(line, taken)
    return [DateHit(h.date, time, h.start, h.end) for h in hits]


def _find_time(line: str, dates: list[tuple[int, int]]) -> str | None:
    for m in _TIME.finditer(line):
        if any(m.start() < e and s < m.end() for s, e in dates):
            continue  # "07.12" inside a dotted date
        hour, minute = int(m["h"]), int(m["mi"])
        ampm = (m["ampm"] or "").lower().replace(".", "").replace(" ", "")
        if ampm and not 1 <= hour <= 12:
            continue
        if ampm == "pm" and hour != 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        # A bare "12.30" with no am/pm and no colon is more likely a number than a time.
        if not ampm and ":" not in m.group(0):
            continue
        return f"{hour:02d}:{minute:02d}"
    return None


def _residual_words(line: str, hits: Sequence[DateHit]) -> int:
    text = line
    for h in sorted(hits, key=lambda h: -h.start):
        text = text[: h.start] + " " + text[h.end :]
    text = _TIME.sub(" ", text)
    return count_words(_DATE_LABELS.sub(" ", text))


def is_date_line(line: str) -> bool:
    """A meta line that is mostly a date: "Tue Dec 12 2023", "Last Updated : Dec 13 2023 | 12:16 PM IST"."""
    hits = find_line_dates(line)
    if not hits:
        return False
    # 2 leftover words: "date 2023-12-07 fbpx" leaves one, a "By Jane Doe | Dec 12, 2023" line 3.
    # A sentence-shaped line must be the date alone ("9th November 2011 - 7:46 Oh please." is not).
    return _residual_words(line, hits) <= (0 if is_sentence(line) else 2)


def split_dateline(line: str) -> tuple[DateHit, str] | None:
    """A body line that opens with a date and a separator: (the date, the rest of the line).

    "7th December 2023 – (Beijing) Chinese President ..." gives the date and "(Beijing) Chinese ...".
    """
    hits = find_line_dates(line)
    # Only a weekday may come before the date: "On December 1, 2023, the ministry said" is prose.
    if not hits or not _WEEKDAY_PREFIX.fullmatch(line[: hits[0].start]):
        return None
    m = _DATELINE_SEP.match(line, hits[0].end)
    if m is None:
        return None
    rest = line[m.end() :].strip()
    return (hits[0], rest) if is_paragraph(rest) else None


def _date_rank(line: str) -> int:
    if _PUBLISHED_LABEL.search(line):
        return 0
    return 2 if _UPDATED_LABEL.search(line) else 1


# Paragraphs into the body within which a bare date line still counts as the publication date:
# pages put a standfirst (sentence-shaped, so it opens the body) before the byline and date block;
# 2 covers one standfirst and a lede. Past that, bare dates belong to comments or related items.
BODY_DATE_WINDOW = 2


def find_date_in_lines(
    lines: Sequence[str], body_start: int
) -> tuple[dt.date, str | None] | None:
    """The publication date (+ "HH:MM") of normalized ``lines`` whose body opens at ``body_start``.

    Looks at header lines (before the body) that carry a date, meta lines anywhere that are mostly a
    date ("First Published: ..."), and a dateline opening the first body line. A "published" label
    beats an unlabelled date, which beats an "updated" one; ties go to the earliest line. The time
    comes from the chosen line, else from another candidate line with the same date.
    """
    candidates: list[tuple[int, int, DateHit]] = []
    paragraphs = 0
    for i, line in enumerate(lines):
        if not line:
            continue
        if i >= body_start and is_paragraph(line):
            paragraphs += 1
        hit: DateHit | None = None
        if i < body_start and not is_paragraph(line):
            hits = find_line_dates(line)
            if hits and (hits[0].start <= 12 or _residual_words(line, hits) <= 8):
                hit = hits[0]
        elif i == body_start:
            split = split_dateline(line)
            hit = split[0] if split else None
        # Past the header only labelled meta lines count ("First Published: ..."): a bare date
        # there may be a comment's or a related story's.
        if hit is None and i >= body_start and len(line) < 120 and is_date_line(line):
            if _date_rank(line) != 1:
                hit = find_line_dates(line)[0]
            elif paragraphs <= BODY_DATE_WINDOW:
                # A bare date line among the first paragraphs (a dek can open the "body" before
                # the byline block): the weakest candidate.
                candidates.append((3, i, find_line_dates(line)[0]))
        if hit is not None:
            candidates.append((_date_rank(line), i, hit))
    if not candidates:
        return None
    best = min(candidates, key=lambda c: (c[0], c[1]))[2]
    time = best.time or next(
        (h.time for _, _, h in sorted(candidates, key=lambda c: c[1]) if h.date == best.date and h.time),
        None,
    )
    return best.date, time


def find_date(text: str) -> tuple[dt.date, str | None] | None:
    """A publication date (+ "HH:MM" 24h, or None) from the header/meta lines of ``text``.

    The header is everything before the first paragraph-shaped line; see find_date_in_lines.
    """
    lines = [normalize_line(x) for x in re.split(r"\r\n|\r|\n", text)]
    body_start = next((i for i, x in enumerate(lines) if is_paragraph(x)), len(lines))
    return find_date_in_lines(lines, body_start)


_PATH_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d\d)(?P<sep>[-_/.])(?P<m>0[1-9]|1[0-2])(?P=sep)(?P<d>0[1-9]|[12]\d|3[01])(?!\d)"
)


def date_from_path(path: str) -> dt.date | None:
    """A date written in ``path`` as a folder or file name: YYYY-MM-DD, YYYY/MM/DD, YYYY_MM_DD.

    The last such date wins: the deepest folder (or the file name) is the most specific. Run-on
    digits ("20231207") are not read: in file names they are as often ids as dates.
    """
    found: dt.date | None = None
    for m in _PATH_DATE.finditer(path.replace("\\", "/")):
        try:
            found = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
        except ValueError:
            continue
    return found


# --- wire credit --------------------------------------------------------------------------------

# Canonical credit -> how it is written. Case-sensitive on purpose: "AP" but not "ap", "dpa".
WIRES: dict[str, tuple[str, ...]] = {
    "Reuters": ("Reuters", "REUTERS", "Thomson Reuters"),
    "AP": ("AP", "Associated Press", "The Associated Press", "ASSOCIATED PRESS"),
    "AFP": ("AFP", "Agence France-Presse", "Agence France Presse"),
    "PTI": ("PTI", "Press Trust of India"),
    "ANI": ("ANI",),
    "IANS": ("IANS",),
    "Bloomberg": ("Bloomberg",),
    "Xinhua": ("Xinhua",),
    "dpa": ("dpa", "DPA"),
    "EFE": ("EFE",),
    "Kyodo": ("Kyodo", "Kyodo News"),
    "UPI": ("UPI",),
    "Yonhap": ("Yonhap",),
    "Bernama": ("Bernama",),
}
_WIRE_ALT = "|".join(
    sorted((re.escape(s) for names in WIRES.values() for s in names), key=len, reverse=True)
)
_WIRE_OF = {s: k for k, names in WIRES.items() for s in names}
_W = rf"(?P<wire>{_WIRE_ALT})"
# Strong: the line credits the story to a wire.
# Wire names are matched case-sensitively ("AP", not "ap"; "By Ani Smith" is no ANI credit); the
# words around them are not, hence the scoped (?i:...) groups.
_STRONG_CREDIT = [
    re.compile(rf"^.{{0,60}}\(\s*{_W}\s*\)\s*[-–—:]"),  # "HANOI (Reuters) -", "(AP) —"
    # "AP Bangkok", "— Reuters", "By AFP", "Source: Reuters"
    re.compile(rf"^[-–—(]*\s*(?i:by\s+|source\s*:\s*|courtesy\s*:?\s*|with inputs from\s+)?{_W}\b[\s,]*(?:[A-Z][\w’'-]+\s*){{0,3}}\)?$"),
    # "Reuters with additional editing by Sean O’Meara"
    re.compile(rf"^[-–—(]*\s*{_W}\b.{{0,40}}\b(?i:reporting|editing|writing|additional)\b"),
    re.compile(rf"(?i:\b(?:with )?inputs? from\s+(?:agencies,?\s*)?){_W}\b"),  # "(With inputs from PTI)"
    re.compile(rf"^{_W}\s*\|"),  # "Reuters | Posted by Aryan Prakash"
    re.compile(rf"^(?i:copyright|©)\s*(?:©\s*)?\d{{4}}\s+{_W}\b"),  # "Copyright 2024 The Associated Press."
    re.compile(rf"^{_W}\s+(?:writers?|reporters?|correspondents?)\b.*\bcontributed\b"),
]
# Reuters' house style names reporter and editor without naming itself.
_REUTERS_SIGNOFF = re.compile(r"\(?\s*reporting by\b.*;\s*(?:additional reporting by\b.*;\s*)?(?:writing|editing) by\b", re.I)
# Weak: only a photo caption names the wire ("REUTERS FILE PHOTO", "Photo: AFP", "(AP Photo/...)").
_WEAK_CREDIT = [
    re.compile(rf"\b{_W}\s*(?:/|(?i:file\s+photo|photo\b|pic\b))"),
    re.compile(rf"(?i:\b(?:photo|image|picture|credit)s?\s*(?:credit)?\s*[:|/]\s*){_W}\b"),
    re.compile(rf"\(\s*{_W}\s*\)\W*$"),  # a caption ending in "(AFP)"
]


def _wire(name: str) -> str:
    return _WIRE_OF[name]


def find_credit(lines: Iterable[str]) -> str | None:
    """The wire service a story is credited to ("Reuters", "AP", "AFP", ...), or None.

    A credit line ("— Reuters", "AP Bangkok", "HANOI (Reuters) -", "Reporting by X; Editing by Y",
    "Copyright 2024 The Associated Press") beats a photo caption ("REUTERS FILE PHOTO"), which is
    only a fallback: outlets run wire photos on their own stories. Body sentences that merely name
    a wire ("told Reuters") are not credits; the patterns are anchored to credit-line shapes.
    """
    weak: str | None = None
    for raw in lines:
        line = normalize_line(raw)
        if not line:
            continue
        for pattern in _STRONG_CREDIT:
            m = pattern.search(line)
            if m:
                return _wire(m["wire"])
        if _REUTERS_SIGNOFF.search(line) and count_words(line) <= 30:
            return "Reuters"
        if weak is None:
            for pattern in _WEAK_CREDIT:
                m = pattern.search(line)
                if m:
                    weak = _wire(m["wire"])
                    break
    return weak


# --- title and outlet ---------------------------------------------------------------------------

_SITE_SUFFIX = re.compile(r"^(?P<title>.{12,}?)\s+[|–—-]\s+(?P<site>[^|–—]{2,40})$")
_COPYRIGHT_OWNER = re.compile(
    r"(?:©|copyright)\s*(?:©\s*)?(?:\d{4}\s*(?:[-–]\s*\d{4})?)?\s*,?\s*(?P<owner>[A-Z][\w&.’' -]{1,50}?)"
    r"\s*(?:[.,|]|all rights|$)",
    re.I,
)


def _fold(text: str) -> str:
    return re.sub(r"[^\w]+", " ", text.replace("’", "'").lower()).strip()


def split_site_suffix(line: str) -> tuple[str, str | None]:
    """Split "Headline | Site Name" (an HTML <title>) into the headline and the site name."""
    m = _SITE_SUFFIX.match(line)
    if m is None:
        return line, None
    site = m["site"].strip()
    words = site.split()
    # A site name is 1-4 capitalised words ("Inquirer News", "BBC"); else the dash is the title's.
    if len(words) > 4 or not all(w[:1].isupper() or not w[:1].isalpha() for w in words):
        return line, None
    return m["title"].strip(), site


def is_masthead(line: str) -> bool:
    """An all-capitals name line at the top of a page ("THE ESTREL GAZETTE"): the outlet, not a title."""
    letters = [c for c in line if c.isalpha()]
    return 0 < len(letters) and all(c.isupper() for c in letters) and count_words(line) <= 5


# Titles are rarely this short; a shorter header line is more often a tagline or a section name
# ("Independent since 1921"). Used as a preference, so a short title still wins when it is alone.
TITLE_PREFERRED_MIN_WORDS = 5


def pick_title(header: Sequence[tuple[int, str]]) -> tuple[int | None, str | None, str | None]:
    """Choose the title among header lines ``(index, text)``: (line index, title, outlet).

    The first headline-shaped line of TITLE_PREFERRED_MIN_WORDS words or more is the title (else
    the first shorter one); mastheads and lines opening with a date are skipped. If the title is an
    HTML-style "Headline | Site" and a later header line repeats the headline, that later line (the
    page's own heading) is the title and "Site" the outlet.
    """
    candidates: list[tuple[int, int, str]] = []
    for pos, (i, line) in enumerate(header):
        if not is_headline(line) or count_words(line) < 3 or is_masthead(line):
            continue
        dates = find_line_dates(line)
        if dates and dates[0].start <= 12:  # "date 2023-12-13 Home / World News / ..."
            continue
        candidates.append((pos, i, line))
    if not candidates:
        return None, None, None
    pos, i, line = next(
        (c for c in candidates if count_words(c[2]) >= TITLE_PREFERRED_MIN_WORDS), candidates[0]
    )
    title, site = split_site_suffix(line)
    if site is not None:
        for j, later in header[pos + 1 :]:
            if _fold(later) == _fold(title):
                return j, later, site
    return i, title, site


_CORPORATE_SUFFIX = re.compile(
    r"(?:\s+(?:media|news|publishing|publications|group|holdings|limited|ltd|llc|inc|plc|corp|co|gmbh|s\.?a)\.?)+$"
    r"|\s+(?:19|20)\d\d$",
    re.I,
)


def find_outlet_in_copyright(lines: Iterable[str]) -> str | None:
    """The owner named on a copyright line ("© 2024 The Daily Star"), unless it is a wire.

    Company suffixes are dropped ("Coastline Today Media Ltd" -> "Coastline Today"), as is a
    trailing year ("© The Estrel Gazette 2024").
    """
    for line in lines:
        m = _COPYRIGHT_OWNER.search(line)
        if m is None:
            continue
        owner = m["owner"].strip(" .,")
        if owner.lower().startswith("all rights") or not owner or count_words(owner) > 6:
            continue
        trimmed = _CORPORATE_SUFFIX.sub("", owner).strip(" .,")
        owner = trimmed if count_words(trimmed) >= 1 else owner
        if owner in _WIRE_OF or not owner[:1].isupper():
            continue
        return owner
    return None
