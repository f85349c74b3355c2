"""The speaker of a quote attributed to someone's statement: "Clinton 's statement said" is
Clinton's words (issue 13).

The quote reader takes the subject of the speech verb as the speaker and, for a common noun
without a person whose role has that word, keeps the noun phrase itself: "Clinton 's statement".
When that noun is something a person or body utters or writes (a statement, a letter, a speech, a
tweet ...), the words are the possessor's, and the possessor is the speaker: "Clinton" (which who's
who then resolves to the full name, "Hillary Clinton"). Not for a person of the possessor's ("X 's
mother said", "X 's spokesman said": another person speaks) nor for a possessor in lower case ("the
agency 's statement": no name to give).

A speaker that is such a thing with no owner, or a thing that shows words ("A sign nearby said
...", "the banner read", "the statement said", "a TV advertisement ... telling him"), is no one:
:func:`is_wording_thing` says so, and the quote is shown with no speaker (like a document's wording).
"""

from __future__ import annotations

import re

# Nouns for what a person or body says or writes: the words quoted from it are its owner's.
UTTERANCE_NOUNS: frozenset[str] = frozenset(
    """
    statement letter message speech remarks comments words tweet post posting blog email e-mail memo note
    announcement declaration address testimony response reply op-ed column essay book memoir interview
    communique communiqué affidavit filing website page account
    """.split()
)
# Things that show or carry words: signs, banners, placards, adverts, press releases, reports, cables.
DISPLAY_NOUNS: frozenset[str] = frozenset(
    """
    sign signs banner banners placard placards notice notices billboard slogan graffiti
    inscription plaque headline caption label leaflet flyer advertisement advert ad commercial release
    press-release bulletin report document cable complaint
    """.split()
)
_THING = re.compile(r"^(?:[Aa]n?|[Tt]he|[Tt]his|[Tt]hat|[Ii]ts|[Tt]heir|[Oo]ne|[Aa]nother)\s+(?:[\w-]+\s+){0,4}?(?P<noun>[\w-]+)$")
# Words that may stand between the possessive and the noun ("'s written statement").
_BETWEEN = r"(?:(?:written|official|joint|brief|short|prepared|latest|new|earlier|first|second|final|opening|closing|public)\s+)?"
_OWNED = re.compile(
    rf"^(?P<owner>(?:[Tt]he\s+)?[A-Z][^\s]*(?:\s+[^\s]+){{0,7}}?)\s*(?:'s|\u2019s|'|\u2019)\s+{_BETWEEN}(?P<noun>[\w-]+?)s?$"
)


def utterance_owner(speaker: str) -> str | None:
    """The possessor of a speaker written as "<Name> 's <utterance>" ("Clinton 's statement" ->
    "Clinton"), or None for any other speaker."""
    m = _OWNED.match(speaker.strip())
    if m is None:
        return None
    noun = m["noun"].lower()
    if noun not in UTTERANCE_NOUNS and noun + "s" not in UTTERANCE_NOUNS:
        return None
    owner = m["owner"]
    return owner[4:] if owner.startswith(("The ", "the ")) else owner


def is_wording_thing(speaker: str) -> bool:
    """True for a speaker written as a determiner and a thing that shows or carries words ("A
    sign", "the banner", "the statement", "a slick TV advertisement"): no one spoke."""
    m = _THING.match(speaker.strip())
    if m is None:
        return False
    noun = m["noun"].lower()
    return noun in UTTERANCE_NOUNS or noun in DISPLAY_NOUNS
