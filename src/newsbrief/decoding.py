"""Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252/latin-1; binary refused."""

from __future__ import annotations

import codecs

# A text file has almost no control characters; more than this share of NULs/controls means binary.
# (0.05 tolerates a stray form feed or two in scraped text; office and image files are far above it.)
_MAX_CONTROL_SHARE = 0.05
_CONTROL = set(range(0, 32)) - {9, 10, 12, 13}


class UndecodableText(ValueError):
    """The bytes are not text in any encoding newsbrief reads."""


def _looks_binary(text: str) -> bool:
    sample = text[:20000]
    if not sample:
        return False
    bad = sum(1 for ch in sample if ord(ch) in _CONTROL)
    return bad / len(sample) > _MAX_CONTROL_SHARE


def decode_bytes(data: bytes) -> str:
    """Decode file bytes to text, normalising newlines. Raises UndecodableText for binary data."""
    if data.startswith(codecs.BOM_UTF8):
        text = data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    else:
        if b"\x00" in data[:20000]:
            raise UndecodableText("binary data (NUL bytes), not a text file")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            text = _decode_legacy(data, exc)
    if _looks_binary(text):
        raise UndecodableText("binary data (control characters), not a text file")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")


def _decode_legacy(data: bytes, exc: UnicodeDecodeError) -> str:
    # Mostly UTF-8 with a few broken bytes (a truncated download) stays UTF-8 with replacements;
    # otherwise cp1252 (a superset of latin-1 for printable text, and what "latin-1" web pages are).
    bad = data.decode("utf-8", errors="replace").count("\ufffd")
    if bad <= max(2, len(data) // 2000):
        try:
            import charset_normalizer

            best = charset_normalizer.from_bytes(data).best()
            if best is not None and best.encoding not in ("utf_8", "utf-8"):
                return str(best)
        except Exception:  # noqa: BLE001 - detection is only a hint
            pass
        return data.decode("utf-8", errors="replace")
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")
