"""Nouns by which a story's reports name its own one event or group: "the attack", "the strike".

``timeline_select.find_story_nouns`` takes the words of the titles, so that "The crash closed the
line" needs no sentence before it in a brief whose headline names the crash. Reports often call
their event by another noun than their titles do: a breach's titles say "breach" and "hackers
steal", its reports "The attack was discovered on Friday" and "in connection with the attack"; a
strike's first report is titled "crews walk out". :func:`find_own_nouns` adds the nouns the
coverage itself uses as the one thing everybody means:

* at least OWN_SHARE of the story's reports (syndicated copies of one report counted once), and at
  least MIN_REPORTS, carry the word in their title or as "the <word>" (or "the <word>'s") in their
  text;
* and no article brings one in as new: "a"/"an"/"another" <word> ("A group calling itself Black
  Heron has claimed the attack": "the group" after it is that one, which the brief does not show).

In a story of hundreds of reports a word of half of them is the story's own ("the singer" in a
singer's death) or a noun no rule refuses anyway ("the government"); a noun that also names other
things of its kind ("an attack" somewhere in a war) is left out by the second test.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsbrief.models import AnnotatedArticle

OWN_SHARE = 0.5
MIN_REPORTS = 2
_THE_WORD = re.compile(r"\b[Tt]he\s+([a-z]+)(?:['\u2019]s)?\b")
_NEW_WORD = re.compile(r"\b(?:[Aa]n?|[Aa]nother)\s+([a-z]+)\b")
_TITLE_WORD = re.compile(r"[a-z]+")


def stem_noun(word: str) -> str:
    """A noun as the story's nouns are compared here and in ``timeline_select``: a final "s"
    dropped (not "ss")."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def find_own_nouns(annotated: Sequence[AnnotatedArticle], syndication: Sequence[Sequence[str]] = ()) -> frozenset[str]:
    """Stemmed nouns (see the module docstring) of the story of ``annotated``, whose
    ``syndication`` groups (article ids) count as one report each."""
    report_of = {a.article.id: a.article.id for a in annotated}
    for group in syndication:
        first = min(group)
        for aid in group:
            report_of[aid] = first
    carried: dict[str, set[str]] = {}
    new: set[str] = set()
    for a in annotated:
        words = {stem_noun(w) for w in _TITLE_WORD.findall((a.article.title or "").lower())}
        for s in a.sentences:
            words.update(stem_noun(w) for w in _THE_WORD.findall(s.text))
            new.update(stem_noun(w) for w in _NEW_WORD.findall(s.text))
        for w in words:
            carried.setdefault(w, set()).add(report_of[a.article.id])
    n_reports = len(set(report_of.values()))
    need = max(MIN_REPORTS, OWN_SHARE * n_reports)
    return frozenset(w for w, reports in carried.items() if len(reports) >= need and w not in new)
