"""People the tagger left untagged where only a person's name can stand: "Ines Carro, who heads
the observatory, spoke to reporters" (a relative "who"), "Ines Carro, the spokeswoman for the
board, said" (an apposition with a title only a person carries). A verb of saying is no such cue:
organisations speak too ("Mission Control said", in DUC 2004's shuttle cluster).

The name is two capitalised proper nouns, neither tagged nor inside another mention, neither a
title, an organisation's or a place's head word nor a word that starts a sentence as a function
word ("The", "Monday"), and not glued to a longer capitalised run. A run of three or more
capitalised words ("Orrin Volcano Observatory said") is left to the tagger: organisations are
named at length, people mostly by two words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from newsbrief.annotate.names import MEDIA_NOUNS, ORG_HEAD_WORDS, PLACE_HEAD_WORDS, is_person_title, is_title_word
from newsbrief.vocabulary import MONTHS, STOP_WORDS, WEEKDAYS

if TYPE_CHECKING:
    from spacy.tokens import Doc

# What follows a person's name and nothing else's: ", who ...", ", the <person title>".
_AFTER = re.compile(r"\s*,\s*(?:who\b|(?:the|a|an)\s+(?P<title>[A-Za-z]+)\b)")
_NOT_NAME = STOP_WORDS | frozenset(w.casefold() for w in (*MONTHS, *WEEKDAYS)) | ORG_HEAD_WORDS | PLACE_HEAD_WORDS | MEDIA_NOUNS


def _is_name_word(doc: Doc, k: int) -> bool:
    tok = doc[k]
    w = tok.text
    return (
        tok.pos_ == "PROPN"
        and len(w) > 1
        and w[:1].isupper()
        and w[1:].islower()
        and w.isalpha()
        and not tok.ent_type_
        and w.casefold() not in _NOT_NAME
        and not is_title_word(w)
    )


def find_untagged_people(doc: Doc, body: str, covered: Iterable[int]) -> list[tuple[int, int]]:
    """Token spans (start, end) of two-word names of people the tagger missed (module docstring);
    ``covered`` holds the tokens already inside a mention."""
    taken = set(covered)
    out: list[tuple[int, int]] = []
    for k in range(len(doc) - 2):
        if k in taken or k + 1 in taken or not (_is_name_word(doc, k) and _is_name_word(doc, k + 1)):
            continue
        before = doc[k - 1] if k > 0 else None
        if before is not None and before.text[:1].isupper() and before.is_alpha and not before.is_sent_start:
            continue  # part of a longer capitalised run
        after = doc[k + 2]
        if after.text[:1].isupper() and after.is_alpha:
            continue
        m = _AFTER.match(body, doc[k + 1].idx + len(doc[k + 1].text))
        if m is None or (m.group("title") is not None and not is_person_title(m.group("title"))):
            continue
        out.append((k, k + 2))
    return out
