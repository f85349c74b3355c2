"""Display-safe text (issue 17, point 8): bidi controls isolated in HTML and stripped from outlet
names, look-alike outlet names counted as one, only http(s) URLs in JSON, and no raw control
characters in any terminal message."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsbrief.cli import cli
from newsbrief.config import Settings
from newsbrief.read.display import clean_source_name
from newsbrief.read.readers import read_paths
from newsbrief.story.sources import fold_outlet

RLO = "\u202e"
BODY = (
    "The harbour board of Kessling voted on Monday to sell the old ferry terminal for 12 million crowns, "
    "board chair Mira Tolland said after a six-hour meeting. The board will meet again on Thursday to choose "
    "a buyer among three bidders, she said."
)
SPOOFS = ["Reuters", "Reuters" + RLO, "R\u0435uters", "Reu\u200bters", "\uff32\uff45\uff55\uff54\uff45\uff52\uff53"]


@pytest.mark.parametrize("name", SPOOFS)
def test_look_alike_outlet_names_fold_to_one(name: str) -> None:
    assert clean_source_name(name) == "Reuters"


# Wider look-alikes (Unicode's confusables data): mathematical and full-width letters, Armenian
# and Cherokee letters inside the Latin name, zero-width joiners, stacked and overlaid marks.
WIDER_SPOOFS = {
    "mathematical-bold": "\U0001d411\U0001d41e\U0001d42e\U0001d42d\U0001d41e\U0001d42b\U0001d42c",
    "mathematical-fraktur-script": "\u211c\U0001d522\U0001d4ca\U0001d4c9\U0001d4ee\U0001d4c7\U0001d4c8",
    "fullwidth": "\uff32\uff45\uff55\uff54\uff45\uff52\uff53",
    "armenian-u-o": "Re\u057dters",
    "cherokee-R": "\u13a1euters",
    "zero-width-joiner": "Re\u200duters",
    "zero-width-non-joiner-and-grapheme-joiner": "Reu\u200c\u034fters",
    "overlaid-stroke": "R\u0336eu\u0335ters",
    "stacked-marks": "Reu\u0308\u0301\u0323ters",
    "cyrillic-and-armenian": "R\u0435\u057dt\u0435rs",
}


@pytest.mark.parametrize("name", WIDER_SPOOFS.values(), ids=WIDER_SPOOFS.keys())
def test_wider_look_alikes_count_as_one_outlet(name: str) -> None:
    assert fold_outlet(clean_source_name(name) or "") == fold_outlet("Reuters") == "reuters"


def test_accents_are_kept_for_display_and_ignored_in_comparison() -> None:
    assert clean_source_name("El Pai\u0301s") == "El País"  # NFKC composes the accent: shown as written
    assert clean_source_name("Reu\u0301ters") == "Reúters"
    assert fold_outlet("Reúters") == fold_outlet("Reuters") and fold_outlet("El País") == fold_outlet("El Pais")


def test_names_in_one_other_script_are_kept() -> None:
    assert clean_source_name("РИА Новости") == "РИА Новости"
    assert clean_source_name("Καθημερινή") == "Καθημερινή"
    assert clean_source_name("ТАСС") == "ТАСС"  # every letter looks Latin, but no word mixes scripts
    assert clean_source_name("ria.ru РИА Новости") == "ria.ru РИА Новости"
    assert clean_source_name("Diriliş Postası") == "Diriliş Postası"  # Latin letters of real names stay
    assert clean_source_name("\u200b" + RLO) is None


def write_records(folder: Path) -> None:
    folder.mkdir()
    urls = ["https://example.org/a", "javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "/relative/path", "http://example.net/b"]
    for i, (outlet, url) in enumerate(zip(SPOOFS, urls)):
        record = {"title": f"Kessling terminal {RLO}sold{' again' * i}", "outlet": outlet, "url": url, "date": "2024-05-14", "text": BODY + f" Report {i}."}
        (folder / f"a{i}.json").write_text(json.dumps(record), encoding="utf-8")


def test_brief_outputs_are_display_safe(tmp_path: Path, settings: Settings) -> None:
    write_records(tmp_path / "in")
    articles, _ = read_paths([str(tmp_path / "in")], settings)
    assert {a.outlet for a in articles} == {"Reuters"}
    runner = CliRunner()
    data = json.loads(runner.invoke(cli, ["brief", str(tmp_path / "in"), "--format", "json", "-q"]).stdout)
    assert [a["url"] for a in data["articles"]] == ["https://example.org/a", None, None, None, "http://example.net/b"]
    assert {a["outlet"] for a in data["articles"]} == {"Reuters"}
    html = runner.invoke(cli, ["brief", str(tmp_path / "in"), "--format", "html", "-q"]).stdout
    assert "javascript:" not in html and "data:text" not in html
    # Every right-to-left override sits inside a <bdi> element that closes before the line ends.
    for line in html.splitlines():
        outside = line
        while "<bdi>" in outside:
            start = outside.index("<bdi>")
            end = outside.index("</bdi>", start)
            outside = outside[:start] + outside[end + len("</bdi>") :]
        assert RLO not in outside, line
    assert html.count("<bdi>") >= len(SPOOFS)


def test_terminal_messages_escape_control_characters(tmp_path: Path) -> None:
    runner = CliRunner()
    bad_db = tmp_path / "x\x1b[31m.db"
    result = runner.invoke(cli, ["stories", "--db", str(bad_db)])
    assert result.exit_code != 0 and "\x1b" not in result.output and "\\x1b[31m.db" in result.output
    result = runner.invoke(cli, ["brief", "--db", str(bad_db), "--story", "1"])
    assert result.exit_code == 2 and "\x1b" not in result.output and "\\x1b[31m.db" in result.output
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty\x1b[2J.txt").write_bytes(b"")
    result = runner.invoke(cli, ["brief", str(folder)])
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "empty\\x1b[2J.txt" in result.output
