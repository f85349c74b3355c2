"""A group of line patterns compiled for speed: the alternatives anchored at the line's start
apart from the others.

Lexicons of page furniture are long alternations, most of whose branches are anchored ("^Read
more", "^Sign me up"). Compiled as one alternation, every anchored branch is tried at every
position of every line; :class:`LineCues` tries them once, at the start (``match``), and searches
only the rest along the line. What matches is the same as the single alternation's (a branch is
taken as anchored only when it starts with "^" at the pattern's top level, see :func:`branches`).
"""

from __future__ import annotations

import re


def branches(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern ("a|b(c|d)" -> ["a", "b(c|d)"])."""
    out, depth, start, k, in_class = [], 0, 0, 0, False
    while k < len(pattern):
        c = pattern[k]
        if c == "\\":
            k += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            k += 1 if pattern[k + 1 : k + 2] == "]" else 0  # "[]...]": the first "]" is a member
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(pattern[start:k])
            start = k + 1
        k += 1
    return [*out, pattern[start:]]


class LineCues:
    """A group's patterns as two regexes: those anchored at the line's start, tried once there
    (``match``), and the rest, searched along the line. One alternation of both would try every
    anchored branch at every position of every line."""

    def __init__(self, *patterns: str) -> None:
        parts = [b for p in patterns for b in branches(p)]
        anchored = [b for b in parts if b.startswith("^")]
        floating = [b for b in parts if not b.startswith("^")]
        self._anchored = re.compile("|".join(f"(?:{b})" for b in anchored), re.I) if anchored else None
        self._floating = re.compile("|".join(f"(?:{b})" for b in floating), re.I) if floating else None

    def search(self, text: str) -> bool:
        return bool(
            (self._anchored is not None and self._anchored.match(text)) or (self._floating is not None and self._floating.search(text))
        )
