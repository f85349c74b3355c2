"""A page's own controls and widgets printed as lines: an accessibility toolbar, a table of
contents, an expander, a weather widget.

Rules by shape, never by site (tests/fixtures/unseen/blackout and heist). Each pattern is a whole
line (or a label opening one) that a story's prose does not write:

- accessibility toolbar: "Accessibility help", "Text size: A A A", "High contrast", and the bare
  account and menu buttons beside it ("Menu", "Search", "Sign in");
- table of contents: "In this article", "Contents", "On this page", "Jump to section: The fire ·
  The network"; a section's "Back to top" is the navigation lexicon's;
- expander and feed links: "Show full article", "Read the full story at X", "More from this
  source";
- weather widget: "Fennick 6°C Light rain" (a place in capitals, a temperature, at most three
  words of weather), "6°C". "Arden hits 41°C" is a headline (a verb in lower case before the
  figure) and stays.
"""

from __future__ import annotations

import re

from newsbrief.read.linecues import LineCues

_TOOLS = LineCues(
    # accessibility toolbar
    r"^accessibility (?:help|links|options|tools|settings|menu|statement)\W*$",
    r"^(?:text|font) size\s*:?(?:\s*(?:a|a\+|a-|\+|-|small|medium|large|larger|smaller|default|reset|increase|decrease))*\W*$",
    r"^(?:high|higher|normal|default|low) contrast(?: mode| on| off)?\W*$",
    r"^(?:menu|search|sign in|log in|sign out|log out|my account|register)\W*$",
    # table of contents
    r"^(?:in this (?:article|story|piece|explainer|guide|report)|(?:table of )?contents|on this page|jump to(?: section)?|skip to section)\s*:?\s*$",
    r"^jump to(?: section)?\s*:",
    # expanders and a feed's links out
    r"^(?:show|view|read|see) (?:the )?(?:full|whole|entire|complete) (?:article|story|text|report)\W*$",
    r"^read (?:the )?full (?:story|article) (?:at|on|from) [^.!?]{1,40}\W*$",
    r"^more from this (?:source|publisher|site|outlet|author|writer)\W*$",
    r"^-?\d{1,2}\s?°\s?[CF]\W*$",
)
# A weather widget, case-sensitive: the place in capitals, the weather's words after the figure.
_WEATHER = re.compile(r"^(?:[A-Z][\w'’.-]*\s){1,3}-?\d{1,2}\s?°\s?[CF]?(?:\s+[A-Z][a-z]+(?:\s+[a-z]+){0,2})?\W*$")


def page_tool_reason(line: str) -> str | None:
    """"navigation" when a normalized line is one of a page's own controls (module docstring), else None."""
    return "navigation" if _TOOLS.search(line) or _WEATHER.match(line) else None
