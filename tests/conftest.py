"""Shared fixtures and builders: the models and the annotated test stories, each built once per
session; markers ``slow`` and ``needs_shared`` (see pyproject.toml).

Builders are fixtures (factories where a test gives the input): a test names what it needs in its
arguments and never imports a helper module. The seeds' answer key and the fictional fixture
stories are read by ``benchmarks/story_fixtures.py``, which benchmarks/sources.py uses too.
"""

from __future__ import annotations

import datetime as dt
import html
import random
import re
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pytest
import story_fixtures  # benchmarks/, on the pytest path (pyproject.toml)

from newsbrief.annotate.resources import Resources
from newsbrief.config import Settings, load_settings
from newsbrief.models import AnnotatedArticle, Article, Brief, Sentence

ROOT = Path(__file__).resolve().parents[1]
SHARED = story_fixtures.SHARED
SEEDS = story_fixtures.SEEDS
DEMO = ROOT / "examples" / "demo"

# Fixtures that read ../shared: a test using any of them needs it.
SHARED_FIXTURES = {
    "seeds_dir", "seeds_annotated", "seeds_brief", "gold", "gold_seed_articles", "gold_seeds", "shared_dir",
    "seeded_db", "duc_clusters", "events",  # module fixtures of test_ingest, test_summarize, test_clustering
}
# Fixtures that load the models (spaCy, the embedder) or ingest a corpus: a test using any is slow.
MODEL_FIXTURES = {"resources", "seeded_db", "corpus", "demo_runs", "messy_folder", "float_embedder"}


# --------------------------------------------------------------------------- markers


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """``fixture_story_name``: each fictional fixture story; ``labelled_story_name``: those and the
    seeds (every story with an answer key)."""
    if "fixture_story_name" in metafunc.fixturenames:
        metafunc.parametrize("fixture_story_name", story_fixtures.list_fixture_stories())
    if "labelled_story_name" in metafunc.fixturenames:
        metafunc.parametrize("labelled_story_name", ["seeds", *story_fixtures.list_fixture_stories()])


@pytest.hookimpl(tryfirst=True)  # before `-m` selects by these marks
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark what the fixtures imply; skip ``needs_shared`` tests, naming the path, when the shared
    data is not beside the project root."""
    missing = not SHARED.is_dir()
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        params = getattr(getattr(item, "callspec", None), "params", {})
        if names & SHARED_FIXTURES or params.get("labelled_story_name") == "seeds":
            item.add_marker(pytest.mark.needs_shared)
        if names & MODEL_FIXTURES:
            item.add_marker(pytest.mark.slow)
        if missing and item.get_closest_marker("needs_shared"):
            item.add_marker(pytest.mark.skip(reason=f"needs the shared data at {SHARED}, which is missing"))


# --------------------------------------------------------------------------- models and data


@pytest.fixture(scope="session")
def settings() -> Settings:
    return load_settings()


@pytest.fixture(scope="session")
def resources(settings: Settings) -> Resources:
    """The models (spaCy, the embedder), loaded once for the whole session."""
    return Resources(settings)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared: the seeds, DUC 2004 and Timeline17 beside the project root."""
    return SHARED


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def gold() -> dict[str, Any]:
    """The hand-made gold of the five seed articles."""
    return story_fixtures.load_gold()


@pytest.fixture(scope="session")
def answer_keys() -> ModuleType:
    """How the stories with an answer key are loaded and scored (benchmarks/story_fixtures.py)."""
    return story_fixtures


@pytest.fixture(scope="session")
def seeds_annotated(seeds_dir: Path, settings: Settings, resources: Resources) -> list[AnnotatedArticle]:
    """The five seed articles read, cleaned and annotated by the real pipeline."""
    from newsbrief.pipeline import annotate_articles
    from newsbrief.read.readers import read_paths

    articles, _ = read_paths(sorted(str(p) for p in seeds_dir.glob("*.txt")), settings)
    return annotate_articles(articles, resources)


@pytest.fixture(scope="session")
def seeds_brief(seeds_annotated: list[AnnotatedArticle], settings: Settings) -> Brief:
    """The full Brief of the five seed articles (read, annotate, build)."""
    from newsbrief.pipeline import build_brief

    return build_brief(seeds_annotated, settings)


def read_seeds_and_duc(settings: Settings, events: Sequence[str]) -> list[Article]:
    """The seed articles and every article of the given DUC 2004 events, read as files."""
    from newsbrief.read.readers import read_paths

    duc = SHARED / "bench" / "duc2004" / "docs"
    paths = sorted(str(p) for p in SEEDS.glob("*.txt"))
    paths += sorted(str(p) for d in events for p in (duc / d).glob("*.txt"))
    found, _ = read_paths(paths, settings, on_skip=None)
    return found


@pytest.fixture(scope="session")
def gold_seed_articles() -> list[Article]:
    """The seed articles rebuilt from the lines the gold marks as body (no cleaning step)."""
    return story_fixtures.build_seed_articles()


@pytest.fixture(scope="session")
def annotate_story(resources: Resources) -> Callable[[Sequence[Article]], list[AnnotatedArticle]]:
    """The real map stage on some articles."""
    from newsbrief.pipeline import annotate_articles

    return lambda articles: annotate_articles(list(articles), resources)


@pytest.fixture(scope="session")
def gold_seeds(
    gold_seed_articles: list[Article], annotate_story: Callable[[Sequence[Article]], list[AnnotatedArticle]]
) -> tuple[AnnotatedArticle, ...]:
    """The gold-body seed articles through the real map stage."""
    return tuple(annotate_story(gold_seed_articles))


@pytest.fixture(scope="session")
def fixture_story(
    annotate_story: Callable[[Sequence[Article]], list[AnnotatedArticle]],
) -> Callable[[str], tuple[AnnotatedArticle, ...]]:
    """A fictional fixture story (tests/fixtures/sources) by name, annotated once."""
    done: dict[str, tuple[AnnotatedArticle, ...]] = {}

    def load(name: str) -> tuple[AnnotatedArticle, ...]:
        if name not in done:
            done[name] = tuple(annotate_story(story_fixtures.build_fixture_articles(name)))
        return done[name]

    return load


@pytest.fixture(scope="session")
def demo_annotated(settings: Settings, resources: Resources) -> list[AnnotatedArticle]:
    """The fictional demo story (examples/demo) read and annotated by the real pipeline."""
    from newsbrief.pipeline import annotate_articles
    from newsbrief.read.readers import read_paths

    articles, _ = read_paths([str(DEMO)], settings)
    return annotate_articles(articles, resources)


# --------------------------------------------------------------------------- invented articles


def make_article(body: str, article_id: str = "a1", published: dt.date | None = None) -> Article:
    """An Article whose paragraphs are the blank-line separated parts of ``body``."""
    return Article(id=article_id, path=f"{article_id}.txt", body=body.strip(), published=published)


@pytest.fixture(scope="session")
def annotate_text(resources: Resources) -> Callable[..., AnnotatedArticle]:
    """``annotate_text(body, article_id="a1")``: the real map stage on an invented article."""
    from newsbrief.pipeline import annotate_article

    return lambda body, article_id="a1": annotate_article(make_article(body, article_id), resources)


@pytest.fixture(scope="session")
def annotate_texts(annotate_text: Callable[..., AnnotatedArticle]) -> Callable[[Sequence[str]], list[AnnotatedArticle]]:
    """``annotate_texts(bodies)``: several invented articles, ids "a1", "a2", ..."""
    return lambda bodies: [annotate_text(b, f"a{i + 1}") for i, b in enumerate(bodies)]


def _split_plain(article: Article) -> tuple[Sentence, ...]:
    out: list[Sentence] = []
    for pnum, para in enumerate(re.finditer(r"[^\n]+", article.body)):
        for m in re.finditer(r"\S.*?(?:[.!?](?=\s+[A-Z\"\u201c])|$)", para.group()):
            start = para.start() + m.start()
            text = m.group().rstrip()
            out.append(Sentence(article.id, len(out), start, start + len(text), text, pnum))
    return tuple(out)


@pytest.fixture(scope="session")
def split_plain() -> Callable[[Article], tuple[Sentence, ...]]:
    """Sentences of an article's body without spaCy: paragraphs, then full stops before a capital
    (so the date and timeline tests do not depend on the sentence splitter)."""
    return _split_plain


def _one_sentence(text: str, published: dt.date | None, article_id: str = "t") -> tuple[Article, tuple[Sentence, ...]]:
    art = Article(id=article_id, path=f"{article_id}.txt", body=text, published=published)
    return art, (Sentence(article_id, 0, 0, len(text), text, 0),)


@pytest.fixture(scope="session")
def one_sentence() -> Callable[..., tuple[Article, tuple[Sentence, ...]]]:
    """``one_sentence(text, published)``: an article whose body is the single sentence ``text``."""
    return _one_sentence


@pytest.fixture(scope="session")
def labelled_story(
    request: pytest.FixtureRequest, fixture_story: Callable[[str], tuple[AnnotatedArticle, ...]]
) -> Callable[[str], tuple[AnnotatedArticle, ...]]:
    """A story with an answer key by name: "seeds" (the gold-body seeds, from ../shared) or a
    fixture story. The seeds are annotated only when asked for."""

    def load(name: str) -> tuple[AnnotatedArticle, ...]:
        if name == "seeds":
            seeds: tuple[AnnotatedArticle, ...] = request.getfixturevalue("gold_seeds")
            return seeds
        return fixture_story(name)

    return load


# --------------------------------------------------------------------------- a corpus database

HOSTILE_INPUTS = ROOT / "tests" / "fixtures" / "inputs"


@pytest.fixture(scope="session")
def desk_db(tmp_path_factory: pytest.TempPathFactory, settings: Settings, resources: Resources) -> Path:
    """A small corpus database (the fictional demo and the hostile fixtures), ingested once per
    session; tests that change it work on a copy (:func:`desk_db_copy`)."""
    from newsbrief.corpus.ingest import ingest_paths
    from newsbrief.engines.local import LocalEngine

    db = tmp_path_factory.mktemp("desk") / "desk.db"
    ingest_paths([str(DEMO), str(HOSTILE_INPUTS)], db, settings, engine=LocalEngine(settings, resources))
    return db


@pytest.fixture()
def desk_db_copy(desk_db: Path, tmp_path: Path) -> Path:
    """A private copy of :func:`desk_db` (with its WAL content checkpointed in)."""
    import sqlite3

    target = tmp_path / "desk.db"
    src = sqlite3.connect(desk_db)
    dst = sqlite3.connect(target)
    src.backup(dst)
    src.close()
    dst.close()
    return target


# --------------------------------------------------------------------------- invented corpora

TOWNS = ["Varnholt", "Kessling", "Maravel", "Ostrand", "Belmire", "Carrow", "Drensby", "Eskaby"]
PEOPLE = ["Mira Tolland", "Jonas Brecht", "Lucia Ferrant", "Halvard Brenn", "Petra Kosmin", "Idris Vale", "Ana Soler", "Tomas Rink"]
OUTLETS = ["Courier", "Gazette", "Herald", "Post", "Tribune"]
# Events with their own vocabulary, so that articles on different (town, event) pairs form stories.
EVENTS = [
    ("floods", ["River water flooded {n} homes in {town} after three days of rain.", "Firefighters evacuated the old quarter of {town} by boat.", "The flood barrier on the {town} embankment gave way at dawn.", "Sandbags ran out in {town} as the river kept rising."]),
    ("strike", ["Tram drivers in {town} walked out over pay, stranding {n} thousand commuters.", "The transport union in {town} rejected the wage offer.", "Depots across {town} stood empty as pickets gathered.", "Talks between {town} transit managers and drivers collapsed."]),
    ("fire", ["A warehouse fire in {town} burned through the night.", "Smoke from the {town} blaze closed the motorway.", "{n} fire crews fought the flames near the {town} rail depot.", "Investigators in {town} suspect arson at the warehouse."]),
    ("election", ["Voters in {town} elected a new mayor with {n} percent of the ballots.", "Turnout in the {town} mayoral race hit a record.", "The losing candidate in {town} conceded before midnight.", "Campaign posters still cover the walls of {town} city hall."]),
    ("football", ["{town} Rovers won the cup final {n} goals to one.", "Fans flooded the {town} stadium pitch after the whistle.", "The {town} striker scored twice in extra time.", "The cup trophy arrived in {town} on an open-top bus."]),
    ("vaccine", ["Doctors in {town} began giving a measles vaccine to {n} thousand pupils.", "Clinics in {town} extended their opening hours for the jabs.", "Measles cases in {town} schools had doubled since spring.", "Parents queued outside the {town} children's hospital."]),
    ("bank", ["The savings bank of {town} collapsed, freezing {n} thousand accounts.", "Depositors gathered outside the shuttered {town} branch.", "Regulators seized the books of the {town} lender.", "The {town} bank had lent heavily to property developers."]),
    ("comet", ["Astronomers at the {town} observatory found a new comet.", "The comet seen from {town} will pass Earth in {n} days.", "Amateur stargazers in {town} photographed the comet's tail.", "The {town} telescope tracked the comet through the night."]),
]


def _write_articles(folder: Path, n: int, seed: int) -> list[Path]:
    """``n`` small .txt articles in ``folder``, each on one (town, event) topic, dated in 2024."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for i in range(n):
        t, e = rng.randrange(len(TOWNS)), rng.randrange(len(EVENTS))
        town, (event, sentences) = TOWNS[t], EVENTS[e]
        person = PEOPLE[(t + e) % len(PEOPLE)]
        month = 1 + (t * 3 + e) % 12
        picked = rng.sample(sentences, 3)
        body = [
            f"{town} {event}: {person} speaks",
            f"2024-{month:02d}-{rng.randint(1, 27):02d}",
            *(s.format(town=town, n=rng.randint(2, 90)) for s in picked),
            f"{person} of {town} spoke to reporters (report {seed}-{i}).",
        ]
        p = folder / f"a{seed}_{i:04d}.txt"
        p.write_text("\n\n".join(body) + f"\n\n© 2024 {town} {rng.choice(OUTLETS)}\n", encoding="utf-8")
        paths.append(p)
    return paths


def _story_problems(db: Path) -> list[str]:
    """Every way the stories of ``db`` disagree with the articles filed in them (empty: consistent).

    Checks each live story's article count and vector sum against its members, that every live
    story has members, that every filed article is in a live story, and the keyword document count.
    """
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    problems: list[str] = []
    try:
        live = {sid: (n, vsum) for sid, n, vsum in conn.execute("SELECT id, articles, vector_sum FROM stories WHERE merged_into IS NULL")}
        members: dict[int, list[bytes]] = {}
        for sid, vec in conn.execute("SELECT story_id, vector FROM articles"):
            if sid is None:
                problems.append("an article is in no story")
                continue
            if sid not in live:
                problems.append(f"an article is filed in story {sid}, which is not a live story")
                continue
            members.setdefault(sid, []).append(vec)
        for sid, (n, vsum) in sorted(live.items()):
            vecs = members.get(sid, [])
            if not vecs:
                problems.append(f"story {sid} is listed but has no articles")
                continue
            if n != len(vecs):
                problems.append(f"story {sid} counts {n} articles but holds {len(vecs)}")
            total = np.sum([np.frombuffer(v, dtype="<f4").astype(np.float64) for v in vecs], axis=0)
            stored = np.frombuffer(vsum, dtype="<f8")
            if stored.shape != total.shape or not np.allclose(stored, total, atol=1e-4):
                problems.append(f"story {sid}'s vector sum is not the sum of its articles' vectors")
        (articles,) = conn.execute("SELECT count(*) FROM articles").fetchone()
        row = conn.execute("SELECT value FROM meta WHERE key = 'documents'").fetchone()
        if int(row[0] if row else 0) != articles:
            problems.append(f"keyword frequencies count {row[0] if row else 0} documents for {articles} articles")
    finally:
        conn.close()
    return problems


@pytest.fixture(scope="session")
def write_articles() -> Callable[..., list[Path]]:
    """``write_articles(folder, n, seed)``: ``n`` small invented .txt articles on a few dozen topics."""
    return _write_articles


@pytest.fixture(scope="session")
def story_problems() -> Callable[[Path], list[str]]:
    """``story_problems(db)``: what is inconsistent in a database's stories (empty when sound)."""
    return _story_problems


# ----------------------------------------------------------------------------------------------
# A local web of made-up news sites for the fetch/watch tests (pages, feeds, sitemaps). Served by
# pytest-httpserver on 127.0.0.1 under made-up host names (newsbrief.fetch.loopback). Fictional text.

# Fictional articles: (slug, title, date, paragraphs).
ARTICLES: list[tuple[str, str, str, list[str]]] = [
    (
        "bridge-vote",
        "Harrowgate council approves the new Lanner river bridge",
        "2025-03-04",
        [
            "The Harrowgate town council voted on Tuesday to build a new bridge across the Lanner river, ending a dispute that had lasted for nine years.",
            "Councillors approved the plan by eleven votes to four after a long debate in which residents of the east bank asked for a footpath and a cycle lane.",
            "The bridge will cost 14 million crowns and is expected to open in the spring of 2033, according to the council's chief engineer, Mara Quillby.",
            "Opponents said the money should go to the old ferry service, which has carried passengers across the river since the town was founded.",
        ],
    ),
    (
        "bridge-ferry",
        "Lanner ferry operators warn the bridge will end their service",
        "2025-03-05",
        [
            "Operators of the Lanner river ferry said on Wednesday that the bridge approved by Harrowgate council would put an end to a service their families have run for generations.",
            "Tobin Arrant, who owns two of the four ferries, said passenger numbers would fall by more than half once the bridge opens in 2033.",
            "The council has offered the ferry operators a share of the tolls for five years, but Arrant called the offer an insult to the people who kept the town connected.",
            "A public meeting on the future of the ferry will be held in the Harrowgate library next Monday evening.",
        ],
    ),
    (
        "orchard-frost",
        "Late frost destroys half of the Wellmere apple blossom",
        "2025-04-11",
        [
            "A late frost on Thursday night destroyed about half of the apple blossom in the orchards around Wellmere, growers said on Friday.",
            "Temperatures fell to minus four degrees shortly before dawn, the coldest April night the valley's weather station has recorded in thirty years.",
            "Ilse Varnholt, who chairs the Wellmere growers' association, said the harvest would be the smallest since the association began keeping records.",
            "Some growers lit fires between the rows of trees through the night, which saved the blossom in the lower orchards near the river.",
        ],
    ),
    (
        "orchard-aid",
        "Wellmere growers ask the province for frost aid",
        "2025-04-14",
        [
            "Apple growers in Wellmere asked the provincial government on Monday for emergency aid after last week's frost destroyed half of the valley's blossom.",
            "The growers' association estimates its members will lose about 6 million crowns of income this year, and several family farms may not survive the season.",
            "The provincial minister for agriculture, Oren Delacourt, said he would visit the orchards on Wednesday before deciding on any payment.",
            "Growers also want help to buy frost fans, which protected the orchards of neighbouring valleys during the same cold night.",
        ],
    ),
    (
        "library-reopens",
        "Harrowgate library reopens after two years of repairs",
        "2025-05-02",
        [
            "The Harrowgate public library reopened on Saturday after two years of repairs to its roof and its flooded basement archive.",
            "Hundreds of residents queued outside the building before the doors opened at nine o'clock, and the children's reading room was full within an hour.",
            "The head librarian, Petra Holm, said volunteers had dried and restored more than eight thousand books that were damaged by the flood.",
            "The library will now stay open until eight in the evening on weekdays, two hours later than before the repairs began.",
        ],
    ),
    (
        "orchard-visit",
        "Minister Delacourt tours frost-hit Wellmere orchards",
        "2025-04-16",
        [
            "The provincial agriculture minister, Oren Delacourt, toured the frost-hit orchards of Wellmere on Wednesday and promised a decision on aid within a week.",
            "Growers showed the minister rows of trees whose blossom turned brown after the coldest April night in thirty years.",
            "Ilse Varnholt of the growers' association said the visit was welcome but that farms needed money before the summer, not promises.",
            "Delacourt said the province would also study a loan scheme for frost fans, which growers in neighbouring valleys already use.",
        ],
    ),
]


def page_html(
    title: str,
    paragraphs: Sequence[str],
    *,
    site_name: str | None = None,
    date: str | None = None,
    canonical: str | None = None,
    feed_link: str | None = None,
) -> str:
    """A small article page with navigation boilerplate around the text."""
    meta = []
    if site_name:
        meta.append(f'<meta property="og:site_name" content="{html.escape(site_name)}">')
    if date:
        meta.append(f'<meta property="article:published_time" content="{date}T08:00:00Z">')
    if canonical:
        meta.append(f'<link rel="canonical" href="{html.escape(canonical)}">')
    if feed_link:
        meta.append(f'<link rel="alternate" type="application/rss+xml" title="News" href="{html.escape(feed_link)}">')
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
        f"<title>{html.escape(title)}</title>{''.join(meta)}</head><body>"
        '<nav><a href="/">Home</a> <a href="/local">Local</a> <a href="/weather">Weather</a></nav>'
        f"<article><h1>{html.escape(title)}</h1>{body}</article>"
        "<footer><p>Subscribe to our newsletter</p></footer></body></html>"
    )


def article_page(slug: str, *, site_name: str | None = None, canonical: str | None = None) -> str:
    """The page of the fictional article ``slug``."""
    for s, title, date, paragraphs in ARTICLES:
        if s == slug:
            return page_html(title, paragraphs, site_name=site_name, date=date, canonical=canonical)
    raise KeyError(slug)


def rss(title: str, items: Sequence[tuple[str, str, str]]) -> str:
    """An RSS 2.0 feed of (link, title, RFC 822 date) items."""
    entries = "".join(
        f"<item><title>{html.escape(t)}</title><link>{html.escape(link)}</link><pubDate>{d}</pubDate></item>"
        for link, t, d in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{html.escape(title)}</title><link>http://example.invalid/</link><description>d</description>{entries}"
        "</channel></rss>"
    )


def atom(title: str, items: Sequence[tuple[str, str, str]]) -> str:
    """An Atom feed of (link, title, ISO date) items."""
    entries = "".join(
        f'<entry><title>{html.escape(t)}</title><link href="{html.escape(link)}"/><id>{html.escape(link)}</id>'
        f"<updated>{d}</updated></entry>"
        for link, t, d in items
    )
    return f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>{html.escape(title)}</title>{entries}</feed>'


def news_sitemap(items: Sequence[tuple[str, str, str, str]]) -> str:
    """A Google News sitemap of (loc, publication name, date, title) items."""
    urls = "".join(
        f"<url><loc>{html.escape(loc)}</loc><news:news><news:publication><news:name>{html.escape(name)}</news:name>"
        f"<news:language>en</news:language></news:publication><news:publication_date>{d}</news:publication_date>"
        f"<news:title>{html.escape(t)}</news:title></news:news></url>"
        for loc, name, d, t in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>'
    )


def slow_page(paragraphs: int = 19_000) -> str:
    """An HTML page that trafilatura takes seconds of CPU to extract: ``paragraphs`` different short
    paragraphs (not collapsed as repeats; the 20,000-tag cut keeps about 10,000 of 19,000, which
    still take 2-5 s). With ``max_extract_seconds`` at 0.05 it is always over the limit."""
    body = "".join(f"<p>Item {i} of the harbour inventory lists crate {i * 7} on pier {i % 13}.</p>" for i in range(paragraphs))
    return f"<!DOCTYPE html><html><head><title>Harbour inventory</title></head><body><article><h1>Inventory</h1>{body}</article></body></html>"
