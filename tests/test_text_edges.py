"""Plain-text edge cases (issue 17, point 7): a long first paragraph that lost its final full stop
is body, not header; a few stray NUL bytes are removed with a note instead of the file skipped."""

from __future__ import annotations

from pathlib import Path

from newsbrief.config import Settings
from newsbrief.read.metadata import is_paragraph
from newsbrief.read.readers import read_paths

SENTENCES = [
    "The harbour board of Kessling voted on Monday to sell the old ferry terminal for 12 million crowns",
    "Board chair Mira Tolland said the decision followed six hours of debate about jobs at the port",
    "Three bidders remain in the running, including a shipping company from Ostrand and two local investors",
    "The terminal has lost money every year since the new bridge opened in 2019, the board's accounts show",
    "Dock workers gathered outside the meeting hall and asked the board to keep the ferry service running",
    "Tolland promised that the buyer would have to keep at least one daily crossing to the islands",
    "The union said it would study the terms of the sale before deciding whether to call a strike",
    "A final decision on the buyer is expected in June, after the council has reviewed the offers",
    "Residents of the islands depend on the ferry for school runs, hospital visits and deliveries",
    "The board will publish the full list of conditions attached to the sale next week, Tolland added",
    "Ostrand Shipping declined to comment on its bid when reached by telephone on Monday evening",
    "The old terminal building, opened in 1954, is listed as a historic monument by the regional office",
]


def long_paragraph() -> str:
    return ". ".join(SENTENCES)  # about 200 words, no final full stop


def test_a_long_paragraph_without_its_final_stop_is_body(tmp_path: Path, settings: Settings) -> None:
    first = long_paragraph()
    assert len(first.split()) > 190 and not is_paragraph(first.split(". ")[0])
    assert is_paragraph(first)
    path = tmp_path / "article.txt"
    path.write_text(
        "Kessling board votes to sell ferry terminal\n\n" + first + "\n\nThe board meets again on Thursday to pick a buyer.\n",
        encoding="utf-8",
    )
    (article,), skipped = read_paths([str(path)], settings)
    assert skipped == []
    assert article.title == "Kessling board votes to sell ferry terminal"
    assert article.body.startswith(SENTENCES[0])
    assert SENTENCES[-1] in article.body


def test_headlines_and_short_lines_without_a_stop_are_still_not_body() -> None:
    assert not is_paragraph("Kessling board votes to sell ferry terminal after six hours of debate on jobs at the port")
    assert not is_paragraph(" ".join(["word"] * 60))  # long, but no sentences inside


def test_a_few_nul_bytes_are_removed_with_a_note(tmp_path: Path, settings: Settings) -> None:
    text = "Kessling board votes to sell ferry terminal\n\n" + "\n\n".join(f"{s} (part {k})." for k in range(4) for s in SENTENCES)
    data = text.encode("utf-8")
    assert 4000 < len(data) < 6000
    spots = [900, 1800, 1801, 3500]
    for i in reversed(spots):
        data = data[:i] + b"\x00" + data[i:]
    path = tmp_path / "nul.txt"
    path.write_bytes(data)
    (article,), skipped = read_paths([str(path)], settings)
    assert skipped == []
    assert "\x00" not in article.body and "4 NUL bytes removed" in article.notes
    assert SENTENCES[5] in article.body


def test_utf16_text_is_still_read_as_utf16(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes(("Kessling board sells terminal\n\n" + ". ".join(SENTENCES) + ".\n").encode("utf-16-le"))
    (article,), skipped = read_paths([str(path)], settings)
    assert skipped == [] and SENTENCES[2] in article.body
    assert not any("NUL" in n for n in article.notes)
