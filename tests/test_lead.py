"""Lead with where the story stands (issue 13): the headline and the first summary sentence come
from the latest well-corroborated report about the story's central event, and the opening is the
sentence of its lead closest to the story's centre (the event, not its newest detail)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import numpy as np

from newsbrief.config import load_settings
from newsbrief.models import AnnotatedArticle, Article, Claim, Sentence, SentenceRef, SummarySentence
from newsbrief.story.context import StoryContext
from newsbrief.story.lead import choose_lead_article, lead_summary
from newsbrief.story.pool import build_pool

DIM = 12
EVENT = np.eye(DIM)[0]  # the story's central event
DETAIL = np.eye(DIM)[1]  # a later detail (four crew treated for smoke)
SIDE = np.eye(DIM)[2]  # a side issue (the company's share price)


def _unit(v: np.ndarray) -> np.ndarray:
    return v / np.linalg.norm(v)


def _article(aid: str, day: int, title: str, sentences: list[tuple[str, np.ndarray]]) -> AnnotatedArticle:
    body = " ".join(t for t, _ in sentences)
    art = Article(aid, f"{aid}.txt", body, title=title, published=dt.date(2024, 5, day))
    sents, pos = [], 0
    for k, (text, _) in enumerate(sentences):
        sents.append(Sentence(aid, k, pos, pos + len(text), text))
        pos += len(text) + 1
    emb = np.stack([_unit(v) for _, v in sentences]).astype(np.float32)
    return AnnotatedArticle(art, tuple(sents), embeddings=emb)


def _story(dateline: str = "") -> tuple[StoryContext, list[Claim]]:
    rng = np.random.default_rng(3)
    arts = []
    for k in range(10):  # earlier reports of the fire itself
        v = EVENT + 0.1 * rng.standard_normal(DIM)
        arts.append(_article(f"e{k}", 14, f"Depot fire forces evacuation number {k}", [
            (f"A fire destroyed the harbour depot overnight and {k + 100} people left their homes.", v),
        ]))
    late = _article("late", 15, "Harbour depot fire under control after night of evacuations", [
        ("Four crew members were treated for smoke inhalation at the harbour depot, the fire chief said.", DETAIL + 0.3 * EVENT),
        (dateline + "The fire that destroyed the harbour depot was brought under control after seven hours of work.", EVENT + 0.1 * DETAIL),
    ])
    side = _article("side", 16, "Depot owner shares slide as investors weigh the cost", [
        ("Shares in the company that owns the harbour depot fell sharply on the exchange on Thursday.", SIDE + 0.2 * EVENT),
    ])
    arts += [late, side]
    story = StoryContext(tuple(arts), build_pool(arts), (), {a.article.id: a.article.id for a in arts})
    claims = [
        Claim(1, "fire", ("late", "e0", "e1", "e2", "e7"), 5, (
            SentenceRef("late", 1), SentenceRef("e0", 0), SentenceRef("e1", 0), SentenceRef("e2", 0), SentenceRef("e7", 0))),
        Claim(3, "crew", ("late", "e8", "e9"), 5, (SentenceRef("late", 0), SentenceRef("e8", 0), SentenceRef("e9", 0))),
        Claim(2, "shares", ("side", "e3", "e4", "e5", "e6"), 5, (SentenceRef("side", 0), SentenceRef("e3", 0),
                                                                SentenceRef("e4", 0), SentenceRef("e5", 0), SentenceRef("e6", 0))),
    ]
    return story, claims


def test_the_lead_report_is_the_latest_corroborated_one_about_the_central_event() -> None:
    story, claims = _story()
    lead = choose_lead_article(story, claims)
    # "side" is later and better corroborated, but its lead is about a side issue.
    assert lead is not None and lead.id == "late"


def test_the_opening_is_the_lead_sentence_closest_to_the_centre() -> None:
    story, claims = _story()
    lead = choose_lead_article(story, claims)
    assert lead is not None
    detail = SummarySentence("Four crew members were treated for smoke inhalation at the harbour depot, the fire chief said.", ("late",), 4)
    other = SummarySentence("A fire destroyed the harbour depot overnight and 100 people left their homes.", ("e0",), 4)
    out = lead_summary(story, claims, [detail, other], lead, load_settings())
    assert out[0].text.startswith("The fire that destroyed the harbour depot was brought under control")
    assert out[0].independent_sources == 5  # its claim's corroboration, not one report's
    # "other" states the opening's claim in an earlier report's words: it gives way.
    assert [s.text for s in out[1:]] == [detail.text]


def test_a_summary_sentence_stating_the_opening_gives_way_instead_of_repeating() -> None:
    story, claims = _story()
    lead = choose_lead_article(story, claims)
    assert lead is not None
    said = SummarySentence("The fire that destroyed the harbour depot was brought under control after seven hours.", ("late",), 4)
    other = SummarySentence("Shares in the company that owns the harbour depot fell sharply on the exchange on Thursday.", ("side",), 5)
    out = lead_summary(story, claims, [other, said], lead, load_settings())
    assert [s.text for s in out] == [
        "The fire that destroyed the harbour depot was brought under control after seven hours of work.", other.text
    ]


def test_one_publication_day_has_no_latest_report() -> None:
    story, claims = _story()
    same_day = [a for a in story.annotated if a.article.published == dt.date(2024, 5, 14)]
    one_day = StoryContext(tuple(same_day), build_pool(same_day), (), {a.article.id: a.article.id for a in same_day})
    assert choose_lead_article(one_day, claims) is None


def test_the_opening_is_stated_as_summary_candidates_are_without_its_dateline() -> None:
    story, claims = _story(dateline="HARBOURTON, May 15 (Wire) - ")
    lead = choose_lead_article(story, claims)
    assert lead is not None
    out = lead_summary(story, claims, [], lead, load_settings())
    assert out[0].text == "The fire that destroyed the harbour depot was brought under control after seven hours of work."


def test_a_later_report_that_only_repeats_background_does_not_lead() -> None:
    """Days after the fire, a report opens on the fire again (a claim first reported more than
    NEWS_DAYS before it): it is the best-corroborated text of all, but not where the story stands."""
    story, claims = _story()
    recap = _article("recap", 20, "Harbour depot fire: what we know", [
        ("A fire destroyed the harbour depot overnight and 300 people left their homes.", EVENT + 0.05 * DETAIL),
    ])
    # A month on (a long story: story.lead tells background apart only in one).
    recap = replace(recap, article=replace(recap.article, published=dt.date(2024, 6, 20)))
    arts = [*story.annotated, recap]
    longer = StoryContext(tuple(arts), build_pool(arts), (), {a.article.id: a.article.id for a in arts})
    fire = next(c for c in claims if c.text == "fire")
    grown = [Claim(fire.id, fire.text, (*fire.sources, "recap"), 5, (*fire.members, SentenceRef("recap", 0))),
             *[c for c in claims if c is not fire]]
    lead = choose_lead_article(longer, grown)
    assert lead is not None and lead.id == "late"
    # Within days, a report restating what an earlier one said is the event's report, not background
    # (a preview's "will visit" and the visit): the same recap six days on leads.
    recap = replace(recap, article=replace(recap.article, published=dt.date(2024, 5, 20)))
    arts = [*story.annotated, recap]
    shorter = StoryContext(tuple(arts), build_pool(arts), (), {a.article.id: a.article.id for a in arts})
    lead = choose_lead_article(shorter, grown)
    assert lead is not None and lead.id == "recap"


def test_an_untitled_lead_report_gives_the_headline_from_its_opening() -> None:
    from newsbrief.story.lead import lead_headline

    story, claims = _story()
    untitled = [replace(a, article=replace(a.article, title=None)) if a.article.id == "late" else a for a in story.annotated]
    story = StoryContext(tuple(untitled), build_pool(untitled), (), {a.article.id: a.article.id for a in untitled})
    lead = choose_lead_article(story, claims)
    assert lead is not None and lead.id == "late"
    assert lead_headline(story, claims, lead) == (
        "The fire that destroyed the harbour depot was brought under control after seven hours of work"
    )
    titled = replace(lead, title="Harbour depot fire under control")
    assert lead_headline(story, claims, titled) == "Harbour depot fire under control"


def test_a_long_sentence_headline_keeps_its_main_clause() -> None:
    from newsbrief.story.lead import shorten_headline

    long = ("Officials and union leaders gave sharply different accounts of the talks on Sunday , as ships "
            "queued outside the harbour for a third week and the port stayed closed")
    assert shorten_headline(long) == "Officials and union leaders gave sharply different accounts of the talks on Sunday"
    # An adverbial before the comma is not the main clause; a short sentence stays whole.
    adverbial = ("After three weeks of talks in the capital , union leaders and the port authority agreed on "
                 "a pay rise that ends the strike at the harbour")
    assert shorten_headline(adverbial) == adverbial
    assert shorten_headline("Dock workers end strike , accept pay rise") == "Dock workers end strike , accept pay rise"


def test_a_headline_is_at_most_twenty_words_cut_at_a_clause_or_an_aside() -> None:
    from newsbrief.story.lead import HEADLINE_MAX_WORDS, _words, headline_versions, shorten_headline

    # No comma before the verb: cut where a dependent clause begins ("as ...").
    long = ("Ships queued outside the harbour for a third week while dock workers and the port "
            "authority argued over pay as the strike went on")
    assert shorten_headline(long) == (
        "Ships queued outside the harbour for a third week while dock workers and the port authority argued over pay"
    )
    # An aside after a named subject goes, then the relative clause: 30 words -> 15.
    aside = ("Ana Lind , a crane driver at the Kessel container terminal for twenty years , is thought to have "
             "started the walkout with her shift , who followed her out of the gates of the terminal at dawn .")
    fits = [v for v in headline_versions(aside) if _words(v) <= HEADLINE_MAX_WORDS]
    assert max(fits, key=_words) == "Ana Lind is thought to have started the walkout with her shift"
    # A cut that would end inside the aside ("Ana Lind , a crane driver ...") is not taken.
    assert all(not v.startswith("Ana Lind , a crane driver") or v == aside.rstrip(" .") for v in headline_versions(aside))


def _with_relative_day(early_day: dt.date | None) -> tuple[StoryContext, list[Claim]]:
    """The fire story with the lead report's opening saying "on Sunday" (annotated as May 12), its
    title gone, and with ``early_day`` one more report of the depot's owner on that day (a month
    before: a long story)."""
    from newsbrief.models import DateMention

    story, claims = _story()
    said = "The fire that destroyed the harbour depot was brought under control on Sunday after seven hours of work."
    arts = []
    for a in story.annotated:
        if a.article.id == "late":
            s = a.sentences[1]
            start = said.index("Sunday")
            a = replace(
                a,
                article=replace(a.article, title=None),
                sentences=(a.sentences[0], replace(s, text=said, end=s.start + len(said))),
                dates=(DateMention("late", 1, s.start + start, s.start + start + 6, "Sunday", "2024-05-12"),),
            )
        arts.append(a)
    if early_day is not None:
        old = _article("old", 1, "Depot owner plans new harbour warehouse by the river", [
            ("The company that owns the harbour depot plans a new warehouse by the river next year.", SIDE),
        ])
        arts.append(replace(old, article=replace(old.article, published=early_day)))
    return StoryContext(tuple(arts), build_pool(arts), (), {a.article.id: a.article.id for a in arts}), claims


def test_a_long_storys_headline_and_opening_tell_a_relative_day_as_its_date() -> None:
    from newsbrief.story.lead import lead_headline

    story, claims = _with_relative_day(dt.date(2024, 4, 10))
    lead = choose_lead_article(story, claims)
    assert lead is not None and lead.id == "late"
    told = "The fire that destroyed the harbour depot was brought under control on May 12 after seven hours of work"
    assert lead_headline(story, claims, lead) == told
    summary = lead_summary(story, claims, (), lead, load_settings())
    assert summary[0].text == told + "."
    # A story of days keeps the day as its reports wrote it (its reader knows the week).
    short, claims = _with_relative_day(None)
    lead = choose_lead_article(short, claims)
    assert lead is not None
    assert lead_headline(short, claims, lead) == told.replace("May 12", "Sunday")


def test_a_sentence_opening_on_a_condition_never_opens_the_summary() -> None:
    """"If the wind turns, ..." says what might happen, not where the story stands."""
    story, claims = _story(dateline="If the wind turns again overnight , officials warned , ")
    lead = choose_lead_article(story, claims)
    assert lead is not None and lead.id == "late"
    out = lead_summary(story, claims, [], lead, load_settings())
    assert out[0].text.startswith("Four crew members were treated")


def test_a_title_opening_on_a_condition_is_no_headline() -> None:
    from newsbrief.story.lead import is_report_title

    assert not is_report_title("If the harbour wall fails the old town would flood")
    assert is_report_title("Harbour wall holds as storm passes Kessel")



RALLY = np.eye(DIM)[3]  # a rally after the capsizing: a sideline of the story
INQUIRY = np.eye(DIM)[4]  # the inquiry opened into the capsizing: where the story stands


def _capsizing(rally_vector: np.ndarray) -> tuple[StoryContext, list[Claim]]:
    """Six reports of a ferry capsizing whose leads all score 1.33 (mean independent sources of
    three lead sentences): four of the capsizing itself on the 10th ([2, 1, 1]: the opening told by
    two outlets), one of the inquiry opened on the 11th ([2, 1, 1]: the inquiry told by two), and a
    one-outlet report of a rally on the 12th whose third sentence restates the toll ([1, 1, 2])."""
    rng = np.random.default_rng(5)

    def near(v: np.ndarray) -> np.ndarray:
        return v + 0.1 * rng.standard_normal(DIM)

    arts = [
        _article(f"e{k}", 10, f"Estuary ferry capsizes with {k + 40} aboard", [
            (f"The Tarn estuary ferry capsized on Monday evening with {k + 40} passengers aboard.", near(EVENT)),
            (f"Rescue boats searched the water until dawn, report {k} said.", near(EVENT)),
            (f"The ferry had been inspected in March, report {k} added.", near(EVENT)),
        ])
        for k in range(3)
    ]
    arts += [
        _article(f"q{k}", 11, f"Inquiry opened into Tarn ferry capsizing, source {k}", [
            ("The port authority opened an inquiry on Tuesday into the capsizing of the Tarn estuary ferry.", near(EVENT + 0.4 * INQUIRY)),
            (f"Investigators will examine the ferry's ballast, account {k} said.", near(EVENT + 0.4 * INQUIRY)),
            (f"The inquiry is due to report within a month, account {k} said.", near(EVENT + 0.4 * INQUIRY)),
        ])
        for k in range(2)
    ]
    arts.append(_article("rally", 12, "Hundreds rally outside port authority after ferry capsizing", [
        ("Hundreds of people rallied outside the port authority on Wednesday, chanting and waving banners.", rally_vector),
        ("Organisers said the march was the largest the town had seen in years.", rally_vector),
        ("Eleven people died when the Tarn estuary ferry capsized on Monday.", near(EVENT)),
    ]))
    story = StoryContext(tuple(arts), build_pool(arts), (), {a.article.id: a.article.id for a in arts})
    claims = [
        Claim(0, "capsized", ("e0", "e1", "e2", "rally"), 2, tuple(SentenceRef(x, 0) for x in ("e0", "e1", "e2")) + (SentenceRef("rally", 2),)),
        Claim(1, "inquiry", ("q0", "q1"), 2, (SentenceRef("q0", 0), SentenceRef("q1", 0))),
    ]
    return story, claims


def test_a_tie_on_corroboration_goes_to_the_central_event_not_a_sideline() -> None:
    """Issue 13: the latest report won every tie, so a one-outlet report of a rally led the
    brief. Tied with earlier reports and far from the story's centre, it is a sideline: the latest
    report of the event itself, the inquiry, leads."""
    story, claims = _capsizing(RALLY + 0.5 * EVENT)
    from newsbrief.story.lead import _lead_scores

    assert len({round(v, 6) for v in _lead_scores(story, claims).values()}) == 1, "every lead scores the same"
    assert choose_lead_article(story, claims, central_ties=False).id == "rally"  # type: ignore[union-attr]
    lead = choose_lead_article(story, claims)
    assert lead is not None and lead.id in {"q0", "q1"}
    # The same report told about the event itself (a new development, as central as the others)
    # is where the story stands: the latest still leads a tie.
    story, claims = _capsizing(EVENT + 0.05 * RALLY)
    lead = choose_lead_article(story, claims)
    assert lead is not None and lead.id == "rally"


def test_an_off_centre_report_better_corroborated_than_all_before_it_still_leads() -> None:
    """The tie rule sets a one-source, off-centre report aside only when an earlier report is as
    well corroborated: the rally's second sentence told by another outlet too ([1, 2, 2]) makes it
    the best-corroborated report, and it leads."""
    story, claims = _capsizing(RALLY + 0.5 * EVENT)
    # (e0's sentence keeps its first claim, the capsizing: e0 stays [2, 1, 1].)
    organisers = Claim(2, "organisers", ("rally", "e0"), 2, (SentenceRef("rally", 1), SentenceRef("e0", 0)))
    lead = choose_lead_article(story, [*claims, organisers])
    assert lead is not None and lead.id == "rally"


def test_a_sideline_whose_opening_another_outlet_tells_is_news_of_the_story() -> None:
    """An opening told by two sources is the story's news, however far its lead from the centre: a
    tie goes to the latest report, as before."""
    story, claims = _capsizing(RALLY + 0.5 * EVENT)
    rallied = Claim(2, "rallied", ("rally", "e1"), 2, (SentenceRef("rally", 0), SentenceRef("e1", 1)))
    # [2, 1, 2] for the rally; e1 gets [2, 2, 1]: both 1.67, the rally later.
    lead = choose_lead_article(story, [*claims, rallied])
    assert lead is not None and lead.id == "rally"


UNTITLED = [
    {"published": "2025-06-02", "text": "Floodwater cut the main rail line between Orsk and Velden on Monday, stranding two trains in open country. "
     "Engineers said the embankment had been undermined by three days of rain. Passengers were taken off by bus."},
    {"published": "2025-06-02", "text": "Rail services between Orsk and Velden were halted on Monday after floodwater washed away part of an embankment. "
     "Two trains were stranded and their passengers were moved to buses. The operator said repairs could take a week."},
    {"published": "2025-06-02", "text": "The flood that cut the Orsk to Velden rail line on Monday left two trains stranded in open country. "
     "Buses took the passengers on to Velden. The river was still rising in the evening."},
]


def test_an_untitled_story_is_named_by_its_most_central_reports_opening(tmp_path, settings, resources) -> None:  # type: ignore[no-untyped-def]
    """No title and no latest report (one day): the brief was called "News brief", as were a
    quarter of the stories a desk's database of scraped pages listed. Its headline is now its most
    central report's opening, and the story lists show the same (pipeline.story_listing)."""
    import json

    from newsbrief.pipeline import brief_paths, story_listing
    from newsbrief.render.common import headline

    path = tmp_path / "flood.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in UNTITLED) + "\n", encoding="utf-8")
    brief = brief_paths([str(path)], settings, resources)
    title = headline(brief)
    assert title != "News brief"
    openings = [r["text"].split(". ")[0] for r in UNTITLED]
    assert any(title.startswith(o[:40]) for o in openings), title
    from newsbrief.read.readers import read_paths
    from newsbrief.pipeline import annotate_articles

    articles, _ = read_paths([str(path)], settings)
    assert story_listing(annotate_articles(articles, resources), settings).headline == title


def test_one_side_s_contested_word_does_not_open_the_summary_where_the_lead_tells_what_happened() -> None:
    """A party insisting on its account is its position, not where the story stands."""
    story, claims = _story(dateline="Depot owner Ann Poe insisted on local radio that ")
    lead = choose_lead_article(story, claims)
    assert lead is not None and lead.id == "late"
    out = lead_summary(story, claims, [], lead, load_settings())
    assert out[0].text.startswith("Four crew members were treated")


def test_what_states_a_side() -> None:
    from newsbrief.story.lead import states_a_side

    assert states_a_side("Harn's mayor , a close ally of the governor , insisted on state radio that the dam was safe .")
    assert states_a_side("The ministry denied that troops had fired on the crowd.")
    assert states_a_side('The rebel commander vowed "we will take the airport by Friday".')
    # Plain reports, and a denial without a clause of its own, are no side's word.
    assert not states_a_side("Rebels entered the capital on Sunday as gunfire rocked the port, witnesses said.")
    assert not states_a_side("The governor was denied entry to the building on Monday.")


def test_a_report_without_sentences_never_leads_nor_breaks_the_choice() -> None:
    """Every lead scoring 0 (here claims of no independent source) put the floor at 0, where a
    report with no sentence (no lead, no score) passed it and the tie rule raised KeyError."""
    arts = [
        _article(f"e{k}", 10 + k, f"Ferry capsizes in the estuary, report {k}", [(f"The ferry capsized with {k + 30} aboard.", EVENT + 0.01 * k)])
        for k in range(4)
    ]
    empty = Article("x", "x.txt", "", title="An empty page filed with the ferry story", published=dt.date(2024, 5, 20))
    arts.append(AnnotatedArticle(empty, (), embeddings=np.zeros((0, DIM), dtype=np.float32)))
    story = StoryContext(tuple(arts), build_pool(arts), (), {a.article.id: a.article.id for a in arts})
    claims = [Claim(0, "capsized", tuple(f"e{k}" for k in range(4)), 0, tuple(SentenceRef(f"e{k}", 0) for k in range(4)))]
    for central_ties in (True, False):
        lead = choose_lead_article(story, claims, central_ties=central_ties)
        assert lead is not None and lead.id in {"e0", "e1", "e2", "e3"}, "a report with a lead"


def test_what_repeats_a_headline() -> None:
    from newsbrief.story.lead import repeats_headline

    head = "Floodwater cut the rail line between Orsk and Velden on June 3"
    assert repeats_headline(head, head + " , as the river kept rising through the night .")
    assert repeats_headline(head, "On June 3 floodwater cut the Orsk - Velden rail line between the two towns .")
    assert not repeats_headline(head, "Engineers said three days of rain had undermined the embankment near Velden .")
    assert not repeats_headline("", "Anything at all .")
    # A short title is a label: the lines about the story hold its words without repeating it.
    assert not repeats_headline("Orsk floods", "The Orsk floods cut the rail line to Velden for a week .")
    assert not repeats_headline("Velden rail line: live updates", "Live updates on the Velden rail line were posted by the operator .")


# Reports of two days, untitled: the latest well-corroborated report's opening gives the headline
# (its main clause, the sentence being over twenty words) and the summary's first line.
UNTITLED_DAYS = [
    {"published": "2025-06-02", "text": "Floodwater cut the main rail line between Orsk and Velden on Monday, stranding two trains in open country. "
     "Engineers said the embankment had been undermined by three days of rain. Passengers were taken off by bus."},
    {"published": "2025-06-02", "text": "Rail services between Orsk and Velden were halted on Monday after floodwater washed away part of an embankment. "
     "Two trains were stranded and their passengers were moved to buses. The operator said repairs could take a week."},
    {"published": "2025-06-03", "text": "Repair crews began rebuilding the washed-out embankment on the Orsk to Velden rail line on Tuesday "
     "as the river that flooded it kept rising through the night and the operator warned of a week of bus replacement services. "
     "Two trains stranded on Monday were towed back to Orsk. Engineers said three days of rain had undermined the embankment."},
    {"published": "2025-06-03", "text": "Crews started rebuilding the Orsk to Velden rail embankment on Tuesday after floodwater washed part of it away. "
     "Buses replaced trains between the two towns. The river was still rising in the evening."},
]


def test_the_summary_opens_on_the_lead_and_says_the_headline_no_other_time(tmp_path, settings, resources) -> None:  # type: ignore[no-untyped-def]
    import json

    import re

    from newsbrief.pipeline import brief_paths
    from newsbrief.render.common import headline

    def held(head: str, line: str) -> float:  # share of the headline's words the line holds
        words = re.findall(r"\w+", head.lower())
        return sum(w in set(re.findall(r"\w+", line.lower())) for w in words) / len(words)

    path = tmp_path / "flood.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in UNTITLED_DAYS) + "\n", encoding="utf-8")
    brief = brief_paths([str(path)], settings, resources)
    title = headline(brief)
    assert title.startswith("Repair crews began rebuilding"), title
    assert brief.summary
    # The summary opens where the story stands, on the latest report's own sentence (issue 13), even
    # though the headline is its main clause; no other line says the headline again.
    assert brief.summary[0].text.startswith("Repair crews began rebuilding"), [s.text for s in brief.summary]
    assert max(held(title, s.text) for s in brief.summary[1:]) < 0.8, [s.text for s in brief.summary]
