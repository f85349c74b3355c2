"""Readers: every bad file becomes a Skip naming the file and what to do; the good ones are read.

Bad files are built in tmp_path at test time (no committed binaries).
"""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from newsbrief.config import Settings
from newsbrief.models import Article, Skip
from newsbrief.read.paths import InputFile, shown_path
from newsbrief.read.readers import read_file, read_paths

SETTINGS = Settings()
PARA = (
    "The council of Varnholt voted on Tuesday to close the old bridge over the Lenn river after "
    "inspectors found cracks in two of its five piers, the mayor's office said."
)
PARA2 = "Traffic will move to a temporary crossing downstream, which engineers said could open within three weeks."
ARTICLE_TXT = f"Varnholt closes old bridge\n\nMarch 5, 2024\n\n{PARA}\n\n{PARA2}\n"


def read(path: Path, settings: Settings = SETTINGS) -> list[Article | Skip]:
    return list(read_file(InputFile(path, path.name), settings))


def only(results: list[Article | Skip]) -> Article | Skip:
    assert len(results) == 1, results
    return results[0]


def skip_reason(path: Path, settings: Settings = SETTINGS) -> str:
    r = only(read(path, settings))
    assert isinstance(r, Skip), r
    assert r.path == str(path)
    return r.reason


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def test_plain_text_article_is_read(tmp_path: Path) -> None:
    a = only(read(write(tmp_path / "a.txt", ARTICLE_TXT)))
    assert isinstance(a, Article)
    assert PARA in a.body and PARA2 in a.body
    assert a.id == "a.txt" and a.notes == ()


# --- bad files ------------------------------------------------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    reason = skip_reason(write(tmp_path / "empty.txt", b""))
    assert reason == "empty file (no text in it); remove it or download the article again"


def test_blank_file(tmp_path: Path) -> None:
    assert skip_reason(write(tmp_path / "blank.txt", " \n\n\t \n")).startswith("empty file")


def test_png_under_a_txt_name(tmp_path: Path) -> None:
    reason = skip_reason(write(tmp_path / "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(500)))
    assert reason == "this is a PNG image, not text; this is not an article; remove it from the input"


def test_pdf_under_a_txt_name_says_how_to_convert(tmp_path: Path) -> None:
    reason = skip_reason(write(tmp_path / "report.txt", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + bytes(300)))
    assert "PDF document" in reason and "pdftotext" in reason


def test_random_binary_under_a_txt_name(tmp_path: Path) -> None:
    data = bytes((i * 7919) % 256 for i in range(5000))
    assert skip_reason(write(tmp_path / "noise.txt", data)).startswith("binary data")


def test_latin1_text_is_decoded(tmp_path: Path) -> None:
    text = ARTICLE_TXT.replace("mayor's office", "mayor's café-office in Zürich")
    a = only(read(write(tmp_path / "l1.txt", text.encode("latin-1"))))
    assert isinstance(a, Article) and "café-office in Zürich" in a.body


def test_cp1252_text_is_decoded(tmp_path: Path) -> None:
    text = ARTICLE_TXT.replace("the mayor's office said.", "the mayor’s office said: “it costs €2 million”.")
    a = only(read(write(tmp_path / "w.txt", text.encode("cp1252"))))
    assert isinstance(a, Article) and "“it costs €2 million”" in a.body


def test_html_declaring_latin1_is_decoded(tmp_path: Path) -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
        f"<title>Bridge</title></head><body><article><p>{PARA} Café owners “worried”.</p><p>{PARA2}</p></article></body></html>"
    )
    a = only(read(write(tmp_path / "p.html", page.encode("cp1252"))))
    assert isinstance(a, Article) and "Café owners “worried”." in a.body


def test_truncated_html_keeps_what_arrived(tmp_path: Path) -> None:
    page = f"<html><head><title>Bridge closes</title></head><body><article><p>{PARA}</p><p>{PARA2}</p></article></body></html>"
    cut = page[: page.index(PARA2) + 40]  # the download stops inside the second paragraph
    a = only(read(write(tmp_path / "cut.html", cut)))
    assert isinstance(a, Article) and PARA in a.body


def test_malformed_html_is_repaired(tmp_path: Path) -> None:
    page = f"<html><body><div><p>{PARA}<p><b>{PARA2}<i></div></span></body>"
    a = only(read(write(tmp_path / "bad.htm", page)))
    assert isinstance(a, Article) and PARA in a.body and PARA2 in a.body


def test_html_file_holding_plain_text_is_read_as_text(tmp_path: Path) -> None:
    a = only(read(write(tmp_path / "plain.html", ARTICLE_TXT)))
    assert isinstance(a, Article) and PARA in a.body
    assert a.notes == ("no HTML tags found; read as plain text",)


def test_html_without_main_text(tmp_path: Path) -> None:
    page = "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>"
    reason = skip_reason(write(tmp_path / "index.html", page))
    # trafilatura's recall mode may pick up the menu, which cleaning then drops: either way a Skip.
    assert reason.startswith("no main text found in this HTML page") or "left after removing boilerplate" in reason


def jsonl_line(**fields: object) -> str:
    return json.dumps(fields, ensure_ascii=False)


def test_jsonl_broken_lines_are_skipped_and_good_lines_read(tmp_path: Path) -> None:
    lines = [
        jsonl_line(title="One", text=PARA, date="2024-03-05"),
        '{"title": "Two", "text": "unterminated',
        "",
        jsonl_line(title="Three", text=PARA2),
        "[1, 2, 3]",
        jsonl_line(title="No text"),
    ]
    path = write(tmp_path / "dump.jsonl", "\n".join(lines) + "\n")
    results = read(path)
    articles = [r for r in results if isinstance(r, Article)]
    skips = [r for r in results if isinstance(r, Skip)]
    assert [a.id for a in articles] == ["dump.jsonl#1", "dump.jsonl#4"]
    assert articles[0].published is not None and articles[0].published.isoformat() == "2024-03-05"
    assert [s.path for s in skips] == [f"{path}#2", f"{path}#5", f"{path}#6"]
    assert skips[0].reason.startswith("line 2 is not valid JSON (Unterminated string") and skips[0].reason.endswith("fix or remove that line")
    assert skips[1].reason.startswith("expected a JSON object with a 'text' field, got list")
    assert skips[2].reason.startswith("no article text; give it in one of the fields text,")


def test_jsonl_line_separator_inside_a_string_is_not_a_line_break(tmp_path: Path) -> None:
    path = write(tmp_path / "ls.jsonl", jsonl_line(text=PARA + "\u2028" + PARA2) + "\n")
    a = only(read(path))
    assert isinstance(a, Article) and PARA2 in a.body


def test_jsonl_raw_tab_in_a_string_is_tolerated(tmp_path: Path) -> None:
    path = write(tmp_path / "tab.jsonl", '{"text": "' + PARA + '\t' + PARA2 + '"}\n')
    assert isinstance(only(read(path)), Article)


def test_json_array_and_export_object(tmp_path: Path) -> None:
    arr = write(tmp_path / "arr.json", json.dumps([{"text": PARA}, {"text": PARA2}]))
    assert [r.id for r in read(arr) if isinstance(r, Article)] == ["arr.json#0", "arr.json#1"]
    exp = write(tmp_path / "export.json", json.dumps({"count": 2, "articles": [{"text": PARA}, {"text": PARA2}]}))
    assert [r.id for r in read(exp) if isinstance(r, Article)] == ["export.json#0", "export.json#1"]


def test_a_list_of_paragraphs_is_read_as_paragraphs(tmp_path: Path) -> None:
    f = write(tmp_path / "p.jsonl", json.dumps({"title": "T", "paragraphs": [PARA, 7, PARA2, ""]}) + "\n")
    [a] = [r for r in read(f) if isinstance(r, Article)]
    assert a.body.split("\n\n") == [PARA, PARA2]


def test_truncated_json_array_keeps_the_items_before(tmp_path: Path) -> None:
    data = json.dumps([{"text": PARA}, {"text": PARA2}, {"text": PARA}])
    path = write(tmp_path / "cut.json", data[: data.rindex("{") + 12])
    results = read(path)
    assert [r.id for r in results if isinstance(r, Article)] == ["cut.json#0", "cut.json#1"]
    skip = results[-1]
    assert isinstance(skip, Skip) and skip.path == str(path)
    assert skip.reason.startswith("not valid JSON at item 2 (") and "the items before it were read" in skip.reason


def test_jsonl_saved_as_json_is_read(tmp_path: Path) -> None:
    path = write(tmp_path / "lines.json", jsonl_line(text=PARA) + "\n" + jsonl_line(text=PARA2) + "\n")
    assert [r.id for r in read(path) if isinstance(r, Article)] == ["lines.json#0", "lines.json#1"]


def test_invalid_json(tmp_path: Path) -> None:
    reason = skip_reason(write(tmp_path / "x.json", "{'single': 'quotes'}"))
    assert reason.startswith("not valid JSON (Expecting property name") and reason.endswith("use .jsonl for one article per line")


def test_lone_surrogates_from_json_escapes_are_replaced(tmp_path: Path) -> None:
    path = write(tmp_path / "s.jsonl", '{"title": "T\\ud800", "text": "' + PARA + ' \\udc00 end."}\n')
    a = only(read(path))
    assert isinstance(a, Article)
    a.body.encode("utf-8")  # would raise on a lone surrogate
    assert a.title is not None and a.title.encode("utf-8")


def test_unsupported_extensions(tmp_path: Path) -> None:
    assert skip_reason(write(tmp_path / "a.pdf", b"%PDF")) == (
        "unsupported file type '.pdf'; extract its text first (for example with pdftotext) into a .txt file"
    )
    assert skip_reason(write(tmp_path / "a.xyz", "text")) == (
        "unsupported file type '.xyz'; give .txt, .html, .htm, .json, .jsonl, .rss or .atom (optionally .gz) files"
    )


def test_file_without_extension_is_judged_by_content(tmp_path: Path) -> None:
    a = only(read(write(tmp_path / "article", ARTICLE_TXT)))
    assert isinstance(a, Article) and PARA in a.body
    b = read(write(tmp_path / "dump", jsonl_line(text=PARA) + "\n" + jsonl_line(text=PARA2) + "\n"))
    assert len([r for r in b if isinstance(r, Article)]) == 2


def test_gzipped_jsonl_and_truncated_gzip(tmp_path: Path) -> None:
    lines = "".join(jsonl_line(text=f"{PARA} Number {i}.") + "\n" for i in range(1000))  # ~190 kB
    good = write(tmp_path / "d.jsonl.gz", gzip.compress(lines.encode()))
    assert len([r for r in read(good) if isinstance(r, Article)]) == 1000
    blob = gzip.compress(lines.encode())
    cut = write(tmp_path / "cut.jsonl.gz", blob[: len(blob) // 2])
    results = read(cut)
    assert any(isinstance(r, Article) for r in results), "lines before the fault are kept"
    last = results[-1]
    assert isinstance(last, Skip) and last.reason.startswith("could not read the file to the end (")


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "locked.txt", ARTICLE_TXT)

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr("newsbrief.read.readers.open", refuse, raising=False)
    assert skip_reason(path) == "cannot open (Permission denied); check the path and its permissions"


def test_utf16_jsonl_with_bom_and_crlf_jsonl(tmp_path: Path) -> None:
    text = jsonl_line(text=PARA) + "\n" + jsonl_line(text=PARA2) + "\n"
    wide = write(tmp_path / "wide.jsonl", text.encode("utf-16"))
    assert len([r for r in read(wide) if isinstance(r, Article)]) == 2
    crlf = write(tmp_path / "crlf.jsonl", text.replace("\n", "\r\n").encode("utf-8"))
    assert [r.id for r in read(crlf) if isinstance(r, Article)] == ["crlf.jsonl#1", "crlf.jsonl#2"]


# --- folders, links, ids -------------------------------------------------------------------------


def test_folder_walk_ignores_hidden_and_folder_docs(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", ARTICLE_TXT)
    write(tmp_path / "sub" / "a.txt", ARTICLE_TXT.replace("Tuesday", "Monday"))
    write(tmp_path / ".DS_Store", b"\x00\x01")
    write(tmp_path / "README.md", "# About these articles")
    write(tmp_path / "LICENSE", "Permission is granted ...")
    articles, skipped = read_paths([tmp_path], SETTINGS)
    assert [a.id for a in articles] == ["b.txt", "sub/a.txt"]
    assert skipped == []


def test_folder_that_cannot_be_listed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "a.txt", ARTICLE_TXT)
    (tmp_path / "locked").mkdir()
    real_scandir = os.scandir

    def scandir(path: object) -> object:
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[call-overload]

    monkeypatch.setattr("newsbrief.read.paths.os.scandir", scandir)
    articles, skipped = read_paths([tmp_path], SETTINGS)
    assert [a.id for a in articles] == ["a.txt"]
    assert skipped == [Skip(str(tmp_path / "locked"), "cannot list folder (Permission denied); check its permissions")]


def test_a_short_jsonl_record_is_named_by_its_line(tmp_path: Path) -> None:
    lines = [jsonl_line(title="Tiny", text="Storm."), jsonl_line(title="Full", text=PARA), jsonl_line(title="Tiny too", text="Bridge shut.")]
    path = write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")
    skips = [r for r in read(path) if isinstance(r, Skip)]
    assert [s.path for s in skips] == [f"{path}#1", f"{path}#3"]
    assert skips[0].reason.startswith("only 1 word of text left") and skips[1].reason.startswith("only 2 words of text left")


def test_a_short_item_of_a_json_array_is_named_by_its_index(tmp_path: Path) -> None:
    path = write(tmp_path / "export.json", json.dumps([{"title": "Full", "text": PARA}, {"title": "Tiny", "text": "Storm."}]))
    skips = [r for r in read(path) if isinstance(r, Skip)]
    assert [s.path for s in skips] == [f"{path}#1"]


def test_empty_files_are_each_reported_as_empty(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", ARTICLE_TXT)
    write(tmp_path / "empty.txt", "")
    write(tmp_path / "empty.jsonl", "")
    _, skipped = read_paths([tmp_path], SETTINGS)
    reasons = {Path(s.path).name: s.reason for s in skipped}
    assert set(reasons) == {"empty.txt", "empty.jsonl"}
    assert all(r.startswith("empty file") for r in reasons.values()), reasons


def _rss(items: str, encoding: str = "utf-8", title: str = "Lenn Valley Wire") -> str:
    return (
        f'<?xml version="1.0" encoding="{encoding}"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>{title}</title><link>https://lenn.example/</link>{items}</channel></rss>"
    )


def test_a_saved_rss_feed_gives_one_article_per_item_with_text(tmp_path: Path) -> None:
    full = f"<p>{PARA}</p><p>{PARA2}</p><script>alert(1)</script>"
    items = (
        "<item><title>Varnholt closes old bridge</title><link>https://lenn.example/bridge</link>"
        f"<pubDate>Tue, 05 Mar 2024 09:30:00 GMT</pubDate><content:encoded><![CDATA[{full}]]></content:encoded></item>"
        "<item><title>Teaser only</title><link>https://lenn.example/teaser</link><description>Read more.</description></item>"
    )
    path = write(tmp_path / "wire.rss", _rss(items))
    results = read(path)
    article, skip = results
    assert isinstance(article, Article) and isinstance(skip, Skip)
    assert (article.id, article.title, article.outlet, article.url) == ("wire.rss#0", "Varnholt closes old bridge", "Lenn Valley Wire", "https://lenn.example/bridge")
    assert article.published is not None and article.published.isoformat() == "2024-03-05"
    assert "cracks in two of its five piers" in article.body and "alert" not in article.body
    assert article.body.count("\n\n") >= 1  # the item's paragraphs stay paragraphs
    assert skip.path == f"{path}#1"
    assert skip.reason.startswith("a feed item with 2 words of text (a teaser, not the article); fetch its page at https://lenn.example/teaser")


def test_atom_latin1_and_extensionless_feeds_are_read(tmp_path: Path) -> None:
    atom = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Lenn Atom</title>'
        f'<entry><title>Bridge</title><link href="https://lenn.example/a"/><updated>2024-03-06T10:00:00Z</updated><content type="html">&lt;p&gt;{PARA}&lt;/p&gt;&lt;p&gt;{PARA2}&lt;/p&gt;</content></entry></feed>'
    )
    latin = _rss(f"<item><title>Caf\u00e9 r\u00e9ouvert</title><description>{PARA} {PARA2} Le caf\u00e9 a rouvert.</description></item>", "iso-8859-1")
    got = [
        only(read(write(tmp_path / "a.atom", atom))),
        only(read(write(tmp_path / "b.xml", latin.encode("latin-1")))),
        only(read(write(tmp_path / "feed", atom))),
    ]
    assert all(isinstance(g, Article) for g in got), got
    assert got[0].outlet == "Lenn Atom" and got[0].published is not None and got[0].published.isoformat() == "2024-03-06"
    assert got[1].title == "Caf\u00e9 r\u00e9ouvert" and "caf\u00e9 a rouvert" in got[1].body
    assert got[2].id == "feed#0"


def test_a_feed_description_of_one_or_two_sentences_is_a_teaser(tmp_path: Path) -> None:
    """A saved feed among a site's pages must not add a shorter second copy of each report."""
    path = write(tmp_path / "site.rss", _rss(f"<item><title>Bridge</title><link>https://lenn.example/b</link><description>{PARA}</description></item>"))
    skip = only(read(path))
    assert isinstance(skip, Skip) and skip.path == f"{path}#0"
    assert skip.reason.startswith("a feed item with 30 words of text (a teaser, not the article); fetch its page at https://lenn.example/b")


def test_xml_that_is_no_feed_is_skipped_saying_what_it_is(tmp_path: Path) -> None:
    sitemap = '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://lenn.example/a</loc></url></urlset>'
    assert skip_reason(write(tmp_path / "sitemap.xml", sitemap)).startswith("a sitemap: it lists pages, not their text; fetch them with `newsbrief watch FILE")
    assert skip_reason(write(tmp_path / "config.xml", "<config><a>1</a></config>")).startswith("not an RSS or Atom feed (XML with a <config> root)")
    broken = only(read(write(tmp_path / "broken.rss", '<?xml version="1.0"?><rss><channel><title>x</title><item><title>unclosed')))
    assert isinstance(broken, Skip) and broken.reason.startswith(("a feed with no item to read", "a feed item with no words of text"))


def test_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "nothing").mkdir()
    articles, skipped = read_paths([tmp_path / "nothing"], SETTINGS)
    assert articles == []
    assert skipped == [Skip(str(tmp_path / "nothing"), "no article files in this folder; point newsbrief at the folder that holds the articles")]


def test_missing_path(tmp_path: Path) -> None:
    _, skipped = read_paths([tmp_path / "nope"], SETTINGS)
    assert skipped == [Skip(str(tmp_path / "nope"), "no such file or folder; check the path")]


def test_folder_link_loop_is_skipped_once(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", ARTICLE_TXT)
    os.symlink(tmp_path, tmp_path / "again")
    articles, skipped = read_paths([tmp_path], SETTINGS)
    assert [a.id for a in articles] == ["a.txt"]
    assert skipped == [Skip(str(tmp_path / "again"), "link loop: this folder was already read through another path; nothing to do")]


def test_self_link_and_broken_link(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", ARTICLE_TXT)
    os.symlink(tmp_path / "loop.txt", tmp_path / "loop.txt")
    os.symlink(tmp_path / "gone.txt", tmp_path / "dangling.txt")
    _, skipped = read_paths([tmp_path], SETTINGS)
    assert {s.path: s.reason for s in skipped} == {
        str(tmp_path / "dangling.txt"): "broken link: what it points to does not exist; fix or remove the link",
        str(tmp_path / "loop.txt"): "link loop: this link leads back to itself; remove it or point it at a real file",
    }


def test_a_file_reached_twice_is_read_once(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", ARTICLE_TXT)
    os.symlink(tmp_path / "a.txt", tmp_path / "b.txt")
    articles, skipped = read_paths([tmp_path, tmp_path / "a.txt"], SETTINGS)
    assert [a.id for a in articles] == ["a.txt"]
    assert [s.reason for s in skipped] == [
        f"same file as {tmp_path / 'a.txt'} (reached twice, through a link or repeated argument); read once"
    ] * 2


def test_fifo_is_not_opened(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    _, skipped = read_paths([tmp_path], SETTINGS)
    assert skipped == [Skip(str(tmp_path / "pipe.txt"), "not a regular file (a device, pipe or socket); point newsbrief at article files")]


def test_deeply_nested_folders(tmp_path: Path) -> None:
    deep = tmp_path
    for _ in range(1100):  # deeper than Python's recursion limit (mkdir -p itself would recurse)
        deep = deep / "d"
        deep.mkdir()
    (deep / "a.txt").write_text(ARTICLE_TXT, encoding="utf-8")
    try:
        articles, _ = read_paths([tmp_path], SETTINGS)
        assert len(articles) == 1
    finally:
        # pytest's clean-up (shutil.rmtree) recurses per level and would fail on this tree later.
        (deep / "a.txt").unlink()
        while deep != tmp_path:
            deep.rmdir()
            deep = deep.parent


def test_same_file_name_in_two_folders_gets_distinct_ids(tmp_path: Path) -> None:
    a = write(tmp_path / "x" / "story.txt", ARTICLE_TXT)
    b = write(tmp_path / "y" / "story.txt", ARTICLE_TXT.replace("Tuesday", "Friday"))
    articles, _ = read_paths([a, b], SETTINGS)
    assert [x.id for x in articles] == ["x/story.txt", "y/story.txt"]


def test_control_characters_in_file_names_are_escaped(tmp_path: Path) -> None:
    name = "evil\x1b[31m\n.txt"
    write(tmp_path / name, ARTICLE_TXT)
    articles, _ = read_paths([tmp_path], SETTINGS)
    assert articles[0].id == "evil\\x1b[31m\\n.txt"
    assert shown_path(os.fsdecode(b"bad\xff.txt")) == "bad\\xff.txt"


# --- limits ---------------------------------------------------------------------------------------

SMALL = Settings(max_article_chars=1000)


def test_a_large_page_is_read_only_as_far_as_one_article_reaches(tmp_path: Path) -> None:
    text = "Big page\n\n" + "\n\n".join(f"{PARA} Paragraph {i}." for i in range(500))  # ~90 kB
    a = only(read(write(tmp_path / "big.txt", text), SMALL))
    assert isinstance(a, Article)
    assert len(a.body) <= SMALL.max_article_chars
    assert a.notes[0] == f"file read only up to 8,000 of {len(text.encode()):,} bytes (one article is at most max_article_chars; max_file_bytes)"
    assert any(n.startswith("page cut at") for n in a.notes)
    assert any(n.startswith("text cut at") and n.endswith("(max_article_chars)") for n in a.notes)


def test_jsonl_beyond_max_file_bytes_says_what_was_not_read(tmp_path: Path) -> None:
    lines = [jsonl_line(text=f"{PARA} Number {i}.") for i in range(20)]
    path = write(tmp_path / "many.jsonl", "\n".join(lines) + "\n")
    line_bytes = len(lines[0]) + 1
    settings = Settings(max_article_chars=1000, max_file_bytes=5 * line_bytes)
    results = read(path, settings)
    assert len([r for r in results if isinstance(r, Article)]) == 5
    last = results[-1]
    assert isinstance(last, Skip) and last.path == f"{path}#6"
    assert last.reason == f"lines 6 onwards not read: the file is larger than max_file_bytes ({5 * line_bytes:,} bytes); split it or raise max_file_bytes"


def test_an_overlong_jsonl_line_is_skipped_and_the_next_read(tmp_path: Path) -> None:
    huge = jsonl_line(text=PARA * 400)  # ~64 kB, more than 50 bytes x 1000 chars
    path = write(tmp_path / "long.jsonl", huge + "\n" + jsonl_line(text=PARA2) + "\n")
    # Skipped records are reported when the file is done (so that many can be summarised as one).
    article, skip = read(path, SMALL)
    assert isinstance(skip, Skip) and skip.path == f"{path}#1"
    assert skip.reason == f"line 1 is {len(huge) + 1:,} bytes, more than one article record may be (50,000, from max_article_chars); it was not read"
    assert isinstance(article, Article) and article.id == "long.jsonl#2"


def test_long_json_record_text_is_capped_before_cleaning(tmp_path: Path) -> None:
    path = write(tmp_path / "one.json", json.dumps({"text": "\n\n".join([PARA] * 30)}))
    a = only(read(path, SMALL))
    assert isinstance(a, Article) and len(a.body) <= 1000
    assert a.notes[0].startswith("text cut at") and "before cleaning" in a.notes[0]


def test_json_array_streams_items_larger_than_a_chunk(tmp_path: Path) -> None:
    big = "\n\n".join([PARA] * 8000)  # ~1.3 MB item, more than one 1 MB read chunk
    path = write(tmp_path / "big.json", json.dumps([{"text": PARA}, {"text": big}, {"text": PARA2}]))
    results = read(path)
    assert [r.id for r in results if isinstance(r, Article)] == ["big.json#0", "big.json#1", "big.json#2"]


# --- fuzz -----------------------------------------------------------------------------------------

EXTENSIONS = [".txt", ".html", ".htm", ".json", ".jsonl", ".ndjson", ".text", "", ".gz", ".jsonl.gz", ".bin"]


def _check(results: list[Article | Skip]) -> None:
    for r in results:
        assert isinstance(r, Article | Skip)
        if isinstance(r, Article):
            assert r.body.strip()
            r.body.encode("utf-8")
            assert all(ch in "\t\n" or ch.isprintable() or ch in "\u2028\u2029" or not ch.isascii() for ch in r.body)
        else:
            assert r.reason and r.path


@hsettings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=3000), ext=st.sampled_from(EXTENSIONS))
def test_read_file_never_raises_on_random_bytes(tmp_path: Path, data: bytes, ext: str) -> None:
    path = tmp_path / f"fuzz{ext}"
    path.write_bytes(data)
    _check(list(read_file(InputFile(path, path.name), SETTINGS)))


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=80),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.sampled_from(["text", "title", "date", "url", "source", "html", "x"]), children, max_size=5),
    max_leaves=12,
)


@hsettings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.lists(_json_values, max_size=4), ext=st.sampled_from([".json", ".jsonl"]), cut=st.integers(min_value=0, max_value=400))
def test_read_file_never_raises_on_json_shaped_input(tmp_path: Path, values: list[object], ext: str, cut: int) -> None:
    text = "\n".join(json.dumps(v) for v in values)
    text = text[: len(text) - cut] if cut < len(text) else text  # truncated downloads too
    path = tmp_path / f"fuzz{ext}"
    path.write_text(text, encoding="utf-8")
    _check(list(read_file(InputFile(path, path.name), SETTINGS)))
