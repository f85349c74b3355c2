"""Bytes to text for files written by strangers.

Order of evidence: a byte-order mark; a known binary signature (PDF, ZIP, images...), which is
refused with a hint; UTF-16/32 without a BOM (told by where the NUL bytes sit); an encoding the
file declares (HTML ``<meta charset>``, XML declaration), if its bytes really decode with it;
strict UTF-8 (a multi-byte character cut at the very end, as in a truncated download, is dropped);
mostly-UTF-8 with a few broken bytes (kept as UTF-8 with U+FFFD); otherwise a legacy single-byte
encoding: cp1252 (which is what "latin-1" web pages really are, per the WHATWG encoding standard)
unless the text then reads like another script, when charset-normalizer picks the code page.

The result has ``\\n`` newlines and no control characters other than tab and newline, so
article text can never carry terminal escape sequences or NULs into the brief.
"""

from __future__ import annotations

import codecs
import re

# A text file has almost no control characters; more than this share of them means binary.
# (0.05 tolerates a stray form feed or two in scraped text; office and image files are far above.)
_MAX_CONTROL_SHARE = 0.05
_CONTROL = frozenset(range(0, 32)) - {9, 10, 12, 13}
# How much of the start of a file the detectors look at: enough for a verdict, cheap on 50 MB.
SAMPLE_BYTES = 65_536
# Mostly-UTF-8: at least as many well-formed multi-byte characters as broken bytes. Latin-1 text
# almost never forms a valid UTF-8 sequence by chance, so any good ones are strong evidence.
_UTF8_GOOD_PER_BAD = 1
# In Western European text at most ~15% of letters are accented; cp1252 mojibake of Cyrillic,
# Greek or Hebrew is nearly all non-ASCII letters. Above this share, ask charset-normalizer.
_MAX_NON_ASCII_LETTERS = 0.3

# Signatures of files that are not text, with what they are and what the user can do.
_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF", "a PDF document", "extract its text first (for example with pdftotext) and save it as .txt"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.odt/.epub)", "unpack it, or save the document's text as .txt"),
    (b"\x1f\x8b", "gzip-compressed data", "decompress it first (gunzip), or name it .gz so newsbrief decompresses it"),
    (b"BZh", "bzip2-compressed data", "decompress it first (bunzip2)"),
    (b"\xfd7zXZ\x00", "xz-compressed data", "decompress it first (unxz)"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", "unpack it first"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document", "save the document's text as .txt"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image", "this is not an article; remove it from the input"),
    (b"\xff\xd8\xff", "a JPEG image", "this is not an article; remove it from the input"),
    (b"GIF87a", "a GIF image", "this is not an article; remove it from the input"),
    (b"GIF89a", "a GIF image", "this is not an article; remove it from the input"),
    (b"RIFF", "a RIFF media file (WebP, WAV, AVI)", "this is not an article; remove it from the input"),
    (b"\x7fELF", "a program (ELF executable)", "this is not an article; remove it from the input"),
    (b"SQLite format 3\x00", "an SQLite database", "export the articles to .jsonl first"),
)

# <meta charset="x">, <meta http-equiv="Content-Type" content="text/html; charset=x">, <?xml encoding="x"?>
_DECLARED = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})|<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{2,40})""",
    re.I,
)
# Labels that browsers (and so the pages' authors) treat as windows-1252.
_CP1252_LABELS = {"latin1", "latin_1", "iso8859_1", "iso-8859-1", "iso_8859_1", "l1", "ascii", "us-ascii", "cp819", "windows-1252", "cp1252"}
# Any C0 control but tab and newline, DEL, and the C1 block: never meaningful in an article.
_STRIP_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


class UndecodableText(ValueError):
    """The bytes are not text in any encoding newsbrief reads; the message says what they are."""


def describe_binary(data: bytes) -> tuple[str, str] | None:
    """(what the file is, what to do) when ``data`` starts with a known binary signature."""
    for magic, what, todo in _MAGIC:
        if data.startswith(magic):
            return what, todo
    return None


def find_declared_charset(data: bytes) -> str | None:
    """The encoding an HTML/XML file declares near its start, as a Python codec name, if known."""
    m = _DECLARED.search(data[:4096])
    if not m:
        return None
    label = (m.group(1) or m.group(2)).decode("ascii", errors="replace").strip().lower()
    if label.replace("_", "-") in _CP1252_LABELS or label in _CP1252_LABELS:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _utf16_without_bom(sample: bytes) -> str | None:
    # ASCII-heavy UTF-16 has a NUL in every other byte: odd positions for LE, even for BE.
    n = len(sample) - len(sample) % 2
    if n < 8:
        return None
    even = sample[0:n:2].count(0)
    odd = sample[1:n:2].count(0)
    half = n // 2
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _is_utf8(sample: bytes, complete: bool) -> bool:
    try:
        sample.decode("utf-8")
        return True
    except UnicodeDecodeError as exc:
        # A multi-byte character cut by the sample (or a truncated download) is still UTF-8.
        return exc.reason == "unexpected end of data" and (not complete or exc.start >= len(sample) - 3)


def _mostly_utf8(sample: bytes) -> bool:
    text = sample.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 127) - bad
    return good > 0 and good >= _UTF8_GOOD_PER_BAD * bad


def _looks_western(text: str) -> bool:
    letters = [ch for ch in text[:SAMPLE_BYTES] if ch.isalpha()]
    if not letters:
        return True
    return sum(1 for ch in letters if ord(ch) > 127) / len(letters) <= _MAX_NON_ASCII_LETTERS


def _legacy_encoding(sample: bytes) -> str:
    if _looks_western(sample.decode("cp1252", errors="replace")):
        return "cp1252"
    try:
        import charset_normalizer

        best = charset_normalizer.from_bytes(sample).best()
    except Exception:  # noqa: BLE001 - detection is only a hint; cp1252 is the safe answer
        return "cp1252"
    if best is None or not best.encoding:
        return "cp1252"
    return str(best.encoding)


def detect_encoding(sample: bytes, declared: str | None = None, complete: bool = True) -> str:
    """The codec to decode a file with, judged from its first bytes (``sample``).

    ``complete`` says whether ``sample`` is the whole file. Returns a Python codec name; raises
    :class:`UndecodableText` for binary data, with what it is and what to do about it.
    """
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    known = describe_binary(sample)
    if known:
        raise UndecodableText(f"this is {known[0]}, not text; {known[1]}")
    # Stray NULs happen in scraped text (they are dropped, with a note); over 1% of the bytes
    # (UTF-16 has one in two) mean UTF-16 or binary.
    if sample.count(0) > max(8, len(sample) // 100):
        wide = _utf16_without_bom(sample)
        if wide:
            return wide
        raise UndecodableText("binary data (NUL bytes), not text; give the article as a text, HTML or JSON file")
    if declared and not declared.startswith(("utf-16", "utf-32", "utf_16", "utf_32")):
        try:
            sample.decode(declared)
            if declared.replace("_", "-") not in ("utf-8", "utf8") or _is_utf8(sample, complete):
                return declared
        except (UnicodeDecodeError, LookupError):
            pass  # the declaration is wrong (it often is); judge the bytes themselves
    if _is_utf8(sample, complete) or _mostly_utf8(sample):
        return "utf-8"
    return _legacy_encoding(sample)


def clean_decoded(text: str) -> str:
    """Normalise newlines and drop control characters (NUL, escape sequences, C1 controls)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    return _STRIP_CONTROLS.sub("", text)


def _check_not_binary(text: str) -> None:
    sample = text[:20_000]
    if not sample:
        return
    bad = sum(1 for ch in sample if ord(ch) in _CONTROL)
    if bad > 3 and bad / len(sample) > _MAX_CONTROL_SHARE:
        raise UndecodableText("binary data (control characters), not text; give the article as a text, HTML or JSON file")


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode a whole file's bytes to clean text (see the module docstring for the rules).

    ``declared`` is the encoding the file itself names, if any (see :func:`find_declared_charset`).
    Raises :class:`UndecodableText` for binary data.
    """
    encoding = detect_encoding(data[:SAMPLE_BYTES], declared, complete=len(data) <= SAMPLE_BYTES)
    if encoding == "utf-8":
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
                text = data[: exc.start].decode("utf-8")  # a character cut by a truncated download
            else:
                text = data.decode("utf-8", errors="replace")
    else:
        text = data.decode(encoding, errors="replace")
    _check_not_binary(text)
    return clean_decoded(text)


def incremental_decoder(encoding: str) -> codecs.IncrementalDecoder:
    """A decoder for streaming a file in chunks with the encoding :func:`detect_encoding` chose."""
    return codecs.getincrementaldecoder(encoding)(errors="replace")
