"""Markup left inside a line of text: a page exported as Markdown, or a link's screen-reader note.

Rules by shape, never by site (tests/fixtures/unseen/flood and strike):

- a Markdown link keeps its text, not its address: "the [Rivers Authority](https://...) said" ->
  "the Rivers Authority said" (only with an address that looks like one: "http...", "/...",
  "mailto:", "#..."; "[1]" footnotes and "[sic]" stay);
- a Markdown image ("![Sandbags on the wall](https://...)") is no text: the line loses it;
- a heading's hashes ("# Title", "## What happens next") go when a word follows them; "# 5 goes to
  DEC." (a numbered comment) keeps its "#";
- a block quote's marker ("> \"The wall did what ...\"") goes, the quotation stays;
- strong emphasis ("**Read more:**") and a line set wholly in italics ("*By X | 4 March 2026*")
  lose their asterisks, so the line is judged on its words;
- a link's note for screen readers, "(opens in a new tab)" / "(opens in new window)", goes from
  inside a sentence;
- a footnote marker glued to the end of a sentence or clause ("given to the library in 1891.[1]",
  "two exhibitions,[2] and") goes; a marker set apart by a space ("see [1]") and "[sic]" stay;
- a news feed's cut mark closing the line ("... 14 minutes later … [+2146 chars]") goes with its
  ellipsis; the words before it stay.

:func:`strip_inline_markup` is idempotent: what it returns has none of these left.
"""

from __future__ import annotations

import re

_ADDRESS = r"(?:https?://|/|mailto:|#)[^()\s]*(?:\([^()\s]*\)[^()\s]*)*"
_IMAGE = re.compile(rf"!\[[^\]\n]*\]\({_ADDRESS}(?:\s+\"[^\"]*\")?\)")
_LINK = re.compile(rf"\[([^\]\n]+)\]\({_ADDRESS}(?:\s+\"[^\"]*\")?\)")
_HEADING = re.compile(r"^#{1,6}\s+(?=[A-Za-z'\"‘“])")
_BLOCKQUOTE = re.compile(r"^>\s+(?=\S)")
_STRONG = re.compile(r"\*\*(?=\S)([^*\n]+?)(?<=\S)\*\*|__(?=\S)([^_\n]+?)(?<=\S)__")
_ITALIC_LINE = re.compile(r"^[*_](?=\S)(?P<text>[^*_].*?)(?<=\S)[*_]$")
_FOOTNOTE = re.compile(r"(?<=[.!?,;:\"”’)])\[\d{1,3}\](?=[\s\"”’]|$)")
_FEED_CUT = re.compile(r"\s*(?:…|\.\.\.)?\s*\[\+\d[\d,]* (?:chars?|characters)\]\s*$")
_NEW_TAB = re.compile(r"\s*[(\[]\s*(?:link\s+)?opens?\s+(?:in\s+)?(?:a\s+)?new\s+(?:browser\s+)?(?:tab|window)\s*[)\]]", re.I)


def strip_inline_markup(line: str) -> str:
    """``line`` without Markdown link, image, heading and emphasis marks and link notes."""
    if "](" in line:
        line = _LINK.sub(r"\1", _IMAGE.sub("", line)).strip()
    if line.startswith("#"):
        line = _HEADING.sub("", line)
    elif line.startswith(">"):
        line = _BLOCKQUOTE.sub("", line)
    if "**" in line or "__" in line:
        line = _STRONG.sub(lambda m: m.group(1) or m.group(2), line)
    m = _ITALIC_LINE.match(line)
    if m is not None:
        line = m["text"]
    if "new" in line:
        line = _NEW_TAB.sub("", line)
    if "[" in line:
        line = _FEED_CUT.sub("", _FOOTNOTE.sub("", line))
    return line
