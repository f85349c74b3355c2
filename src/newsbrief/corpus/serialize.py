"""AnnotatedArticle <-> JSON text and bytes, losslessly.

Corpus mode stores what the map stage produced (:func:`newsbrief.pipeline.annotate_article`) so the
reduce stage can run later without parsing again; the Dask engine ships the same bytes from its
workers. Two forms:

* :func:`annotated_to_json` / :func:`annotated_from_json`: the records as one compact JSON object
  plus the sentence embeddings as raw float32 little-endian bytes (``embeddings_to_bytes``). The
  store keeps them in two columns (``annotation`` and ``embeddings``; see docs/database.md) so the
  JSON stays queryable with SQLite's JSON functions.
* :func:`dumps` / :func:`loads`: both in one self-describing ``bytes`` value (``NBAA`` magic,
  format version, JSON length, JSON, embeddings), for transport and files.

Lossless means ``loads(dumps(x))`` equals ``x`` field by field, embeddings bit for bit. Two things
keep the JSON small without losing anything: a record's ``article_id`` is left out when it is the
article's own id, and a span's ``text`` is left out when it is exactly ``body[start:end]``; both are
put back on reading. Strings are written with ASCII escapes, so even lone surrogates from broken
input survive the round trip (SQLite text must be valid UTF-8).

The serializer walks the dataclass fields of :mod:`newsbrief.models` rather than listing them, so
a field added to a record is stored without a change here (the round-trip test checks every
field); a stored field the running version does not know raises :class:`StoredFormatError`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import struct
from typing import TYPE_CHECKING, Any

from newsbrief.models import AnnotatedArticle, Article, DateMention, FigureMention, Mention, QuoteMention, Sentence

if TYPE_CHECKING:  # NumPy is imported where embeddings are converted: listing stories needs none
    import numpy as np
    import numpy.typing as npt

# Raised when the JSON layout changes in a way older readers cannot follow.
FORMAT_VERSION = 1
MAGIC = b"NBAA"
# magic, format version (uint16), JSON length (uint32); little-endian.
_HEADER = struct.Struct("<4sHI")
_EMBEDDING_DTYPE = "<f4"
_EMBEDDING_ITEMSIZE = 4

# (key in the JSON object, record class) of the per-article record lists, in a fixed order.
_RECORD_LISTS: tuple[tuple[str, type[Any]], ...] = (
    ("sentences", Sentence),
    ("mentions", Mention),
    ("dates", DateMention),
    ("quotes", QuoteMention),
    ("figures", FigureMention),
)


class StoredFormatError(ValueError):
    """Stored annotation data cannot be read back; the message says what to do."""


def _plain(value: Any) -> Any:
    """JSON-ready form of a field value (dates as ISO strings, tuples as lists)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def _is_date_field(field: dataclasses.Field[Any]) -> bool:
    # Annotations are strings (``from __future__ import annotations``): "dt.date | None".
    return "date" in str(field.type) and "dt." in str(field.type)


def _record_to_dict(record: Any, article: Article) -> dict[str, Any]:
    out: dict[str, Any] = {}
    has_span = hasattr(record, "start") and hasattr(record, "end") and hasattr(record, "text")
    for f in dataclasses.fields(record):
        value = getattr(record, f.name)
        if f.name == "article_id" and value == article.id:
            continue
        if f.name == "text" and has_span and value == article.body[record.start : record.end]:
            continue
        out[f.name] = _plain(value)
    return out


@dataclasses.dataclass(frozen=True)
class _Layout:
    """What reading a record class back needs, looked up once per class (a 300-article story
    has about 20,000 records to read back)."""

    names: tuple[str, ...]  # every field, in declaration order
    known: frozenset[str]
    dates: frozenset[str]  # fields that hold a date
    defaults: dict[str, Any]  # field -> its default, for those that have one
    factories: dict[str, Any]  # field -> its default factory
    direct: bool  # fields can be set without calling __init__ (no __post_init__, no slots)


_LAYOUTS: dict[type[Any], _Layout] = {}


def _layout_of(cls: type[Any]) -> _Layout:
    found = _LAYOUTS.get(cls)
    if found is None:
        fields = dataclasses.fields(cls)
        found = _LAYOUTS[cls] = _Layout(
            tuple(f.name for f in fields),
            frozenset(f.name for f in fields),
            frozenset(f.name for f in fields if _is_date_field(f)),
            {f.name: f.default for f in fields if f.default is not dataclasses.MISSING},
            {f.name: f.default_factory for f in fields if f.default_factory is not dataclasses.MISSING},
            not hasattr(cls, "__post_init__") and not hasattr(cls, "__slots__"),
        )
    return found


def _record_from_dict(cls: type[Any], data: dict[str, Any], article: Article) -> Any:
    layout = _layout_of(cls)
    if not layout.known.issuperset(data):
        unknown = sorted(set(data) - layout.known)
        raise StoredFormatError(
            f"stored {cls.__name__} has field(s) {', '.join(unknown)} this newsbrief does not know; "
            "upgrade newsbrief or ingest the articles again into a new database"
        )
    # The inverse of _plain for the types models.py uses (dates as ISO strings, tuples as lists).
    values: dict[str, Any] = {}
    for name in layout.names:
        if name in data:
            v = data[name]
            if v is None:
                pass
            elif name in layout.dates:
                v = dt.date.fromisoformat(v)
            elif isinstance(v, list):
                v = tuple(tuple(x) if isinstance(x, list) else x for x in v)
        elif name == "article_id":
            v = article.id
        elif name == "text" and "start" in data and "end" in data:
            v = article.body[data["start"] : data["end"]]
        elif name in layout.defaults:
            v = layout.defaults[name]
        elif name in layout.factories:
            v = layout.factories[name]()
        else:
            raise StoredFormatError(
                f"stored {cls.__name__} is incomplete (no {name}); ingest the articles again into a new database"
            )
        values[name] = v
    if not layout.direct:
        return cls(**values)
    # Every field set as the generated __init__ sets it (models.py's records are frozen
    # dataclasses without __post_init__), at a fifth of the cost of calling it through
    # object.__setattr__ field by field: equal and hashing equal to cls(**values).
    record = object.__new__(cls)
    record.__dict__.update(values)
    return record


def annotated_to_dict(annotated: AnnotatedArticle) -> dict[str, Any]:
    """The records of ``annotated`` as JSON-ready data; the embeddings only by shape."""
    article = annotated.article
    emb = annotated.embeddings
    out: dict[str, Any] = {
        "format": FORMAT_VERSION,
        "article": {f.name: _plain(getattr(article, f.name)) for f in dataclasses.fields(article)},
    }
    for key, _cls in _RECORD_LISTS:
        out[key] = [_record_to_dict(r, article) for r in getattr(annotated, key)]
    out["embeddings"] = {"rows": int(emb.shape[0]), "dim": int(emb.shape[1]) if emb.ndim == 2 else 0}
    return out


def annotated_to_json(annotated: AnnotatedArticle) -> str:
    """Compact, deterministic JSON of ``annotated`` (without the embedding values)."""
    return json.dumps(annotated_to_dict(annotated), ensure_ascii=True, separators=(",", ":"), sort_keys=True)


def embeddings_to_bytes(embeddings: npt.NDArray[np.float32]) -> bytes:
    """Raw float32 little-endian bytes of an embeddings array (row-major)."""
    import numpy as np

    return np.ascontiguousarray(embeddings, dtype=_EMBEDDING_DTYPE).tobytes()


def embeddings_from_bytes(data: bytes, rows: int, dim: int) -> npt.NDArray[np.float32]:
    """Inverse of :func:`embeddings_to_bytes`, as a native float32 (rows, dim) array."""
    import numpy as np

    expected = rows * dim * _EMBEDDING_ITEMSIZE
    if len(data) != expected:
        raise StoredFormatError(
            f"stored embeddings hold {len(data)} bytes, expected {expected} for {rows}x{dim} float32; "
            "the database is damaged: ingest the articles again"
        )
    return np.frombuffer(data, dtype=_EMBEDDING_DTYPE).reshape(rows, dim).astype(np.float32)


def annotated_from_dict(data: dict[str, Any], embeddings: bytes) -> AnnotatedArticle:
    """Rebuild an AnnotatedArticle from :func:`annotated_to_dict` data and embedding bytes."""
    version = data.get("format")
    if version != FORMAT_VERSION:
        raise StoredFormatError(
            f"stored annotation format {version!r} is not the supported {FORMAT_VERSION}; "
            "use the newsbrief version that wrote it, or ingest the articles again"
        )
    article = _record_from_dict(Article, data["article"], Article(id="", path="", body=""))
    records = {
        key: tuple(_record_from_dict(cls, r, article) for r in data.get(key, ())) for key, cls in _RECORD_LISTS
    }
    shape = data.get("embeddings") or {"rows": 0, "dim": 0}
    return AnnotatedArticle(
        article=article,
        embeddings=embeddings_from_bytes(embeddings, int(shape["rows"]), int(shape["dim"])),
        **records,
    )


def annotated_from_json(text: str, embeddings: bytes) -> AnnotatedArticle:
    """Inverse of :func:`annotated_to_json` + :func:`embeddings_to_bytes`."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise StoredFormatError(f"stored annotation is not valid JSON ({exc.msg}); ingest the article again") from exc
    if not isinstance(data, dict):
        raise StoredFormatError("stored annotation is not a JSON object; ingest the article again")
    return annotated_from_dict(data, embeddings)


def dumps(annotated: AnnotatedArticle) -> bytes:
    """``annotated`` as one self-describing bytes value (header, JSON, float32 embeddings)."""
    text = annotated_to_json(annotated).encode("ascii")
    return _HEADER.pack(MAGIC, FORMAT_VERSION, len(text)) + text + embeddings_to_bytes(annotated.embeddings)


def loads(data: bytes) -> AnnotatedArticle:
    """Inverse of :func:`dumps`."""
    if len(data) < _HEADER.size:
        raise StoredFormatError("annotation bytes are truncated; ingest the article again")
    magic, version, length = _HEADER.unpack_from(data)
    if magic != MAGIC:
        raise StoredFormatError("these bytes are not a newsbrief annotation (bad magic); check what was passed")
    if version != FORMAT_VERSION:
        raise StoredFormatError(
            f"annotation bytes have format {version}, this newsbrief reads {FORMAT_VERSION}; "
            "use matching newsbrief versions on every machine"
        )
    start = _HEADER.size
    text = data[start : start + length].decode("ascii")
    return annotated_from_json(text, data[start + length :])


def annotated_equal(a: AnnotatedArticle, b: AnnotatedArticle) -> bool:
    """True when two annotated articles hold the same records and bit-identical embeddings.

    (AnnotatedArticle compares by identity because numpy arrays have no single truth value.)
    """
    if a.embeddings.shape != b.embeddings.shape or a.embeddings.tobytes() != b.embeddings.tobytes():
        return False
    return all(
        getattr(a, f.name) == getattr(b, f.name) for f in dataclasses.fields(AnnotatedArticle) if f.name != "embeddings"
    )
