"""The embedder record of a corpus database: which embedder made its sentence vectors.

Stories compare every stored article's vectors, and a brief's pairs and claims compare its
sentences' vectors, so a database holds the vectors of one embedder. ``meta`` key ``embedder``
holds its :class:`~newsbrief.annotate.embedder_identity.EmbedderIdentity` (kind, variant, model
file, fingerprint of the model and tokenizer bytes, settings, vector size), written by the first
article stored with vectors, under the store's write lock (:meth:`Store.transaction`), so two
writers cannot record two embedders.

* Every writer checks it before reading any input (:func:`check_embedder`), and again under the
  lock as it stores each article (:func:`claim_embedder`): another embedder is refused with a
  message naming both and the two ways out (the database's settings, or ``newsbrief refresh
  --reembed``).
* ``brief --db``, ``refresh`` and ``serve`` refuse it too: a brief from the database must be the
  brief those settings give on the files.
* A database written before the record existed (no ``embedder`` key) adopts the embedder of its
  first writer, if its stored vectors have that embedder's size (a note says so); vectors of
  another size are refused as before.
* While ``refresh --reembed`` is re-embedding the database (``meta`` key ``reembed``: the target
  embedder and how far it got), its articles hold two embedders' vectors: every command but
  ``refresh --reembed`` with that target is refused until it finishes.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from newsbrief.annotate.embedder_identity import EmbedderIdentity
from newsbrief.corpus.checks import StoreError, show_path

META_KEY = "embedder"
REEMBED_KEY = "reembed"


class EmbedderMismatch(StoreError):
    """The database's vectors come from another embedder than the settings name (a settings
    problem: the command line exits 2)."""


def stored_embedder(conn: sqlite3.Connection) -> EmbedderIdentity | None:
    """The embedder recorded for the database's vectors (None: not recorded yet)."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (META_KEY,)).fetchone()
    if row is None:
        return None
    try:
        return EmbedderIdentity.from_json(row[0])
    except ValueError:
        return None  # a damaged record is replaced by the next writer's, as for an old database


def reembed_state(conn: sqlite3.Connection) -> tuple[EmbedderIdentity, int] | None:
    """The target embedder of an unfinished ``refresh --reembed`` and the first ``seq`` it has
    not re-embedded yet (None when none is under way)."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (REEMBED_KEY,)).fetchone()
    if row is None:
        return None
    try:
        doc = json.loads(row[0])
        return EmbedderIdentity.from_json(json.dumps(doc["target"])), int(doc["next_seq"])
    except (ValueError, KeyError, TypeError):
        return None


def stored_dims(conn: sqlite3.Connection) -> int | None:
    """The size of the stored sentence vectors, read from the articles (None: no vectors yet)."""
    row = conn.execute(
        "SELECT json_extract(annotation, '$.embeddings.dim') FROM articles "
        "WHERE json_extract(annotation, '$.embeddings.rows') > 0 LIMIT 1"
    ).fetchone()
    return None if row is None or row[0] is None else int(row[0])


def check_embedder(conn: sqlite3.Connection, path: Path, current: EmbedderIdentity, *, doing: str) -> EmbedderIdentity | None:
    """Refuse (EmbedderMismatch) when the database's vectors come from another embedder than
    ``current``, or are being re-embedded; the recorded embedder otherwise. ``doing`` ends the
    first sentence of the message (``"nothing was written"``)."""
    pending = reembed_state(conn)
    if pending is not None:
        raise EmbedderMismatch(_unfinished(path, pending[0]))
    recorded = stored_embedder(conn)
    if recorded is not None and not recorded.same_embedder(current):
        raise EmbedderMismatch(mismatch_message(path, recorded, current, doing))
    return recorded


def claim_embedder(conn: sqlite3.Connection, path: Path, current: EmbedderIdentity, dims: int) -> str | None:
    """Inside a write transaction, before storing vectors of size ``dims`` made by ``current``:
    refuse another embedder's database; record ``current`` if nothing is recorded. Returns a
    note for the user when an older database (vectors, no record) adopted ``current``."""
    recorded = check_embedder(conn, path, current, doing="nothing was written")
    if recorded is not None:
        if recorded.dims is None and dims:
            record_embedder(conn, recorded.with_dims(dims))
        return None
    old = stored_dims(conn)
    if old is not None and dims and old != dims:
        raise EmbedderMismatch(dims_message(path, old, dims, current))
    record_embedder(conn, current.with_dims(dims) if dims else current)
    if old is None:
        return None
    return (
        f"{show_path(path)} had no record of the embedder that made its sentence vectors (written by an older "
        f"newsbrief); recorded this run's, {current.with_dims(dims or old).describe()}, since the vectors have its size. "
        "If the database was built with other embedder settings, re-embed it with these: "
        f"`newsbrief refresh --reembed --db {show_path(path)}` (with this run's --config, if any)"
    )


def check_dims(conn: sqlite3.Connection, path: Path, dims: int) -> None:
    """For a write that names no embedder (library and benchmark callers): refuse vectors of
    another size than the recorded (or stored) ones."""
    recorded = stored_embedder(conn)
    have = recorded.dims if recorded is not None and recorded.dims else stored_dims(conn)
    if dims and have is not None and have != dims:
        raise EmbedderMismatch(dims_message(path, have, dims, None))


def mismatch_message(path: Path, recorded: EmbedderIdentity, current: EmbedderIdentity, doing: str) -> str:
    """What to say when the database's vectors come from ``recorded`` and the settings name ``current``."""
    shown = show_path(path)
    if recorded.settings_json() == current.settings_json():
        # Same settings, other vectors: the model or tokenizer bytes changed, or (variant) this
        # newsbrief builds its int8 model by another recipe; going back to old settings cannot help.
        why = (
            f"this newsbrief runs the model by another recipe ({recorded.variant} then, {current.variant} now)"
            if recorded.variant != current.variant else "the model or tokenizer file has changed since"
        )
        return (
            f"{shown}: its sentence vectors were made by {recorded.describe()}, and the same embedder settings now "
            f"make other vectors, {current.describe()}: {why}; vectors of two embedders cannot be compared, so "
            f"{doing}. Re-embed the database: `newsbrief refresh --reembed --db {shown}` (with this run's --config, "
            "if any), or use a new --db file"
        )
    return (
        f"{shown}: its sentence vectors were made by {recorded.describe()}, but this run's settings name "
        f"{current.describe()}; vectors of two embedders cannot be compared, so {doing}. Either use the settings "
        f"the database was built with (a --config file with {recorded.settings_json()}), or re-embed the database "
        f"with these settings: `newsbrief refresh --reembed --db {shown}` (with this run's --config, if any), or use a new --db file"
    )


def dims_message(path: Path, have: int, dims: int, current: EmbedderIdentity | None) -> str:
    """What to say when stored vectors have ``have`` dimensions and this run's have ``dims``."""
    shown = show_path(path)
    named = f" ({current.describe()})" if current is not None else ""
    return (
        f"{shown}: its articles' sentence vectors have {have} dimensions, this run's embedder{named} gives {dims}; "
        "ingest with the embedder settings the database was built with (embedder, embedder_model), re-embed it "
        f"with these settings (`newsbrief refresh --reembed --db {shown}`), or use a new database"
    )


def _unfinished(path: Path, target: EmbedderIdentity) -> str:
    shown = show_path(path)
    return (
        f"{shown} is being re-embedded with {target.describe()} by `newsbrief refresh --reembed`, which was "
        f"interrupted: its articles hold two embedders' vectors until it finishes. Run `newsbrief refresh --reembed "
        f"--db {shown}` with a --config file with {target.settings_json()} to finish it"
    )


def _set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def record_embedder(conn: sqlite3.Connection, identity: EmbedderIdentity) -> None:
    """Record ``identity`` as the embedder of every stored vector (inside a write transaction)."""
    _set_meta(conn, META_KEY, identity.to_json())


def save_reembed_state(conn: sqlite3.Connection, target: EmbedderIdentity, next_seq: int) -> None:
    """Record that ``refresh --reembed`` with ``target`` has re-embedded the articles before
    ``next_seq`` (inside a write transaction; read back by :func:`reembed_state`)."""
    _set_meta(conn, REEMBED_KEY, json.dumps({"target": json.loads(target.to_json()), "next_seq": next_seq}, sort_keys=True))
