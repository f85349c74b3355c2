"""A story built from short texts whose names are typed by hand, as a tagger might have typed
them: for tests of the rules that read the words around a name (story/kind_cues.py,
story/name_heads.py), not the tagger."""

from __future__ import annotations

from newsbrief.models import AnnotatedArticle, Article, Mention, Sentence
from newsbrief.story.context import StoryContext
from newsbrief.story.pool import build_pool


def story_of(texts: list[tuple[str, list[tuple[str, str]]]]) -> StoryContext:
    """A story of one article per text (one sentence each); each (name, type) marks the name's
    first occurrence in its text."""
    arts = []
    for k, (text, names) in enumerate(texts):
        aid = f"a{k}"
        mentions = []
        for n, kind in names:
            pos = text.index(n)
            mentions.append(Mention(aid, 0, pos, pos + len(n), n, kind))  # type: ignore[arg-type]
        art = Article(aid, f"{aid}.txt", text)
        arts.append(AnnotatedArticle(art, (Sentence(aid, 0, 0, len(text), text),), mentions=tuple(sorted(mentions, key=lambda m: m.start))))
    return StoryContext(tuple(arts), build_pool(arts), (), {a.article.id: a.article.id for a in arts})
