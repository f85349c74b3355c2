"""News media in who's who (story/media.py): an outlet that narrates its own archive is no actor
of the story; one the story is about stays (invented text)."""

from __future__ import annotations

from typing import Any

from newsbrief.config import load_settings
from newsbrief.story import media
from newsbrief.story.context import build_story
from newsbrief.story.entities import merge_entities

SETTINGS = load_settings()

# Three reports of an invented broadcaster on a dock strike: its datelines, what it could not
# confirm, who told it what and its reporters' credits name it eleven times; the port authority,
# the story's actor, four times.
NARRATED = [
    "Kessel , Norland (MBC) -- Dock workers at the Kessel Port Authority walked out on Monday. "
    "The Kessel Port Authority said the strike had halted all shipping. MBC could not independently confirm the figures. "
    "A union leader told MBC that the strike would go on. MBC's Ann Poe contributed to this report.",
    "Kessel , Norland (MBC) -- The Kessel Port Authority offered the dock workers a new contract on Tuesday. "
    "MBC could not immediately verify the terms. Port director Lena Brandt told MBC the offer was final. "
    "MBC's Bo Lind and Cy Dahl contributed to this report.",
    "Kessel , Norland (MBC) -- Dock workers rejected the offer of the Kessel Port Authority on Wednesday. "
    "MBC was unable to confirm how many had voted. MBC's Ann Poe reports from the harbour.",
]


def _organisations(annotate_texts: Any, bodies: list[str]) -> dict[str, int]:
    story = build_story(annotate_texts(bodies), SETTINGS)
    return {e.name: e.mentions for e in merge_entities(story) if e.type == "organization"}


def test_an_outlet_narrating_its_own_reports_is_no_organisation_of_the_story(annotate_texts: Any) -> None:
    orgs = _organisations(annotate_texts, NARRATED)
    assert "MBC" not in orgs
    assert orgs.get("Kessel Port Authority", 0) >= 3


def test_a_broadcaster_the_story_is_about_stays_listed(annotate_texts: Any) -> None:
    bodies = [
        "Regulators fined MBC on Monday for breaking broadcasting rules. MBC said it would appeal the fine. "
        "The board of MBC met late into the night. A union leader told MBC that staff were worried.",
        "MBC dismissed its director general on Tuesday after the fine. Shares in MBC fell sharply. "
        "MBC appointed an interim chief. MBC could not say when a new director would be named.",
    ]
    assert "MBC" in _organisations(annotate_texts, bodies)


def test_newsroom_words_around_a_name() -> None:
    def at(text: str, name: str) -> tuple[str, int, int]:
        i = text.index(name)
        return text, i, i + len(name)

    assert media.written_as_newsroom(*at("Tripoli , Libya -LRB- KTV -RRB- -- Rebels advanced .", "KTV"))
    assert media.written_as_newsroom(*at("KTV could not independently verify the reports .", "KTV"))
    assert media.written_as_newsroom(*at("said the KTV 's medical correspondent .", "KTV"))
    assert media.written_as_newsroom(*at("KTV Senior International Correspondent Ann Poe", "KTV"))
    assert media.written_as_newsroom(*at("KTV 's Ann Poe and Bo Li contributed to this report .", "KTV"))
    assert media.written_as_newsroom(*at("Photograph : Ann Poe/KTV", "KTV"))
    # An agency's own words and acts are no newsroom's.
    assert not media.written_as_newsroom(*at("Dr Poe of the Disease Agency told reporters on Monday .", "Disease Agency"))
    assert not media.written_as_newsroom(*at("the Health Protection Agency -LRB- HPA -RRB- said", "HPA"))
    assert not media.written_as_newsroom(*at("NATO 's Anders Dahl said the strikes would go on .", "NATO"))
    assert media.written_as_cited(*at("the minister told KTV on Monday .", "KTV"))
    assert media.written_as_cited(*at("according to KTV .", "KTV"))
    assert media.written_as_source(*at("said on KTV 's morning show", "KTV"))
    assert media.written_as_source(*at("The KTV 's Ann Poe in Kessel says the port is shut .", "KTV"))


def test_an_input_outlet_is_a_medium_whatever_its_words() -> None:
    outlets = media.outlet_keys(["The Kessel Courier", None, "Reuters"])
    assert media.is_medium(["Kessel Courier"], 10, 0, 0, outlets)
    assert media.is_medium(["Reuters"], 3, 0, 0, outlets)
    assert not media.is_medium(["Kessel Port Authority"], 10, 0, 0, outlets)
    # Written as a newsroom (MEDIUM_SHARE of its mentions), or mostly cited.
    assert media.is_medium(["KTV"], 20, 4, 4, frozenset())
    assert not media.is_medium(["Pentagon"], 40, 3, 3, frozenset())
    assert media.is_medium(["Wire Agency"], 8, 0, 8, frozenset())
    assert not media.is_medium(["House of Commons"], 4, 0, 3, frozenset())
    assert media.stays_listed(6, 10) and not media.stays_listed(2, 10) and not media.stays_listed(0, 0)


def test_the_narrating_outlets_reporters_are_not_people_of_the_story() -> None:
    """A person whose role is a staff role of an outlet left out as the narrator goes with it; the
    journalists of a medium that stays listed (an actor), and people whose role only names the
    outlet, stay (invented names)."""
    from newsbrief.models import Entity

    def person(name: str, role: str | None) -> Entity:
        return Entity(name, "person", (), role, 5, ("a1",))

    narrators = ["MBC", "Maravel Broadcasting"]
    assert media.is_narrators_staff(person("Ann Poe", "MBC Senior International Correspondent"), narrators)
    assert media.is_narrators_staff(person("Bo Lind", "MBC correspondent"), narrators)
    assert media.is_narrators_staff(person("Cy Dahl", "Maravel Broadcasting producer"), narrators)
    assert not media.is_narrators_staff(person("Ann Poe", "Kessel Times photographer"), narrators)
    assert not media.is_narrators_staff(person("Lena Brandt", "MBC director general"), narrators)
    assert not media.is_narrators_staff(person("Lena Brandt", "port director"), narrators)
    assert not media.is_narrators_staff(person("Bo Lind", "MBCX reporter"), narrators)
    assert not media.is_narrators_staff(person("Bo Lind", "MBC correspondent"), [])
    assert not media.is_narrators_staff(Entity("MBC News", "organization", (), "MBC correspondent", 5, ("a1",)), narrators)


def test_another_outlets_staff_in_its_branches_and_for_it() -> None:
    """Another outlet than the run's own is a newsroom by its staff: "a KTV radio presenter", "a
    Norland television correspondent", "a reporter for KTV News"; a ministry's staff are not."""

    def at(text: str, name: str) -> tuple[str, int, int]:
        i = text.index(name)
        return text, i, i + len(name)

    assert media.written_as_newsroom(*at("When Ann Poe , a KTV radio presenter , came home from Kessel", "KTV"))
    assert media.written_as_newsroom(*at("said a Norland Broadcasting television correspondent .", "Norland Broadcasting"))
    assert media.written_as_newsroom(*at("`` This could spread , '' says a reporter for KTV News .", "KTV News"))
    assert media.written_as_newsroom(*at("Bo Lind, a columnist with the Kessel Courier, wrote", "Kessel Courier"))
    assert not media.written_as_newsroom(*at("a Health Ministry radio campaign began on Monday", "Health Ministry"))
    assert not media.written_as_newsroom(*at("a spokesman for the Port Authority said", "Port Authority"))
    assert not media.written_as_newsroom(*at("Qatar hosts the summit", "Qatar"))


def test_another_outlet_written_as_a_source_is_no_organisation_of_the_story(annotate_texts: Any) -> None:
    # A newspaper's archive on an outbreak names a broadcaster as its interviewer and source only.
    bodies = [
        "Health officials in Kessel confirmed 12 new cases of the fever on Monday. "
        "When Ann Poe , a KTV radio presenter , came back from Norland she was kept in isolation. "
        "The health minister told KTV that the outbreak was under control.",
        "The Kessel Health Agency opened two clinics on Tuesday. "
        "`` This could really spread , '' says a reporter for KTV . "
        "Ann Poe , a KTV radio presenter , said she felt fine. The Kessel Health Agency said 30 people were tested.",
        "Schools in Kessel closed on Wednesday, the Kessel Health Agency said. "
        "According to KTV , two more schools will close . Ann Poe , a KTV radio presenter , left isolation.",
    ]
    orgs = _organisations(annotate_texts, bodies)
    assert "KTV" not in orgs
    assert orgs.get("Kessel Health Agency", 0) >= 3
