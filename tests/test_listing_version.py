"""A story's stored listing is made again when the code that makes it changes (issue 13).

The listing's state holds ``corpus.listing.LISTING_VERSION``; the code it names (``LISTING_CODE``)
is fingerprinted here, one fingerprint per version, so changing that code without looking at the
version fails this test with what to do. Then, on real seed articles: a listing of another
version is stale, and ``refresh`` and the web desk's story page make it again.
"""

from __future__ import annotations

import hashlib
import importlib
import inspect
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsbrief.cli import cli
from newsbrief.corpus import listing

# LISTING_VERSION -> fingerprint of LISTING_CODE at that version. When the code changes: if what a
# listing holds (headline, outlet counts) may change, bump LISTING_VERSION and add its fingerprint;
# if it cannot (a comment, a rename), replace the current version's fingerprint. Keep the others.
FINGERPRINTS = {
    1: "eb9ff3ca1b0ecdac",  # s14: lead.repeats_headline, opening_text/opening_words (summary only); headline code unchanged
}


def listing_code_fingerprint() -> str:
    """sha256 (first 16 hex digits) of the source of everything LISTING_CODE names, in order."""
    h = hashlib.sha256()
    for name in listing.LISTING_CODE:
        module, _, function = name.partition(":")
        obj = importlib.import_module(module)
        source = inspect.getsource(getattr(obj, function) if function else obj)
        h.update(f"{name}\n{source}\n".encode())
    return h.hexdigest()[:16]


def test_listing_code_changes_say_whether_the_listing_version_moves() -> None:
    assert sorted(FINGERPRINTS) == list(range(1, listing.LISTING_VERSION + 1)), (
        "tests/test_listing_version.py keeps one fingerprint per LISTING_VERSION, 1 to the current one"
    )
    now = listing_code_fingerprint()
    assert FINGERPRINTS[listing.LISTING_VERSION] == now, (
        f"the code that makes a story's listing changed (corpus.listing.LISTING_CODE; fingerprint {now}): "
        "if its headline or outlet counts may change, bump LISTING_VERSION in corpus/listing.py and add "
        f"FINGERPRINTS[{listing.LISTING_VERSION + 1}] = {now!r} here, so that stored listings are made again; "
        f"if they cannot, set FINGERPRINTS[{listing.LISTING_VERSION}] = {now!r}"
    )
    assert len(set(FINGERPRINTS.values())) == len(FINGERPRINTS), "each version is other code"


def test_every_name_of_the_listing_code_exists() -> None:
    for name in listing.LISTING_CODE:
        module, _, function = name.partition(":")
        obj = importlib.import_module(module)
        assert not function or callable(getattr(obj, function, None)), name


def test_the_listing_version_is_part_of_its_state(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsbrief.config import load_settings

    settings = load_settings(None)
    key = listing.settings_key(settings, "1.0")
    monkeypatch.setattr(listing, "LISTING_VERSION", listing.LISTING_VERSION + 1)
    assert listing.settings_key(settings, "1.0") != key


@pytest.mark.needs_shared
def test_refresh_and_the_story_page_list_again_a_listing_of_other_code(
    seeds_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "seeds.db"
    assert CliRunner().invoke(cli, ["ingest", str(seeds_dir), "--db", str(db), "-q"]).exit_code == 0
    with sqlite3.connect(db) as conn:
        before = conn.execute("SELECT id, headline, outlets, no_outlet, listed_state FROM stories WHERE listed_state IS NOT NULL").fetchall()
    assert before
    # What the listing code of the next version sees: every stored listing is of other code.
    monkeypatch.setattr(listing, "LISTING_VERSION", listing.LISTING_VERSION + 1)
    served = tmp_path / "served.db"
    shutil.copyfile(db, served)
    result = CliRunner().invoke(cli, ["refresh", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert f": {len(before)} {'story' if len(before) == 1 else 'stories'} listed again (headline and outlet counts) (" in result.stderr
    with sqlite3.connect(db) as conn:
        after = conn.execute("SELECT id, headline, outlets, no_outlet, listed_state FROM stories WHERE listed_state IS NOT NULL").fetchall()
    # The same listing (the code did not change), made for the new state.
    assert [r[:4] for r in after] == [r[:4] for r in before]
    assert all(a[4] != b[4] for a, b in zip(after, before))
    again = CliRunner().invoke(cli, ["refresh", "--db", str(db)])
    assert ": nothing was missing or stale (" in again.stderr

    # The web desk: opening the story's page makes its brief and its listing for the new state.
    from starlette.testclient import TestClient

    from newsbrief.config import load_settings
    from newsbrief.web.app import create_app

    story = before[0][0]
    with TestClient(create_app(served, load_settings(None))) as client:
        assert client.get(f"/story/{story}").status_code == 200
    with sqlite3.connect(served) as conn:
        state = conn.execute("SELECT listed_state FROM stories WHERE id = ?", (story,)).fetchone()[0]
    assert state == dict((r[0], r[4]) for r in after)[story]
