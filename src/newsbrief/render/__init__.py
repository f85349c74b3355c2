"""Renderers: one module per output format. Each takes a Brief and returns a string.

A format's module is imported when a brief is first rendered in it, so naming the formats (the
command line's options and ``--help``) loads no template engine.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsbrief.models import Brief

# Each rendered by ``newsbrief.render.<format>.render_<format>``.
FORMATS = ("markdown", "html", "json", "text")

EXTENSIONS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html", ".json": "json", ".txt": "text"}


def get_renderer(fmt: str) -> Callable[[Brief], str]:
    """The function that renders a brief in ``fmt`` (one of FORMATS)."""
    if fmt == "markdown":
        from newsbrief.render.markdown import render_markdown

        return render_markdown
    if fmt == "html":
        from newsbrief.render.html import render_html

        return render_html
    if fmt == "json":
        from newsbrief.render.json import render_json

        return render_json
    if fmt == "text":
        from newsbrief.render.text import render_text

        return render_text
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def render(brief: Brief, fmt: str) -> str:
    """Render ``brief`` in ``fmt`` (one of FORMATS)."""
    # Broken input can leave lone surrogates in article text; they cannot be written as UTF-8.
    return get_renderer(fmt)(brief).encode("utf-8", errors="replace").decode("utf-8")


__all__ = ["EXTENSIONS", "FORMATS", "get_renderer", "render"]
