"""Page furniture of real archives that is not the article: reader comments, widgets, teasers.

Rules by shape, never by site (the fixtures in tests/fixtures/pages are written in several sites'
styles). Text may be PTB-tokenised as in research corpora ("-LRB-", "`` ''", "bit . ly\\/x").

- :func:`furniture_reason`: one line by its own words -- comment-form notices ("Comments are
  not pre-screened", "required, but will not be displayed"), comment actions alone on a line
  ("Reply", "Report abuse", "Recommend (12)"), share/retweet widgets and short-link fragments,
  stamped teasers of video or story lists ("updated : Wed Mar 23 2011 08:34:00 ..."),
  contributor sign-offs, call-outs for readers' photos and stories, transcript notices.
- :func:`find_comment_section`: where a page's reader comments begin -- the first line carrying
  a comment stamp ("March 31 , 2011 at 12:08 am | Reply") or a comments header ("Comments (34)",
  "Join the conversation"); everything after it is comments. Where stamps follow their comment,
  the comment before the first stamp goes too (as long as the page's typical comment).
- :func:`strip_speaker_label`: an all-capitals label opening a line ("AZUZ :", "NEW :") is a
  transcript speaker or a live-update marker, not text.
- :func:`split_update_labels`: live updates run into one line at their time labels ("... said .
  KESSEL , 7:40 p.m. ET , 2:40 a.m. local : The ..."): one line per update, labels left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_CLOCK = r"\d{1,2}\s?[:.]\s?\d\d\s*(?:[ap]\.?\s?m\.?)?"
# "March 31 , 2011 at 12:08 am", "31 March 2011 at 12:08", "2011-03-31 at 00:08", "Mar 31st, 2011 8:15pm"
_STAMP_DATE = (
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\s*,?\s*\d{{4}}|\d{{1,2}}\s+{_MONTH}\s*,?\s*\d{{4}}"
    rf"|\d{{4}}-\d\d-\d\d|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})"
)
_COMMENT_ACTION = r"(?:reply|report(?: abuse| comment)?|recommend(?:ed)?|flag|permalink)"
# A comment's stamp: date "at" clock time, then a bar or a comment action; or date and time (with a
# comma or bar between) and an explicit comment action. "Published: 12 December 2023, 10:31 |
# Updated ..." is a header's date line, not a comment.
# ... or a clock time, a date and the commenter's name before "wrote": "At 4:36 pm on 18 May 2009 ,
# kestrel77 wrote :", "At 12:19 26th Apr 2009 , Ann Poe wrote :".
COMMENT_STAMP = re.compile(
    rf"{_STAMP_DATE}\s*(?:{_CLOCK}\s*)?(?:at|@)\s*{_CLOCK}\s*(?:[A-Z]{{2,4}}\s*)?(?:\||{_COMMENT_ACTION}\b)"
    rf"|{_STAMP_DATE}\s*[,|]?\s*{_CLOCK}\s*(?:[A-Z]{{2,4}}\s*)?\|?\s*{_COMMENT_ACTION}\b"
    rf"|\bat\s*{_CLOCK}\s*(?:on\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\s*,?\s*\d{{4}}|{_STAMP_DATE})"
    r"\s*,?\s*[\w.'-]+(?:\s+[\w.'-]+){0,3}\s+wrote\s*:"
    r"|^\s*,\s*[\w.'-]+(?:\s+[\w.'-]+){0,2}\s+wrote\s*:",  # the stamp's date cut off on the line before
    re.I,
)
# Every COMMENT_STAMP match holds a clock time (its first three alternatives) or "wrote" (the last
# two): a line with neither is skipped by this cheap test before the costly pattern runs.
_STAMP_GATE = re.compile(r"\d\s?[:.]\s?\d\d|wrote", re.I)


def has_comment_stamp(line: str) -> bool:
    """Whether ``line`` holds a reader comment's stamp (:data:`COMMENT_STAMP`)."""
    return _STAMP_GATE.search(line) is not None and COMMENT_STAMP.search(line) is not None


# A header that opens the comments: "Comments (34)", "12 comments", "Join the conversation".
COMMENTS_HEADER = re.compile(
    r"^(?:\d+\s+)?(?:reader\s+|your\s+|user\s+)?(?:comments?|responses?|discussion)\s*(?:\(\d+\))?\s*:?$"
    r"|^(?:join|start) the (?:conversation|discussion|debate)\b.{0,20}$|^(?:leave|post|add) a (?:comment|reply)\b"
    r"|^(?:show|view|load|read) (?:all )?\d*\s*comments\b|^comments? (?:are|is) (?:closed|now closed)\b",
    re.I,
)

_FURNITURE: list[tuple[str, re.Pattern[str]]] = [
    ("comments", re.compile(
        r"\brequired\b.{0,12}\bwill not be (?:displayed|published|shown)\b"
        r"|\bcomments? (?:are|is) (?:not )?(?:pre-?screened|moderated|reviewed)\b"
        r"|\banything you (?:post|submit)\b|\b(?:follow|subscribe to) this (?:blog|thread)\b"
        r"|\bnotify me of (?:follow-?up|new) (?:comments|posts)\b"
        r"|\b(?:lively|courteous|civil|respectful) (?:and \w+ )?(?:discussion|debate|conversation)\b"
        r"|\b(?:rules of conduct|house rules|community (?:guidelines|standards))\b"
        r"|\breport (?:abuse|this comment)\b|\bselection of (?:your )?comments\b"
        r"|\bcomments? (?:may|will) be (?:published|edited|used)\b"
        r"|\bmay edit (?:your )?(?:comments|e-?mails|letters)\b|\bnot all (?:comments|e-?mails|letters) will be published\b",
        re.I)),
    ("share", re.compile(
        r"\bRETWEET\b|\bRT @\w|\b[a-z]{2,3}\\?/(?=[A-Za-z0-9]*\d)(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]{5,}\b"
        r"|\b(?:bit|ow|nyr|wp|tinyurl|goo|buff|dlvr|fb|trib|ti)\s?\.\s?(?:ly|kr|me|com|gl|it)\b\s*(?:\\?/|\.?\s*$)"
        r"|:\s*(?:bit|ow|nyr|wp|goo|dlvr|trib)\s?\.\s*$"
        rf"|^\s*{_CLOCK}\s*(?:ET|EST|EDT|PT|PST|GMT|BST|UTC)\s+{_STAMP_DATE}",
        )),
    ("teaser", re.compile(
        # ... its headline may come first: "Rebels flee the port updated : Thu Apr 07 2011 20:20:00 Airstrikes ..."
        r"^(?:[^.!?]{3,120}?\s)?(?:updated|posted|published)\s*:?\s*(?:(?:mon|tue|wed|thu|fri|sat|sun)\w*\s*,?\s*)?"
        rf"(?:{_STAMP_DATE}|{_MONTH}\s+\d{{1,2}}\s+\d{{4}})\s*(?:,?\s*(?:at\s*)?{_CLOCK}(?::\d\d)?)\s*\S",
        re.I)),
    ("byline", re.compile(
        r"^(?:[A-Z][\w.'-]*\s+'s\s+|[A-Z][\w.'-]*'s\s+)?[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+)*"
        r"(?:\s*,\s*(?:and\s+)?[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+)*|\s+and\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+)*)*"
        r"\s+contributed(?: reporting)?(?: to)?(?: this)?(?: report| story| article)?\W*$"
        r"|^(?i:posted|written|filed) by\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}\s*(?:(?i:at|on)\b|[|,]|$)")),
    ("promo", re.compile(
        r"\bsend (?:us )?your (?:pictures|photos|images|videos?|comments|stories|experiences|questions)\b"
        r"|\b(?:unable|not able) to (?:offer|provide) transcripts\b|\b(?:rush|full|complete) transcript\b"
        r"|\bthis copy may not be in its final form\b|\bdownload (?:the )?pdf\b"
        # a machine transcript's notice: "This transcript was generated automatically and may contain errors"
        r"|\btranscripts? (?:was|were|is|has been) (?:generated|produced|created) (?:automatically|by (?:a )?(?:machine|computer|software))"
        r"|\b(?:transcript|captions?) may contain errors\b|^(?:this is )?an? (?:edited|abridged|unedited|partial|rush) transcript\b"
        # a video player's furniture: "Auto-play next video in 5", "Closed captions available", "Up next"
        r"|^auto-?play\b|^closed captions?\b|^(?:up next|next video|replay)\s*:?\s*$"
        # a print version's notice: "Printed from example.org", "use your browser's print function"
        r"|^printed from\s+\S+|\buse your browser'?s print\b|^print (?:this )?(?:page|article|story)\s*$"
        # a gallery's controls: "Swipe for more", "Next image", "View gallery", "Enlarge this image"
        r"|^(?:swipe|scroll|click|tap)(?: left| right| up)? (?:for|to see) (?:more|next)\b"
        r"|^(?:next|previous|prev) (?:image|photo|picture|slide)\s*$"
        r"|^(?:view|open|launch|see the full|see full) (?:photo )?gallery\b|^enlarge (?:this )?(?:image|photo|picture)\s*$"
        # a programme's credits or a table's source alone on a line: "Credits: produced by X", "Source: Y"
        r"|^credits?\s*:(?=.{0,120}$)|^(?:produced by|music by|sources?)\s*:(?=[^.!?]{0,80}\.?$)(?![^.!?]*\b(?:said|says|told)\b)"
        r"|\b(?:share|tell us) your (?:story|views|thoughts|experiences?)\b.{0,40}$"
        r"|\b(?:check in with|weigh in with your)\b.{0,40}\bonline\b"
        # a post's excerpt in a list, cut where its link goes on: "... any more Continue reading ..."
        r"|\b(?:continue|keep) reading\s*(?:\.\.\.|…|[».>]?\s*$)"
        # a live page's archived title: "As it happened : Harbour fire 13 Jan Live coverage ..."
        r"|^as it happened\s*:"
        # a broadcast's promotion: "tune in to ... at 10 p.m. ET", "Watch the Evening Desk weeknights 10pm ET"
        r"|(?:^|[,;:!]\s*|\b(?:and|so|then|please)\s+)tune in (?:to|for|at|on|tonight|tomorrow)\b"
        r"|^(?:watch|catch|see|don'?t miss|do n't miss)\b.{0,80}\b(?:weeknights|weekdays|weekends|nightly"
        rf"|(?:at\s*)?{_CLOCK}\s*(?:[AP]\.?M\.?\s*)?(?:ET|EST|EDT|PT|PST|CT|GMT|BST)\b)",
        re.I)),
    ("caption", re.compile(
        # who is where in the picture: "Ann Poe , left , and Kim Lee", "-LRB- second from right -RRB-"
        r"\s,\s(?:left|right|center|centre|second from (?:left|right)|far (?:left|right))\s,\s"
        r"|-LRB-\s(?:left|right|center|centre|L|R|C|second from (?:left|right)|far (?:left|right))\s-RRB-"
        r"|^(?:this\s+)?(?:picture|photo|image|photograph|file photo|video|footage|a still from)\s+(?:shows|taken|from|of|was taken)\b"
        r"|^an?\s+(?:picture|photo|image|photograph|still)\s+(?:shows|taken)\b"
        r"|^(?:and\s+)?(?:this|here)\s+(?:is|was)\s+the\s+scene\b"
        # a parenthesis that points at the picture: "Ann Poe -LRB- shown in 2007 -RRB- , ...", "(pictured)"
        r"|(?:-LRB-|\()\s*(?:(?:shown|pictured|photographed|seen)(?:\s+(?:here|above|below|left|right|in|at|on|with|during|last|earlier|inset)\b[^()]{0,50})?"
        r"|(?:above|below|inset|in file photo|file)\s*)\s*(?:-RRB-|\))",
        re.I)),
]
# Comment actions alone on a line ("Reply", "Report abuse", "Recommend (3)", "Like · Reply").
_ACTION_LINE = re.compile(
    rf"^(?:{_COMMENT_ACTION}(?:\s*\(\d+\))?\s*[|·•]?\s*)+$"
    # ... with a share or like action beside ("Reply · Share ›"), a comment's marks ("Edited", "Avatar")
    rf"|^(?:{_COMMENT_ACTION}|like)\s*[|·•]\s*(?:share|like)\b\W*$|^(?:edited|avatar)\s*$"
    # a threaded comment's score and age ("12 points · 3 hours ago"), the thread's sorter and provider
    r"|^-?\d+\s+(?:points?|likes?|votes?)\s*[·•|]\s*(?:an?|\d+)\s+\w+\s+ago\s*$"
    r"|^sort(?:ed)? by (?:best|newest|oldest|top|most)\b.{0,20}$|^powered by \w+\s*$",
    re.I,
)
# An image gallery's counter ("1 of 12", "Image 3 of 12", "4/12"): the line after it is the picture's caption.
GALLERY_COUNTER = re.compile(r"^(?:(?:image|photo|picture|slide|item)\s+)?\d{1,3}\s*(?:of|/)\s*\d{1,3}\s*$", re.I)
# A box about the writer at a page's end: "About the author", "Author bio", "More by this author".
AUTHOR_BOX_HEADER = re.compile(
    r"^(?:about the (?:authors?|writers?|reporters?|contributors?)|(?:authors?|writers?) (?:bio|profile|information)"
    r"|more (?:by|from) this (?:author|writer|reporter))\s*:?$",
    re.I,
)
# Non-blank lines after such a header, at most, for it to be the page's closing box.
AUTHOR_BOX_MAX_LINES = 8


def find_author_box(lines: Sequence[str], body_start: int) -> int | None:
    """Index of the header of a box about the writer closing the page, or None."""
    for i in range(body_start + 1, len(lines)):
        if lines[i] and AUTHOR_BOX_HEADER.match(lines[i]):
            if sum(1 for x in lines[i + 1 :] if x) <= AUTHOR_BOX_MAX_LINES:
                return i
            return None
    return None
# "AZUZ :", "NEW :", "BILL TAYLOR , AUTHOR :" at a line's start (all capitals, a few words).
# A generic label may carry a number: "SPEAKER 1 :", "VOICE 2:".
_SPEAKER = re.compile(r"^(?P<label>[A-Z][A-Z.'-]+(?:\s*,?\s*[A-Z][A-Z.'-]+){0,6}(?:\s+\d{1,2})?)\s*:\s+(?=\S)")
# Labels that name the text's kind rather than a speaker; the caption lexicon of cleaning.py
# takes "PHOTO :" and "VIDEO :" lines whole.
_LABEL_MIN_LETTERS = 3


# A line that is only a date and a clock time: a post's or update's stamp ("March 21st , 2011 9:20 am ET").
_STAMP_LINE = re.compile(
    rf"^(?:posted|updated)?\s*:?\s*{_STAMP_DATE}\s*,?\s*(?:at\s*)?{_CLOCK}\s*(?:[A-Z]{{2,4}})?\s*$"
    # a live page's relative stamp: "Updated 5m ago", "1h ago", "2 hours ago"
    r"|^(?:(?:posted|updated|published)\s+)?(?:an?|\d{1,3})\s*(?:s|m|h|d|secs?|mins?|hrs?|seconds?|minutes?|hours?|days?)\s+ago\s*$",
    re.I,
)


def furniture_reason(line: str) -> str | None:
    """The furniture kind of a normalized line by its words alone, or None."""
    if _ACTION_LINE.match(line):
        return "comments"
    if _STAMP_LINE.match(line):
        return "stamp"
    if has_comment_stamp(line):
        return "comments"
    for reason, pattern in _FURNITURE:
        m = pattern.search(line)
        if m is None:
            continue
        # A teaser is a stamp followed by its story's text; a stamp followed by another label
        # ("Published: ..., 10:31 | Updated 11:00") is a header's date line.
        if reason == "teaser" and (len(line[m.end() - 1 :].split()) < TEASER_MIN_WORDS or _LABELS.search(line[m.end() - 1 :])):
            continue
        return reason
    return None


# Words after a teaser's stamp, at least (a story's one-line description).
TEASER_MIN_WORDS = 6
_LABELS = re.compile(r"(?:updated|published|posted|modified)", re.I)


def find_comment_section(lines: Sequence[str], body_start: int) -> int | None:
    """Index of the first line of a page's reader comments (after ``body_start``), or None."""
    stamps = [i for i, x in enumerate(lines) if i >= body_start and x and has_comment_stamp(x)]
    header = next(
        (i for i, x in enumerate(lines) if i > body_start and x and COMMENTS_HEADER.match(x)), None
    )
    if header is not None and (not stamps or header < stamps[0]):
        return header
    if not stamps:
        return None
    first = stamps[0]
    # Stamps sit between comments (before or after each comment's text): the text lines just
    # before the first stamp are a comment too. Take back as many as the page's comments run (the
    # upper quartile of text lines between stamps), at most MAX_LEADING_COMMENT, and never into
    # the first third of the text before the stamp (the article comes first).
    gaps = sorted(sum(1 for x in lines[a + 1 : b] if x) for a, b in zip(stamps, stamps[1:], strict=False))
    text_before = [i for i in range(body_start, first) if lines[i]]
    if len(gaps) < 2:
        # Too few stamps to tell how long comments run: take back the lines just before the stamp
        # that speak in a reader's voice (see _READER_VOICE), as far as they go.
        k = len(text_before)
        floor = max(len(text_before) // 3, 1, len(text_before) - MAX_LEADING_COMMENT)
        while k > floor and _READER_VOICE.search(_QUOTED.sub(" ", lines[text_before[k - 1]])):
            k -= 1
        return text_before[k] if k < len(text_before) else first
    back = min(MAX_LEADING_COMMENT, gaps[(3 * len(gaps)) // 4] + 1)
    keep = max(len(text_before) - back, len(text_before) // 3, 1)
    return text_before[keep] if keep < len(text_before) else first


# A photo caption at the top of a page: a short line that ends on the full date the picture was
# taken ("Rebels patrol near the airport on April 30 , 2011 ."); news ledes give the weekday.
# The year may be left out where the place follows ("... the coffin on July 29 in Bayport , Eastland .").
_CAPTION_DATE_END = re.compile(
    rf"\b(?:on|in)\s+(?i:{_MONTH})\s+\d{{1,2}}(?:\s*,?\s*\d{{4}}|(?:\s*,?\s*\d{{4}})?\s+in\s+[A-Z][\w'-]+(?:\s*,?\s*[A-Z][\w'-]+){{0,3}})"
    r"\s*\.?\s*$"
)
# Lines at a page's top in which such a caption is looked for, and its longest length in words.
TOP_CAPTION_LINES = 3
TOP_CAPTION_MAX_WORDS = 35


def is_top_caption(line: str) -> bool:
    """A photo caption as printed at the top of a page (see ``_CAPTION_DATE_END``)."""
    return bool(_CAPTION_DATE_END.search(line)) and len(line.split()) <= TOP_CAPTION_MAX_WORDS


# A reader's voice, outside quotation marks: first or second person, an exclamation, a question,
# shouting in capitals. News copy keeps those inside quotes.
_READER_VOICE = re.compile(r"\b(?:I|I'm|I 'm|me|my|we|We|our|you|You|your|Your|U|u)\b|[!?]|\b[A-Z]{4,}(?:\s+[A-Z]{2,}){3,}\b|^[^a-z]{20,}$")
_QUOTED = re.compile(r"``.*?''|\".*?\"|“.*?”")
# Lines taken back before a page's first comment stamp, at most.
MAX_LEADING_COMMENT = 8


# Labels that say what kind of line follows (a caption, a link list): the line is judged whole.
_KIND_LABEL = re.compile(
    r"^(?:photo|video|image|picture|graphic|watch|listen|read|related|tags?|topics?|correction|clarification"
    r"|update|editor'?s note|sources?|credits?|advertisement|sponsored|more|see also|also)\b",
    re.I,
)
# A byline glued to the text that follows it: "By the Wire Staff Gadhafi says ...", "By Jane Roe ,
# Special to the Post The war ...", "From Kim Lee and Ann Poe , NEWS Details ...".
_BYLINE_PREFIX = re.compile(
    r"^(?:By|BY|From)\s+(?:the\s+)?(?:[A-Z][\w.'-]+\s+){1,3}(?:Wire\s+)?Staff\b\s*"
    r"|^By\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){1,2}\s*,\s*(?:Special to|for)\s+(?:the\s+)?[A-Z][\w.]+\s+"
    r"|^(?:From|By)\s+[A-Z][\w.'-]+\s+[A-Z][\w.'-]+(?:\s*(?:,|and)\s+[A-Z][\w.'-]+\s+[A-Z][\w.'-]+){0,3}\s*,\s*[A-Z]{2,}\s+"
    # ... and the writer's job after the outlet: "By Ann Poe , LEDGER Security Analyst A guard ..."
    r"(?:(?:[A-Z][a-z]+\s+){0,2}(?:Analyst|Correspondent|Contributor|Editor|Reporter|Producer|Writer|Columnist|Anchor)s?\s+)?"
)
# Words that must follow a glued byline for it to be stripped (else the line is a byline whole).
BYLINE_REST_MIN_WORDS = 8


# A live update's time label: "KESSEL , 4:01 p.m. ET , 11:01 p.m. local :", "9:15 a.m. GMT :",
# "KESSEL , 11 a.m. ET , 6 p.m. local :"; with the place's own time, the colon may be gone
# ("KESSEL , 11:45 a.m. ET , 6:45 p.m. local The council ...").
_WEEKDAY = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?"
_HOUR = rf"(?:{_CLOCK}|\d{{1,2}}\s*[ap]\.?\s?m\.?)"
_LABEL_PLACE = r"[A-Z][A-Z.'-]+(?:\s+[A-Z][A-Z.'-]+)*\s*,\s*"
_TWO_TIMES = rf"{_HOUR}\s*[A-Z]{{2,4}}\s*,\s*{_HOUR}\s*local(?:\s+time)?"
_UPDATE_LABEL = re.compile(
    rf"^(?:{_LABEL_PLACE})?(?:{_HOUR}\s*(?:[A-Z]{{2,4}}\b)?(?:\s*,\s*{_HOUR}\s*(?:local|[A-Z]{{2,4}}\b))?\s*:|{_TWO_TIMES})"
    r"\s+(?=[A-Z`'\"\u201c])"
)


# The same label in the middle of a line, where a scraper ran one update into the next ("... said .
# MARROW , 7:40 p.m. ET , 2:40 a.m. local : The river rose ..."): a place in capitals, a clock time
# with its zone (and maybe the place's own time), then a colon. A clock time and a colon inside prose
# ("... until 7:40 p.m. ET : then ...", "at 9:15 a.m. GMT , 10:15 a.m. local :") name no place: not taken.
_MID_UPDATE_LABEL = re.compile(
    rf"(?<=\S)\s+{_LABEL_PLACE}(?:{_HOUR}\s*[A-Z]{{2,4}}\b(?:\s*,\s*{_HOUR}\s*(?:local|[A-Z]{{2,4}}\b))?\s*:|{_TWO_TIMES})"
    r"\s+(?=[A-Z`'\"\u201c])"
)


def split_update_labels(line: str) -> list[str]:
    """The pieces of ``line`` between live updates' time labels run into it (see
    ``_MID_UPDATE_LABEL``), the labels left out: ``[line]`` when it holds none. A piece that ends
    on a colon introduced what the page embedded there (a video, a list of links), which the next
    label shows is gone: :func:`introduces_embed` tells it."""
    pieces, at = [], 0
    for m in _MID_UPDATE_LABEL.finditer(line):
        pieces.append(line[at : m.start()].strip())
        at = m.end()
    pieces.append(line[at:].strip())
    return [p for p in pieces if p]


def introduces_embed(piece: str) -> bool:
    """True when a piece cut before a live update's label ends on a colon (see :func:`split_update_labels`)."""
    return piece.rstrip().endswith(":")


# A live update's time label in brackets: "-LRB- 7:49 p.m. Monday ET , 1:49 a.m. Tuesday in Kessel -RRB- ",
# "(Posted at 11:06 a.m. ET , 6:06 p.m. local time)".
_PAREN_TIME_LABEL = re.compile(
    rf"^(?:-LRB-|\()\s*(?:(?:updated|posted|published)\s+(?:at\s+)?)?{_HOUR}\s*(?:{_WEEKDAY}\s*)?(?:[A-Z]{{2,4}}\b)?"
    rf"(?:\s*[,/]\s*{_HOUR}\s*(?:{_WEEKDAY}\s*)?(?:local(?:\s+time)?|in\s+[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?|[A-Z]{{2,4}}\b)?)?"
    r"\s*(?:-RRB-|\))\s+(?=[A-Z`'\"“])",
    re.I,
)

# A page's "last updated" stamp glued to its first line, with the headline or date before it:
# "Rebels take port Page last updated at 08:58 GMT , Thursday , 24 June 2010 09:58 UK Rebels ...",
# "24 June 2010 Last updated at 14:59 GMT Help A year on ...".
_UPDATED_HEADER = re.compile(
    rf"^(?:[^.!?]{{0,150}}?\s)?(?:(?i:page)\s+last|(?-i:Last))\s+updated(?:\s+at|\s*:)?\s*(?>{_CLOCK}\s*(?:[A-Z]{{2,4}}\b)?"
    rf"(?:\s*,?\s*(?:{_WEEKDAY}\s*,?\s*)?(?:\d{{1,2}}\s+{_MONTH}\s*,?\s*\d{{4}}|{_STAMP_DATE})(?:\s*{_CLOCK}\s*(?:[A-Z]{{2,4}}\b)?)?)?)"
    # a web server's error text may follow the stamp (Apache's server-side includes)
    r"\s*(?:(?:-LRB-|\()\s*an error occurred while processing this directive\s*(?:-RRB-|\)))?"
    # (the atomic stamp keeps the space after a bare clock: "Last updated at 06:28 Michael ...")
    r"\s*(?:help\b)?(?:\s+|(?<=\s))(?=(?-i:[A-Z`'\"“]))",
    re.I,
)


# A blog post's header glued to its first line: "Ann Poe | 14:07 PM , Monday , 1 June 2009 One of ...".
_POST_HEADER = re.compile(
    rf"^[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){{0,3}}\s*\|\s*{_CLOCK}\s*(?:[A-Z]{{2,4}}\b(?:\s+time\b)?)?\s*,?\s*"
    rf"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\s*,?\s*)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\s*,?\s*\d{{4}}|{_STAMP_DATE})\s+",
    re.I,
)


# After a live update's time label, a short sentence is the update's text ("It is the fifth day of
# strikes ."): its words, at least, with a stop at its end.
UPDATE_REST_MIN_WORDS = 3
_ENDS_ON_STOP = re.compile(r"[.!?]\s*(?:''|[\"'\u201d\u2019)]|-RRB-|\s)*$")


def _text_follows(rest: str, short: bool) -> bool:
    """Whether ``rest``, after a label, is the line's text: BYLINE_REST_MIN_WORDS words, or (after a
    time label, ``short``) a sentence of UPDATE_REST_MIN_WORDS words or more."""
    words = len(rest.split())
    return words >= BYLINE_REST_MIN_WORDS or (short and words >= UPDATE_REST_MIN_WORDS and bool(_ENDS_ON_STOP.search(rest)))


def strip_line_labels(line: str) -> str:
    """``line`` without a glued byline prefix, a live update's time label, or all-capitals
    speaker/update labels."""
    m = _BYLINE_PREFIX.match(line)
    if m is not None and len(line[m.end() :].split()) >= BYLINE_REST_MIN_WORDS:
        line = line[m.end() :]
    for label in (_UPDATE_LABEL, _PAREN_TIME_LABEL, _POST_HEADER, _UPDATED_HEADER):
        m = label.match(line)
        if m is not None and _text_follows(line[m.end() :], short=label in (_UPDATE_LABEL, _PAREN_TIME_LABEL)):
            line = line[m.end() :]
    return strip_speaker_label(line)


def strip_speaker_label(line: str) -> str:
    """``line`` without an all-capitals speaker or update label ("AZUZ : After three weeks ...")."""
    while True:
        m = _SPEAKER.match(line)
        if m is None or sum(c.isalpha() for c in m["label"]) < _LABEL_MIN_LETTERS or _KIND_LABEL.match(m["label"]):
            return line
        rest = line[m.end() :]
        if not rest[:1].isalnum() and not rest.startswith(("`", '"', "“", "'")):
            return line
        line = rest
