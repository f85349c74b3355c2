"""Timeline entries that open on a speaker's surname are written with the full name the story gives
(story/fullnames.py; fictional reports written for these tests)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np

from newsbrief.config import load_settings
from newsbrief.models import AnnotatedArticle, Article, Mention
from newsbrief.story.context import build_story
from newsbrief.story.fullnames import find_full_names, write_name_in_full
from newsbrief.story.timeline import build_timeline


def _with_people(aid: str, *names: str) -> AnnotatedArticle:
    article = Article(id=aid, path=aid, body=" ".join(names))
    mentions = tuple(Mention(aid, 0, 0, len(n), n, "person") for n in names)
    return AnnotatedArticle(article=article, sentences=(), mentions=mentions, embeddings=np.zeros((0, 0), dtype=np.float32))


def test_a_surname_one_full_name_ends_on_is_written_in_full() -> None:
    names = find_full_names([_with_people("a", "Ida Sorn", "Sorn", "Lars Tamm"), _with_people("b", "Piet Tamm", "Mora")])
    assert names == {"Sorn": "Ida Sorn"}, "two Tamms: which one is unknown; a lone 'Mora' names nobody in full"
    assert write_name_in_full("Sorn said on Friday that 40 clinics would close.", names) == "Ida Sorn said on Friday that 40 clinics would close."
    assert write_name_in_full("Tamm said on Friday that 40 clinics would close.", names).startswith("Tamm said")
    assert write_name_in_full("Sorn visited the clinic in Orlo on Friday.", names).startswith("Sorn visited"), "only a speaker's opening"
    assert write_name_in_full("Sorner said on Friday that 40 clinics would close.", names).startswith("Sorner said")


def test_a_timeline_entry_opening_on_a_known_surname_is_listed_under_the_full_name(annotate_story: Any) -> None:
    settings = load_settings()
    first, later = annotate_story([Article(id="a", path="a", published=dt.date(2024, 6, 3),
                             body="Health Minister Ida Sorn visited the flooded town of Orlo on Monday."),
                                   Article(id="b", path="b", published=dt.date(2024, 6, 8),
                             body="Sorn said on Friday that the government would rebuild the Orlo clinic by winter.")])
    alone = build_timeline(build_story([later], settings), (), settings)
    assert [e.text for e in alone] == [], "'Sorn said' alone leans on a report the brief does not show"
    texts = [e.text for e in build_timeline(build_story([first, later], settings), (), settings)]
    assert "Ida Sorn said on Friday that the government would rebuild the Orlo clinic by winter." in texts
