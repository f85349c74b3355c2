"""Which sentence embedder the settings name, as a record a corpus database can keep.

Two embedders may give vectors of the same size (MiniLM run as int8 or as float, another 384-wide
ONNX model named by ``embedder_model``) whose cosines mean different things; a database whose
stories compare vectors of both would mix them silently. :func:`identify_embedder` names the
embedder the settings select without loading it -- its kind (``embedder``), its variant (int8
recipe, float, or the static table's recipe), its model file, and a fingerprint of the model and
tokenizer bytes with the kind and variant -- so :mod:`newsbrief.corpus.embedder_record` can
compare it with the one that made a database's vectors.

Imports no model library: ``brief --db`` checks it before briefing; nor hashlib until a file is
hashed (listing a database loads no OpenSSL).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsbrief.config import Settings

if TYPE_CHECKING:
    import hashlib

# The settings that decide the vectors: what a user sets to match a database.
EMBEDDER_SETTINGS = ("embedder", "embedder_model", "embedder_tokenizer", "embedder_quantize")

# sha256 of a file (the hash object after its bytes), by (resolved path, size, mtime_ns): a server
# or a test run hashes the 23 MB model once, and a run that identifies the embedder and then finds
# its int8 model or static table (annotate/quantize.py, annotate/static_encoder.py) reads it once.
_FILE_HASHES: dict[tuple[str, int, int], hashlib._Hash] = {}


@dataclass(frozen=True)
class EmbedderIdentity:
    """The embedder behind some sentence vectors. Two identities are the same embedder when their
    fingerprints are equal; ``dims`` is known once vectors were made."""

    name: str
    variant: str
    model: str
    fingerprint: str
    settings: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    dims: int | None = None

    def same_embedder(self, other: EmbedderIdentity) -> bool:
        """Whether ``other`` makes the same vectors (same kind, variant, model and tokenizer bytes)."""
        return self.fingerprint == other.fingerprint

    def describe(self) -> str:
        """For messages: ``minilm (int8, model.onnx, fingerprint 1a2b3c4d5e6f, 384 dimensions)``."""
        variant = self.variant.split(" ", 1)[0]
        dims = f", {self.dims} dimensions" if self.dims else ""
        return f"{self.name} ({variant}, {self.model}, fingerprint {self.fingerprint[:12]}{dims})"

    def settings_json(self) -> str:
        """The settings that select this embedder, as a settings file's JSON."""
        return json.dumps({k: self.settings.get(k) for k in EMBEDDER_SETTINGS}, separators=(", ", ": "))

    def with_dims(self, dims: int) -> EmbedderIdentity:
        """This identity with the size of the vectors it made."""
        return EmbedderIdentity(self.name, self.variant, self.model, self.fingerprint, dict(self.settings), dims)

    def to_json(self) -> str:
        """The record kept in a database's ``meta`` table (key ``embedder``)."""
        return json.dumps(asdict(self), sort_keys=True, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> EmbedderIdentity:
        """Read :meth:`to_json`'s record back (ValueError when it is not one)."""
        try:
            doc = json.loads(text)
            dims = doc.get("dims")
            return cls(str(doc["name"]), str(doc["variant"]), str(doc["model"]), str(doc["fingerprint"]),
                       dict(doc.get("settings") or {}), int(dims) if dims is not None else None)
        except (KeyError, TypeError, AttributeError, json.JSONDecodeError) as exc:
            raise ValueError(f"not an embedder record ({exc})") from exc


def identify_embedder(settings: Settings) -> EmbedderIdentity:
    """The identity of the embedder ``settings`` select, from its files (nothing is loaded).

    Raises EmbedderUnavailable (a SetupError naming the setting) when a file is missing."""
    from newsbrief.annotate.embeddings import EmbedderUnavailable, default_model_paths

    model = Path(settings.embedder_model) if settings.embedder_model is not None else None
    tokenizer = Path(settings.embedder_tokenizer) if settings.embedder_tokenizer is not None else None
    if model is None or tokenizer is None:
        default_model, default_tok = default_model_paths()
        model, tokenizer = model or default_model, tokenizer or default_tok
    for p, what in ((model, "embedder_model"), (tokenizer, "embedder_tokenizer")):
        if not p.is_file():
            raise EmbedderUnavailable(f"{what}: no file at {p}; fix the path in your settings file")
    if settings.embedder == "static":
        from newsbrief.annotate.static_encoder import RECIPE as STATIC_RECIPE

        variant = f"static {STATIC_RECIPE}"  # derived from the float model: embedder_quantize plays no part
    elif settings.embedder_quantize:
        from newsbrief.annotate.quantize import RECIPE as INT8_RECIPE

        variant = f"int8 {INT8_RECIPE}"
    else:
        variant = "float"
    import hashlib

    h = hashlib.sha256()
    for part in (settings.embedder, variant, file_digest(model), file_digest(tokenizer)):
        h.update(part.encode("utf-8") + b"\x00")
    chosen = {k: getattr(settings, k) for k in EMBEDDER_SETTINGS}
    return EmbedderIdentity(settings.embedder, variant, model.name, h.hexdigest()[:32], chosen)


def file_digest(path: Path) -> str:
    """SHA-256 (hex) of a file's bytes, remembered while the file keeps its size and mtime."""
    return file_hash(path).hexdigest()


def file_hash(path: Path) -> hashlib._Hash:
    """A SHA-256 object fed a file's bytes (a fresh copy: the caller may feed it more), remembered
    while the file keeps its size and mtime."""
    st = path.stat()
    key = (str(path.resolve()), st.st_size, st.st_mtime_ns)
    known = _FILE_HASHES.get(key)
    if known is None:
        import hashlib

        known = hashlib.sha256()
        with path.open("rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                known.update(chunk)
        _FILE_HASHES[key] = known
    return known.copy()
