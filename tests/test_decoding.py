"""Bytes to text: encodings decoded right, binary refused with what it is and what to do."""

from __future__ import annotations

import codecs

import pytest

from newsbrief.read.decoding import (
    UndecodableText,
    clean_decoded,
    decode_bytes,
    detect_encoding,
    describe_binary,
    find_declared_charset,
)

# Western European text with accents, curly quotes and a euro sign: cp1252 has them all.
FRENCH = "Le maire a déclaré « ça suffit » : l’usine coûtera 3 millions d’euros, dit-il à Besançon. " * 5
CP1252_ONLY = "“Smart quotes” — and a price of €40 … ‘said’ the café owner. " * 5
RUSSIAN = "Мэр города заявил, что завод будет закрыт до конца года, а жители получат компенсацию. " * 8


def test_utf8_plain_and_with_bom() -> None:
    assert decode_bytes(FRENCH.encode("utf-8")) == FRENCH
    assert decode_bytes(codecs.BOM_UTF8 + FRENCH.encode("utf-8")) == FRENCH


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_or_without_bom(encoding: str) -> None:
    data = FRENCH.encode(encoding)
    assert decode_bytes(data) == FRENCH


def test_latin1_is_decoded_right() -> None:
    assert decode_bytes(FRENCH.replace("’", "'").encode("latin-1")) == FRENCH.replace("’", "'")


def test_cp1252_curly_quotes_and_euro_are_decoded_right() -> None:
    assert decode_bytes(CP1252_ONLY.encode("cp1252")) == CP1252_ONLY


def test_short_latin1_text_with_one_accent() -> None:
    assert decode_bytes("Caf\xe9 owner speaks.".encode("latin-1")) == "Café owner speaks."


def test_cyrillic_code_page_is_detected() -> None:
    assert decode_bytes(RUSSIAN.encode("cp1251")) == RUSSIAN


def test_mostly_utf8_with_a_few_broken_bytes_stays_utf8() -> None:
    good = ("“Quoted” words — and déjà vu. " * 20).encode("utf-8")
    text = decode_bytes(good + b"\xff broken " + good)
    assert "“Quoted”" in text and "déjà" in text
    assert text.count("\ufffd") == 1


def test_character_cut_by_a_truncated_download_is_dropped() -> None:
    data = "Ends with a curly quote: “".encode("utf-8")[:-1]
    assert decode_bytes(data) == "Ends with a curly quote: "


def test_declared_charset_wins_when_the_bytes_fit_it() -> None:
    page = '<html><head><meta charset="windows-1251"></head><body>' + RUSSIAN + "</body></html>"
    data = page.encode("cp1251")
    declared = find_declared_charset(data)
    assert declared == "cp1251"
    assert RUSSIAN in decode_bytes(data, declared)


def test_iso_8859_1_label_means_cp1252() -> None:
    data = b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'
    assert find_declared_charset(data) == "cp1252"


def test_a_wrong_declaration_is_ignored() -> None:
    page = '<meta charset="utf-8"><p>' + CP1252_ONLY + "</p>"
    data = page.encode("cp1252")
    assert CP1252_ONLY in decode_bytes(data, find_declared_charset(data))


def test_unknown_declared_label_is_ignored() -> None:
    assert find_declared_charset(b'<meta charset="no-such-codec">') is None


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document"),
        (b"PK\x03\x04\x14\x00\x06\x00", "a ZIP archive"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "gzip-compressed data"),
    ],
)
def test_known_binary_files_are_named_with_a_hint(data: bytes, what: str) -> None:
    with pytest.raises(UndecodableText, match=what) as info:
        decode_bytes(data + bytes(range(256)))
    assert "; " in str(info.value), "the reason must say what to do"
    assert describe_binary(data) is not None


def test_unknown_binary_with_nul_bytes_is_refused() -> None:
    with pytest.raises(UndecodableText, match="binary data"):
        decode_bytes(bytes(range(256)) * 10)


def test_binary_without_nul_bytes_is_refused() -> None:
    data = bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16, 65, 66]) * 100
    with pytest.raises(UndecodableText, match="control characters"):
        decode_bytes(data)


def test_newlines_normalised_and_controls_dropped() -> None:
    assert decode_bytes(b"a\r\nb\rc\x1b[31md\x00e\x07") == "a\nb\nc[31mde"


def test_clean_decoded_keeps_tabs_and_newlines() -> None:
    assert clean_decoded("a\tb\nc\x85d\x9be") == "a\tb\ncde"


def test_detect_encoding_on_a_sample_that_cuts_a_character() -> None:
    data = ("x" * 10 + "é").encode("utf-8")[:-1]
    assert detect_encoding(data, complete=False) == "utf-8"
