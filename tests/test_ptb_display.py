"""A tokenised corpus's brackets and quotes read as characters in the brief a person reads (the
Markdown and HTML), while the stored text, the JSON and the offsets keep the tokens."""

from __future__ import annotations

from newsbrief.render.html import isolate_bidi
from newsbrief.render.markdown import escape_md
from newsbrief.render.ptb import readable


def test_brackets_and_quotes_come_back_as_characters() -> None:
    line = "Blasts shook the port shortly before midnight Thursday -LRB- 6 p.m. ET -RRB- , officials said ."
    assert readable(line) == "Blasts shook the port shortly before midnight Thursday (6 p.m. ET) , officials said ."
    said = "The ferry should leave within the `` next few hours , '' a spokesman said ."
    assert readable(said) == "The ferry should leave within the \u201cnext few hours ,\u201d a spokesman said ."
    assert readable("a list -LSB- sic -RSB- and a set -LCB- 1 -RCB-") == "a list [sic] and a set {1}"


def test_ordinary_text_is_left_as_it_is() -> None:
    for text in ("A well-known B-movie actor", "rock 'n' roll", "It's the pilots' union", "x-LRBy"):
        assert readable(text) == text


def test_markdown_and_html_show_the_characters() -> None:
    assert escape_md("noon -LRB- 7 a.m. ET -RRB-") == "noon (7 a.m. ET)"
    assert escape_md("the `` next few hours ''") == "the \u201cnext few hours\u201d"
    assert isolate_bidi("noon -LRB- 7 a.m. ET -RRB-") == "noon (7 a.m. ET)"
