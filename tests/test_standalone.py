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


# ----------------------------------------------------------------- page furniture by its shape


def test_a_sentence_cut_at_a_title_abbreviation_is_a_fragment() -> None:
    from newsbrief.summary.standalone import ends_on_title_abbreviation

    # A teaser list run together: the splitter ended a "sentence" at the title before a name.
    for text in (
        "Council backs sea blockade of Norland Norland 's amb .",
        "Harbour strike talks collapse as union rejects offer from Port Authority Gen .",
        "Mayor welcomes river flood aid package for the valley towns sen .",
    ):
        assert ends_on_title_abbreviation(text), text
        assert judge_sentence(text) == "fragment", text
    # Abbreviations that do end sentences, and titles inside one, are not cuts.
    for text in (
        "The company was bought last year by Harlow Brothers Holdings Inc .",
        "The ambassador , Amb. Ivo Tarr , met the council on Monday to discuss the blockade .",
        "The new bridge across the river opened to traffic at 6 a.m. on Monday .",
        "All five were convicted by courts that are widely seen as loyal to Hun Sen .",
    ):
        assert not ends_on_title_abbreviation(text), text


def test_a_title_case_headline_glued_to_a_sentence_is_a_headline() -> None:
    from newsbrief.summary.standalone import opens_on_title_case_run

    for text in (
        "Villagers Still Waiting For Water Regional officials say the pipes will be fixed by May .",
        "Union Votes To End Dock Strike The vote came after three weeks of talks in the port city .",
    ):
        assert opens_on_title_case_run(text), text
        assert judge_sentence(text) == "headline", text
    # Names keep their function words lowercase; a sentence opening on a name stands.
    for text in (
        "Bank of America said on Monday that it would cut 3,000 jobs in its mortgage unit .",
        "United Nations Secretary General Ban Ki-moon called for a cease-fire on Tuesday .",
        "New York City Mayor Ann Poe said the tunnels would reopen on Friday morning .",
    ):
        assert not opens_on_title_case_run(text), text
        assert judge_sentence(text) is None, text


def test_a_sentence_case_headline_glued_to_a_sentence_is_a_headline() -> None:
    from newsbrief.summary.standalone import glues_sentence_case_headline

    for text in (
        "Rebels seize four hill towns In the western range , hundreds of fighters pushed south on Thursday .",
        "Ferry service resumes after storm The first boat left the harbour at dawn on Monday .",
        "Council approves new budget An angry council voted 7-5 on Tuesday night to raise fees .",
    ):
        assert glues_sentence_case_headline(text), text
        assert judge_sentence(text) == "headline", text
    # Capitalised openers inside a sentence begin names and titles, which go on with a capital; a
    # sentence's own first word is no glue; a glue past a headline's length is not a headline's.
    for text in (
        "The mayor told The New York Times that the bridge would reopen on Friday .",
        "In the morning the river fell by two metres , officials said on Sunday .",
        "Residents watched A Night at the Opera in the square while the power was out .",
        "The clinic tested 40 children for the hepatitis A virus and found no new case on Monday .",
        "Officials said the pumps had been running since dawn and that water would be back in every"
        " street of the district by Friday night In the meantime , tankers will supply the schools .",
    ):
        assert not glues_sentence_case_headline(text), text


def test_a_live_blog_label_opener_is_taken_off() -> None:
    from newsbrief.summary.candidates import candidate_text

    assert candidate_text("To recap : The river rose above its banks in three towns on Sunday night .") == (
        "The river rose above its banks in three towns on Sunday night ."
    )
    assert candidate_text("Catch up: Dock workers in Kessel voted to end their three-week strike on Monday.") == (
        "Dock workers in Kessel voted to end their three-week strike on Monday."
    )
    assert candidate_text("UPDATE : Rescuers reached the last of the trapped miners early on Friday .") == (
        "Rescuers reached the last of the trapped miners early on Friday ."
    )
    # A speaker before a colon is no label: the sentence is theirs, and stays as it is.
    for text in (
        "The mayor said : The bridge will reopen when engineers have checked every cable .",
        "Police : `` The suspect was armed and fled toward the river on foot . ''",
        "Kessel , Norland : Dock workers voted to end their strike on Monday .",
    ):
        assert candidate_text(text) == text, text


def test_a_short_verification_disclaimer_and_a_relative_time_are_not_standalone() -> None:
    assert judge_sentence("The Ledger could not independently confirm the reports from the islands .") == "disclaimer"
    assert judge_sentence("Reporters could not immediately verify the claims made by either side .") == "disclaimer"
    # A longer sentence says what could not be confirmed: it is a statement.
    assert judge_sentence(
        "Residents said at least 40 people were killed when the dam burst on Sunday night , a toll the Ledger "
        "could not independently confirm ."
    ) is None
    assert judge_sentence("Naval ships began clearing mines from the harbour a short time later .") == "follower"
    assert judge_sentence("Naval ships began clearing mines from the harbour on Tuesday morning .") is None


def test_a_quoted_headline_run_into_a_sentence_is_a_headline() -> None:
    from newsbrief.summary.standalone import glues_quoted_title

    glued = "Harbour strike : ` hold firm , stay calm ' A union leader was arrested at the gates on Monday ."
    assert glues_quoted_title(glued) and judge_sentence(glued) == "headline"
    for text in (
        "The union leader told workers to ` hold firm ' as the strike entered its third week on Monday .",
        "Workers chanted `` no deal '' as the talks broke down in the capital late on Tuesday night .",
    ):
        assert not glues_quoted_title(text), text


def test_a_promo_title_is_not_a_report_headline() -> None:
    from newsbrief.story.lead import is_report_title

    for title in ("Get the figures here", "Watch : the harbour fire from the air", "Read the full ruling here"):
        assert not is_report_title(title), title
    for title in ("Harbour fire toll rises to eleven", "Getty museum reopens after flood repairs"):
        assert is_report_title(title), title


def test_header_matter_run_into_a_first_sentence_is_a_headline() -> None:
    from newsbrief.summary.standalone import carries_header_matter

    for text in (
        "By Ann Poe Ledger News , Kessel Dock workers gathered at the gates before dawn on Monday .",
        "Port reopens as strike ends Dock workers return Monday 3 June 2024 07.15 BST Ships began leaving Kessel at dawn .",
    ):
        assert carries_header_matter(text) and judge_sentence(text) == "headline", text
    for text in (
        "By Monday , dock workers had returned to the gates and the first ships had left Kessel .",
        "The first ship left Kessel at 07.15 BST on Monday , the port authority said in a statement .",
    ):
        assert not carries_header_matter(text), text


def test_a_sentence_closing_a_bracket_it_never_opened_is_a_fragment() -> None:
    assert judge_sentence("Port police -RRB- entered the union office and removed several boxes of papers .") == "fragment"
    assert judge_sentence("Port police ) entered the union office and removed several boxes of papers on Monday .") == "fragment"
    assert judge_sentence(
        "Officers of the port police -LRB- PPS -RRB- entered the union office and removed several boxes ."
    ) is None


def test_a_long_storys_sentence_needs_its_article_when_it_names_a_role_but_no_one() -> None:
    from newsbrief.summary.standalone import needs_context

    assert needs_context("Norland 's transport minister flew to Kessel on April 9 .")
    assert needs_context("The Port Authority 's chief negotiator walked out of the talks .")
    # Named beside the role, or the role is not the subject: it stands.
    assert not needs_context("Norland 's transport minister , Ana Lind , flew to Kessel on April 9 .")
    assert not needs_context("Norland 's Transport Minister Ana Lind flew to Kessel on April 9 .")
    assert not needs_context("The union 's envoy to the talks says both sides are close to a deal .")
    assert not needs_context("Dock workers in Kessel ended their strike on April 9 .")
    # A bare relative day the reader of a months-long story cannot place.
    assert needs_context("Dock workers in Kessel ended their strike on Sunday .")
    assert needs_context("Dock workers in Kessel ended their strike yesterday .")


def test_a_relative_day_is_told_as_its_date() -> None:
    from newsbrief.summary.standalone import resolve_relative_days

    assert resolve_relative_days("The port reopened yesterday .", [("yesterday", "2024-04-09")], False) == (
        "The port reopened on April 9 ."
    )
    assert resolve_relative_days("Talks broke down late Thursday in the capital .", [("late Thursday", "2024-03-14")], False) == (
        "Talks broke down late on March 14 in the capital ."
    )
    assert resolve_relative_days("The union voted Saturday night to strike .", [("Saturday night", "2024-03-02")], True) == (
        "The union voted on the night of March 2 , 2024 to strike ."
    )
    assert resolve_relative_days("Today , the minister met the union .", [("Today", "2024-03-05")], False) == (
        "On March 5 , the minister met the union ."
    )
    assert resolve_relative_days("Ships have queued since Tuesday .", [("Tuesday", "2024-03-05")], False) == (
        "Ships have queued since March 5 ."
    )
    # "Friday 's vote" is left: "on March 8 's vote" would not read.
    left = "Friday 's vote ended the strike ."
    assert resolve_relative_days(left, [("Friday", "2024-03-08")], False) == left
    # A mention resolved only to a month is not a day.
    assert resolve_relative_days("The port reopened Tuesday .", [("Tuesday", "2024-03")], False) == "The port reopened Tuesday ."


def test_a_pronoun_after_a_connective_or_an_unstated_charge_needs_the_article() -> None:
    from newsbrief.summary.standalone import needs_context

    assert needs_context("In fact , it has criticized the strikes on the port .")
    assert needs_context("Now , the head of the dock workers ' union resigns .")
    assert needs_context("A spokesman for the Port Authority denied the charge .")
    assert not needs_context("In fact , dock workers in Kessel have struck four times since 2019 .")
    assert not needs_context("The Port Authority denied that it had hired replacement crews .")


def test_an_opening_phrase_that_points_back_needs_the_article() -> None:
    from newsbrief.summary.standalone import needs_context

    assert needs_context("In one case , the port authority responds with a lockout .")
    assert needs_context("In another case a crew was held for two days .")
    assert needs_context("As a result , ferries to Kessel stopped running .")
    assert needs_context("In response , the union called a second strike .")
    assert needs_context("For example , dock workers in Kessel lost a week 's pay .")
    # The phrase names what it points at, or is no pointer at all: stands.
    assert not needs_context("In response to the lockout , the union called a second strike .")
    assert not needs_context("In one week , dock workers in Kessel struck twice .")
    assert not needs_context("In Kessel , dock workers ended their strike on April 9 .")


def test_a_weekend_or_week_told_relative_to_the_report_or_a_hosts_chatter_needs_the_article() -> None:
    from newsbrief.summary.standalone import needs_context

    assert needs_context("Allied strikes on the port of Kessel , which began this weekend , went on .")
    assert needs_context("Dock workers in Kessel voted last week to end their strike .")
    assert needs_context("Welcome to HARBOUR HOUR , where the news of the port is told .")
    assert needs_context("Still ahead , the strike at the port of Kessel .")
    assert not needs_context("Dock workers in Kessel voted on April 9 to end their strike of ten weeks .")


def test_a_scene_setting_opener_is_colour_not_a_statement() -> None:
    # Own examples: the light or the weather painted before the news is feature prose.
    for text in (
        "As dusk fell on Tuesday the mortar fire that had shaken the hills above Harn eased before resuming near midnight .",
        "As night fell over the port, the last ferry pulled out with its lights off.",
        "Under a blazing sun , hundreds queued for water outside the depot .",
        "In the fading light , rescuers kept digging through the rubble of the school .",
    ):
        assert standalone_reason(text) == "scene", text
        assert judge_sentence(text) == "scene", text
    # The same words telling the news stand: a time of day is no scene by itself.
    for text in (
        "At dawn on Tuesday, rebels attacked the checkpoint outside Harn, a spokesman said.",
        "Rescuers worked through the night to free 12 miners trapped in the Velko pit.",
        "As the talks broke down, the union called a strike for Monday.",
    ):
        assert standalone_reason(text) is None, text


def test_a_group_place_or_event_told_only_as_the_one_needs_the_article() -> None:
    from newsbrief.summary.standalone import needs_context

    # Which battle, which group, which town: the article said so before.
    assert needs_context("Union organisers said 900 dock workers joined in the strike , which lasted six hours .")
    assert needs_context("The group said it would keep the harbour closed until wages rose .")
    assert needs_context("The town fell to the strikers after a week of clashes .")
    assert needs_context("The two factions agreed to a truce on the quay .")
    # It names the event, or says where or when, or needs no introduction: stands.
    assert not needs_context("Union organisers said 900 dock workers joined in the strike at Kessel , which lasted six hours .")
    assert not needs_context("Union organisers said 900 dock workers joined in the strike on April 9 , which lasted six hours .")
    assert not needs_context("Union organisers said 900 dock workers joined in the strike of the northern ports .")
    assert not needs_context("The group of dock workers from Kessel walked off the job on April 9 .")
    assert not needs_context("Dock workers in Kessel ended their strike after the port raised wages by 6 percent .")


def test_an_answer_to_a_question_the_article_asked_needs_the_article() -> None:
    from newsbrief.summary.standalone import needs_context

    assert needs_context("A lot , when it comes to the price of harbour fuel .")
    assert needs_context("Not much , if the port stays shut for another week .")
    assert not needs_context("A lot of dock workers in Kessel stayed home on April 9 .")


def test_a_location_aside_needs_its_article() -> None:
    """A sentence that only places one town from another is no news alone in a long story's summary;
    a moving force's distance, a clause of news or a past position is (invented sentences)."""
    from newsbrief.summary.standalone import is_location_aside, needs_context

    for aside in (
        "Velden lies 40 km north of Orsk .",
        "Port Arrow is about 150 miles -LRB- 240 kilometers -RRB- west of Kessel .",
        "Bir al-Tama is some 85 kilometres southwest of the capital .",
        "The town is about 30 miles from the border .",
    ):
        assert is_location_aside(aside) and needs_context(aside), aside
    for news in (
        "The rebel column is 40 km from Kessel .",
        "Rebel forces are 20 miles from Kessel .",
        "The convoy was 40 km north of Orsk when it was attacked .",
        "Rescuers reached Velden , which is 40 km north of Orsk .",
        "Velden is 40 km north of Orsk , and its only road was cut on Monday .",
    ):
        assert not is_location_aside(news), news
