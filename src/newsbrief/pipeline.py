"""The orchestrator: from paths to a Brief.

Stages, in order:

1. **read** (``readers.read_paths``): files, folders, HTML, JSON/JSONL into cleaned
   :class:`~newsbrief.models.Article` records (``cleaning``, ``metadata``); unusable inputs become
   :class:`~newsbrief.models.Skip` records with a reason.
2. **annotate** (map, one article at a time, pure): spaCy parse, ``sentences``, ``entities``
   mentions, ``dates``, ``quotes``, ``figures``, sentence ``embeddings``. See
   :func:`annotate_article` / :func:`annotate_articles`.
3. **build** (reduce, the whole story): the story ``context`` first (the sentence pool, the
   ``syndication`` groups and the independent-source map, built once), then every stage with that
   context as its first argument: ``claims`` (aligned sentences with independent-source counts),
   ``summarize``, merged ``entities``, ``quotes`` with resolved speakers, key ``figures``,
   ``timeline``, ``disagreements`` and what each outlet ``unique``-ly adds. See :func:`build_brief`.

The map stage depends only on one article and the models, which is what lets corpus mode hand it
to a distributed engine unchanged.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from newsbrief.annotate.mapstage import (  # the map stage in one process; named here too, as callers know them
    MAX_BATCH_CHARS,
    PARSE_GROUP,
    _annotate_stream,
    _embed_rows,
    annotate_article,
    map_articles,
)
from newsbrief.config import Settings
from newsbrief.gcpause import paused_collector
from newsbrief.models import AnnotatedArticle, Article, Brief, Claim, Skip
from newsbrief.story import budget as budget_mod
from newsbrief.story import claims as claims_mod
from newsbrief.story import context as context_mod
from newsbrief.story import disagreements as disagreements_mod
from newsbrief.story import entities as entities_mod
from newsbrief.story import lead as lead_mod
from newsbrief.story import figures as figures_mod
from newsbrief.story import quotes as quotes_mod
from newsbrief.story import sources as sources_mod
from newsbrief.story import timeline as timeline_mod
from newsbrief.story import topic as topic_mod
from newsbrief.story import unique as unique_mod
from newsbrief.summary import summarize as summarize_mod

if TYPE_CHECKING:
    from subprocess import Popen

    from newsbrief.annotate.resources import Resources
    from newsbrief.read.readers import OnSkip

__all__ = [
    "MAX_BATCH_CHARS", "PARSE_GROUP", "StoryListing", "_annotate_stream", "_embed_rows", "annotate_article",
    "annotate_articles", "brief_paths", "build_brief", "map_articles", "story_listing",
]

# The read and annotate stages are imported where they run: a brief of stored annotations
# (``brief --db --story``, the web app) needs neither, and their modules (the page cleaner's
# patterns, the embedder's runtime) take about half a second to import.

Progress = Callable[[str], None]


def annotate_articles(
    articles: Sequence[Article],
    resources: Resources,
    progress: Progress | None = None,
    processes: int = 1,
    started: Sequence[Popen[bytes]] = (),
    sentence_facts: bool = False,
    partial_vectors: bool = False,
) -> list[AnnotatedArticle]:
    """Map stage for many articles, batching spaCy (``nlp.pipe``) and overlapping the embedder.

    With ``processes`` > 1 and enough text, ``processes - 1`` worker processes (``started`` ones
    first) take a share of the articles (:mod:`newsbrief.annotate.parallel`); the result is the
    same. There, with ``sentence_facts``, each process also does the reduce stage's per-sentence
    work for its share and leaves it in the memo (:func:`newsbrief.corpus.facts.compute_facts`).
    With ``partial_vectors`` (a big brief of files; see :mod:`newsbrief.annotate.hybrid`) the
    model embeds only the sentences the brief's choices lean on and the other vectors are
    estimated from the run's own: an article's vectors then depend on the rest of the run."""
    from newsbrief.annotate import hybrid, parallel

    partial = partial_vectors and resources.settings.embedder == "minilm"
    if parallel.worth_parallel(articles, processes):
        shown = [0]

        def tell(done: int) -> None:
            if progress is not None and done // 25 > shown[0] // 25:
                progress(f"annotated {done}/{len(articles)} articles")
            shown[0] = done

        here = functools.partial(map_articles, partial=partial)
        out = parallel.annotate_in_processes(
            articles, resources, processes - 1, here, tell, started, sentence_facts, partial
        )
    else:
        out = map_articles(articles, resources, progress, partial)
    return hybrid.complete_vectors(out, resources) if partial else out


def build_brief(
    annotated: Sequence[AnnotatedArticle], settings: Settings, skipped: Iterable[Skip] = ()
) -> Brief:
    """Reduce stage: everything that needs the whole story.

    Articles not about the story are set aside first (``topic``); independence is counted by
    source (``sources``: outlet and syndication); the sections are cut to the editor's budget last
    (``budget``).
    """
    with paused_collector():  # see gcpause.py: a tenth of a big story's brief
        return _build_brief(annotated, settings, skipped)


@dataclass(frozen=True)
class _Grounds:
    """The reduce stage's first steps, which both a brief and a story's listing take."""

    on_topic: Sequence[AnnotatedArticle]
    off_topic: tuple[str, ...]
    set_aside: int
    story: context_mod.StoryContext
    claims: tuple[Claim, ...]
    lead: Article | None


def _ground(annotated: Sequence[AnnotatedArticle], settings: Settings) -> _Grounds:
    on_topic, off_topic = topic_mod.split_off_topic(annotated, settings)
    on_topic, set_aside = topic_mod.drop_off_topic_sentences(on_topic, settings)
    story = context_mod.build_story(on_topic, settings)
    claims = claims_mod.align_claims(story, settings)
    return _Grounds(on_topic, tuple(off_topic), set_aside, story, tuple(claims), lead_mod.choose_lead_article(story, claims))


def _lead_title(g: _Grounds) -> str | None:
    """The brief's own headline: the lead report's (``lead.lead_headline``); for a story with no
    lead report (one publication day, or undated) or whose lead report gives none, and none of
    whose articles has a report's title (a page titled "News brief", a question, or none), its most
    central report's opening (``lead.stand_in_headline``); else None (the earliest report's title
    is used, ``lead.story_headline``)."""
    title = lead_mod.lead_headline(g.story, g.claims, g.lead) if g.lead is not None else None
    if title is not None or any(lead_mod.is_report_title(a.article.title) for a in g.story.annotated):
        return title
    return lead_mod.stand_in_headline(g.story, g.claims)


@dataclass(frozen=True)
class StoryListing:
    """What a story list shows of a story, as its brief says it: the brief's headline, and the
    outlets its articles about the story name (and how many name none), as the overview counts."""

    headline: str
    outlets: int
    no_outlet: int


def story_listing(annotated: Sequence[AnnotatedArticle], settings: Settings) -> StoryListing:
    """The listing of the story of ``annotated`` (the articles a brief of it would get, in that
    order): the same first steps and rules as :func:`build_brief`, without the sections."""
    with paused_collector():
        g = _ground(annotated, settings)
        title = _lead_title(g)
    count = sources_mod.count_outlets([a.article for a in g.on_topic])
    headline = lead_mod.story_headline([a.article for a in annotated], g.off_topic, title)
    return StoryListing(headline, count.outlets, count.unnamed)


def _build_brief(annotated: Sequence[AnnotatedArticle], settings: Settings, skipped: Iterable[Skip]) -> Brief:
    g = _ground(annotated, settings)
    on_topic, off_topic, set_aside, story, claims, lead = g.on_topic, g.off_topic, g.set_aside, g.story, g.claims, g.lead
    source_groups = sources_mod.group_sources([a.article for a in on_topic], story.syndication)
    source_of = sources_mod.map_sources([a.article.id for a in on_topic], source_groups)
    title = _lead_title(g)
    headline = lead_mod.story_headline([a.article for a in annotated], off_topic, title)
    # The lead report's sentence opens the summary (issue 13: the headline and the first summary
    # sentence come from the latest well-corroborated report), even where the headline is its main
    # clause; no other line repeats the headline (lead.repeats_headline).
    opening_text = lead_mod.opening_text(story, claims, lead) if lead is not None else None
    opening = lead_mod.opening_words(opening_text)
    summary = summarize_mod.summarize(story, claims, settings, opening_words=opening)
    # Who's who and the quotes from the story's sentences: a stray page's other names stay out.
    speaking = replace(story, annotated=tuple(topic_mod.drop_stray_mentions(story.annotated)))
    entities = entities_mod.merge_entities(speaking)
    quotes = quotes_mod.collect_quotes(speaking, entities)
    figures = figures_mod.collect_figures(replace(story, independent_of=source_of))
    timeline = timeline_mod.build_timeline(story, claims, settings)
    disagreements = disagreements_mod.find_disagreements(story, claims)
    unique = unique_mod.unique_contributions(replace(story, independent_of=source_of), claims)
    if lead is not None:
        summary = lead_mod.lead_summary(story, claims, summary, lead, settings)
        summary = tuple(s for s in summary if s.text == opening_text or not lead_mod.repeats_headline(headline, s.text))
    figures = lead_mod.mark_changes(figures, disagreements)
    brief = Brief(
        articles=tuple(a.article for a in annotated),
        summary=sources_mod.recount_summary(summary, source_of),
        skipped=tuple(skipped),
        entities=entities,
        timeline=timeline,
        quotes=quotes,
        figures=figures,
        syndication=story.syndication,
        claims=sources_mod.recount_claims(claims, source_of),
        disagreements=disagreements,
        unique=unique,
        off_topic=off_topic,
        off_topic_sentences=set_aside,
        headline=title,
    )
    return budget_mod.apply_budget(brief, on_topic, settings, lambda ids: sources_mod.map_sources(ids, source_groups))


def brief_paths(
    paths: Sequence[str],
    settings: Settings,
    resources: Resources | None = None,
    progress: Progress | None = None,
    on_skip: OnSkip | None = None,
) -> Brief:
    """Read ``paths`` and build their brief (the library call behind ``newsbrief brief``).

    ``on_skip`` hears of each unusable input as it is met, ``progress`` of each phase. With nothing
    readable the brief has no articles (and no model is loaded)."""
    from newsbrief.annotate.resources import Resources
    from newsbrief.read import repeats as repeats_mod
    from newsbrief.read.readers import read_paths

    from newsbrief.annotate import hybrid, parallel

    # The map stage takes as many processes as the embedder is given threads (the cores to use);
    # on a large input its workers start now and read a share of the files with this process.
    workers = parallel.start_early(paths, settings, settings.embedder_threads)
    try:
        read_many = parallel.reader_in_processes(workers, settings) if workers else None
        articles, skipped = read_paths(paths, settings, on_skip=on_skip, progress=progress, read_many=read_many)
        articles = repeats_mod.drop_repeated_lines(articles)
        if progress is not None and articles:
            progress(f"annotating {len(articles)} article{'s' if len(articles) != 1 else ''} with spaCy and the sentence embedder")
        # The reduce stage's per-sentence work is done in the map stage's processes (same values).
        annotated = annotate_articles(
            articles,
            resources or Resources(settings),
            progress,
            settings.embedder_threads,
            workers,
            sentence_facts=True,
            partial_vectors=hybrid.worth_partial(articles),
        )
    finally:
        parallel.stop_workers(workers, kill=True)  # unused ones (a small input after all); used ones are gone
    if progress is not None:
        progress("building the brief")
    brief = build_brief(annotated, settings, skipped)
    if progress is not None:
        progress("built the brief")  # benchmarks/bigstory.py times the reduce stage between the two
    return brief
