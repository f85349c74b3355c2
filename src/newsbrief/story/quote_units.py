"""Whether a quote reads on its own in the brief's quote list (issue 13).

A quotation mark often opens inside a sentence: the reporter paraphrases and quotes only a phrase
("The warrants are for `` crimes against humanity , '' ... `` through the state apparatus and
security forces . ''"). Shown alone, with its speaker, such a phrase says nothing ("through the state
apparatus and security forces ."). A quote is a **readable unit** when it has
:data:`MIN_READABLE_WORDS` words or more and opens a sentence (its
first letter is a capital or it starts with a digit) or, opening in lower case, is itself a clause:
it starts with a subject pronoun ("we will not leave"), or an auxiliary or copula comes within its
first words with no preposition, conjunction or relative word before it ("anti-war groups are
planning more protests"). Otherwise it is a **fragment**: a phrase that starts with a preposition or
conjunction ("for crimes against humanity", "because the reign of terror is ending"), a noun phrase
("a real mistake", "one of the darkest moments"), a verb phrase without its subject ("helped
identify the circumstances"). A quote that ends on a colon ("Our demands are these :") leads into
words it does not hold: a fragment too, however it opens.

Fragments are not dropped from the story's quotes (they still group reports of the same words):
they rank after every readable quote (:func:`newsbrief.story.quotes.collect_quotes`), so the
brief's budget shows them only where nothing readable is left.
"""

from __future__ import annotations

import re

# A quote that opens in lower case and starts with one of these is a clause's or a sentence's piece.
FRAGMENT_OPENERS: frozenset[str] = frozenset(
    """
    about above across after against along amid amidst among around as at before behind below beneath
    beside besides between beyond by despite down during except for from in inside into like near of
    off on onto out outside over past per since than through throughout till to toward towards under
    until unto up upon via with within without
    because although though if unless whether while whereas when whenever where wherever once so
    that which who whom whose what and but or nor yet then also even just only
    """.split()
)
# Words that start a clause as its subject.
SUBJECT_PRONOUNS: frozenset[str] = frozenset("i we you he she they it there".split())
# An auxiliary, modal or copula: a finite verb a reader sees at once.
FINITE_AUXILIARIES: frozenset[str] = frozenset(
    """
    is are was were am be been has have had will would can could should must may might shall do does
    did 's 're 've 'll 'd n't ca wo
    """.split()
)
# Fewer words are a name or a label in quotation marks (a programme's title: `` AC360 . ''), or
# an answer that needs its question ("No ."), never a readable unit.
MIN_READABLE_WORDS = 3
# Words of a lower-case quote looked at for its verb ("anti-Gadhafi forces are", "the talks have").
CLAUSE_VERB_WITHIN = 4

_WORD = re.compile(r"[A-Za-z0-9]+(?:[-'\u2019][A-Za-z0-9]+)*|'[a-z]+|n't")
_FIRST_CHAR = re.compile(r"[A-Za-z0-9]")
# A tokenised corpus's brackets ("-LRB- of Mexico -RRB-") are no words.
_BRACKET_TOKEN = re.compile(r"-[LR][RSC]B-")
# A colon closing the quote, maybe before its closing marks: a lead-in to what follows it.
_ENDS_ON_COLON = re.compile(r":[\s`'\"\u201d\u2019]*$")


def is_readable_quote(text: str) -> bool:
    """True when the quote ``text`` reads on its own (a sentence's opening or a clause), False for
    a fragment (see the module doc)."""
    text = _BRACKET_TOKEN.sub(" ", text)
    first = _FIRST_CHAR.search(text)
    words = [w.lower().replace("\u2019", "'") for w in _WORD.findall(text)]
    if first is None or len(words) < MIN_READABLE_WORDS or _ENDS_ON_COLON.search(text):
        return False
    if not first.group().islower():
        return True
    if words[0] in FRAGMENT_OPENERS:
        return False
    if words[0] in SUBJECT_PRONOUNS:
        return True
    for w in words[1 : CLAUSE_VERB_WITHIN + 1]:
        if w in FINITE_AUXILIARIES:
            return True
        if w in FRAGMENT_OPENERS:
            return False
    return False
