"""Figures and quotes as an editor reads them: no tokeniser bracket as a label ("about -RRB-"), one
line for a sentence a page printed twice (once run into the next sentence), no code ("H3N2") as a
quote's speaker. Invented text."""

from __future__ import annotations

from newsbrief.models import Figure
from newsbrief.story.figures import clean_label, merge_restated


def test_a_tokeniser_bracket_is_no_label() -> None:
    assert clean_label("-RRB-") == ""
    assert clean_label("-LRB- fine") == "fine"
    assert clean_label("harbour -RSB- fees") == "harbour fees"
    assert clean_label("ferry fares") == "ferry fares"


def _fig(sentence: str, sources: tuple[str, ...], text: str = "more than $ 40m", about: str = "claim") -> Figure:
    return Figure(text, 40e6, "USD", about, sentence, sources)


def test_a_sentence_printed_twice_gives_one_figure_with_both_sources() -> None:
    whole = _fig("The port is seeking more than $ 40m -LRB- # 25m -RRB- in damages .", ("b",))
    run_on = _fig("The port is seeking more than $ 40m The harbour master said later that talks would resume .", ("a",))
    other = _fig("The insurers put the claim at more than $ 40m , a spokesman said .", ("c",))
    merged = merge_restated([whole, run_on, other])
    assert [f.sentence for f in merged] == [whole.sentence, other.sentence]
    assert merged[0].sources == ("a", "b")
    # ... whichever ranked first: the telling that ends as a sentence is shown.
    assert merge_restated([run_on, whole])[0].sentence == whole.sentence


def test_the_same_value_of_another_thing_stays_its_own_figure() -> None:
    fine = _fig("The port is seeking more than $ 40m in damages .", ("a",))
    fees = _fig("The port is seeking more than $ 40m in damages .", ("b",), about="fees")
    assert len(merge_restated([fine, fees])) == 2


def test_a_short_common_opening_is_no_restatement() -> None:
    a = _fig("Three people were killed when shells hit the harbour on Monday .", ("a",), text="Three", about="people")
    b = _fig("Three people were killed in an air strike on the market on Wednesday .", ("b",), text="Three", about="people")
    assert len(merge_restated([a, b])) == 2


def test_a_code_the_parser_took_for_a_name_speaks_no_quote() -> None:
    from newsbrief.config import load_settings
    from newsbrief.models import AnnotatedArticle, Article, QuoteMention, Sentence
    from newsbrief.story.context import build_story
    from newsbrief.story.quotes import collect_quotes

    text = "`` We will keep the port open , '' H5N7 said ."
    art = Article("a1", "a1.txt", text)
    ann = AnnotatedArticle(art, (Sentence("a1", 0, 0, len(text), text),), quotes=(QuoteMention("a1", 0, 3, 34, "We will keep the port open ,", "H5N7"),))
    quotes = collect_quotes(build_story([ann], load_settings()), ())
    assert [q.speaker for q in quotes] == [None]


def test_doubled_marks_are_a_readers_voice_not_a_summary_sentence() -> None:
    from newsbrief.summary.candidates import judge_sentence

    assert judge_sentence("The harbour is still flooding !! HELP !! We need boats in the old town now .") == "exclamation"
    assert judge_sentence("The harbour authority said the quay would reopen on Friday after repairs .") is None


def test_a_live_pages_archived_title_is_furniture() -> None:
    from newsbrief.read.cleaning import clean_text

    page = (
        "Harbour fire latest\n"
        "The fire that destroyed the harbour depot was brought under control on Friday after seven hours , the fire chief said .\n"
        "As it happened : Harbour fire 13 Jan Live coverage following the fire at Kessel harbour .\n"
        "Four crew members were treated for smoke inhalation , officials said .\n"
    )
    assert "Live coverage" not in clean_text(page, "2015-01-13/live.txt").body


def test_a_phases_most_reported_claim_is_found_when_the_setting_is_on(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from newsbrief.models import Claim, SentenceRef
    from newsbrief.summary import phases
    from newsbrief.summary.candidates import Candidate

    vote = Candidate(3, SentenceRef("c", 0), "The council voted on Friday to close the harbour to ferries .", 12, None, frozenset())
    short = Candidate(3, SentenceRef("c", 0), "The council voted to close the harbour .", 8, None, frozenset(), compressed=True)
    other = Candidate(1, SentenceRef("a", 0), "Shops along the front reopened on Thursday .", 8, None, frozenset())
    claims = [Claim(1, "vote", ("c", "d", "e", "f"), 4, (SentenceRef("c", 0),)), Claim(2, "shops", ("a",), 1, (SentenceRef("a", 0),))]
    assert phases.most_reported([other, vote, short], claims, 40) is None  # off by default
    monkeypatch.setattr(phases, "TOP_CLAIM_MIN_SOURCES", 3)
    assert phases.most_reported([other, short, vote], claims, 40) is vote  # whole where it fits
    assert phases.most_reported([other, short, vote], claims, 10) is short
    monkeypatch.setattr(phases, "TOP_CLAIM_MIN_SOURCES", 5)
    assert phases.most_reported([other, vote], claims, 40) is None


def test_a_list_run_together_is_no_summary_sentence() -> None:
    from newsbrief.summary.candidates import judge_sentence

    assert judge_sentence("The worst hit towns are ; cents Kessel : 40 homes flooded , 12 boats lost in the storm .") == "list"
    assert judge_sentence("The worst hit towns are • Kessel , with 40 homes flooded and 12 boats lost .") == "list"
    assert judge_sentence("The ferry ticket rose by 50 cents Monday , the operator said in a statement .") is None


def test_british_and_american_spellings_of_a_name_fold_together() -> None:
    from newsbrief.story.spellings import fold_key

    assert fold_key("harbour safety organisation") == fold_key("harbour safety organization")
    assert fold_key("harbour safety organisation") != fold_key("harbour safety association")


def test_a_figure_without_a_label_renders_no_empty_brackets() -> None:
    from newsbrief.models import Article, Brief
    from newsbrief.render import render

    art = Article("a", "a.txt", "The port is seeking more than $ 40m in damages .")
    bare = _fig("The port is seeking more than $ 40m in damages .", ("a",), about="")
    md = render(Brief(articles=(art,), summary=(), figures=(bare,)), "markdown")
    line = next(x for x in md.splitlines() if x.startswith("- **more than $ 40m**"))
    assert "()" not in line and line.startswith("- **more than $ 40m**: The port")
