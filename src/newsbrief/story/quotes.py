"""Quotes over the story: the same words in several articles (compared without case or
punctuation; a quote contained in a longer one counts as the longer one) are one
:class:`~newsbrief.models.Quote` with all sources, its speaker resolved to the canonical entity.
"""

from __future__ import annotations

import bisect

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from newsbrief.annotate.quotes import MIN_QUOTE_WORDS
from newsbrief.models import Entity, Quote
from newsbrief.story.context import StoryContext
from newsbrief.story.entities import index_entities, resolve_name
from newsbrief.story.quote_units import is_readable_quote
from newsbrief.story.utterance_owner import is_wording_thing, utterance_owner

_WORD = re.compile(r"\w+(?:['\u2019]\w+)*")
# A correction that withdraws a quote from its speaker: "an earlier version of this report quoted
# prison governor Hal Brenner as saying “...”. He did not say this". Read on the article
# text: who was named (between "quoted" and "as saying") and the words.
_RETRACTED = re.compile(
    r"\b(?:earlier|previous|original)\s+(?:version|edition|draft|report|story|article)\b[^.\n]{0,60}?"
    r"\b(?:quoted|attributed)\s+(?P<who>[^\u201c\"\n]{2,80}?)\s+(?:as\s+saying|with\s+saying|to\s+have\s+said)\s*,?\s*"
    r"[\u201c\"](?P<words>[^\u201d\"\n]{3,400})[\u201d\"]"
    r"(?P<after>[^\n]{0,160})",
    re.IGNORECASE,
)
_DENIED = re.compile(
    r"\b(?:did\s+not\s+say|didn't\s+say|never\s+said|were\s+not\s+(?:his|hers|hers|theirs)|wrongly\s+attributed|"
    r"misattributed|not\s+said\s+by)\b",
    re.IGNORECASE,
)


def find_retracted_quotes(bodies: Sequence[str]) -> list[tuple[str, str]]:
    """(quote key, who as written) of every quote an article says it wrongly gave to someone
    (``_RETRACTED`` followed by a denial such as "He did not say this")."""
    out = []
    for body in bodies:
        for m in _RETRACTED.finditer(body):
            if _DENIED.search(m.group("after")) or _DENIED.search(m.group(0)[: m.start("who") - m.start()]):
                out.append((make_quote_key(m.group("words")), m.group("who")))
    return out



@dataclass
class _Group:
    key: str
    texts: list[tuple[int, str]]  # (order, text)
    speakers: list[tuple[int, str]]
    sources: set[str]
    first: int


def make_quote_key(text: str) -> str:
    """The comparison form of a quote: lower-case words, no punctuation."""
    return " ".join(w.replace("\u2019", "'") for w in _WORD.findall(text.casefold()))


def _is_retracted(key: str, speaker: str, ent: Entity | None, retracted: list[tuple[str, str]]) -> bool:
    """Whether a correction withdrew the quote with ``key`` from ``speaker`` (by any of its names)."""
    names = {speaker.casefold(), *((n.casefold() for n in (ent.name, *ent.aliases)) if ent else ())}
    return any(
        (rk in key or key in rk) and any(n and n in who.casefold() for n in names)
        for rk, who in retracted
    )


def collect_quotes(story: StoryContext, entities: Sequence[Entity]) -> tuple[Quote, ...]:
    """Merge the quotes of all articles: one :class:`Quote` per distinct quote, with every source
    and the canonical name of its speaker. Sorted: readable quotes before fragments, quotes with a
    speaker before those without, then by number of sources, then story order."""
    index = index_entities(entities)
    names = {e.name for e in entities}
    items: list[tuple[str, int, str, str | None, str]] = []  # key, order, text, speaker, article
    order = 0
    retracted = find_retracted_quotes([a.article.body for a in story.annotated])
    for a in sorted(story.annotated, key=lambda x: x.article.id):
        for q in sorted(a.quotes, key=lambda q: q.start):
            speaker = q.speaker
            if speaker is not None:
                # "Clinton 's statement said": Clinton's words (story.utterance_owner)
                speaker = utterance_owner(speaker) or speaker
                ent = resolve_name(speaker, q.start, a.mentions, index)
                speaker = ent.name if ent is not None else speaker
                if any(ch.isdigit() for ch in speaker):
                    speaker = None  # a code ("H3N2", "G8") the parser took for a name: no one spoke
                elif ent is None and is_wording_thing(speaker):
                    speaker = None  # "A sign nearby said": a thing's words (story.utterance_owner)
                elif _is_retracted(make_quote_key(q.text), speaker, ent, retracted):
                    speaker = None  # a later correction says this person did not say it
            items.append((make_quote_key(q.text), order, q.text, speaker, a.article.id))
            order += 1
    groups: list[_Group] = []
    exact: dict[str, _Group] = {}
    # All group keys in creation order, one per line, and where each starts: the first group whose
    # key contains a quote is found by one substring search instead of a test per group.
    joined, starts = "", list[int]()
    # Longest first, so a shorter excerpt of a quote finds the full quote already grouped.
    for key, rank, text, speaker, aid in sorted(items, key=lambda x: (-len(x[0]), x[1])):
        if len(key.split()) >= MIN_QUOTE_WORDS:
            at = joined.find(key)
            home = groups[bisect.bisect_right(starts, at) - 1] if at >= 0 else None
        else:
            home = exact.get(key)
        if home is None:
            home = _Group(key, [], [], set(), rank)
            groups.append(home)
            exact.setdefault(key, home)
            starts.append(len(joined))
            joined += key + "\n"
        home.texts.append((rank, text))
        if speaker is not None:
            home.speakers.append((rank, speaker))
        home.sources.add(aid)
        home.first = min(home.first, rank)
    out: list[tuple[int, int, Quote]] = []
    for g in groups:
        text = max(g.texts, key=lambda t: (len(t[1]), -t[0]))[1]
        counts = Counter(s for _, s in g.speakers)
        first_of = {s: r for r, s in sorted(g.speakers, reverse=True)}
        # A speaker resolved to an entity beats a bare noun phrase ("the mayor").
        speaker = min(counts, key=lambda s: (s not in names, -counts[s], first_of[s])) if counts else None
        out.append((-len(g.sources), g.first, Quote(text, speaker, tuple(sorted(g.sources)))))
    # Readable quotes first (story.quote_units: a phrase cut out of a sentence, "through the state
    # apparatus and security forces .", says nothing alone), then those with a speaker: words no one
    # is named as saying (a resolution's or a statement's wording quoted as a document) tell an
    # editor less than anyone's. Each fills the budget (story.budget) only where nothing before is left.
    out.sort(key=lambda x: (not is_readable_quote(x[2].text), x[2].speaker is None, x[0], x[1]))
    return tuple(q for _, _, q in out)
