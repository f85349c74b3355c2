"""What pure per-sentence functions returned for a text, kept so a story's brief does not redo it.

Some reduce-stage work depends on a sentence's text alone, not on the story it is in: its
quantities (:func:`newsbrief.story.quantities.find_quantities`), its summary concepts and
candidate versions (:func:`newsbrief.summary.candidates.sentence_versions`). On a stored
300-article story that is about a fifth of the brief. Corpus mode computes it once at ingest and
stores it beside the annotation (:mod:`newsbrief.corpus.facts`); loading a story hands the stored
values to :data:`MEMO` (:meth:`TextMemo.prime`), and the functions look there first.

The memo is a cache, not state: every value in it is what the function returns for that text
with this code (stored values carry :func:`code_fingerprint` of the modules that computed them and
are ignored when it differs), so a hit and a miss give the same result. It is bounded (oldest
entries go first), so a long-running server does not grow without end.
"""

from __future__ import annotations

import functools
import hashlib
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

# Entries per kind: a 2,000-article story's sentences (about 40,000); a text's values take a few KB.
MEMO_LIMIT = 50_000


class TextMemo:
    """Values of pure per-text functions, by kind (a function and its options) and text."""

    def __init__(self, limit: int = MEMO_LIMIT) -> None:
        self.limit = limit
        self._kinds: dict[str, dict[str, Any]] = {}

    def get(self, kind: str, text: str, compute: Callable[[str], T]) -> T:
        """The value of ``compute(text)``, from the memo when it is there (then kept there)."""
        values = self._kinds.setdefault(kind, {})
        found = values.get(text, _MISSING)
        if found is _MISSING:
            found = compute(text)
            self._put(values, text, found)
        return found  # type: ignore[no-any-return]

    def prime(self, kind: str, values: Iterable[tuple[str, Any]]) -> None:
        """Add known values of ``kind`` (text, value), as computed by this code elsewhere."""
        known = self._kinds.setdefault(kind, {})
        for text, value in values:
            self._put(known, text, value)

    def clear(self) -> None:
        """Forget everything (tests measure the computing path with it)."""
        self._kinds.clear()

    def _put(self, values: dict[str, Any], text: str, value: Any) -> None:
        if len(values) >= self.limit:
            # Dicts keep insertion order: drop the oldest tenth at once rather than one per put.
            for old in list(values)[: max(1, self.limit // 10)]:
                values.pop(old, None)  # another thread may have dropped it already
        values[text] = value


_MISSING = object()
# The process's memo: what the story loaded last was stored with, and what this process computed.
MEMO = TextMemo()


def memoised(kind: str) -> Callable[[Callable[[str], T]], Callable[[str], T]]:
    """Decorator: a one-argument function of a text, looked up in :data:`MEMO` under ``kind``."""

    def wrap(compute: Callable[[str], T]) -> Callable[[str], T]:
        def lookup(text: str) -> T:
            return MEMO.get(kind, text, compute)

        # Name, docstring and ``__wrapped__`` (the computing function itself) as functools does.
        return functools.update_wrapper(lookup, compute)

    return wrap


# Module-level imports only (column 0): what a function imports when it runs is not followed.
_IMPORT = re.compile(r"^(?:from\s+(newsbrief(?:\.\w+)*)\s+import\s+([\w, ()]+)|import\s+(newsbrief(?:\.\w+)*))", re.MULTILINE)


@functools.cache
def code_fingerprint(*modules: str) -> str:
    """A hash of the source of ``modules`` and of every newsbrief module they import (directly or
    not): stored values computed by other code than this are not used."""
    root = Path(sys.modules["newsbrief"].__file__ or "").parent
    seen: dict[str, bytes] = {}
    todo = list(modules)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        path = _module_path(root, name)
        if path is None:
            continue
        source = path.read_bytes()
        seen[name] = source
        for m in _IMPORT.finditer(source.decode("utf-8")):
            base = m.group(1) or m.group(3)
            todo.append(base)
            if m.group(2):
                # "from newsbrief.story import pool": pool may be a module.
                todo.extend(f"{base}.{n.strip()}" for n in m.group(2).strip("()").split(",") if n.strip())
    digest = hashlib.sha256()
    for name in sorted(seen):
        digest.update(name.encode() + b"\0" + seen[name] + b"\0")
    return digest.hexdigest()[:16]


def _module_path(root: Path, name: str) -> Path | None:
    """The source file of package module ``name`` under ``root`` (None when it is not a module)."""
    parts = name.split(".")[1:]
    base = root.joinpath(*parts)
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if parts and path.is_file():
            return path
    return None


def prime_all(values: Mapping[str, Iterable[tuple[str, Any]]]) -> None:
    """:meth:`TextMemo.prime` of :data:`MEMO` for each kind of ``values``."""
    for kind, pairs in values.items():
        MEMO.prime(kind, pairs)
