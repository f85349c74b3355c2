"""Can a summary sentence stand alone? References that point back into an article the reader of a
summary has not seen.

A summary is read without its articles, so a sentence that leans on what came before it in its
article reads as a non sequitur there. candidates.judge_sentence catches pronoun openers ("He",
"They") and speakers named by surname alone ("..., Wang said."); this module adds what it
misses, and candidates.judge_sentence calls :func:`standalone_reason` last:

- an opening **definite description** of someone or something the article introduced before:
  "The report highlighted ...", "The woman was trying ...", "The aircraft targeted ...": "the"
  and a noun of a person, a document, an event or a vehicle (``ANAPHORIC_HEADS``), with at most
  one modifier before it and a verb straight after it (nothing after the noun says which one:
  "The report by the U.N. envoy said ..." does, and stands);
- a **speaker named by surname alone** in tokenised text, where a space comes before the
  punctuation ("... , Abdallah said ."), which the plain-text rules do not see.

Such a sentence is a *follower* (see candidates.py): it may go into a summary only right after
the sentence before it in its article, which introduces whom or what it means.
"""

from __future__ import annotations

import re

# Nouns that name someone or something introduced earlier in an article (a definite description
# of one of them opening a sentence points back), not an institution or a story's subject that a
# reader knows without introduction ("The government", "The virus", "The earthquake").
ANAPHORIC_HEADS = frozenset(
    """
    man woman men women boy girl child children baby teenager teen youth couple family mother father
    daughter son wife husband brother sister victim victims suspect suspects patient patients driver
    pilot passenger passengers soldier gunman attacker attackers witness student teacher doctor nurse
    official officer spokesman spokeswoman source sources resident residents worker workers
    journalist reporter photographer singer actor player fan fans survivor survivors prisoner
    detainee defendant lawyer widow owner neighbour neighbor friend colleague manager employee
    report statement letter study survey document memo video footage book article paper poll
    interview speech message email e-mail note complaint lawsuit ruling verdict announcement
    decision move step attack incident accident raid strike blast explosion crash shooting
    meeting visit trip deal agreement plan proposal measure bill vote case operation mission
    incident episode event campaign order request offer call warning claim allegation
    aircraft plane jet helicopter ship vessel boat car vehicle truck bus train building house
    """.split()
)
# What may follow the noun straight away and still leave it unresolved: a verb or an auxiliary
# (a lowercase word that is not a preposition, conjunction, relative or possessive).
_NOT_VERB = frozenset(
    """of in on at to for from by with about over under near into onto after before during
    against between among through without within via like and or but nor that which who whom
    whose where when as than 's ' , -- -lrb- ( . :""".split()
)

_SAYING = r"(?:said|says|added|adds|told|asked|wrote|declared|stated|explained|insisted|warned|argued|noted|recalled|replied|continued)"
# "... , Abdallah said ." / "... , said Moreno-Ocampo ." with tokeniser spacing before the stop.
_SURNAME = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
_SPACED_BARE_SPEAKER = re.compile(
    rf",\s+(?:''\s+)?{_SURNAME}\s+{_SAYING}\s+[.,]|,\s+(?:''\s+)?{_SAYING}\s+{_SURNAME}\s+[.,]"
)


def opens_on_definite_reference(text: str) -> bool:
    """True when ``text`` opens on "The [modifier] <noun> <verb>" with a noun of ``ANAPHORIC_HEADS``."""
    words = text.split(None, 4)
    if len(words) < 4 or words[0] != "The":
        return False
    # "The woman was ...", "The two women were ..." (one lowercase modifier before the noun).
    for head, nxt in ((words[1], words[2]), (words[2], words[3])):
        if head in ANAPHORIC_HEADS:
            return nxt[:1].islower() and nxt.lower() not in _NOT_VERB
        if not head[:1].islower():
            return False
    return False


def standalone_reason(text: str) -> str | None:
    """``"follower"`` when ``text`` leans on a sentence before it (see the module docstring),
    else None."""
    if opens_on_definite_reference(text) or _SPACED_BARE_SPEAKER.search(text):
        return "follower"
    return None
