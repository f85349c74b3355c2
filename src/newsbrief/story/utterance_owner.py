"""The speaker of a quote attributed to someone's statement: "Clinton 's statement said" is
Clinton's words (issue 13).

The quote reader takes the subject of the speech verb as the speaker and, for a common noun
without a person whose role has that word, keeps the noun phrase itself: "Clinton 's statement".
When that noun is something a person or body utters or writes (a statement, a letter, a speech, a
tweet ...), the words are the possessor's, and the possessor is the speaker: "Clinton" (which who's
who then resolves to the full name, "Hillary Clinton"). Not for a person of the possessor's ("X 's
mother said", "X 's spokesman said": another person speaks) nor for a possessor in lower case ("the
agency 's statement": no name to give).
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
