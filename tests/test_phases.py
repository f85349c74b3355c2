"""A story reported over weeks is summarised phase by phase (issue 13): the summary tells its arc,
not only the densest first weeks; short and undated stories (DUC, the seeds) are untouched."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from newsbrief.config import Settings
from newsbrief.story.claims import align_claims
from newsbrief.story.context import build_story
from newsbrief.summary.phases import MIN_PHASE_ARTICLES, count_phases, split_phases
from newsbrief.summary.summarize import summarize

DAY0 = dt.date(2024, 3, 1)


def _days(*offsets: int) -> list[dt.date | None]:
    return [DAY0 + dt.timedelta(days=k) for k in offsets]


def test_a_short_or_undated_story_has_no_phases() -> None:
    assert split_phases(_days(0, 1, 2, 3, 5, 9, 12, 20), 150) is None  # three weeks
    assert split_phases([None] * 30, 150) is None  # DUC: no dates
    assert split_phases(_days(0, 90), 150) is None  # two articles are no arc


def test_equal_stretches_of_time_in_order_and_a_lull_joins_its_neighbour(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from newsbrief.summary import phases as phases_mod

    monkeypatch.setattr(phases_mod, "CUT_AT_BURSTS", False)
    monkeypatch.setattr(phases_mod, "PHASE_WORDS", 50)
    # 90 days, three phases for a 150-word budget: days 0-29, 30-59, 60-90.
    days = _days(0, 0, 1, 2, 5, 10, 31, 40, 45, 59, 61, 70, 80, 90)
    phases = split_phases([*days, None], 150)
    assert count_phases(150) == 3
    assert phases == [[0, 1, 2, 3, 4, 5], [6, 7, 8, 9], [10, 11, 12, 13]]
    # The middle stretch has only one article: it joins the first phase.
    lull = _days(0, 1, 2, 3, 45, 70, 80, 85, 90)
    phases = split_phases(lull, 150)
    assert phases == [[0, 1, 2, 3, 4], [5, 6, 7, 8]]
    assert all(len(p) >= MIN_PHASE_ARTICLES for p in phases)


def test_phases_are_cut_in_the_lulls_between_bursts_of_reporting() -> None:
    from newsbrief.summary.phases import cut_at_bursts

    # 120 days: a burst on days 0-5, one on 20-22 (a vote), a trickle, one on 110-112 (the end).
    # Equal thirds would cut at days 40 and 80 and put the vote with the first burst.
    bursts = [0, 0, 1, 1, 2, 3, 4, 5, 20, 20, 21, 21, 22, 110, 110, 111, 111, 112]
    trickle = [35, 50, 65, 80, 95]
    cuts = cut_at_bursts(bursts + trickle, 112, 3)
    assert len(cuts) == 2
    assert 6 <= cuts[0] <= 19, cuts  # between the first burst and the vote
    assert 23 <= cuts[1] <= 109, cuts  # between the vote and the end
    # Fewer bursts than phases: fewer cuts, never a cut inside a burst.
    assert all(not (0 < c <= 5) for c in cut_at_bursts([0, 0, 1, 2, 3, 60, 61, 62], 62, 4))


STRIKE = [
    "Dock workers in Kessel walked out on Monday , halting all shipping at Norland 's busiest port over a pay dispute .",
    "Thousands of dock workers in Kessel went on strike on Monday , and shipping at the port stopped over pay .",
    "The dock strike in Kessel halted shipping at the port for a second day as workers demanded higher pay .",
    "Striking dock workers in Kessel marched through the port on Wednesday as shipping stayed halted over pay .",
    "Shipping at Kessel port remained halted on Thursday as the dock workers ' strike over pay entered its fourth day .",
    "Dock workers in Kessel kept up their strike over pay on Friday , leaving hundreds of containers stranded at the port .",
]
TALKS = [
    "Union leaders and the Kessel Port Authority opened mediated talks in the capital on Tuesday to end the strike .",
    "Mediated talks between union leaders and the Port Authority began in the capital on Tuesday , aiming to end the strike .",
    "Union leaders and Port Authority negotiators held a second round of mediated talks in the capital on Wednesday .",
]
DEAL = [
    "Kessel dock workers voted on Sunday to accept a 9 percent pay rise , ending the strike after ten weeks .",
    "The Kessel dock strike ended on Sunday when workers voted to accept a 9 percent pay rise offered by the Port Authority .",
    "Ships began leaving Kessel port on Monday after dock workers accepted a 9 percent pay rise and ended their strike .",
]


def _story(annotate_texts, spread: bool):  # type: ignore[no-untyped-def]
    bodies = STRIKE + TALKS + DEAL
    annotated = annotate_texts(bodies)
    offsets = [0, 0, 1, 2, 3, 4, 35, 35, 36, 70, 70, 71] if spread else [0, 0, 1, 2, 3, 4, 5, 5, 6, 7, 7, 8]
    return [replace(a, article=replace(a.article, published=DAY0 + dt.timedelta(days=k))) for a, k in zip(annotated, offsets, strict=True)]


def test_a_long_story_summary_covers_each_phase_in_order(annotate_texts, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    s = replace(settings, words=110)
    annotated = _story(annotate_texts, spread=True)
    story = build_story(annotated, s)
    summary = summarize(story, align_claims(story, s), s)
    phase_of = {f"a{i + 1}": (0 if i < len(STRIKE) else 1 if i < len(STRIKE) + len(TALKS) else 2) for i in range(12)}
    phases = [min(phase_of[a] for a in x.sources) for x in summary]
    assert set(phases) == {0, 1, 2}, [x.text for x in summary]
    assert phases == sorted(phases), [x.text for x in summary]
    assert sum(len(x.text.split()) for x in summary) <= 110


def test_the_same_articles_within_days_are_summarised_as_one(annotate_texts, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    """Within a week there are no phases: the summary is chosen over all articles at once, and
    reads in the order each fact was first reported."""
    s = replace(settings, words=110)
    annotated = _story(annotate_texts, spread=False)
    assert split_phases([a.article.published for a in annotated], s.words) is None
    story = build_story(annotated, s)
    summary = summarize(story, align_claims(story, s), s)
    assert summary and sum(len(x.text.split()) for x in summary) <= 110
    # The first report of each summary sentence's fact: its sources' earliest day. Two ledes of one
    # day (a1 and a2 both on DAY0) tie; among them the more corroborated goes first
    # (summarize.first_reported), which rests on embedding cosines: the int8 MiniLM gives
    # slightly different vectors on different CPUs, so the test does not fix that tie's order.
    day_of = {a.article.id: a.article.published for a in annotated}
    firsts = [min(day_of[a] for a in x.sources) for x in summary]
    assert firsts == sorted(firsts), [x.text for x in summary]
    assert len(set(firsts)) >= 2, [x.text for x in summary]



def test_a_phase_takes_the_news_of_its_leads_not_the_background_they_repeat() -> None:
    from newsbrief.models import AnnotatedArticle, Article, Claim, Sentence, SentenceRef
    from newsbrief.summary.candidates import Candidate
    from newsbrief.summary.phases import phase_news

    def art(aid: str, day: int, n: int) -> AnnotatedArticle:
        a = Article(aid, f"{aid}.txt", "x", published=DAY0 + dt.timedelta(days=day))
        return AnnotatedArticle(a, tuple(Sentence(aid, k, 0, 1, f"s{k}") for k in range(n)))

    # Six articles over 40 days: a long story.
    annotated = [art("early", 0, 6), art("late", 40, 6), *[art(f"x{k}", 10 * k, 1) for k in range(4)]]
    # "late" opens on the strike's start again (first reported 40 days before) and then its news.
    claims = [Claim(1, "start", ("early", "late"), 2, (SentenceRef("early", 0), SentenceRef("late", 0)))]

    def cand(a: int, k: int) -> Candidate:
        return Candidate(a, SentenceRef(annotated[a].article.id, k), f"s{k}", 10, None, frozenset())

    every = [cand(1, k) for k in range(6)]
    assert [c.ref.sentence for c in phase_news(annotated, claims, every)] == [1, 2]
    # In the report that first told it, the same claim is news.
    assert [c.ref.sentence for c in phase_news(annotated, claims, [cand(0, 0), cand(0, 4)])] == [0]
    # Nothing left: the phase keeps what it has rather than fall silent.
    assert phase_news(annotated, claims, [cand(1, 0), cand(1, 5)]) == [cand(1, 0), cand(1, 5)]


def test_a_phase_prefers_sentences_that_stand_without_their_article() -> None:
    """A role with no name as subject loses to a self-contained sentence; a relative day the date
    annotator resolved is told as its date."""
    from newsbrief.models import AnnotatedArticle, Article, DateMention, Sentence, SentenceRef
    from newsbrief.summary.candidates import Candidate
    from newsbrief.summary.phases import phase_news

    texts = [
        "Norland 's transport minister flew to Kessel yesterday .",
        "Dock workers in Kessel voted to end their ten-week strike yesterday .",
    ]
    a = Article("a", "a.txt", " ".join(texts), published=DAY0 + dt.timedelta(days=40))
    dates = tuple(DateMention("a", k, 0, 1, "yesterday", (DAY0 + dt.timedelta(days=39)).isoformat()) for k in range(2))
    others = [AnnotatedArticle(Article(f"x{k}", "x.txt", "x", published=DAY0 + dt.timedelta(days=8 * k)), ()) for k in range(5)]
    annotated = [AnnotatedArticle(a, tuple(Sentence("a", k, 0, 1, t) for k, t in enumerate(texts)), dates=dates), *others]
    cands = [Candidate(0, SentenceRef("a", k), t, 10, None, frozenset()) for k, t in enumerate(texts)]
    news = phase_news(annotated, [], cands)
    assert [c.text for c in news] == ["Dock workers in Kessel voted to end their ten-week strike on April 9 ."]
    from newsbrief.vocabulary import count_words

    assert news[0].words == count_words(texts[1]) + 2  # "yesterday" -> "on April 9"
    # Only the unnamed minister left: kept (a phase does not fall silent), its day told.
    assert [c.text for c in phase_news(annotated, [], cands[:1])] == ["Norland 's transport minister flew to Kessel on April 9 ."]


def test_the_busiest_days_of_a_phase_give_its_sentence(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A vote reported by four reports over two days outweighs a quieter day's news; with
    PEAK_DAYS 0 every day's news stays."""
    from newsbrief.models import AnnotatedArticle, Article, Sentence, SentenceRef
    from newsbrief.summary import phases as phases_mod
    from newsbrief.summary.candidates import Candidate
    from newsbrief.summary.phases import find_peak_days, phase_news

    # Day 3: one report; days 20-21: the vote, three and one reports; day 40: one; 41 days: long.
    days = [3, 20, 20, 20, 21, 40]
    annotated = [
        AnnotatedArticle(Article(f"r{k}", "r.txt", "x", published=DAY0 + dt.timedelta(days=d)), (Sentence(f"r{k}", 0, 0, 1, "s"),))
        for k, d in enumerate(days)
    ]
    cands = [Candidate(k, SentenceRef(f"r{k}", 0), f"News of day {d} .", 10, None, frozenset()) for k, d in enumerate(days)]
    positions = list(range(len(days)))
    monkeypatch.setattr(phases_mod, "PEAK_DAYS", 0)
    assert phase_news(annotated, [], cands, positions) == cands
    monkeypatch.setattr(phases_mod, "PEAK_DAYS", 1)
    monkeypatch.setattr(phases_mod, "PEAK_WINDOW", 1)
    # Day 20 weighs 3 + 1: it and the day after give the candidates.
    assert find_peak_days([a.article.published for a in annotated]) == {DAY0 + dt.timedelta(days=20), DAY0 + dt.timedelta(days=21)}
    assert [c.article for c in phase_news(annotated, [], cands, positions)] == [1, 2, 3, 4]
    monkeypatch.setattr(phases_mod, "PEAK_WINDOW", 0)
    assert [c.article for c in phase_news(annotated, [], cands, positions)] == [1, 2, 3]
    # Two peaks: ties go to the earlier day (day 3 before day 21 and 40, each one report).
    monkeypatch.setattr(phases_mod, "PEAK_DAYS", 2)
    assert [c.article for c in phase_news(annotated, [], cands, positions)] == [0, 1, 2, 3]


# Pages saved in the folder weeks before the story began, about other things (a blog roll).
STRAY = [
    "Bake the sourdough loaf at a high heat for forty minutes until the crust turns a deep brown .\n\n"
    "Let the bread cool on a wire rack for an hour before you slice it for the table .",
    "The home side scored twice in the second half to win the league match in front of a sold-out crowd .\n\n"
    "Their coach praised the young striker who came off the bench to score the winning goal .",
    "The gallery opened a new exhibition of landscape paintings by local artists on the first floor .\n\n"
    "Visitors can see the watercolours every afternoon until the end of the summer season .",
]


def test_a_stray_page_gives_the_summary_no_sentence_and_no_phase(annotate_texts, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    """Pages of another subject kept in the folder (topic.stray_sentences) give no summary sentence,
    and dated weeks before the story they give it no phase of their own."""
    s = replace(settings, words=110)
    annotated = _story(annotate_texts, spread=True)
    strays = [
        replace(a, article=replace(a.article, id=f"s{k}", published=DAY0 - dt.timedelta(days=40 + k)))
        for k, a in enumerate(annotate_texts(STRAY))
    ]
    story = build_story(annotated + strays, s)
    summary = summarize(story, align_claims(story, s), s)
    assert summary
    assert not [x.text for x in summary if any(src.startswith("s") for src in x.sources)]
    phase_of = {f"a{i + 1}": (0 if i < len(STRIKE) else 1 if i < len(STRIKE) + len(TALKS) else 2) for i in range(12)}
    assert {min(phase_of[a] for a in x.sources) for x in summary} == {0, 1, 2}, [x.text for x in summary]
