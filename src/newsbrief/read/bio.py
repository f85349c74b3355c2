"""A writer's note closing the page with no "About the author" heading over it.

"Sian Mercer is the Evening Post's transport correspondent. She has covered the city's buses since
2019." ends many pages: a person named in full, "is" (never "was": an obituary's subject was), a
journalist's role within a few words; or the writer's beat in one sentence, in the present tense
("Ellis Varga writes about crime and the courts in Pellham."). Only the page's last lines are judged (at most
``BIO_LAST_LINES`` non-blank lines from the end, the lines after the note being short, as its
"Follow her on X" and e-mail lines are): a sentence of that shape inside the story is reporting
about a journalist. Rules by shape (tests/fixtures/unseen/strike). The box with a heading is
:func:`newsbrief.read.furniture.find_author_box`'s.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsbrief.vocabulary import count_words

_NOTE = re.compile(
    r"^[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3} is (?:an?|the|[A-Z][\w&'’. -]{0,40}?['’]s?)\s"
    r"[^.!?\"“]{0,80}?\b(?:reporter|correspondent|editor|writer|columnist|journalist|contributor|producer|photographer"
    r"|critic|commentator|presenter|freelancer|blogger|reporting fellow)s?\b"
    # or the writer's beat in the present tense: "Ellis Varga writes about crime and the courts in X."
    r"|^[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3} writes (?:about|on) [^.!?\"“]{3,80}\.?$"
    r"|^[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3} covers [^.!?\"“]{3,80} for (?:the )?[A-Z][^.!?]{0,40}\.?$"
)
# Non-blank lines from the page's end where the note may sit, and the length of the lines after it.
BIO_LAST_LINES = 3
AFTER_BIO_MAX_WORDS = 12


def find_closing_bio(lines: Sequence[str]) -> int | None:
    """Index of a writer's note among the page's last lines (see the module), or None."""
    tail = [i for i, x in enumerate(lines) if x][-BIO_LAST_LINES:]
    for n, i in enumerate(tail):
        if _NOTE.match(lines[i]) and all(count_words(lines[j]) <= AFTER_BIO_MAX_WORDS for j in tail[n + 1 :]):
            return i
    return None
