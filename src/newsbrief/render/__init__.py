"""Renderers: one module per output format. Each takes a Brief and returns a string."""

from __future__ import annotations

from collections.abc import Callable

from newsbrief.models import Brief
from newsbrief.render.html import render_html
from newsbrief.render.json import render_json
from newsbrief.render.markdown import render_markdown
from newsbrief.render.text import render_text

FORMATS: dict[str, Callable[[Brief], str]] = {
    "markdown": render_markdown,
    "html": render_html,
    "json": render_json,
    "text": render_text,
}

EXTENSIONS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html", ".json": "json", ".txt": "text"}


def render(brief: Brief, fmt: str) -> str:
    """Render ``brief`` in ``fmt`` (one of FORMATS)."""
    try:
        renderer = FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}") from None
    # Broken input can leave lone surrogates in article text; they cannot be written as UTF-8.
    return renderer(brief).encode("utf-8", errors="replace").decode("utf-8")


__all__ = ["EXTENSIONS", "FORMATS", "render", "render_html", "render_json", "render_markdown", "render_text"]
