"""Words a site prints on several pages (read/repeats.py): a caption or title glued onto the first
sentence of two pages is taken off; a story's own opening told alike in two updates stays."""

from __future__ import annotations

from newsbrief.models import Article
from newsbrief.read.repeats import drop_repeated_lines, drop_shared_openings

CAPTION = "Harbour families left shaken by the night 's depot fire"


def _page(aid: str, first: str, rest: str = "The port reopened later in the week after inspections .") -> Article:
    return Article(aid, f"{aid}.txt", f"{first}\n\n{rest}")


def test_a_caption_glued_onto_two_pages_first_sentences_is_taken_off() -> None:
    pages = [
        _page("a", f"{CAPTION} Police investigating the fire at the harbour depot say they have spoken to the night guard ."),
        _page("b", f"{CAPTION} Relatives of the missing crew will ask for a second inquiry into the cause of the blaze ."),
        _page("c", "Firefighters from three towns fought the blaze at the harbour depot through the night ."),
    ]
    out = drop_shared_openings(pages)
    assert out[0].body.startswith("Police investigating the fire") and out[1].body.startswith("Relatives of the missing")
    assert out[0].body.endswith("after inspections .") and out[2] == pages[2]
    assert "caption or title" in out[0].notes[-1] and CAPTION in out[0].notes[-1]
    assert [a.body for a in drop_repeated_lines(pages)] == [a.body for a in out]


def test_updates_of_one_report_keep_their_shared_opening() -> None:
    first = "Officials at the harbour authority said the depot fire was under control on {day} and that crews would stay"
    pages = [
        _page("a", first.format(day="Monday") + " overnight to watch for new flames ."),
        _page("b", first.format(day="Tuesday") + " overnight to watch for new flames ."),
        # A shared run that ends on a function word or a name is no caption either.
        _page("c", "The fire at the harbour depot in Kessel Bay Police said the night guard raised the alarm at once ."),
        _page("d", "The fire at the harbour depot in Kessel Bay Relatives of the crew asked for an inquiry into the blaze ."),
    ]
    assert drop_shared_openings(pages) == pages
