"""A photo widget printed as text: its buttons, the credit, the caption and the credit again.

"Enlarge this image" / "toggle caption", then the credit ("Marc Dowd/Velmont Evening Post"), the
caption ("Drivers leave the depot on Friday morning.") and the credit once more. The caption is a
sentence like the story's, so it is known by where it sits: after the widget's buttons, up to the
line that repeats one before it. With no repeat, only the buttons go. Rules by shape
(tests/fixtures/unseen/strike).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_BUTTON = re.compile(
    r"^(?:enlarge|expand|view|zoom(?: in(?:to)?)?|open) (?:this |the )?(?:image|photo|picture|photograph)\W*$|^(?:toggle|hide|show) caption\W*$",
    re.I,
)
# Lines after the buttons that the credit, caption and credit again may take.
BLOCK_MAX_LINES = 4


def find_photo_blocks(lines: Sequence[str]) -> set[int]:
    """Indices of every photo widget's buttons, and its credit and caption lines when the credit repeats."""
    out: set[int] = set()
    nonblank = [i for i, x in enumerate(lines) if x]
    n = 0
    while n < len(nonblank):
        if not _BUTTON.match(lines[nonblank[n]]):
            n += 1
            continue
        while n < len(nonblank) and _BUTTON.match(lines[nonblank[n]]):
            out.add(nonblank[n])
            n += 1
        run = nonblank[n : n + BLOCK_MAX_LINES]
        seen: list[str] = []
        for k, j in enumerate(run):
            if lines[j] in seen:
                out.update(run[: k + 1])
                n += k + 1
                break
            seen.append(lines[j])
    return out
