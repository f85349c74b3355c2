"""Plain text: the summary sentences only, one per line (what summarization scorers read)."""

from __future__ import annotations

from newsbrief.models import Brief


def render_text(brief: Brief) -> str:
    """One summary sentence per line, newlines inside a sentence folded to spaces."""
    lines = [" ".join(s.text.split()) for s in brief.summary]
    return "\n".join(lines) + ("\n" if lines else "")
