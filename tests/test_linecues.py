"""read/linecues.py: a group of line patterns matches exactly what its single alternation matches."""

from __future__ import annotations

import re

import pytest

from newsbrief.read.linecues import LineCues, branches

PATTERNS = (r"^read (more|also)\b", r"\bclick here\b|^sign me up\W*$", r"[|^]x$", r"\(^\)", r"(?:^|[.!?]\s+)unsubscribe\b", r"^a|b")


def test_top_level_alternatives_are_split_outside_groups_classes_and_escapes() -> None:
    assert branches(r"^a|b(c|d)|[|]x|\|y|^z") == ["^a", "b(c|d)", "[|]x", r"\|y", "^z"]
    assert branches(r"[]|]a|b") == ["[]|]a", "b"]


@pytest.mark.parametrize("line", [
    "Read more: the harbour", "We read more books now", "Please click here", "Sign me up!", "sign me up now",
    "a|x", "x", "(^)", "Done. Unsubscribe at any time", "unsubscribe", "abc", "cab", "zzz",
])
def test_a_group_matches_what_its_single_alternation_matches(line: str) -> None:
    single = re.compile("|".join(f"(?:{p})" for p in PATTERNS), re.I)
    assert LineCues(*PATTERNS).search(line) == bool(single.search(line))
