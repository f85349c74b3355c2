"""A bulleted standfirst or related list run onto one line (read/glued.split_teaser_list), its
bullet printed or mis-decoded, is header matter; benchmarks/briefjunk.py counts such lines."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from newsbrief.read.cleaning import clean_text
from newsbrief.read.glued import opens_on_bullet, split_teaser_list

FIRST = (
    "Ferry service to Kessel halted as storm nears cents Harbour closed until Monday after gale "
    "warning cents Two crews stranded at Marrow Point ."
)
STAMPED = (
    "cents Council meets tonight on flood defences cents Residents told to move cars Tuesday 3 March "
    "2015 18.05 GMT Water rose above the harbour wall in Kessel on Tuesday evening , flooding "
    "shops along the front and forcing the ferry company to halt its crossings until the weekend ."
)
BODY = (
    "The harbour master of Kessel closed the port on Tuesday after the coastguard issued a gale "
    "warning for the whole coast , leaving two fishing crews stranded at Marrow Point .\n\n"
    "Ferries will not run before Friday , the operator said in a statement .\n"
)


def test_a_bulleted_headline_list_splits_at_each_bullet_and_leaves_no_text() -> None:
    pieces, rest = split_teaser_list(FIRST) or ([], "x")
    assert pieces == [
        "Ferry service to Kessel halted as storm nears",
        "Harbour closed until Monday after gale warning",
        "Two crews stranded at Marrow Point .",
    ]
    assert rest == ""


def test_the_text_after_a_pages_stamp_is_kept() -> None:
    pieces, rest = split_teaser_list(STAMPED) or ([], "")
    assert pieces[-1].endswith("2015 18.05 GMT")
    assert rest.startswith("Water rose above the harbour wall")
    assert opens_on_bullet(STAMPED) and not opens_on_bullet(FIRST)


def test_money_and_prose_are_not_bullets() -> None:
    assert split_teaser_list("Bread rose by 20 cents In March , the bakers said .") is None
    assert split_teaser_list("Fares rose by fifty cents Tuesday , the operator said .") is None
    assert split_teaser_list("The harbour reopened on Friday after the storm .") is None
    # One bullet after a word makes the line a list, and then "200 cents" before a capital is one too.
    pieces, _ = split_teaser_list("Storm toll passes 200 cents Harbour shut cents Crews safe") or ([], "")
    assert pieces == ["Storm toll passes 200", "Harbour shut", "Crews safe"]


def test_the_bullet_as_printed_and_as_utf8_read_as_cp1252() -> None:
    for bullet in ("•", "â€¢"):
        line = f"Ferry halted as storm nears {bullet} Harbour closed until Monday {bullet} Crews stranded"
        pieces, rest = split_teaser_list(line) or ([], "x")
        assert pieces == ["Ferry halted as storm nears", "Harbour closed until Monday", "Crews stranded"]
        assert rest == ""


def test_a_page_keeps_its_first_teaser_as_title_and_drops_the_rest() -> None:
    page = clean_text(FIRST + "\n" + BODY)
    assert page.title == "Ferry service to Kessel halted as storm nears"
    assert "cents" not in page.body and "Two crews stranded at Marrow Point ." not in page.body.split("\n\n")
    assert page.body.startswith("The harbour master of Kessel closed the port")
    stamped = clean_text(STAMPED + "\n" + BODY)
    assert stamped.body.startswith("Water rose above the harbour wall")
    assert "Residents told to move cars" not in stamped.body


def _briefjunk() -> object:
    path = Path(__file__).resolve().parents[1] / "benchmarks" / "briefjunk.py"
    spec = importlib.util.spec_from_file_location("briefjunk_for_test", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_briefjunk_counts_a_glued_teaser_line_and_not_money() -> None:
    judge = _briefjunk().judge  # type: ignore[attr-defined]
    assert judge(FIRST, [], {}, {}) == "teaser list"
    assert judge("Ferry halted • Harbour closed until Monday", [], {}, {}) == "teaser list"
    assert judge("Bread rose by 20 cents In March , the bakers said .", [], {}, {}) is None
    assert judge("Fares rose by fifty cents Tuesday , the operator said .", [], {}, {}) is None


def test_a_bullet_point_of_the_text_is_not_a_teaser_list() -> None:
    # One item a line, opened by its bullet: the text's own list (cleaning keeps it as before).
    assert split_teaser_list("cents Two crews were stranded at Marrow Point for six hours .") is None
    # Items after a list's semicolon or colon: data, not headlines.
    assert split_teaser_list("The worst hit are ; cents Kessel : 12 homes flooded .") is None
