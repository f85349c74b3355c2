"""Streaming JSON: the top-level values of a file one at a time, in bounded memory.

A JSON export can be one array of many articles, or values one after another; reading it whole
would cost its full size several times over. :func:`iter_json_values` decodes the file in chunks
and holds at most one value's text (bounded by ``max_item``), so a good value before a fault is
still read and a fault is reported with where it is and what was not read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import IO, Any

from newsbrief.read.decoding import incremental_decoder

# Bytes decoded at a time.
CHUNK = 1 << 20


class JsonFault(Exception):
    """A JSON record (or the rest of a JSON file) that cannot be read; the message is the reason."""


class ArrayStart:
    """Marks that the JSON file is one array: the values that follow are its items."""


END = object()
_SPACE = re.compile(r"[\s\ufeff]*")


class TextStream:
    """A binary file decoded in chunks, reading at most ``budget`` bytes."""

    def __init__(self, fh: IO[bytes], encoding: str, budget: int):
        self.fh = fh
        self.decoder = incremental_decoder(encoding)
        self.budget = budget
        self.read_bytes = 0
        self.eof = False
        self.over_budget = False

    def more(self) -> str:
        if self.eof:
            return ""
        want = min(CHUNK, self.budget - self.read_bytes)
        chunk = self.fh.read(want) if want > 0 else b""
        self.read_bytes += len(chunk)
        if not chunk:
            self.eof = True
            self.over_budget = want <= 0 and bool(self.fh.read(1))
            return self.decoder.decode(b"", final=True)
        return self.decoder.decode(chunk)


def iter_json_values(stream: TextStream, max_item: int) -> Iterator[Any]:
    """Top-level JSON values one at a time, holding one value's text at most.

    For an array, yields an :class:`ArrayStart` then each item. Raises :class:`JsonFault`
    when the text is not valid JSON (after yielding the values before the fault).
    """
    decoder = json.JSONDecoder(strict=False)
    buf, pos = "", 0

    def skip_ws() -> bool:
        nonlocal buf, pos
        while True:
            m = _SPACE.match(buf, pos)
            pos = m.end() if m else pos
            if pos < len(buf):
                return True
            if stream.eof:
                return False
            buf, pos = stream.more(), 0

    def value(index: int, in_array: bool) -> Any:
        nonlocal buf, pos
        while True:
            try:
                obj, end = decoder.raw_decode(buf, pos)
            except json.JSONDecodeError as exc:
                if stream.eof:
                    raise JsonFault(_fault(stream, index, f"{exc.msg}; truncated file?", in_array)) from None
                if len(buf) - pos > max_item:
                    raise JsonFault(f"item {index:,} is larger than one article record may be ({max_item:,} characters); it and the rest of the file were not read") from None
                # Read until the pending text doubles, so that a large item costs linear time.
                pending = buf[pos:]
                parts = [pending]
                grown = len(pending)
                while not stream.eof and grown < max(2 * len(pending), CHUNK):
                    piece = stream.more()
                    parts.append(piece)
                    grown += len(piece)
                buf, pos = "".join(parts), 0
                continue
            except RecursionError:
                raise JsonFault(f"item {index:,} nests JSON too deeply to read; the rest of the file was not read") from None
            pos = end
            return obj

    if not skip_ws():
        return
    if buf[pos] == "[":
        pos += 1
        yield ArrayStart()
        index = 0
        while True:
            if not skip_ws():
                raise JsonFault(_fault(stream, index, "the file ends inside the array", True))
            if buf[pos] == "]":  # an empty array, or a trailing comma (lenient)
                return
            yield value(index, True)
            index += 1
            if not skip_ws():
                raise JsonFault(_fault(stream, index, "the file ends inside the array", True))
            if buf[pos] == "]":
                return
            if buf[pos] != ",":
                raise JsonFault(f"expected ',' or ']' after item {index - 1:,} of the array; the rest of the file was not read")
            pos += 1
    index = 0
    while skip_ws():
        yield value(index, False)
        index += 1


def _fault(stream: TextStream, index: int, msg: str, in_array: bool) -> str:
    what = "item" if in_array else "value"
    if stream.over_budget:
        return f"file read only up to max_file_bytes ({stream.budget:,} bytes); {what}s from {index:,} on were not read; split it or raise max_file_bytes"
    if index == 0:
        return f"not valid JSON ({msg})"
    return f"not valid JSON at {what} {index:,} ({msg}); the {what}s before it were read, the rest not"
