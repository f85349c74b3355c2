"""News media a story names as its narrator, not as an actor (who's who, issue 13).

An archive of one outlet names that outlet hundreds of times: in datelines ("Tripoli -LRB- CNN
-RRB- --"), credits ("By the Wire Staff", "Photograph : Ann Poe/Reuters"), its reporters ("the
BBC 's medical correspondent", "CNN 's Nic Robertson contributed to this report"), what it could
not confirm, who "told" it. Counted as mentions these put the outlet among the story's leading
organisations (CNN second of LibyaWar_cnn's, with 772 mentions) though it did nothing in the story.
Wire services another outlet cites ("according to Reuters", "Reuters reported") are sources too.

A name is a **news medium** here when it is one of the inputs' outlets or wire credits
(:func:`newsbrief.story.sources.fold_outlet` of an article's ``outlet``/``credit``), or when the
story itself writes it as one: at least ``MEDIUM_SHARE`` of its mentions stand in a newsroom's own
words (:data:`_NEWSROOM_AFTER`, :data:`_NEWSROOM_BEFORE`: its reporters, its datelines and credits,
what it could not confirm, a reporter's signature "Ann Poe , BBC News , Haiti"), which no ministry,
army or agency is written in.

A medium's mentions as the narrator or a source (those, the cues of :data:`_CITED_BEFORE`,
:data:`_CITED_AFTER`, :data:`_AIRED_BEFORE` and :data:`_OWN_AFTER`: "told CNN", "according to
Reuters", "on CNN", "Reuters reported", "CNN 's Ann Poe in Tripoli says") do not count for it. It
stays in who's who only when at least ``ACTOR_SHARE`` of its mentions are left, where the story
writes it as an actor (its journalists held, a story about a broadcaster), and is ranked by those;
an outlet that narrates its own archive never reaches that share, because the ways a newsroom
writes of itself ("CNN saw", "CNN is not naming them", "CNN was allowed to view") are more than any
list of cues holds, while an actor's mentions are mostly plain subjects and objects.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from newsbrief.models import AnnotatedArticle, Entity, Mention
from newsbrief.story.sources import fold_outlet

# A name is a medium when at least MEDIUM_SHARE of its mentions, and MIN_NEWSROOM, are in a
# newsroom's own words (CNN in LibyaWar_cnn 0.25, the BBC in H1N1_bbc 0.27, the Guardian 0.24; of
# the organisations of the six Timeline17 topics named five times or more that are no outlet, the
# most is the Pentagon's 0.08, "Pentagon correspondent"), or when CITED_SHARE of MIN_CITED or more
# cite it (Reuters in the Guardian's archive: 11 of 11; no organisation that is no outlet gets
# there, "told the House of Commons" is no citation). Figures: benchmarks/results/editor_read_s14.md.
MEDIUM_SHARE = 0.1
MIN_NEWSROOM = 2
CITED_SHARE = 0.5
MIN_CITED = 5
# Share of a medium's mentions as an actor (none of its newsroom, cited or aired words) at which it
# stays in who's who: CNN in its own archive of the Libyan war 0.16, the BBC in its Haiti archive
# 0.13, the Guardian in its own 0.43; the New York Times in CNN's Libya archive 0.54 (its four
# journalists held by Gadhafi's forces were news).
ACTOR_SHARE = 0.5

_STAFF = (
    r"(?i:correspondents?|reporters?|journalists?|columnists?|commentators?|producers?|anchors?|crews?|"
    r"camera(?:man|men|s)?|photographers?|editors?|presenters?|newsreaders?|wire\s+staff|staff\s+writers?|news\s*team|bureau\s+chief|"
    r"coverage|blogs?|viewers|readers|moderators|iReport(?:ers?)?)"
)
_NAME = r"(?:[A-Z][\w'.-]*\s+){1,3}"
# A medium's own branches, written in lower case between its name and its staff ("a BBC radio
# presenter", "a CNN television correspondent").
_BRANCH = r"(?:(?:radio|television|tv|online|news|web|world\s+service)\s+){0,2}"
# Right after the name (matched at the name's end): its staff ("CNN 's medical correspondent", "BBC
# correspondent", "CNN Senior International Correspondent", "'s staff"), its reporters' credit or
# report ("'s Ann Poe , Bo Li and Cy Dee contributed", "'s Ann Poe reports from ...", "'s Ann Poe in
# Kessel says"), what it could
# not confirm or see ("could not independently verify", "has not been able to confirm", "was unable
# to witness"), the witnesses it interviewed.
_NEWSROOM_AFTER = re.compile(
    rf"\s*(?:(?:'s|’s)\s+(?:[A-Za-z-]+\s+){{0,3}}?|(?:[A-Z][\w-]*\s+){{0,3}}?{_BRANCH}){_STAFF}\b"
    r"|\s*(?:'s|’s)\s+staff\b"
    rf"|\s*(?:'s|’s)\s+{_NAME}(?:,\s+{_NAME})*(?:and\s+{_NAME})?"
    r"(?:contributed|reports|reported|reporting|describes|discusses|explains)\b"
    # its reporter where the news is: "The BBC 's Ann Poe in Port-au-Prince says", "... at the airport :"
    rf"|\s*(?:'s|’s)\s+{_NAME}(?:in|at|outside)\s+(?:the\s+)?(?:[\w'.-]+\s+){{1,4}}?(?:says|:)\s"
    r"|\s*(?:,\s*however\s*,\s*)?(?:could|can|was|is|has|had|have|did|does)(?:\s+not|\s*n't|\s+been\s+unable|\s+unable)"
    r"\s+(?:yet\s+)?(?:been\s+)?(?:able\s+to\s+|to\s+)?(?:be\s+)?(?:\w+ly\s+)?(?:confirm|confirmed|verify|verified|vetted|witness)"
    r"|\s*(?:has|have|had)\s+(?:also\s+)?interviewed\b",
)
# Right before the name: a credit ("By the", "By Ann Poe", "Photograph : Ann Poe/"), "obtained by",
# "in an interview with", its staff ("a reporter for BBC News", "correspondent with the Times").
_NEWSROOM_BEFORE = re.compile(
    r"\bBy\s+(?:the\s+)?$|\bBy\s+(?:[A-Z][\w'-]+\s+){1,3}$|/\s*$|\bobtained\s+by\s+(?:the\s+)?$"
    r"|\binterview(?:ed)?\s+(?:with|by|on)\s+(?:the\s+)?$"
    r"|\b(?:reporter|correspondent|journalist|columnist|producer|anchor|editor|presenter|photographer|cameraman)s?"
    r"\s+(?:for|with|at)\s+(?:the\s+)?$",
)
# Whom a speaker told, whose report a claim is: a medium cited ("told Reuters", "according to the
# BBC", "Reuters reported", a picture credit's "/Reuters").
_CITED_BEFORE = re.compile(r"\b(?:told|tells|telling|according\s+to|speaking\s+to|spoke\s+to)\s+(?:the\s+)?$", re.IGNORECASE)
_CITED_AFTER = re.compile(
    r"\s*(?:(?:has\s+|have\s+|had\s+|just\s+|is\s+|was\s+)?(?:reported|reports|reporting|learned|aired|broadcast))\b"
    r"|\s*/",
    re.IGNORECASE,
)
# Where a medium is watched or asked (counted only for a medium, see :func:`written_as_source`):
# "on CNN", "to the BBC", "requests from CNN".
_AIRED_BEFORE = re.compile(
    r"\b(?:on|to|tell|by|with|requests?\s+from|said\s+on|appeared\s+on)\s+(?:the\s+)?$", re.IGNORECASE
)
# Its people and its programmes: "CNN 's Ann Poe in Tripoli says", "CNN 's `` Situation Room ''".
_OWN_AFTER = re.compile(r"\s*(?:'s|’s)\s+(?:``\s*|\"\s*)?[A-Z]")
_WINDOW = 60


# A dateline: "Tripoli , Libya -LRB- CNN -RRB- --", "GENEVA (Reuters) -".
_DATELINE_OPEN = re.compile(r"(?:-LRB-|\()\s*$")
_DATELINE_CLOSE = re.compile(r"\s*(?:-RRB-|\))\s*(?:-{1,2}|\u2014|\u2013)")


# A reporter's signature opening a dispatch: "... . Ann Poe , BBC News , Port-au-Prince The ...".
_SIGNED_BY = re.compile(r"(?:^|[.!?'\"]\s+)(?:[A-Z][\w'-]+\s+){1,3},\s*$")
_SIGNED_AT = re.compile(r"\s*,\s*[A-Z]")


def written_as_newsroom(body: str, start: int, end: int) -> bool:
    """True when the name at ``body[start:end]`` stands in a newsroom's own words (see above)."""
    before = body[max(0, start - 30) : start]
    if _DATELINE_OPEN.search(before) and _DATELINE_CLOSE.match(body, end, end + _WINDOW):
        return True
    if _SIGNED_BY.search(before) and _SIGNED_AT.match(body, end, end + _WINDOW):
        return True
    return bool(_NEWSROOM_AFTER.match(body, end, end + _WINDOW) or _NEWSROOM_BEFORE.search(before))


def written_as_cited(body: str, start: int, end: int) -> bool:
    """True when the name at ``body[start:end]`` stands in a newsroom's own words
    (:func:`written_as_newsroom`) or as a medium cited (``_CITED_BEFORE``, ``_CITED_AFTER``)."""
    return (
        written_as_newsroom(body, start, end)
        or bool(_CITED_AFTER.match(body, end, end + _WINDOW))
        or bool(_CITED_BEFORE.search(body[max(0, start - 30) : start]))
    )


def written_as_source(body: str, start: int, end: int) -> bool:
    """True when a medium's name stands as the narrator or a source, not an actor:
    :func:`written_as_cited`, or where it is watched or asked (``_AIRED_BEFORE``)."""
    return (
        written_as_cited(body, start, end)
        or bool(_AIRED_BEFORE.search(body[max(0, start - 30) : start]))
        or bool(_OWN_AFTER.match(body, end, end + _WINDOW))
    )


def outlet_keys(names: Iterable[str | None]) -> frozenset[str]:
    """The comparison forms (:func:`fold_outlet`) of the outlets and credits the inputs name."""
    return frozenset(k for n in names if n and (k := fold_outlet(n)))


def is_medium(names: Iterable[str], mentions: int, newsroom: int, cited: int, outlets: frozenset[str]) -> bool:
    """True when a name (any of ``names``, its spellings) is an input's outlet or credit, or when of
    its ``mentions`` at least ``MIN_NEWSROOM`` and ``MEDIUM_SHARE`` are in a newsroom's own words
    (``newsroom``), or at least ``CITED_SHARE`` of ``MIN_CITED`` or more cite it (``cited``)."""
    if any(k in outlets for n in names if (k := fold_outlet(n))):
        return True
    if newsroom >= MIN_NEWSROOM and newsroom >= MEDIUM_SHARE * mentions:
        return True
    return mentions >= MIN_CITED and cited >= CITED_SHARE * mentions


def stays_listed(acting: int, mentions: int) -> bool:
    """True when a medium with ``acting`` of its ``mentions`` as an actor stays in who's who."""
    return acting > 0 and acting >= ACTOR_SHARE * mentions


def discount_media(entities: Sequence[Entity], clusters: Sequence[Sequence[Mention]], annotated: Sequence[AnnotatedArticle]) -> list[Entity]:
    """``entities`` (one per cluster of mentions of ``clusters``, in order) with each news medium's
    organisation (:func:`is_medium`) counted only where it is no narrator or source
    (:func:`written_as_source`), and left out unless it :func:`stays_listed`: the outlet's own
    datelines, credits and "told CNN" make it no actor of the story."""
    bodies = {a.article.id: a.article.body for a in annotated}
    outlets = outlet_keys(x for a in annotated for x in (a.article.outlet, a.article.credit))
    out: list[Entity] = []
    narrators: list[str] = []
    for e, mentions in zip(entities, clusters, strict=True):
        if e.type != "organization":
            out.append(e)
            continue
        spans = [(bodies.get(m.article_id, ""), m.start, m.end) for m in mentions]
        newsroom = sum(written_as_newsroom(*s) for s in spans)
        cited = sum(written_as_cited(*s) for s in spans)
        if not is_medium((e.name, *e.aliases), len(mentions), newsroom, cited, outlets):
            out.append(e)
            continue
        acting = [m for m, s in zip(mentions, spans, strict=True) if not written_as_source(*s)]
        if stays_listed(len(acting), len(mentions)):
            out.append(replace(e, mentions=len(acting), sources=tuple(sorted({m.article_id for m in acting}))))
        else:
            narrators.extend((e.name, *e.aliases))
    return [e for e in out if not is_narrators_staff(e, narrators)]


_STAFF_ROLE = re.compile(rf"\b{_STAFF}\b")


def is_narrators_staff(entity: Entity, narrators: Sequence[str]) -> bool:
    """True for a person whose role is a staff role of a medium left out as the story's narrator
    ("Nic Robertson, CNN Senior International Correspondent" where CNN narrates its own archive):
    the outlet's reporters tell the story, they are not in it. A medium that stays listed as an
    actor keeps its journalists (a paper whose reporters were held)."""
    role = entity.role or ""
    if entity.type != "person" or not narrators or not _STAFF_ROLE.search(role):
        return False
    return any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", role) for n in narrators if len(n) > 1)
