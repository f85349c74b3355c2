"""The nouns by which a story's reports name their own event or group (story/ownnouns.py), and the
timeline entries they let stand (fictional coverage written for these tests)."""

from __future__ import annotations

import numpy as np

from newsbrief.models import AnnotatedArticle, Article, Sentence
from newsbrief.story.ownnouns import find_own_nouns
from newsbrief.story.timeline_select import judge_entry


def _art(aid: str, title: str, *texts: str) -> AnnotatedArticle:
    sents, at = [], 0
    for i, t in enumerate(texts):
        sents.append(Sentence(aid, i, at, at + len(t), t))
        at += len(t) + 1
    article = Article(id=aid, path=aid, body=" ".join(texts), title=title)
    return AnnotatedArticle(article=article, sentences=tuple(sents), embeddings=np.zeros((0, 0), dtype=np.float32))


# A dam failure whose titles say "dam" and "flood" and whose reports call the event "the accident";
# one report brings a team in as new ("A team of engineers"), one man is named only once.
STORY = [
    _art("d1", "Orlen dam gives way", "The Orlen dam gave way on Sunday night.", "The accident was first seen by a farmer.",
         "A team of engineers reached the site at dawn."),
    _art("d2", "Floods after Orlen dam fails", "Water from the Orlen dam flooded three villages.",
         "The team said the accident began at the spillway."),
    _art("d3", "Floods after Orlen dam fails", "Water from the Orlen dam flooded three villages.",
         "The team said the accident began at the spillway."),
    _art("d4", "Orlen villagers count the cost", "Insurers put the cost of the accident at 40 million euros.",
         "The man who raised the alarm was thanked by the mayor."),
]


def test_a_noun_most_reports_use_with_the_and_none_brings_in_is_the_storys_own() -> None:
    nouns = find_own_nouns(STORY, [("d2", "d3")])
    assert "accident" in nouns, "the accident: in three of three reports"
    assert "team" not in nouns, "'A team of engineers' brings the team in: 'The team' leans on it"
    assert "man" not in nouns, "one report of three is not the story's"


def test_syndicated_copies_count_as_one_report() -> None:
    # "the spillway" only in the wire copy and its reprint: one report of three, not two of four.
    copies = [_art(a.article.id, a.article.title or "", *(s.text.replace("accident", "spillway failure") for s in a.sentences))
              for a in STORY[1:3]]
    story = [STORY[0], *copies, STORY[3]]
    assert "spillway" in find_own_nouns(story), "two of four articles, counted apart"
    assert "spillway" not in find_own_nouns(story, [("d2", "d3")])


def test_an_entry_opening_on_the_storys_own_noun_or_its_possessive_stands() -> None:
    nouns = find_own_nouns(STORY, [("d2", "d3")])
    assert judge_entry("The accident was first seen by a farmer on Sunday night.") == "follower"
    assert judge_entry("The accident was first seen by a farmer on Sunday night.", nouns) is None
    # "The accident's victims" says whose: the story's own event.
    assert judge_entry("The accident's victims were buried on Tuesday in Orlen.") == "follower"
    assert judge_entry("The accident's victims were buried on Tuesday in Orlen.", frozenset({"accident"})) is None
    assert judge_entry("The man who raised the alarm was thanked on Monday.", nouns) is None, "a relative clause says which"
    assert judge_entry("The man was thanked by the mayor on Monday.", nouns) == "follower"
