"""Which files a run reads: paths and folders expanded (recursively, in sorted order) into
:class:`InputFile` records with ids unique within the run; links, loops and folder documentation
(README, LICENSE...) passed over with a reason."""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsbrief.models import Skip

# Files that document a folder of articles rather than being one.
_FOLDER_DOCS = re.compile(r"^(readme|licen[cs]e|copying|changelog|changes|notice|authors|contributing)(\.[a-z0-9]{1,5})?$", re.I)


@dataclass(frozen=True)
class InputFile:
    path: Path
    id: str


def shown_path(path: str | Path) -> str:
    """``path`` as printable text: undecodable bytes as ``\\xNN``, control characters escaped.

    File names are written by strangers too; this keeps them from breaking terminals and outputs.
    """
    s = os.fspath(path)
    s = s.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return "".join(ch if ch.isprintable() or ch == " " else ch.encode("unicode_escape").decode("ascii") for ch in s)


def _link_problem(p: Path) -> str:
    """Why a path that is neither a file nor a folder cannot be read, and what to do."""
    try:
        os.stat(p)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "link loop: this link leads back to itself; remove it or point it at a real file"
        if exc.errno == errno.ENOENT:
            return "broken link: what it points to does not exist; fix or remove the link"
        return f"cannot read ({exc.strerror}); check the path and its permissions"
    return "not a regular file (a device, pipe or socket); point newsbrief at article files"


def _identity(p: Path) -> tuple[int, int]:
    # (device, inode) names a file or folder whatever path reaches it, in one system call
    # (os.path.realpath costs one per path component, quadratic in deep trees).
    st = os.stat(p)
    return st.st_dev, st.st_ino


def _walk(folder: Path, skips: list[Skip]) -> Iterator[Path]:
    """Files below ``folder`` in sorted order, following links once (a link loop is skipped).

    Iterative, so that folders nested thousands deep cannot exhaust Python's recursion limit.
    """
    seen: set[tuple[int, int]] = set()

    def entries(d: Path) -> Iterator[os.DirEntry[str]] | None:
        try:
            ident = _identity(d)
            if ident in seen:
                skips.append(Skip(shown_path(d), "link loop: this folder was already read through another path; nothing to do"))
                return None
            seen.add(ident)
            with os.scandir(d) as it:
                listing = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            skips.append(Skip(shown_path(d), f"cannot list folder ({exc.strerror}); check its permissions"))
            return None
        return iter(listing)

    stack: list[Iterator[os.DirEntry[str]]] = []
    first = entries(folder)
    if first is not None:
        stack.append(first)
    while stack:
        e = next(stack[-1], None)
        if e is None:
            stack.pop()
            continue
        if e.name.startswith(".") or _FOLDER_DOCS.match(e.name):
            continue
        p = Path(e.path)
        try:
            if e.is_dir():
                sub = entries(p)
                if sub is not None:
                    stack.append(sub)
                continue
            if e.is_file():
                yield p
                continue
        except OSError:
            pass  # a link loop makes is_dir() raise; _link_problem says which problem it is
        skips.append(Skip(shown_path(p), _link_problem(p)))


def expand_paths(paths: Sequence[str | Path], skips: list[Skip]) -> list[InputFile]:
    """Files to read, each with its article id (unique within the run); a file reached twice
    (through links, or given twice) is read once."""
    files: list[InputFile] = []
    first_seen: dict[tuple[int, int], Path] = {}

    def add(f: Path, fid: str) -> None:
        try:
            ident = _identity(f)
        except OSError as exc:
            skips.append(Skip(shown_path(f), f"cannot read ({exc.strerror}); check the path and its permissions"))
            return
        if ident in first_seen:
            skips.append(Skip(shown_path(f), f"same file as {shown_path(first_seen[ident])} (reached twice, through a link or repeated argument); read once"))
            return
        first_seen[ident] = f
        files.append(InputFile(f, fid))

    for given in paths:
        p = Path(given)
        if p.is_dir():
            before = len(files) + len(skips)
            for f in _walk(p, skips):
                add(f, shown_path(f.relative_to(p).as_posix()))
            if len(files) + len(skips) == before:
                skips.append(Skip(shown_path(p), "no article files in this folder; point newsbrief at the folder that holds the articles"))
        elif p.is_file():
            add(p, shown_path(p.name))
        elif p.exists() or p.is_symlink():
            skips.append(Skip(shown_path(p), _link_problem(p)))
        else:
            skips.append(Skip(shown_path(p), "no such file or folder; check the path"))
    return _unique_ids(files)


def _unique_ids(files: list[InputFile]) -> list[InputFile]:
    # Ids must be unique: when two inputs share one, prefix each with its parent folders until unique.
    counts: dict[str, int] = {}
    for f in files:
        counts[f.id] = counts.get(f.id, 0) + 1
    out: list[InputFile] = []
    used: set[str] = set()
    for f in files:
        fid = f.id
        if counts[fid] > 1 or fid in used:
            parts = [shown_path(x) for x in f.path.resolve().parts]
            k = len(Path(fid).parts) + 1
            while k <= len(parts) and "/".join(parts[-k:]) in used:
                k += 1
            fid = "/".join(parts[-k:])
            n = 2
            while fid in used:  # identical resolved tails (cannot happen for distinct real files, but be sure)
                fid = f"{fid}~{n}"
                n += 1
        used.add(fid)
        out.append(InputFile(f.path, fid))
    return out
