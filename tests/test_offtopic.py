"""Passages not about the story (issue 13): a sidebar or another story's promo inside an on-topic
article is set aside sentence by sentence, with its dates, names, quotes and figures; a single
sentence of colour inside the story's own passage stays."""

from __future__ import annotations

import numpy as np

from newsbrief.config import load_settings
from newsbrief.models import AnnotatedArticle, Article, DateMention, Sentence
from newsbrief.story.topic import MIN_ARTICLES, drop_off_topic_sentences, off_topic_sentences

DIM = 16
STORY = np.eye(DIM)[0]
OTHER = np.eye(DIM)[7]  # another story's subject


def _unit(v: np.ndarray) -> np.ndarray:
    return v / np.linalg.norm(v)


def _article(aid: str, vectors: list[np.ndarray]) -> AnnotatedArticle:
    texts = [f"Sentence {k} of {aid} says something about the subject it is on." for k in range(len(vectors))]
    body = " ".join(texts)
    sents, pos = [], 0
    for k, t in enumerate(texts):
        sents.append(Sentence(aid, k, pos, pos + len(t), t))
        pos += len(t) + 1
    dates = tuple(DateMention(aid, k, 0, 4, "2011", "2011") for k in range(len(vectors)))
    emb = np.stack([_unit(v) for v in vectors]).astype(np.float32)
    return AnnotatedArticle(Article(aid, f"{aid}.txt", body), tuple(sents), dates=dates, embeddings=emb)


def _story() -> list[AnnotatedArticle]:
    rng = np.random.default_rng(11)
    arts = []
    for k in range(MIN_ARTICLES + 2):
        arts.append(_article(f"a{k:02d}", [STORY + 0.3 * rng.standard_normal(DIM) for _ in range(8)]))
    # A report with a sidebar about another story at its end (four sentences), and one sentence of
    # colour far from the centre in the middle of its own passage.
    mixed = [STORY + 0.2 * rng.standard_normal(DIM) for _ in range(8)]
    mixed[3] = OTHER + 0.05 * STORY
    mixed += [OTHER + 0.1 * rng.standard_normal(DIM) for _ in range(4)]
    arts.append(_article("mixed", mixed))
    return arts


def test_a_sidebar_is_set_aside_but_a_sentence_of_colour_stays() -> None:
    far = off_topic_sentences(_story())
    assert far == {"mixed": frozenset({8, 9, 10, 11})}


def test_set_aside_sentences_take_their_mentions_and_vectors_with_them() -> None:
    kept, n = drop_off_topic_sentences(_story(), load_settings())
    assert n == 4
    mixed = next(a for a in kept if a.article.id == "mixed")
    assert [s.index for s in mixed.sentences] == list(range(8))
    assert mixed.embeddings.shape[0] == 8
    assert sorted({d.sentence for d in mixed.dates}) == list(range(8))
    assert all(mixed.sentences[d.sentence].text.startswith("Sentence") for d in mixed.dates)


def test_small_stories_and_the_keep_setting_set_nothing_aside() -> None:
    arts = _story()
    assert off_topic_sentences(arts[-3:]) == {}
    kept, n = drop_off_topic_sentences(arts, load_settings(drop_off_topic=False))
    assert n == 0 and kept == arts


# --- A stray page kept in the folder: only its sentences about the story count -------------------


def _with_names(a: AnnotatedArticle, names: dict[int, str], quotes: dict[int, str]) -> AnnotatedArticle:
    """``a`` with a person named in each sentence of ``names`` and a quote in each of ``quotes``."""
    from dataclasses import replace

    from newsbrief.models import Mention, QuoteMention

    mentions = tuple(
        Mention(a.article.id, k, a.sentences[k].start, a.sentences[k].start + len(n), n, "person") for k, n in names.items()
    )
    said = tuple(
        QuoteMention(a.article.id, k, a.sentences[k].start, a.sentences[k].start + len(q), q, names.get(k))
        for k, q in quotes.items()
    )
    return replace(a, mentions=mentions, quotes=said)


def _folder_with_a_board() -> list[AnnotatedArticle]:
    """The story's reports, and a readers' board about other things (its lead far from the story)
    with one paragraph about the story in its middle (sentences 5 and 6)."""
    rng = np.random.default_rng(5)
    arts = [
        _with_names(_article(f"a{k:02d}", [STORY + 0.3 * rng.standard_normal(DIM) for _ in range(8)]), {1: "Ivo Marsh"}, {2: "We will rebuild"})
        for k in range(MIN_ARTICLES + 2)
    ]
    board = [OTHER + 0.1 * rng.standard_normal(DIM) for _ in range(5)]
    board += [STORY + 0.1 * rng.standard_normal(DIM) for _ in range(2)]
    board += [OTHER + 0.1 * rng.standard_normal(DIM) for _ in range(3)]
    names = {0: "Ada Quist", 3: "Bert Quist", 5: "Ivo Marsh", 8: "Cora Quist"}
    arts.append(_with_names(_article("board", board), names, {3: "My grandfather was born there", 5: "We will rebuild"}))
    return arts


def test_a_stray_page_keeps_only_its_sentences_about_the_story() -> None:
    from newsbrief.story.topic import stray_sentences

    assert stray_sentences(_folder_with_a_board()) == {"board": frozenset({0, 1, 2, 3, 4, 7, 8, 9})}


def test_a_stray_page_gives_no_names_or_quotes_but_from_its_paragraph_about_the_story() -> None:
    from newsbrief.story.topic import drop_stray_mentions

    kept = drop_stray_mentions(_folder_with_a_board())
    board = next(a for a in kept if a.article.id == "board")
    assert [m.text for m in board.mentions] == ["Ivo Marsh"]
    assert [q.text for q in board.quotes] == ["We will rebuild"]
    assert len(board.sentences) == 10  # numbering kept: references into the story stay valid
    assert all(len(a.mentions) == 1 for a in kept if a.article.id != "board")


def test_too_few_articles_have_no_stray_page() -> None:
    from newsbrief.story.topic import stray_sentences

    assert stray_sentences(_folder_with_a_board()[-(MIN_ARTICLES - 1) :]) == {}


def test_a_page_whose_lead_touches_the_story_but_nearly_all_else_does_not_is_a_stray() -> None:
    # A round-up opening on the story (its lead half on it, so the lead sits close to the centre)
    # and then on to other things: stray by its sentences, where its lead alone would keep it. A
    # report with a side passage (most of its sentences on the story) stays.
    from newsbrief.story.topic import FAR_COSINE, STRAY_SHARE, find_centre, lead_vectors, stray_sentences

    rng = np.random.default_rng(8)
    arts = [_article(f"a{k:02d}", [STORY + 0.3 * rng.standard_normal(DIM) for _ in range(8)]) for k in range(MIN_ARTICLES + 2)]
    # Every sentence leans a little towards the story (each far on its own, under FAR_COSINE), so
    # their mean, the lead, is not far.
    roundup = [0.3 * STORY + np.eye(DIM)[8 + k % 8] for k in range(20)]  # each 0.29 from the story, its lead 0.56
    side = [STORY + 0.2 * rng.standard_normal(DIM) for _ in range(6)] + [OTHER + 0.1 * rng.standard_normal(DIM) for _ in range(4)]
    arts += [_article("roundup", roundup), _article("report", side)]
    leads = lead_vectors(arts)
    centre = find_centre(np.stack([leads[k] for k in sorted(leads)]))
    assert float(leads["roundup"] @ centre) >= FAR_COSINE  # its lead alone keeps it
    cos = np.stack([_unit(v) for v in roundup]) @ centre
    assert float(np.mean(cos < FAR_COSINE)) >= STRAY_SHARE
    stray = stray_sentences(arts)
    assert "roundup" in stray and len(stray["roundup"]) >= STRAY_SHARE * len(roundup)
    assert "report" not in stray
