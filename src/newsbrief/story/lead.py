"""Lead with where the story stands: the headline and the first summary sentence come from the
latest well-corroborated report, and a superseded figure reads as its change.

A developing story is reported many times; the earliest title states it as first reported ("Two
hurt in harbour fire") and a later one as it stands ("Harbour fire toll rises to 11"). Each
article's lead (its first ``LEAD_SENTENCES`` sentences) is scored by how many independent sources
state the same claims; the *well-corroborated* reports are those whose lead scores in the top
quarter (and above one source, where any is). Among them, the latest published whose title reads
as a news headline (not a question, not a label of a few words) gives the headline, and a sentence
of its lead opens the summary (moved up if the summary already has it, else put first within the
word budget). Stories without at least two publication days keep the summary as chosen: there is
no "latest" to lead with (DUC clusters carry no dates).

Key figures: where a figure's value changed between reports (a "change" disagreement), the latest
value is the figure and it says how it changed ("rose from 8 to 11"); the earlier value is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from newsbrief.config import Settings
from newsbrief.models import Article, Claim, Disagreement, Figure, SentenceRef, SummarySentence
from newsbrief.story.context import StoryContext

LEAD_SENTENCES = 3
# A headline shorter than this is a label ("Live", "News brief"), not a report's title.
MIN_TITLE_WORDS = 4
# Share of reports (by lead corroboration) that count as well corroborated.
TOP_SHARE = 0.25
# The opening sentence: a lead sentence of at least this many words.
MIN_LEAD_WORDS = 8
_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def is_report_title(title: str | None) -> bool:
    """A title that reads as a news report's: not a question, not a label of a few words."""
    return _is_headline(title)


def _is_headline(title: str | None) -> bool:
    if not title or _words(title) < MIN_TITLE_WORDS:
        return False
    t = title.strip().rstrip("'\"”’ ")
    # A question is an op-ed's title, an exclamation a show's greeting or a promo's.
    return not t.endswith(("?", "!")) and not title.isupper()


def _lead_scores(story: StoryContext, claims: Sequence[Claim]) -> dict[str, float]:
    """Mean independent sources of the claims of each article's lead sentences."""
    claim_of: dict[SentenceRef, Claim] = {}
    for c in claims:
        for m in c.members:
            claim_of.setdefault(m, c)
    out: dict[str, float] = {}
    for a in story.annotated:
        lead = [s for s in a.sentences[:LEAD_SENTENCES]]
        if not lead:
            continue
        counts = [claim_of[SentenceRef(a.article.id, s.index)].independent_sources if SentenceRef(a.article.id, s.index) in claim_of else 1 for s in lead]
        out[a.article.id] = float(np.mean(counts))
    return out


def _when(a: Article) -> tuple[str, str]:
    return (a.published.isoformat() if a.published else "", a.published_time or "")


def choose_lead_article(story: StoryContext, claims: Sequence[Claim]) -> Article | None:
    """The latest well-corroborated report with a headline-like title, or None (see module doc)."""
    articles = [a.article for a in story.annotated]
    if len({a.published for a in articles if a.published}) < 2:
        return None
    scores = _lead_scores(story, claims)
    if not scores:
        return None
    values = sorted(scores.values(), reverse=True)
    floor = values[max(0, int(len(values) * TOP_SHARE) - 1)]
    if values[0] > 1.0:
        floor = max(floor, 1.0 + 1e-9)
    good = [a for a in articles if a.published and scores.get(a.id, 0.0) >= floor and _is_headline(a.title)]
    if not good:
        return None
    return max(good, key=lambda a: (_when(a), scores[a.id], a.id))


def lead_summary(
    story: StoryContext,
    claims: Sequence[Claim],
    summary: Sequence[SummarySentence],
    lead: Article,
    settings: Settings,
) -> tuple[SummarySentence, ...]:
    """``summary`` opening on a sentence of ``lead``'s report, within ``settings.words``."""
    for k, s in enumerate(summary):
        if lead.id in s.sources:
            return (s, *summary[:k], *summary[k + 1 :])
    annotated = next((a for a in story.annotated if a.article.id == lead.id), None)
    if annotated is None:
        return tuple(summary)
    opening = next(
        (s for s in annotated.sentences[:LEAD_SENTENCES] if s.finite and _words(s.text) >= MIN_LEAD_WORDS), None
    )
    if opening is None:
        return tuple(summary)
    ref = SentenceRef(lead.id, opening.index)
    claim = next((c for c in claims if ref in c.members), None)
    sources = claim.sources if claim is not None else (lead.id,)
    first = SummarySentence(opening.text, sources, claim.independent_sources if claim is not None else 1)
    out = [first]
    used = _words(first.text)
    for s in summary:
        if used + _words(s.text) > settings.words:
            break
        out.append(s)
        used += _words(s.text)
    return tuple(out)


def mark_changes(figures: Sequence[Figure], disagreements: Sequence[Disagreement]) -> tuple[Figure, ...]:
    """Figures whose value changed between reports read as the change; superseded values go.

    A "change" disagreement lists its sides in time order; the figure stating the last side's
    value gets ``change`` ("rose from 8 to 11"), figures stating an earlier side's value (and
    sharing a sentence with it) are dropped.
    """
    superseded: set[str] = set()
    change_of: dict[str, str] = {}
    for d in disagreements:
        if d.kind != "change" or len(d.sides) < 2:
            continue
        first, last = d.sides[0], d.sides[-1]
        verb = _direction(first.value, last.value)
        change_of[last.text] = f"{verb} from {first.value} to {last.value}"
        superseded.update(s.text for s in d.sides[:-1])
    out: list[Figure] = []
    for f in figures:
        if f.sentence in change_of:
            out.append(replace(f, change=change_of[f.sentence]))
        elif f.sentence in superseded:
            continue
        else:
            out.append(f)
    return tuple(out)


def _number(value: str) -> float | None:
    m = re.search(r"\d[\d,]*(?:\.\d+)?", value)
    if m is None:
        return None
    try:
        return float(m.group(0).replace(",", ""))
    except ValueError:
        return None


def _direction(before: str, after: str) -> str:
    a, b = _number(before), _number(after)
    if a is None or b is None or a == b:
        return "changed"
    return "rose" if b > a else "fell"
