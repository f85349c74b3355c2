"""A byline or a credit line: "By Ann Lee, Harbour Correspondent", "(Reporting by X; Editing by
Y)", "Reporting was contributed by X and Y.", "Contributing: X".

Names are capitalised, so the patterns are case-sensitive where a name follows. The caller bounds
the line's length (a body sentence that says "was written by" is longer than a credit).
"""

from __future__ import annotations

import re

_BYLINE = [
    re.compile(r"^(by|By|BY)\s+(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|April|May|June|July"
               r"|August|September|October|November|December|The|Then|Now|Then|Late|Early|Mid|Next|Last)"
               r"[A-Z][\w.'’-]+(\s+(?:[A-Z][\w.'’-]+|de|van|von|bin|al))*\s*(,.*|\|.*|\s(and|&)\s.*|$)"),
    # Sign-offs: "(Reporting by X; Editing by Y)", "Reuters with additional editing by Z"; a body
    # sentence that says "was written by" is not one.
    re.compile(r"^(-LRB-|[(\[–—-])?\s*(additional )?(reporting|writing|editing|edited|written|compiled|research|graphics) by\b", re.I),
    re.compile(r"\b(reporting|writing) by\b.*\b(editing|writing) by\b", re.I),
    re.compile(r"^\S+( \S+)? with (additional )?(reporting|editing|writing) by\b", re.I),
    re.compile(r"\bcontributed (to )?(this )?(report|story|article)(ing)?\b", re.I),
    re.compile(r"^(author|reporter|correspondent|posted by|written by|words by)\s*:", re.I),
    # "Reporting was contributed by X and Y.", "Contributing: X"; "Research contributed by the
    # university found ..." is longer than a credit and has no name right after "by"
    re.compile(r"^(?i:(additional )?(reporting|research|writing) (was )?contributed by) [A-Z]"),
    re.compile(r"^contributing( reporters?| writers?| editors?)?\s*:", re.I),
]


def is_byline(line: str) -> bool:
    """Whether a normalized line has a byline's or a credit line's shape (module docstring)."""
    return any(p.search(line) for p in _BYLINE)
