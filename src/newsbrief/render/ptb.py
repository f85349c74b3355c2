"""Tokenised corpora's bracket and quote tokens shown as the characters they stand for.

Text tokenised the Penn Treebank way (Timeline17's archives among others) writes "(" as
``-LRB-`` and opening/closing double quotes as two backticks / two apostrophes: "midnight
Thursday -LRB- 5 p.m. ET -RRB-", "the `` next several hours , ''". Every stage reads the text as
stored (offsets and citations point into it); only what a reader sees, the Markdown and HTML of a
brief and the web pages, shows "(5 p.m. ET)" and "“next several hours ,”".
"""

from __future__ import annotations

import re

_OPENERS = {"-LRB-": "(", "-LSB-": "[", "-LCB-": "{", "``": "\u201c"}
_CLOSERS = {"-RRB-": ")", "-RSB-": "]", "-RCB-": "}", "''": "\u201d"}
# An opening token eats the space after it, a closing one the space before it.
_TOKEN = re.compile(r"(-L[RSC]B-|``)[ \t]*|[ \t]*(-R[RSC]B-|'')")


def readable(text: str) -> str:
    """``text`` with Penn Treebank bracket and double-quote tokens turned back into characters."""
    if "B-" not in text and "``" not in text and "''" not in text:
        return text
    return _TOKEN.sub(lambda m: _OPENERS[m.group(1)] if m.group(1) else _CLOSERS[m.group(2)], text)
