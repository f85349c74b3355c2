"""Names the tagger typed as an organisation or a place that are a person's (who's who).

**Lone surnames.** 
"police spokeswoman Ana Ruiz ... Ruiz said": the small tagger may type the surname written alone
as an organisation or a place. Only a one-word name that is the last word of exactly one person's
full name in the story, and that speaks in some article (followed by "said"/"told", or a quote's
speaker), is that person: a company sharing a politician's surname and never quoted stays what it
is; an acronym ("NATO said") stays an organisation, whatever run-on name ends in it.
(Moved out of story/entities.py, which calls it before the type vote.)

**Addressed names.** A name typed organisation or place that opens with a form of address ("Dr
Varga", "Mr Pell") and whose other words are a person's name or surname in the story ("Ines
Varga") is that person, written without the address: :func:`addressed_people`. A brand named so
("Dr Pepper") names no person of the story and stays what it is.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Protocol

from newsbrief.annotate.names import is_acronym, make_key
from newsbrief.models import AnnotatedArticle, Mention
from newsbrief.story.spellings import match_tokens

# A name followed by one of these speaks: a person (or an outlet, which is no one's surname here).
_SPEAKS_AFTER = re.compile(r"\s*(?:,\s*)?(?:said|says|told|added|stated|explained|warned)\b")


class KeyedMention(Protocol):
    """A mention with the key of the name it is written as (story.entities' refs are)."""

    @property
    def key(self) -> str: ...
    @property
    def mention(self) -> Mention: ...


def speaking_surnames(refs: Sequence[KeyedMention], annotated: Sequence[AnnotatedArticle]) -> set[str]:
    """Keys of the lone surnames (module docstring) whose mentions not typed person are that person's."""
    surnames: dict[str, set[str]] = defaultdict(set)
    for r in refs:
        toks = match_tokens(r.key)
        if r.mention.type == "person" and len(toks) > 1:
            surnames[toks[-1]].add(r.key)
    if not surnames:
        return set()
    speakers = {(a.article.id, q.speaker) for a in annotated for q in a.quotes if q.speaker}
    bodies = {a.article.id: a.article.body for a in annotated}
    speaking: set[str] = set()
    for r in refs:
        m = r.mention
        if m.type == "person" or len(match_tokens(r.key)) != 1 or len(surnames.get(match_tokens(r.key)[0], ())) != 1:
            continue
        if is_acronym(m.text):
            continue  # "NATO said": an acronym is an organisation, whatever run-on name ends in it
        if (m.article_id, m.text) in speakers or _SPEAKS_AFTER.match(bodies.get(m.article_id, ""), m.end):
            speaking.add(r.key)
    return speaking


# Forms of address that open a person's name as written ("Dr Varga"), capitalised.
_ADDRESS = frozenset("mr mr. mrs mrs. ms ms. miss dr dr. sir dame".split())


def addressed_people(refs: Sequence[KeyedMention]) -> dict[str, tuple[str, int]]:
    """Key -> (the key of the name without its form of address, characters the address takes)
    for the addressed names of the module docstring."""
    people: set[str] = set()
    surnames: set[str] = set()
    for r in refs:
        if r.mention.type == "person":
            people.add(r.key)
            toks = r.key.split()
            if len(toks) > 1:
                surnames.add(toks[-1])
    out: dict[str, tuple[str, int]] = {}
    for r in refs:
        first, _, rest = r.mention.text.partition(" ")
        if r.mention.type == "person" or not rest or not first[:1].isupper() or first.casefold() not in _ADDRESS:
            continue
        key = make_key(rest.strip())
        if key in people or (" " not in key and key in surnames):
            out[r.key] = (key, len(r.mention.text) - len(rest.strip()))
    return out
