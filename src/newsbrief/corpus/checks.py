"""Opening a corpus file safely: read-only connections, and the checks that a file is newsbrief's.

Read commands (``newsbrief stories``, ``newsbrief brief --db``, the web app) must never change a
file: they open it with SQLite's ``mode=ro`` (on a read-only location without the WAL's shared
memory file, ``immutable=1``), never switch its journal mode and never add tables. Before anything
is read or written, :func:`check_corpus` tells a newsbrief database from another program's SQLite
file, a file of an unknown or newer schema, and a damaged one, each with a message saying what to do.
"""

from __future__ import annotations

import re
import sqlite3
import urllib.parse
from collections.abc import Iterable
from pathlib import Path


class StoreError(RuntimeError):
    """The database cannot be opened or used; the message says how to fix it."""


class NotACorpus(StoreError):
    """The file is not a newsbrief database (another program's, or of an unknown schema)."""


class DamagedCorpus(StoreError):
    """The file is a newsbrief database that SQLite cannot read back completely."""


def show_path(path: Path | str) -> str:
    """A path as it may be printed on a terminal: control characters escaped (``\\x1b``)."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in str(path))


def open_read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot write to ``path`` (nor create it)."""
    if not path.is_file():
        raise StoreError(f"no database at {show_path(path)}; run `newsbrief ingest PATH... --db {show_path(path)}` first")
    base = "file:" + urllib.parse.quote(str(path.resolve()))
    conn = sqlite3.connect(base + "?mode=ro", uri=True, isolation_level=None)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as exc:
        conn.close()
        if getattr(exc, "sqlite_errorname", "") != "SQLITE_CANTOPEN":
            raise _damaged(path, exc) from exc
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise NotACorpus(f"{show_path(path)} is not a SQLite database ({exc}); give the --db file `newsbrief ingest` wrote") from exc
    # A WAL file on a read-only location: SQLite cannot create the shared-memory file it reads
    # the WAL through. Without a WAL to read, the main file is the whole database.
    wal = Path(str(path) + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise StoreError(
            f"{show_path(path)} is on a read-only location and its last writes are still in {show_path(wal)}; "
            "copy both files to a writable folder and read the copy"
        )
    return sqlite3.connect(base + "?mode=ro&immutable=1", uri=True, isolation_level=None)


def check_corpus(conn: sqlite3.Connection, path: Path, current: int, tables_by_version: Iterable[tuple[int, str]], *, writable: bool) -> int:
    """The schema version of an open file, after checking that it is a newsbrief database.

    ``tables_by_version`` lists ``(version, table)`` for the tables each migration creates. A new,
    empty file is version 0 (a writer creates the tables; a reader is told the file is empty).
    Raises NotACorpus for another program's file, an impossible or newer version, missing tables,
    or (for a reader) an older schema that only a writer may upgrade; DamagedCorpus when SQLite
    cannot read the file's schema.
    """
    shown = show_path(path)
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as exc:
        if "not a database" in str(exc) or "encrypted" in str(exc):
            raise NotACorpus(f"{shown} is not a SQLite database ({exc}); give the --db file `newsbrief ingest` wrote") from exc
        raise _damaged(path, exc) from exc
    if version < 0 or (version == 0 and tables):
        others = ", ".join(sorted(tables)[:5]) or "none"
        raise NotACorpus(
            f"{shown} is not a newsbrief database (schema version {version}, tables: {others}); "
            "newsbrief leaves it untouched: give another --db file"
        )
    if version > current:
        raise NotACorpus(f"{shown} has schema version {version}, newer than this newsbrief's {current}; upgrade newsbrief to read it")
    missing = sorted(t for v, t in tables_by_version if v <= version and t not in tables)
    if missing:
        raise NotACorpus(
            f"{shown} says it is a newsbrief database of schema version {version} but has no table "
            f"{', '.join(missing)}: it is damaged or another program's; give another --db file"
        )
    if not writable and version == 0:
        raise NotACorpus(f"{shown} is an empty database; run `newsbrief ingest PATH... --db {shown}` first")
    if not writable and version < current:
        raise NotACorpus(
            f"{shown} was written by an older newsbrief (schema version {version}); the next "
            f"`newsbrief ingest PATH... --db {shown}` upgrades it (read commands never change a file)"
        )
    return version


def check_table(conn: sqlite3.Connection, path: Path, table: str) -> None:
    """Raise DamagedCorpus unless SQLite's quick check finds ``table`` (and its indexes) intact."""
    try:
        rows = [r[0] for r in conn.execute(f"PRAGMA quick_check({table})")]
    except sqlite3.DatabaseError as exc:
        raise _damaged(path, exc) from exc
    if rows != ["ok"]:
        raise _damaged(path, rows[0])


def created_tables(sql: str) -> list[str]:
    """Names of the tables a migration script creates."""
    return re.findall(r"CREATE TABLE (?:IF NOT EXISTS )?(\w+)", sql)


def _damaged(path: Path, exc: object) -> DamagedCorpus:
    return DamagedCorpus(
        f"{show_path(path)} is damaged ({exc}); restore it from a backup, or ingest the articles again into a new --db file"
    )


def explain_database_error(db: str | Path, exc: sqlite3.DatabaseError) -> StoreError:
    """The StoreError to raise for SQLite's ``exc`` on ``db``: a full disk, or a damaged file."""
    if isinstance(exc, sqlite3.OperationalError) and ("disk" in str(exc) and "full" in str(exc)):
        return StoreError(
            f"the disk holding {show_path(db)} is full ({exc}); the batch being written was rolled back and "
            "everything committed before it is kept: free some space and run the same ingest again to resume"
        )
    return DamagedCorpus(
        f"{show_path(db)} is damaged ({exc}); restore it from a backup, or ingest the articles again into a new --db file"
    )
