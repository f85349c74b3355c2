"""A timeline entry that opens on a speaker's surname, written with the speaker's full name.

News gives a person's full name once, then the surname: "Health Minister Dario Pell arrived ..."
in one report, "Pell said on Friday that the government would ban ..." in another. Read alone in
a brief's timeline, "Pell said" is a follower (``summary.candidates.judge_sentence``) and the entry
is refused, though the story names the man in full. Where exactly one person of the story's
articles bears that surname under a full name (two words or more, each capitalised), the entry
opens on the full name instead ("Dario Pell said on Friday ..."), and is judged so.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from newsbrief.models import AnnotatedArticle

# An opening surname and a verb of saying straight after it: the shape the stand-alone test refuses.
_OPENING_SPEAKER = re.compile(
    r"^([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\s+(?=(?:said|says|told|added|adds|announced|warned|wrote|insisted|stressed|"
    r"explained|declared|stated|argued|noted|replied)\b)"
)
_NAME_WORD = re.compile(r"[A-Z][\w'\u2019.-]*")


def find_full_names(annotated: Sequence[AnnotatedArticle]) -> dict[str, str]:
    """Surname -> the one full name of the story's people that ends on it (surnames two full
    names share are left out)."""
    full: dict[str, set[str]] = {}
    for a in annotated:
        for m in a.mentions:
            words = m.text.split()
            if m.type == "person" and len(words) >= 2 and all(_NAME_WORD.fullmatch(w) for w in words):
                full.setdefault(words[-1], set()).add(" ".join(words))
    return {surname: next(iter(names)) for surname, names in full.items() if len(names) == 1}


def write_name_in_full(text: str, full_names: Mapping[str, str]) -> str:
    """``text`` with an opening "<Surname> said" written "<Full Name> said" (see the module
    docstring); ``text`` itself when it does not open so or the surname is not in ``full_names``."""
    m = _OPENING_SPEAKER.match(text)
    if m is None or m.group(1) not in full_names:
        return text
    return full_names[m.group(1)] + text[m.end(1) :]
