"""A section's subhead inside an extracted body: a few words, no sentence end, no label's colon, no
bullet ("The night", "What happens next"). An HTML body with two or more of them below its first
paragraph keeps the one right above it (see :func:`newsbrief.read.cleaning.clean_body`).
"""

from __future__ import annotations

from newsbrief.read.glued import opens_on_bullet
from newsbrief.read.metadata import is_sentence
from newsbrief.vocabulary import count_words

# Subheads below the first paragraph that make the one above it a section's (see clean_body).
SUBHEADS_MIN_BELOW = 2
SUBHEAD_MAX_WORDS = 8


def is_subhead(line: str) -> bool:
    """A section's heading inside a body: a few words, no sentence end, no label's colon, no bullet."""
    return (
        not is_sentence(line) and 1 <= count_words(line) <= SUBHEAD_MAX_WORDS and ":" not in line and not opens_on_bullet(line)
    )
