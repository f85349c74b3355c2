"""The data model every stage shares.

All records are frozen dataclasses. Spans are character offsets into the *cleaned* article body
(``Article.body``), half-open: ``body[start:end]``. Dates are ISO strings at the precision the text
gives: ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``.

Per-article records (produced by the map stage, :func:`newsbrief.pipeline.annotate_article`):
:class:`Article`, :class:`Sentence`, :class:`Mention`, :class:`DateMention`,
:class:`QuoteMention`, :class:`FigureMention`, bundled in :class:`AnnotatedArticle`.

Story-level records (produced by the reduce stage, :func:`newsbrief.pipeline.build_brief`):
:class:`Entity`, :class:`TimelineEvent`, :class:`Quote`, :class:`Figure`, :class:`Claim`,
:class:`Disagreement`, :class:`SummarySentence`, bundled in :class:`Brief`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

EntityType = Literal["person", "organization", "place"]


@dataclass(frozen=True)
class Skip:
    """An input that could not be used, with a reason that tells the user what to do."""

    path: str
    reason: str
    # True when the skip comes from a limit in the settings (an extraction time limit), not from
    # the file itself: an ingest does not mark such a file done, so a later run with a raised
    # limit reads it again.
    retry: bool = False


@dataclass(frozen=True)
class Article:
    """One cleaned article. ``id`` is unique within a run (see readers.py for how it is made)."""

    id: str
    path: str
    body: str
    title: str | None = None
    published: dt.date | None = None
    # "HH:MM" (24h) when the source gives a time; orders reports of one day (rising tolls).
    published_time: str | None = None
    outlet: str | None = None
    # Wire service the text credits ("Reuters", "AP", "AFP"), if any.
    credit: str | None = None
    url: str | None = None
    # Things the reader did to the input that the user should know (e.g. "text cut at 2,000,000 chars").
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article body. ``index`` is its position in the article (0-based)."""

    article_id: str
    index: int
    start: int
    end: int
    text: str
    paragraph: int = 0
    # Has a finite verb (spaCy's tags): False for captions and labels such as "Satellite image of
    # Port-au-Prince taken on 13 January."; True when there was no parse to tell.
    finite: bool = True


@dataclass(frozen=True)
class Mention:
    """A named-entity mention in one article."""

    article_id: str
    sentence: int
    start: int
    end: int
    text: str
    type: EntityType
    # Title or role given right before/after the name in the text ("Prime Minister"), if any.
    role: str | None = None


@dataclass(frozen=True)
class DateMention:
    """A date expression in a body sentence, resolved against the article's publication date."""

    article_id: str
    sentence: int
    start: int
    end: int
    text: str
    date: str  # ISO at the precision given: YYYY-MM-DD, YYYY-MM or YYYY


@dataclass(frozen=True)
class QuoteMention:
    """A direct quote in one article; ``speaker`` is the surface name, resolved later."""

    article_id: str
    sentence: int
    start: int
    end: int
    text: str
    speaker: str | None


@dataclass(frozen=True)
class FigureMention:
    """A number that matters (money, percentage, count, duration) in one article."""

    article_id: str
    sentence: int
    start: int
    end: int
    text: str
    value: float
    unit: str  # e.g. "USD", "percent", "count", "years", "people"
    about: str  # what it counts, from the sentence ("agreements", "bilateral trade turnover")


def _no_vectors() -> npt.NDArray[np.float32]:
    """An empty (0, 0) float32 matrix: an article without sentence vectors. NumPy is imported
    here, not at the top, so the record types load without it (``newsbrief --help`` starts fast)."""
    import numpy as np

    return np.zeros((0, 0), dtype=np.float32)


@dataclass(frozen=True, eq=False)
class AnnotatedArticle:
    """Everything the map stage knows about one article."""

    article: Article
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...] = ()
    dates: tuple[DateMention, ...] = ()
    quotes: tuple[QuoteMention, ...] = ()
    figures: tuple[FigureMention, ...] = ()
    # One L2-normalised row per sentence (float32), or an empty (0, d) array.
    embeddings: npt.NDArray[np.float32] = field(default_factory=_no_vectors)


@dataclass(frozen=True)
class SentenceRef:
    """Points at one sentence of one article."""

    article_id: str
    sentence: int


@dataclass(frozen=True)
class Entity:
    """A person, organisation or place, merged across articles under one canonical name."""

    name: str
    type: EntityType
    aliases: tuple[str, ...]
    role: str | None
    mentions: int
    sources: tuple[str, ...]


@dataclass(frozen=True)
class TimelineEvent:
    date: str
    text: str
    sources: tuple[str, ...]
    # Importance rank (1 = most important) when the brief's budget ranked the timeline; the
    # timeline itself stays in date order.
    rank: int | None = None
    # The last day (ISO, inclusive) when the entry's sentence dates its event by a range of days
    # that opens on ``date`` ("between April 23 and 28": date 04-23, until 04-28;
    # story/dateranges.py); None for a single date.
    until: str | None = None


@dataclass(frozen=True)
class Quote:
    text: str
    speaker: str | None
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Figure:
    text: str  # the figure as written ("USD 175.6 billion")
    value: float
    unit: str
    about: str
    sentence: str  # the sentence that carries it
    sources: tuple[str, ...]
    # How the value changed between reports ("rose from 8 to 11"), when it did (story/lead.py).
    change: str | None = None
    # Independent reports of it (outlets; syndicated copies and copied sentences count once); 0
    # when unknown (a brief read back from JSON written before this field).
    independent_sources: int = 0


@dataclass(frozen=True)
class Claim:
    """Sentences from several articles that state the same fact."""

    id: int
    text: str  # the representative sentence
    sources: tuple[str, ...]
    independent_sources: int
    members: tuple[SentenceRef, ...]


@dataclass(frozen=True)
class Side:
    text: str
    value: str
    sources: tuple[str, ...]
    published: str | None  # ISO date (and time, "YYYY-MM-DDTHH:MM", when known) of the earliest source


@dataclass(frozen=True)
class Disagreement:
    about: str
    # "conflict": outlets state different values at the same time;
    # "change": the value changes between reports published at different times;
    # "correction": a report says an earlier value was wrong (story/corrections.py).
    kind: Literal["conflict", "change", "correction"]
    sides: tuple[Side, ...]
    # The articles that state the correction (empty unless kind is "correction").
    corrected_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class SummarySentence:
    text: str
    sources: tuple[str, ...]
    independent_sources: int = 1


@dataclass(frozen=True)
class UniqueContribution:
    """What one article adds: its own sentences of the claims that no other independent source
    carries, in the article's order (none when every fact it states is corroborated)."""

    article_id: str
    sentences: tuple[str, ...]


@dataclass(frozen=True)
class SectionTotal:
    """How many items a section of the brief shows against how many the story holds.

    Sections: "timeline", "people", "organizations", "places", "quotes", "figures",
    "disagreements", "unique" (items of what each source adds).
    """

    section: str
    shown: int
    total: int


@dataclass(frozen=True)
class Brief:
    """The whole brief of one story. Serialised by newsbrief.render.json (schema: docs/schema.md)."""

    articles: tuple[Article, ...]
    summary: tuple[SummarySentence, ...]
    skipped: tuple[Skip, ...] = ()
    entities: tuple[Entity, ...] = ()
    timeline: tuple[TimelineEvent, ...] = ()
    quotes: tuple[Quote, ...] = ()
    figures: tuple[Figure, ...] = ()
    syndication: tuple[tuple[str, ...], ...] = ()
    claims: tuple[Claim, ...] = ()
    disagreements: tuple[Disagreement, ...] = ()
    unique: tuple[UniqueContribution, ...] = ()  # one per article, in article id order
    # Per section, shown vs total when the editor's budget cut it (settings.budget_*).
    totals: tuple[SectionTotal, ...] = ()
    # The title of the latest well-corroborated report (where the story stands), if one was chosen.
    headline: str | None = None
    # Articles set aside as not about the story (their text reaches no section; still listed).
    off_topic: tuple[str, ...] = ()
    # Sentences of on-topic articles set aside as not about the story (sidebars, promos, other
    # segments of a transcript): they reach no section.
    off_topic_sentences: int = 0
