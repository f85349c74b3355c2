"""Header matter glued to a page's text on one line, and captions printed above a page's text.

Scrapers that flatten a page often join its title, byline, "story highlights" and dateline to the
first paragraph on one line, and a picture's or video's caption to the top of the text:

- :func:`split_glued_header`: a wire dateline ("Marrow Falls , Eastland (Ledger) --") in the middle
  of a line, after header matter without a sentence end (title, byline, highlights), starts the
  article; what comes before it is header matter, and a title before a byline ("... From Ann Poe ,
  For the Ledger ...") is kept as the page's title. After a town-and-country dateline the first
  sentence may be short (a video's blurb before "Kessel , Eastland (Ledger) -- `` Never again . ''").
- :func:`strip_bare_tag`: an outlet's dateline tag with no place opening a line ("(Ledger) --").
- :func:`split_place_dateline`: a place and an outlet's tag opening a line ("Kessel (Ledger) --"):
  the article starts there, so what a page prints above it near its top is header matter.
- :func:`split_glued_title`: one of the page's first lines (``RUN_IN_LINES``) opens on a headline run into the first sentence
  with no stop between them ("Villagers still waiting for water The regional authorities say ...").
- :func:`is_narration_caption`: a line among the first of a page that narrates a picture or video
  in the present tense ("Mara Quist , 15 , describes the scene at the harbour .", "A young fisherman
  holds up his catch on the quay in Kessel .").
- :func:`is_identification_caption`: a line among the first of a page that says who someone is
  in the present tense ("Ann Poe is the mayor of Bayport .") when the lines after it introduce the
  same full name again: a report names a person in full once, so the first line stood outside it.

Rules by shape, never by site; text may be PTB-tokenised ("-LRB- Ledger -RRB- --", " .").
"""

from __future__ import annotations

import re

from newsbrief.read.metadata import HEADLINE_MAX_WORDS, WIRES, is_paragraph, is_sentence
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
# Names joined by a slash, as a picture's credit joins photographer and agency ("Poe\\/Ledger").
_CREDIT_SHAPE = re.compile(r"[A-Za-z.]\\?/[A-Z]")


# A time of publication in the header matter ("Fri May 1 , 2009 9:46 am EDT", "2009 04 25 08:50 JST"):
# header matter however short (a place and a stamp: "ZURICH | Mon Jun 29 , 2009 1:58 pm EDT ZURICH").
_CLOCK_STAMP = re.compile(r"\b\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?\s*)?[A-Z]{2,4}\b")


# After header matter and a wire dateline, one short sentence is the article's first paragraph
# ("... artificial limb Misrata , Libya (Ledger) -- Five-year-old Mia is having a bad day .").
GLUED_REST_MIN_WORDS = 5


# A dateline's place closing the header matter: a town and its country, capitalised, a comma between
# ("... watched a country fall Kessel , Eastland"). Before such a dateline any first sentence starts
# the text, however short ("`` Never again . ''"): prose does not run into "Town , Country (Tag) --".
_PLACE_END = re.compile(r"(?:^|\s)[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,2}\s*,\s*[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,2}$")


def _starts_text(rest: str, head: str = "") -> bool:
    """Whether ``rest``, after a glued header ``head`` and its dateline, is the article's first paragraph."""
    if is_paragraph(rest) or (is_sentence(rest) and count_words(rest) >= GLUED_REST_MIN_WORDS):
        return True
    opens = rest[:1].isupper() or rest.startswith(("``", '"', "“"))
    return opens and is_sentence(rest) and bool(_PLACE_END.search(head))


def split_glued_header(line: str, min_words: int = GLUED_HEAD_MIN_WORDS) -> tuple[str | None, str, str] | None:
    """(title or None, header matter, article text) of a line whose article text starts at a wire
    dateline after header matter of ``min_words`` words or more (fewer after a list of teasers,
    which is header matter already, or when it holds a time of publication), or None when the line
    is not one."""
    m = _AGENCY_DATELINE.search(line)
    if m is None or m.start() == 0:
        return None
    head, rest = line[: m.start()].strip(), line[m.end() :].strip()
    if (count_words(head) < min_words and not _CLOCK_STAMP.search(head)) or _INNER_STOP.search(head) or not _starts_text(rest, head):
        return None
    title = None
    b = _INNER_BYLINE.search(" " + head)
    if b is not None:
        before = head[: max(0, b.start() - 1)].strip()
        # A picture's credit before the byline ("Ann Poe\\/Ledger\\/Handout") is no title.
        if TITLE_MIN_WORDS <= count_words(before) <= HEADLINE_MAX_WORDS and not _CREDIT_SHAPE.search(before):
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
    # a wire's date after the place: "KESTROW, Oct 10 (Northwire) - ", "DUNMERE, England, March 6, 2026 /Newsline Wire/ --"
    r"(?:,\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:\s*,\s*\d{4})?\s*)?"
    r"(?:(?:-LRB-|\()\s*[A-Z][A-Za-z.&]{1,14}(?:\s+[A-Z][A-Za-z.&]{1,14})?\s*(?:-RRB-|\))"
    # a press-release wire's tag between slashes
    r"|/\s*[A-Z][A-Za-z.&-]{1,14}(?:\s+[A-Z][A-Za-z.&-]{1,14}){0,2}\s*/)\s*(?:--|—|–|-|_)\s+"
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


# A photo's caption of someone unnamed and what they are doing as the shutter clicks: "A young
# protester holds a sign during a rally in Kessel .", "An official wearing a mask stands at the
# airport .": an indefinite subject of a few words and a posture or gesture in the present tense.
# A report names its subject or tells what happened ("A man was shot", "A man stands accused":
# not a posture).
_POSE = re.compile(
    r"^An?\s+(?:[\w'-]+\s+){0,6}?(?:holds|stands|sits|rests|walks|waves|gestures|carries|poses|kneels|lies|prays"
    r"|mourns|weeps|cries|shouts|chants|reacts|salutes|looks on|sleeps|waits|queues)\b(?!\s+(?:accused|trial|to|by|ready|firm)\b)"
)
# A pose caption's length, at most, in words (it says where and when too).
POSE_MAX_WORDS = 35
# A second clause's auxiliary: the report's first sentence run on after the caption ("A boy rests in
# a tent in Kessel Tents from a charity are being used as wards ."), which must stay.
_SECOND_CLAUSE = re.compile(r"\b(?:is|are|has|have|will|would|can|could)\b")


def is_narration_caption(line: str) -> bool:
    """A one-sentence line narrating a picture or video in the present tense, or a photo's pose
    caption (see module doc, ``_POSE``)."""
    if _INNER_STOP.search(line.rstrip(" .!?")) or _PAST_SPEECH.search(line):
        return False
    words = count_words(line)
    return (words <= NARRATION_MAX_WORDS and bool(_NARRATION.search(line))) or (
        words <= POSE_MAX_WORDS and bool(_POSE.match(line)) and not _SECOND_CLAUSE.search(line)
    )


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


# An asterisk is a bullet only in a list that opens the line ("* Stocks fall * Hotels lower ..."):
# elsewhere it marks emphasis or a footnote ("It *will* be hard", "(*Itinerary*)").
_STAR_BULLET = re.compile(r"(?:^|\s)\\?\*\s+(?=[A-Z0-9`'\"“‘])")


def _bullets(line: str, stars: bool = True) -> list[re.Match[str]]:
    """The bullets of ``line`` (see _BULLET, and _STAR_BULLET with ``stars``), in order."""
    marks = list(_BULLET.finditer(line))
    star = _STAR_BULLET.match(line) if stars else None
    if star is not None and star.start() == 0:
        marks = sorted([*marks, *_STAR_BULLET.finditer(line)], key=lambda m: m.start())
    return marks


def opens_on_bullet(line: str) -> bool:
    """True when ``line`` opens on a bullet (see _BULLET), mis-decoded or not."""
    marks = _bullets(line.strip())
    return bool(marks) and marks[0].start() == 0


def _is_cents(m: re.Match[str]) -> bool:
    return m.group().lstrip().startswith("cents")


def split_teaser_list(line: str, stars: bool = True) -> tuple[list[str], str] | None:
    """(teaser headlines, article text) of a line that runs a bulleted list into one line (see
    above), or None when it has no bullet; asterisks are bullets only with ``stars`` (a page's
    first lines: further down, a list of asterisks is the text's own, as a fact box's). The text is what follows the last teaser: after a
    page's date-and-time stamp when one ends the list, else the last piece when it is longer
    prose than a headline ("" when it is not: the last teaser)."""
    # A bullet opening the line, or one after a list's colon or semicolon ("The worst hit are ; • Mexico
    # : 101 deaths"), marks an item of the text's own list; a list of headlines has one after a word.
    marks = [m for m in _bullets(line, stars) if m.start() == 0 or line[: m.start()].rstrip()[-1:] not in ";:,"]
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


# --- A page's date-and-time stamp and a picture's credit -----------------------------------------
#
# Some pages print, on the text's first line, the title and standfirst, then the date and time of
# publication, then the caption of the picture above the text; the picture's credit then opens the
# next line, run into the text's first sentence:
#
#     Harbour fire spreads to second quay Crews worked through the night Friday 8 May 2009 21.08 BST
#     Firefighters on the quay wall at dawn .
#     Photograph : Ann Poe\/Ledger Crews fought the fire for nine hours , the port said .
#
# Before the stamp is header matter, between the stamp and the credit the picture's caption, after
# the credit the text.
_PAGE_STAMP = re.compile(
    r"\b(?:" + "|".join(d.capitalize() for d in WEEKDAYS) + r")\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4}\s+\d{1,2}[.:]\d\d\s*[A-Z]{2,4}(?=\s|$)"
)
# Non-blank lines at a page's top where its stamp is looked for.
STAMP_TOP_LINES = 3


def split_page_stamp(line: str) -> tuple[str, str, str] | None:
    """(header matter before, the stamp, text after) of a line holding a page's date-and-time stamp
    ("Friday 8 May 2009 21.08 BST"), or None."""
    m = _PAGE_STAMP.search(line)
    if m is None:
        return None
    return line[: m.start()].strip(), m.group(), line[m.end() :].strip()


# "Photograph : ", "Picture : ", "Photo : ": the label a picture's credit opens on.
_CREDIT_LABEL = re.compile(r"^(?:Photograph|Photo|Picture|Image|Illustration)s?\s*:\s+")
# Picture agencies besides the wire services (metadata.WIRES): a credit names one of these or a
# photographer.
_PICTURE_AGENCIES = frozenset({"Getty", "Rex", "Corbis", "Alamy", "Zuma", "Shutterstock"})
# Words a credit's parts may hold besides capitalised ones ("Centers for Disease Control").
_CREDIT_CONNECTORS = frozenset({"for", "of", "de", "la", "del", "the", "and", "images"})
# A text run into a credit is a sentence of at least this many words ("It was the silence more than anything .").
CREDIT_TEXT_MIN_WORDS = 4
# A label of a few words and a colon opening what follows a credit: a teaser's kind ("Live blog :").
_LABEL_OPEN = re.compile(r"^[A-Z][\w'-]*(?:\s+[\w'-]+){0,2}\s*:\s")
_SLASH = re.compile(r"\\?/")
_WIRE_NAMES = sorted((n for names in WIRES.values() for n in names), key=len, reverse=True)


def _agency_words(tokens: list[str], i: int) -> int:
    """Words of the agency name starting at ``tokens[i]`` (0 when none): an acronym ("AP", "EPA"),
    a wire service's name or a picture agency's ("Getty Images")."""
    word = tokens[i]
    for name in _WIRE_NAMES:
        parts = name.split()
        if tokens[i : i + len(parts)] == parts:
            return len(parts)
    if word in _PICTURE_AGENCIES:
        return 2 if i + 1 < len(tokens) and tokens[i + 1] in ("Images", "images", "Features") else 1
    return 1 if len(word) >= 2 and word.isupper() and word.isalpha() else 0


def _is_credit_word(word: str) -> bool:
    return word[:1].isupper() or word in _CREDIT_CONNECTORS


def split_photo_credit(line: str) -> tuple[str, str] | None:
    """(credit, text) of a line opening on a picture's credit run into the text ("Photograph : Ann
    Poe\\/Ledger Crews fought ..."), or None when the line is not one (a caption after the label,
    "Photo : A man walks past ...", is no credit and stays whole).

    A credit is photographers and agencies joined by slashes; its last part is an agency (an acronym,
    a wire service, a picture agency, or one word after a photographer's name) or a photographer's
    two names, and a photographer may have an affiliation after a comma ("Ann Poe , Harbour Trust"). The text must be a sentence of
    CREDIT_TEXT_MIN_WORDS words or more."""
    m = _CREDIT_LABEL.match(line)
    if m is None:
        return None
    tokens = line[m.end() :].split()
    # Parts before the last slash end at the token holding it ("Ireland\\/PA"); the last part starts
    # with that token's last piece ("PA").
    slashed = [k for k, t in enumerate(tokens[:8]) if _SLASH.search(t)]
    start = slashed[-1] if slashed else 0
    if not all(_is_credit_word(t) for t in tokens[:start]):
        return None
    last = [_SLASH.split(tokens[start])[-1], *tokens[start + 1 :]]
    if not last[0][:1].isupper():
        return None
    agency = _agency_words(last, 0)
    if not agency and slashed and not _agency_words(_SLASH.split(tokens[start])[-2:-1], 0):
        agency = 1  # after a photographer, an agency ("Ann Poe/Ledger"); after an agency, a photographer
    options = [agency] if agency else [2]
    if not agency and len(last) > 2 and last[2] == ",":
        options = [3 + k for k in (2, 1, 3)]  # a photographer's affiliation after a comma
    for n in options:
        if n >= len(last) or not all(_is_credit_word(t) or t == "," for t in last[:n]):
            continue
        credit, text = tokens[: start + n], " ".join(tokens[start + n :])
        if _LABEL_OPEN.match(text):
            return None  # "Live blog : ...": a teaser under a picture, not the text
        if (text[:1].isupper() or text[:1] in "`'\"“‘") and is_sentence(text) and count_words(text) >= CREDIT_TEXT_MIN_WORDS:
            return line[: m.end()] + " ".join(credit), text
    return None
