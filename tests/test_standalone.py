"""Summary sentences that cannot stand alone (issue 13): an opening definite description of
someone or something the article introduced before, a speaker named by surname alone in
tokenised text. Such a sentence is a follower (only right after the sentence before it)."""

from __future__ import annotations

from newsbrief.summary.candidates import judge_sentence
from newsbrief.summary.standalone import opens_on_definite_reference, standalone_reason


def test_an_opening_definite_description_points_back() -> None:
    for text in (
        "The report highlighted the alleged use of rape as a weapon by the government forces .",
        "The woman was trying to fight back as well , the witness told reporters .",
        "The two women were taken to hospital in the capital on Monday .",
        "The aircraft targeted two oil towns , both of which were hit with bombs on Wednesday .",
    ):
        assert opens_on_definite_reference(text), text
        assert judge_sentence(text) == "follower", text


def test_descriptions_that_say_which_one_or_need_no_introduction_stand() -> None:
    for text in (
        "The report by the U.N. envoy said the talks had failed after three weeks .",
        "The United States on Monday condemned the violence in the capital and the ports .",
        "The government declared a cease-fire on Friday after the council voted for a no-fly zone .",
        "The earthquake struck at 4:53 p.m. on Tuesday about 15 km from the capital .",
        "Reports of the attack reached the capital on Monday , officials said .",
    ):
        assert not opens_on_definite_reference(text), text
        assert standalone_reason(text) is None, text


def test_a_speaker_named_by_surname_in_tokenised_text_is_a_follower() -> None:
    assert judge_sentence("Rebels took the airport after a day of heavy fighting , Abdallah said .") == "follower"
    assert judge_sentence("Rebels took the airport after a day of heavy fighting , said Abdallah .") == "follower"
    assert judge_sentence("Rebels could also face arrest warrants for the shelling , Moreno-Ocampo said .") == "follower"
    # A full name or a group needs no introduction.
    assert judge_sentence("Rebels took the airport after a day of heavy fighting , Omar Abdallah said .") is None
    assert judge_sentence("Rebels took the airport after a day of heavy fighting , officials said .") is None



def test_the_lead_report_opens_the_summary_only_on_a_sentence_that_stands_alone() -> None:
    from test_lead import _story

    from newsbrief.config import load_settings
    from newsbrief.story.lead import choose_lead_article, lead_summary

    # The lead's central sentence leans on one before it ("The report noted ..."): the summary
    # opens on the lead's other sentence instead of a reference to nothing.
    story, claims = _story(dateline="The report noted that ")
    lead = choose_lead_article(story, claims)
    assert lead is not None
    out = lead_summary(story, claims, [], lead, load_settings())
    assert out[0].text.startswith("Four crew members were treated")
    story, claims = _story()
    out = lead_summary(story, claims, [], lead, load_settings())
    assert out[0].text.startswith("The fire that destroyed the harbour depot")
