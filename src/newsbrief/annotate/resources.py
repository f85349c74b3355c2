"""Models shared by the stages, loaded once and lazily (spaCy pipeline, sentence embedder)."""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from newsbrief.config import Settings, SetupError
from newsbrief.annotate.embeddings import Embedder

if TYPE_CHECKING:
    from spacy.language import Language

    from newsbrief.annotate.static_encoder import StaticEmbedder


log = logging.getLogger(__name__)


class ModelUnavailable(SetupError):
    """A model the pipeline needs is not installed."""


class Resources:
    """Holds the loaded models for one Settings. Create one per process and reuse it."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._nlp: Language | None = None
        self._embedder: Embedder | StaticEmbedder | None = None
        self._static: StaticEmbedder | None = None
        self._static_failed = False
        self._lock = threading.Lock()

    @property
    def nlp(self) -> Language:
        with self._lock:
            if self._nlp is None:
                import spacy

                try:
                    self._nlp = spacy.load(self.settings.spacy_model)
                except OSError as exc:
                    raise ModelUnavailable(
                        f"spacy_model: the spaCy pipeline {self.settings.spacy_model!r} is not installed; run "
                        "`make install`, or set spacy_model to an installed pipeline"
                    ) from exc
            return self._nlp

    @property
    def embedder(self) -> Embedder | StaticEmbedder:
        with self._lock:
            if self._embedder is None and self.settings.embedder == "static":
                from newsbrief.annotate.static_encoder import StaticEmbedder

                self._embedder = StaticEmbedder(
                    self.settings.embedder_model, self.settings.embedder_tokenizer, cache_dir=self.settings.cache_dir
                )
            if self._embedder is None:
                self._embedder = Embedder(
                    self.settings.embedder_model,
                    self.settings.embedder_tokenizer,
                    quantize=self.settings.embedder_quantize,
                    cache_dir=self.settings.cache_dir,
                    threads=self.settings.embedder_threads,
                )
            return self._embedder

    @property
    def static_embedder(self) -> StaticEmbedder | None:
        """The static word-piece encoder derived from the embedder's model (annotate/hybrid.py), or
        None when its table cannot be built or stored (the caller then runs the model instead)."""
        with self._lock:
            if self._static is None and not self._static_failed:
                from newsbrief.annotate.static_encoder import StaticEmbedder

                try:
                    self._static = StaticEmbedder(
                        self.settings.embedder_model, self.settings.embedder_tokenizer, cache_dir=self.settings.cache_dir
                    )
                except SetupError as exc:
                    self._static_failed = True
                    log.warning("static sentence vectors unavailable (%s); the model embeds every sentence", exc)
            return self._static
