"""Independent sources by outlet: the articles of one outlet are one source, as are syndicated copies.

Syndication (``syndication.find_syndication``) finds copies of one report by their wording; an
outlet's archive holds many reports by one newsroom, which corroborate nothing among themselves. A
source is therefore a set of articles joined by either link: same source name
(:func:`source_name`: the outlet from metadata, the URL's site, the page's site name or
``--outlet`` for a run, see ``read/``; else the wire the copy is credited to), or one syndication
group. Articles that name neither outlet nor credit stay apart (each syndication group is one
source), and the brief says that their independence is unknown instead of calling them
independent.

A wire credit names where the copy came from, not who ran it: a page of no named outlet credited
to Reuters is a Reuters copy, and Reuters copies run by several unnamed sites are one source, the
wire (issue 13). It is not made the article's outlet: a credit read from a picture's caption is
a fallback (``read.metadata.find_credit``) and the site that ran the page stays unknown; an article
that names its outlet counts under it, credit or not.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from newsbrief.models import Article, Claim, SummarySentence


def fold_outlet(name: str) -> str:
    """An outlet name in comparison form: "The Guardian", "guardian" and "theguardian.com" agree,
    and so do names that differ only in accents ("Reúters", "Reuters")."""
    key = unicodedata.normalize("NFKD", name).casefold().strip()  # accents become marks: not alnum below
    for prefix in ("https://", "http://", "www."):
        key = key.removeprefix(prefix)
    key = key.split("/")[0]
    for suffix in (".com", ".co.uk", ".org", ".net", ".co", ".news"):
        key = key.removesuffix(suffix)
    key = key.removeprefix("the ").removeprefix("the")
    return "".join(ch for ch in key if ch.isalnum())


@dataclass(frozen=True)
class OutletCount:
    """Distinct outlets some articles name, and how many of them name none."""

    outlets: int = 0
    unnamed: int = 0


def count_outlets(articles: Sequence[Article]) -> OutletCount:
    """The outlets ``articles`` name, told apart in comparison form (:func:`fold_outlet`), and the
    articles that name none: the brief's overview ("from 3 outlets (+4 not named)") and
    the story lists count these over a story's articles about it."""
    names = {key for a in articles if a.outlet and (key := fold_outlet(a.outlet))}
    return OutletCount(len(names), sum(1 for a in articles if not a.outlet))


def source_name(article: Article) -> str | None:
    """Whom an article counts under as a source: its outlet, else the wire it is credited to."""
    return article.outlet or article.credit


def group_sources(articles: Sequence[Article], syndication: Sequence[Sequence[str]]) -> tuple[tuple[str, ...], ...]:
    """Groups of article ids that count as one source (size 2 or more), each sorted, by first id."""
    parent = {a.id: a.id for a in articles}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for g in syndication:
        members = [x for x in g if x in parent]
        for x in members[1:]:
            union(members[0], x)
    first_of: dict[str, str] = {}
    for a in articles:
        name = source_name(a)
        if name:
            key = fold_outlet(name)
            if key:
                union(first_of.setdefault(key, a.id), a.id)
    groups: dict[str, list[str]] = {}
    for a in articles:
        groups.setdefault(find(a.id), []).append(a.id)
    return tuple(sorted(tuple(sorted(g)) for g in groups.values() if len(g) > 1))


def map_sources(article_ids: Sequence[str], groups: Sequence[Sequence[str]]) -> dict[str, str]:
    """Each article id mapped to the first id of its source group (or itself)."""
    out = {a: a for a in article_ids}
    for g in groups:
        head = min(g)
        for a in g:
            out[a] = head
    return out


def count_sources(sources: Sequence[str], source_of: Mapping[str, str]) -> int:
    """Distinct sources among the article ids ``sources``."""
    return len({source_of.get(s, s) for s in sources})


def recount_claims(claims: Sequence[Claim], source_of: Mapping[str, str]) -> tuple[Claim, ...]:
    """Claims with ``independent_sources`` counted by source (outlet and syndication)."""
    return tuple(replace(c, independent_sources=max(1, count_sources(c.sources, source_of))) for c in claims)


def recount_summary(summary: Sequence[SummarySentence], source_of: Mapping[str, str]) -> tuple[SummarySentence, ...]:
    """Summary sentences with their independent-source count taken by source, never raised."""
    return tuple(
        replace(s, independent_sources=max(1, min(s.independent_sources, count_sources(s.sources, source_of))))
        for s in summary
    )
