"""A video's blurb or pointer written inside an article's text (issue 13).

A page that carries a video often prints the video's blurb among the article's paragraphs, far from
the page's top where :func:`newsbrief.read.glued.is_narration_caption` looks, or points the reader at
the player:

- a correspondent's blurb in the present tense: "<Outlet> 's <Reporter> reports from <Place> on
  <topic> .", "Tribune reporter Dana Kell reports on claims that ...", "Ann Poe , our health
  correspondent , reports live from the airport .";
- a pointer at the video: "Watch : ...", "Watch the video above .", "Watch as ...", "Watch Ann
  Poe 's report .", "In the video below , ...", "Below is a video of ...", "The clip above shows ...".

Such a line is furniture (kind "video"), whatever figure it names: the blurb's "a NATO airstrike
killed 85 civilians" is the video's topic, not the article's report. Real reporting stays: a past
tense ("Reuters reported on Monday that ..."), a report cited for what it says ("The agency reports
that 12 people died", "X reports on its website that ..."), a quotation (":" or quote marks after
the verb), a subject that is no name ("The agency reports from ..."), and health advice ("Watch for
signs of fever") are not matched. A line is judged whole: every sentence of it must be such a blurb
or pointer.
"""

from __future__ import annotations

import re

# A name's word: capitalised ("Watson", "CNN's", "al-Obeidy" after a capital word is rare: allowed
# as a lower-case particle below).
_CAP = r"[A-Z][\w.&'\u2019-]*"
_PARTICLE = r"(?:al|el|de|du|da|van|von|bin|ibn|le|la)"
_NAME = rf"{_CAP}(?:\s+(?:{_PARTICLE}\s+|{_PARTICLE}-)?{_CAP}){{0,3}}"
_STAFF = (
    r"(?:senior\s+|chief\s+|international\s+|foreign\s+|political\s+|medical\s+|health\s+|science\s+|economics\s+|"
    r"business\s+|security\s+|defen[cs]e\s+|diplomatic\s+|special\s+|senior\s+international\s+)*"
    r"(?:reporter|correspondent|editor|producer|anchor|presenter|journalist|analyst)"
)
# Who the blurb is about: "CNN 's Ivan Watson", "The BBC's Ann Poe", "Tribune reporter Dana Kell",
# "Our correspondent Ann Poe", "Ann Poe , our health correspondent ,".
_WHO = (
    rf"(?:(?:The\s+)?{_NAME}\s*(?:'s|\u2019s)\s+(?:{_STAFF}\s+)?|(?:{_NAME}\s+)?{_STAFF}\s+|(?:Our|Their)\s+{_STAFF}\s+)?"
    rf"{_NAME}(?:\s*,\s*(?:(?:the|our|a|an)\s+)?(?:{_NAME}\s+)?{_STAFF}(?:\s+(?:for|at|with)\s+{_NAME})?\s*,)?"
)
_BLURB = re.compile(
    rf"^{_WHO}\s+(?P<verb>reports|is\s+reporting)\s+(?:live\s+)?(?:from|on)\b(?!\s+(?:its|his|her|their|the)\s+(?:website|blog|site|page|account|feed)\b)",
)
_VIDEO = r"(?:video|clip|footage|report|interview|segment|dispatch|package|story|film)"
_POINTER = re.compile(
    r"^(?:Watch|WATCH)\s*:"
    rf"|^Watch\s+(?:the|our|this|a|an)\s+(?:[\w'-]+\s+){{0,3}}?{_VIDEO}s?\b"
    r"|^Watch\s+(?:as|how)\s"
    rf"|^Watch\s+{_NAME}\s*(?:'s|\u2019s)\s+(?:[\w'-]+\s+){{0,2}}?{_VIDEO}s?\b"
    rf"|^Watch\s+{_NAME}\s+(?:reports?|explains?|describes?|discuss(?:es)?|looks?\s+at)\b"
    r"|^(?:In|On)\s+(?:the|this)\s+(?:(?:following|accompanying|attached)\s+(?:video|clip)|(?:video|clip)\s+(?:below|above))\s*,"
    r"|^(?:Below|Above)\s+is\s+(?:a|the)\s+(?:video|clip)\b"
    r"|^(?:The|This)\s+(?:video|clip)\s+(?:below|above)\b",
)
# What marks a sentence as a report of its own: a quotation, speech in the past tense, "reports that".
_REPORTING = re.compile(r"``|''|[\"\u201c\u201d]|\s:\s*(?:``|\"|\u201c)|\b(?:said|told|reported|says|added)\b|\breports\s+that\b")
# A blurb's length, at most, in words.
BLURB_MAX_WORDS = 45
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z`'\"\u201c])")


# Words before "reports" that make it a noun ("First reports from the epicentre suggested ...",
# "Video reports from citizen journalists come in ...", "Media reports on Monday said ...").
REPORT_MODIFIERS: frozenset[str] = frozenset(
    """
    first early earlier initial latest recent new further unconfirmed conflicting confirmed contradictory
    official media news press local state video witness eyewitness police intelligence other some many
    several these those such more most
    """.split()
)
# A sentence start glued on without a stop ("... reports from Mexico A 23-month-old child has died",
# "... in the slums We followed the sound"): the line holds the article's text too.
_GLUED_START = re.compile(r"(?<![,:;(])\s(?:A|An|We|I|He|She|It|They|There|This)\s+[a-z0-9]")


def is_video_sentence(sentence: str) -> bool:
    """True for one sentence that is a video's blurb or a pointer at the video (module doc)."""
    s = sentence.strip()
    if not s or len(s.split()) > BLURB_MAX_WORDS:
        return False
    if _POINTER.match(s):
        return True
    m = _BLURB.match(s)
    if m is None or _REPORTING.search(s) or _GLUED_START.search(s):
        return False
    before = s[: m.start("verb")].split()
    return bool(before) and before[-1].lower() not in REPORT_MODIFIERS


def video_reason(line: str) -> str | None:
    """"video" when every sentence of a normalized line is a video's blurb or pointer, else None."""
    parts = [p for p in _SENTENCE_END.split(line.strip()) if p]
    return "video" if parts and all(map(is_video_sentence, parts)) else None
