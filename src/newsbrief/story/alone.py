"""Whether a sentence can be listed alone as an item of what a source adds.

Two shapes cut from their context read as nothing alone:

* a quotation's later sentence whose opening mark is in an earlier sentence: its first quote mark
  closes (``Throwing candy inside the car ,'' Ann Poe told reporters .``, ``... with this .”``);
  listed alone it is a stranger's words with half a quote. A sentence that opens a quote and
  closes it, or only opens one, stays.
* headlines run together with a sentence (a page's related links or story highlights glued to its
  first paragraph): a word opening a sentence ("The", "He", "In", "Meanwhile" ...) right after a
  lowercase word with no stop between (``Rebels take back the port town The ferry left at dawn .``).
  ``told The Ledger``, ``joining The Harbour Times`` (a title: a capital after "The") stay.
* a news show's rundown teaser: ``Now ,`` and a headline ending on its verb in the present tense
  (``Now , the head of the rebel army dies .``). The show tells the story after; the teaser says
  only that it will. ``Now , he revels in his new career .`` (the verb not last) and ``Now , the
  rebels say ...`` stay.
* the writer's own question (``What options do the allies have now ?``): a sub-head or a teaser
  whose answer is the text after it. A quoted question (``“Where is my father ?” he asked .``)
  stays: it is what someone said.
"""

from __future__ import annotations

import re

# Opening and closing double quote marks as a page or a tokeniser writes them.
_OPEN = re.compile(r"``|\u201c")
_CLOSE = re.compile(r"''|\u201d")
# A straight double quote that closes: after a word or a stop, before a space or the end.
_STRAIGHT_CLOSE = re.compile(r'(?<=\S)"(?=\s|$)')

# "Now ," and a short headline (at most ten words after it) whose last word before the stop is a
# verb in the present tense: a word of four or more letters ending in "s" but not as a noun often
# does ("-ss", "-us", "-is", "-ics"), after its subject, no auxiliary or participle before it
# and no determiner or preposition right before it ("France is dropping arms", "the city counts its
# losses": the last word is an object).
_TEASER = re.compile(r"^(?:Now|Next|Coming up|Also ahead)\s*,\s+(?P<head>(?:\S+\s+){1,10}?)(?P<verb>[a-z]{3,}s)\s*[.!]\s*$")
_NOT_VERB_ENDINGS = ("ss", "us", "is", "ics")
# A word after one of these is a noun ("counts its losses", "of the talks").
_DETERMINERS = frozenset("the a an its his her their our your my this these those of for in on to with new more".split())
_AUXILIARY = re.compile(r"(?i)\b(?:is|are|was|were|be|been|has|have|had|will|would|can|could|may|might|must|should|do|does|did)\b|\w(?:ing|ed)\s*$")


def opens_mid_quote(text: str) -> bool:
    """True when ``text``'s first double quote mark closes a quote opened before it."""
    first_close = _CLOSE.search(text)
    first_open = _OPEN.search(text)
    if first_close is not None and (first_open is None or first_close.start() < first_open.start()):
        return True
    if first_open is None and first_close is None and text.count('"') % 2 == 1:
        straight = text.index('"')
        return _STRAIGHT_CLOSE.match(text, straight) is not None and straight > 0
    return False


# A glued headline's end: a lowercase word (not one a title follows: "told", "in", "joining" take
# "The Ledger", so "The" before a capital is never counted) and a sentence's usual first word.
_GLUED = re.compile(
    r"(?<![^\s])(?!(?:the|a|an|of|in|on|at|to|by|for|from|with|and|or|as|told|said|says|telling|joining|hired|wrote|read)\s)"
    r"[a-z][a-z-]*\s+(?:(?:The|A|An)\s+(?![A-Z])|(?:He|She|They|It|We|In|As|At|On|But|Meanwhile|Earlier)\s)"
)


def glued_headlines(text: str) -> bool:
    """True when a sentence opens right after a lowercase word with no stop: headlines run on."""
    return _GLUED.search(text) is not None


def rundown_teaser(text: str) -> bool:
    """True when ``text`` is a news show's teaser: 'Now ,' and a headline ending on its verb."""
    m = _TEASER.match(text.strip())
    if m is None:
        return False
    verb = m.group("verb")
    before = m.group("head").split()[-1].lower()
    return not verb.endswith(_NOT_VERB_ENDINGS) and before not in _DETERMINERS and _AUXILIARY.search(m.group("head")) is None


# A question opens on its question word or auxiliary ("What options do ...", "Why did ...", "Can the ...").
_ASKS = re.compile(
    r"^(?:what|why|how|who|whom|whose|when|where|which|is|are|was|were|can|could|will|would|should|do|does|did|has|have)\b",
    re.I,
)


def asks_reader(text: str) -> bool:
    """The writer's own question: it opens on a question word, ends on "?" and holds no quote mark
    ("But scientists will not relax : ... what happens if it mixes with bird flu ?" states first)."""
    return bool(_ASKS.match(text.lstrip())) and text.rstrip().endswith("?") and not (
        _OPEN.search(text) or _CLOSE.search(text) or '"' in text
    )


def reads_alone(text: str) -> bool:
    """True unless ``text`` opens mid-quote, runs headlines on, is a rundown teaser or the writer's
    own question (see the module's doc)."""
    return not (opens_mid_quote(text) or glued_headlines(text) or rundown_teaser(text) or asks_reader(text))
