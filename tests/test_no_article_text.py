"""A page with no article text -- no line of it reads as a sentence -- is skipped with a message
naming the file, in a brief and at ingest (issue 13). Invented pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from newsbrief.cli import ingest, stories
from newsbrief.config import Settings
from newsbrief.models import Skip
from newsbrief.read.readers import read_paths

SETTINGS = Settings()
SHARED = Path(__file__).resolve().parents[2] / "shared"

# A gallery's captions and a teaser list run together on one line, as a scraper flattens them.
GALLERY = (
    "cents Ferry stranded off Kessel harbour A selection of the best pictures of the week Crowds "
    "gather on the quay as the storm passes Firefighters pump water from a flooded school in Marrow "
    "Falls 400 homes without power in the lower town Photographs of the week in pictures\n"
)
# An index of headlines, one a line, none with a stop.
INDEX = "\n".join(
    [
        "Storm closes Kessel harbour for a third day",
        "Marrow Falls school reopens after the flood",
        "Council approves new sea wall for the lower town",
        "Fishermen count the cost of a lost season",
    ]
) + "\n"
ARTICLE = (
    "Kessel harbour reopened on Thursday after three days of storms, the port authority said.\n"
    "Ferries to the islands will run on a reduced timetable until Monday, it added.\n"
)


def _read(tmp_path: Path, files: dict[str, str]) -> tuple[list[str], list[Skip]]:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    articles, skipped = read_paths([tmp_path], SETTINGS)
    return [a.id for a in articles], skipped


@pytest.mark.parametrize(("page", "reason"), [(GALLERY, "no article text: no line of it reads as a sentence"), (INDEX, "no article text")])
def test_a_page_without_a_sentence_is_skipped_by_name(tmp_path: Path, page: str, reason: str) -> None:
    ids, skipped = _read(tmp_path, {"gallery.txt": page, "story.txt": ARTICLE})
    assert ids == ["story.txt"]
    assert [s.path for s in skipped] == [str(tmp_path / "gallery.txt")]
    # The gallery's words outlast the boilerplate rules: its no sentence skips it; the index's
    # headlines go as boilerplate first. Either way the reason says there is no article text.
    assert skipped[0].reason.startswith(reason), skipped


@pytest.mark.parametrize(
    "body",
    [
        # Only a question ends on a stop: a sentence still.
        "Is the Kessel sea wall high enough to stop the next storm surge that the forecasters expect ?\n"
        "Engineers of the council disagree among themselves and will report to the mayor in May\n",
        # Sentences whose last one lost its stop, as scrapers do.
        "The council of Kessel met on Tuesday evening in the old town hall by the harbour . It approved the new "
        "sea wall by nine votes to two after a long debate about its cost to the town\n",
        # Quoted speech closing on its marks after the stop.
        "`` We will rebuild the quay before the summer season begins . '' the harbour master told reporters on Friday "
        "as the last of the storm damage was cleared from the ferry terminal\n",
    ],
)
def test_a_page_with_a_sentence_is_read(tmp_path: Path, body: str) -> None:
    ids, skipped = _read(tmp_path, {"story.txt": "Kessel sea wall\n\n" + body})
    assert ids == ["story.txt"] and skipped == []


@pytest.mark.slow
def test_ingest_skips_a_gallery_page_and_counts_it(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "gallery.txt").write_text(GALLERY, encoding="utf-8")
    seed = sorted((SHARED / "seeds").glob("*.txt"))[0]
    (src / "seed.txt").write_bytes(seed.read_bytes())
    db = tmp_path / "c.db"
    runner = CliRunner()
    result = runner.invoke(ingest, [str(src), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert f"skipped {src / 'gallery.txt'}: no article text: " in result.stderr
    assert "1 articles added" in result.stderr or "1 article added" in result.stderr, result.stderr
    assert "1 input skipped" in result.stderr, result.stderr
    listing = runner.invoke(stories, ["--db", str(db)]).output
    assert "gallery.txt" not in listing and "News brief" not in listing, listing
