"""Header matter glued to a page's text on one line, and captions printed above a page's text.

Scrapers that flatten a page often join its title, byline, "story highlights" and dateline to the
first paragraph on one line, and a picture's or video's caption to the top of the text:

- :func:`split_glued_header`: a wire dateline ("Marrow Falls , Eastland (Ledger) --") in the middle
  of a line, after header matter without a sentence end (title, byline, highlights), starts the
  article; what comes before it is header matter, and a title before a byline ("... From Ann Poe ,
  For the Ledger ...") is kept as the page's title.
- :func:`strip_bare_tag`: an outlet's dateline tag with no place opening a line ("(Ledger) --").
- :func:`split_place_dateline`: a place and an outlet's tag opening a line ("Kessel (Ledger) --"):
  the article starts there, so what a page prints above it near its top is header matter.
- :func:`split_glued_title`: one of the page's first lines (``RUN_IN_LINES``) opens on a headline run into the first sentence
  with no stop between them ("Villagers still waiting for water The regional authorities say ...").
- :func:`is_narration_caption`: a line among the first of a page that narrates a picture or video
  in the present tense ("Mara Quist , 15 , describes the scene at the harbour .").
- :func:`is_identification_caption`: a line among the first of a page that says who someone is
  in the present tense ("Ann Poe is the mayor of Bayport .") when the lines after it introduce the
  same full name again: a report names a person in full once, so the first line stood outside it.

Rules by shape, never by site; text may be PTB-tokenised ("-LRB- Ledger -RRB- --", " .").
"""

from __future__ import annotations

import re

from newsbrief.read.metadata import HEADLINE_MAX_WORDS, is_paragraph
from newsbrief.vocabulary import CARDINALS, SCALE_WORDS, WEEKDAYS, count_words

# "(Ledger) --", "-LRB- AP -RRB- --", "(Wire Service) -": an outlet in brackets and a dash.
_AGENCY_DATELINE = re.compile(
    r"(?:-LRB-|\()\s*[A-Z][A-Za-z.&]{1,14}(?:\s+[A-Z][A-Za-z.&]{1,14})?\s*(?:-RRB-|\))\s*(?:--|—|–|-|_)\s+"
)
# A sentence end inside the header matter (" . Next" in PTB text, "word. Next" in plain text):
# then the line is prose that happens to quote a dateline, not glued header matter.
_INNER_STOP = re.compile(r"(?:\s[.!?]|[a-z0-9)\]][.!?])\s+[`'\"“‘A-Z]")
# Header matter is longer than a dateline's place name ("Marrow Falls , Eastland": 3 words).
GLUED_HEAD_MIN_WORDS = 10
# A byline inside the header matter: "From Ann Poe , For the Ledger", "By Kim Lee and Ann Poe ,".
_INNER_BYLINE = re.compile(
    r"\s(?:By|BY|From)\s+(?:the\s+)?[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}\s*(?:,|--|\band\b)"
)
# Words of a title, at least.
TITLE_MIN_WORDS = 3


def split_glued_header(line: str) -> tuple[str | None, str, str] | None:
    """(title or None, header matter, article text) of a line whose article text starts at a wire
    dateline after header matter, or None when the line is not one."""
    m = _AGENCY_DATELINE.search(line)
    if m is None or m.start() == 0:
        return None
    head, rest = line[: m.start()].strip(), line[m.end() :].strip()
    if count_words(head) < GLUED_HEAD_MIN_WORDS or _INNER_STOP.search(head) or not is_paragraph(rest):
        return None
    title = None
    b = _INNER_BYLINE.search(" " + head)
    if b is not None:
        before = head[: max(0, b.start() - 1)].strip()
        if TITLE_MIN_WORDS <= count_words(before) <= HEADLINE_MAX_WORDS:
            title = before
            head = head[len(before) :].strip()
    return title, head, rest


# An outlet's tag left alone at a line's start, its place name gone ("(Ledger) -- Talks resumed ...",
# "Ledger -RRB- -- Talks ..." where a scraper cut the line inside the brackets).
_BARE_TAG = re.compile(r"^(?:-LRB-\s*|\()?[A-Z][A-Za-z.&]{1,14}(?:\s+[A-Z][A-Za-z.&]{1,14})?\s*(?:-RRB-|\))\s*(?:--|—|–|-|_)\s+")


def strip_bare_tag(line: str) -> str:
    """``line`` without an outlet's tag opening it (see ``_BARE_TAG``), when article text follows."""
    m = _BARE_TAG.match(line)
    return line[m.end() :] if m is not None and is_paragraph(line[m.end() :]) else line


# A wire dateline opening a line: a place (a few capitalised words, commas between) and the outlet's
# tag: "Marrow Falls , Eastland -LRB- Ledger -RRB- -- Talks resumed ...", "KESSEL (Wire) - ...".
_PLACE_DATELINE = re.compile(
    r"^[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}(?:\s*,\s*[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}){0,2}\s*"
    r"(?:-LRB-|\()\s*[A-Z][A-Za-z.&]{1,14}(?:\s+[A-Z][A-Za-z.&]{1,14})?\s*(?:-RRB-|\))\s*(?:--|—|–|-|_)\s+"
)


def split_place_dateline(line: str) -> tuple[str, str] | None:
    """(dateline, article text) of a line that opens on a place and an outlet's tag (see
    ``_PLACE_DATELINE``): the line where a wire story starts, wherever it sits on the page."""
    m = _PLACE_DATELINE.match(line)
    if m is None or not line[m.end() :][:1].isupper() and not line[m.end() :].startswith(("`", '"', "“")):
        return None
    return (line[: m.end()].strip(), line[m.end() :]) if is_paragraph(line[m.end() :]) else None


# A headline run into the first sentence: "... for water The regional authorities say ...". The
# sentence opens on an article; the word before it must not be one that an article may follow
# in prose ("told The Associated Press", "in The Hague").
_GLUED_TITLE = re.compile(r"^(?P<title>[A-Z`'\"“‘][^.!?:;]*?[a-z0-9'’])\s+(?P<rest>(?:The|A|An)\s+[A-Za-z].*)$")
_NOT_TITLE_END = frozenset(
    """a an the of in on at to for from by with and or but nor as than about into onto over under near
    against between among through after before during without within via per like told tells said says
    says asked asks called named became become becomes is are was were be been being has have had
    do does did said wrote writes joined join joins reported reports saw see sees visited visits
    reads read watched watches""".split()
)
# Lines at a page's top where a run-in headline is looked for (a caption may come first), once.
RUN_IN_LINES = 2
# Words of a glued title, at most (a headline, not a clause).
GLUED_TITLE_MAX_WORDS = 12


def split_glued_title(line: str) -> tuple[str, str] | None:
    """(title, article text) of a page's first line that runs its headline into the first
    sentence without a stop, or None."""
    m = _GLUED_TITLE.match(line)
    if m is None:
        return None
    title, rest = m["title"].strip(), m["rest"].strip()
    words = title.split()
    if not TITLE_MIN_WORDS <= count_words(title) <= GLUED_TITLE_MAX_WORDS or words[-1].lower() in _NOT_TITLE_END:
        return None
    # Both halves must be what they seem: a short headline and a full sentence.
    return (title, rest) if is_paragraph(rest) else None


# A picture or video narrated in the present tense: "X describes the scene", "X talks about ...".
_NARRATION = re.compile(
    r"\b(?:describes|explains|recounts|recalls|reflects on|talks (?:about|to|of|with)|speaks (?:about|to|of|with)"
    r"|tells of|reports from|looks at|takes a look|gives a tour|tours|shows|witnesses)\b"
)
# Past-tense speech marks a report's lede, never a caption.
_PAST_SPEECH = re.compile(r"\b(?:said|told|added|reported|announced|was|were|had)\b")
# Caption length, at most, in words.
NARRATION_MAX_WORDS = 25


def is_narration_caption(line: str) -> bool:
    """A one-sentence line narrating a picture or video in the present tense (see module doc)."""
    if count_words(line) > NARRATION_MAX_WORDS or _INNER_STOP.search(line.rstrip(" .!?")):
        return False
    return bool(_NARRATION.search(line)) and not _PAST_SPEECH.search(line)


# "Ann Poe is the mayor of Bayport .": a full name (2+ capitalised words), "is/are", a determiner.
_IDENTIFICATION = re.compile(
    r"^(?P<name>[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+)+)\s+(?:is|are)\s+(?:the|a|an|one of)\s+[^.!?]+\s*\.?\s*$"
)
# Length of such a caption, at most, in words; lines after it searched for the name.
IDENTIFICATION_MAX_WORDS = 20
IDENTIFICATION_LOOKAHEAD = 3


def is_identification_caption(line: str, following: list[str]) -> bool:
    """A present-tense line saying who someone is, whose full name the next lines introduce again."""
    m = _IDENTIFICATION.match(line)
    if m is None or count_words(line) > IDENTIFICATION_MAX_WORDS:
        return False
    return any(m["name"] in x for x in following[:IDENTIFICATION_LOOKAHEAD])


# --- A list of teaser headlines run together by bullets -------------------------------------------
#
# A page's standfirst or "related" list printed as bullets, flattened onto one line: "Swine flu shuts
# Eton as cases pass 200 • Eton advised to close until 7 June • Swine flu confirmed in 14 more ...".
# The bullet often arrives mis-decoded: UTF-8 "•" read as cp1252 is "â€¢", and the cent sign of a
# single-byte reading ("¢") is what a tokeniser writes as the word "cents". A bullet is one of these
# between two pieces, before a capitalised word; the word "cents" only where no number comes before it
# ("virus cents Swine"; "200 cents" is money), or where the line has such a bullet already.
_BULLET_MARK = r"(?:•|â€¢|Â·|·|¢)"
_BULLET = re.compile(rf"(?:^|\s){_BULLET_MARK}\s+(?=[A-Z`'\"“‘])|(?:^|(?<=\s))cents\s+(?=[A-Z])")
# A number before "cents": a cardinal or scale word of the one vocabulary table, or an amount word.
_AMOUNT_WORDS = frozenset("few several many".split())
# A page's date-and-time stamp closing a standfirst ("Friday 8 May 2009 21.08 BST"): the text starts after it.
_STAMP_END = re.compile(
    r"\b(?:" + "|".join(d.capitalize() for d in WEEKDAYS) + r")\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4}\s+\d{1,2}[.:]\d\d\s*[A-Z]{2,4}\s+"
)


def _is_money(line: str, start: int) -> bool:
    """True when the "cents" at ``start`` follows a number ("200 cents", "fifty cents")."""
    before = line[:start].split()
    return bool(before) and (before[-1][:1].isdigit() or (w := before[-1].lower()) in CARDINALS or w in SCALE_WORDS or w in _AMOUNT_WORDS)


def opens_on_bullet(line: str) -> bool:
    """True when ``line`` opens on a bullet (see _BULLET), mis-decoded or not."""
    m = _BULLET.match(line.strip())
    return m is not None and m.start() == 0


def _is_cents(m: re.Match[str]) -> bool:
    return m.group().lstrip().startswith("cents")


def split_teaser_list(line: str) -> tuple[list[str], str] | None:
    """(teaser headlines, article text) of a line that runs a bulleted list into one line (see
    above), or None when it has no bullet. The text is what follows the last teaser: after a
    page's date-and-time stamp when one ends the list, else the last piece when it is longer
    prose than a headline ("" when it is not: the last teaser)."""
    # A bullet opening the line, or one after a list's colon or semicolon ("The worst hit are ; • Mexico
    # : 101 deaths"), marks an item of the text's own list; a list of headlines has one after a word.
    marks = [m for m in _BULLET.finditer(line) if m.start() == 0 or line[: m.start()].rstrip()[-1:] not in ";:,"]
    if not any(m.start() > 0 and (not _is_cents(m) or not _is_money(line, m.start())) for m in marks):
        return None
    pieces: list[str] = []
    last = 0
    for m in marks:
        piece = line[last : m.start()].strip()
        if piece:
            pieces.append(piece)
        last = m.end()
    rest = line[last:].strip()
    stamp = _STAMP_END.search(rest)
    if stamp is not None:
        pieces.append(rest[: stamp.end()].strip())
        rest = rest[stamp.end() :].strip()
    elif count_words(rest) <= HEADLINE_MAX_WORDS or not is_paragraph(rest):
        pieces.append(rest)
        rest = ""
    return pieces, rest
