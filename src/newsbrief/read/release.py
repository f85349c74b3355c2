"""The closing matter of a press release: the company's boilerplate, contacts and end marks.

A release ends on matter that is not its news: "About X" and the company's standing description,
"Forward-looking statements" and their legal text, "Media contact:" with a name, an e-mail address
and a phone number, the end mark "###" (or "-30-") and "SOURCE X". Rules by shape, never by
company or wire (tests/fixtures/unseen/flood).

:func:`find_release_tail` gives where that matter starts: the first end mark or contact, legal or
"SOURCE" heading after the body's start, or an "About X" heading above it (an "About X" line with
no such mark after it is a subheading of an ordinary article, not a release's boilerplate).
Everything from there to the page's end goes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# Lines that only a press release's closing matter holds.
_END_MARK = re.compile(
    r"^(?:#{3}|-\s*30\s*-|\*{3})$"
    r"|^(?:media|press|news media|investor|journalist)s? (?:contacts?|enquiries|inquiries|relations)\b.{0,40}$"
    r"|^for (?:further|more) information,? (?:please )?contact\b"
    r"|^(?:cautionary (?:note|statement) regarding )?forward[- ]looking statements?\s*:?$|^safe harbou?r statement\s*:?$",
    re.I,
)
# "SOURCE Lask Water": the release wire's closing credit, in capitals.
_SOURCE = re.compile(r"^SOURCE\s+[A-Z][\w&.'-]*(?:\s+[\w&.'-]+){0,5}$")
# "About Lask Water", "About the Rivers Trust": a heading over the company's description.
_ABOUT = re.compile(r"^About (?:the )?[A-Z][\w&.'’-]*(?:\s+(?:[A-Z&][\w&.'’-]*|of|and|for|the)){0,6}\s*:?$")


def _is_end_mark(line: str) -> bool:
    return bool(_END_MARK.search(line) or _SOURCE.match(line))


def find_release_tail(lines: Sequence[str], body_start: int) -> int | None:
    """Index of the first line of a press release's closing matter at or after ``body_start``, or None."""
    about: int | None = None
    for i in range(body_start, len(lines)):
        line = lines[i]
        if not line:
            continue
        if _is_end_mark(line):
            return about if about is not None else i
        if about is None and _ABOUT.match(line):
            about = i
    return None
