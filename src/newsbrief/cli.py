"""The command line: a thin layer over the library (pipeline, render).

Exit codes: 0 the output was written; 1 nothing readable (every input skipped); 2 usage error
(bad option, bad settings file).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from . import pipeline
from .config import Settings, SettingsError, load_settings, with_overrides
from .models import Brief, Skip
from .readers import read_paths
from .render import EXTENSIONS, FORMATS, render
from .resources import ModelUnavailable, Resources

EXIT_OK, EXIT_NOTHING, EXIT_USAGE = 0, 1, 2
# Progress lines appear only once a run has taken this long, so quick runs stay quiet.
PROGRESS_AFTER_S = 2.0


def _progress_printer(quiet: bool) -> Callable[[str], None]:
    start = time.monotonic()

    def emit(msg: str) -> None:
        if not quiet and time.monotonic() - start >= PROGRESS_AFTER_S:
            click.echo(f"newsbrief: {msg} ({time.monotonic() - start:.0f}s)", err=True)

    return emit


def _report_skip(s: Skip) -> None:
    click.echo(f"newsbrief: skipped {s.path}: {s.reason}", err=True)


def _settings(config: str | None, **overrides: Any) -> Settings:
    try:
        return load_settings(config, **overrides)
    except SettingsError as exc:
        raise click.UsageError(str(exc)) from exc


def _pick_format(fmt: str | None, output: str | None) -> str:
    if fmt:
        return fmt
    if output:
        inferred = EXTENSIONS.get(Path(output).suffix.lower())
        if inferred:
            return inferred
        raise click.UsageError(
            f"cannot tell the format from {output!r}; add --format ({'|'.join(FORMATS)}) or use .md/.html/.json/.txt"
        )
    return "markdown"


def _write(text: str, output: str | None) -> None:
    if output is None:
        sys.stdout.buffer.write(text.encode("utf-8", errors="replace"))
        sys.stdout.flush()
        return
    path = Path(output)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8", errors="replace"))
    except OSError as exc:
        raise click.FileError(output, hint=exc.strerror or str(exc)) from exc


def _run(paths: tuple[str, ...], settings: Settings, quiet: bool) -> Brief:
    progress = _progress_printer(quiet)
    articles, skipped = read_paths(paths, settings, on_skip=None if quiet else _report_skip, progress=progress)
    if not articles:
        click.echo("newsbrief: nothing readable in the given paths; see the skipped inputs above", err=True)
        sys.exit(EXIT_NOTHING)
    try:
        resources = Resources(settings)
        annotated = pipeline.annotate_articles(articles, resources, progress)
    except ModelUnavailable as exc:
        raise click.ClickException(str(exc)) from exc
    progress("building the brief")
    return pipeline.build_brief(annotated, settings, skipped)


def output_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """Options shared by the commands that write a brief."""
    f = click.option("--config", "config", type=click.Path(dir_okay=False), help="JSON settings file (overrides packaged defaults).")(f)
    f = click.option("-q", "--quiet", is_flag=True, help="No skip or progress messages on stderr.")(f)
    f = click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write here; the format follows the extension (.md .html .json .txt).")(f)
    f = click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), help="Output format (default: markdown, or from -o's extension).")(f)
    return f


def _run_stored(db: str, story_id: int, settings: Settings) -> Brief:
    from .corpus_cli import load_story_annotated
    from .store import StoreError

    if not Path(db).is_file():
        raise click.UsageError(f"no database at {db}; build one with `newsbrief ingest PATH... --db {db}`")
    try:
        annotated, skipped = load_story_annotated(db, story_id)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    for s in skipped:
        _report_skip(s)
    if not annotated:
        click.echo(f"newsbrief: story {story_id} has no readable article", err=True)
        sys.exit(EXIT_NOTHING)
    return pipeline.build_brief(annotated, settings, skipped)


def common_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """Options shared by the commands that read articles from PATHS."""
    f = output_options(f)
    f = click.argument("paths", nargs=-1, required=True, type=click.Path())(f)
    return f


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsbrief")
def cli() -> None:
    """newsbrief: turn many news articles about one story into one sourced brief."""


@cli.command()
@click.argument("paths", nargs=-1, required=False, type=click.Path())
@output_options
@click.option("--words", type=click.IntRange(min=1), default=None, help="Summary budget in words (default 150).")
@click.option("--db", type=click.Path(dir_okay=False), default=None, help="Brief a stored story of this corpus database (with --story).")
@click.option("--story", "story_id", type=int, default=None, help="Story id from `newsbrief stories` (with --db).")
def brief(
    paths: tuple[str, ...], fmt: str | None, output: str | None, quiet: bool, config: str | None,
    words: int | None, db: str | None, story_id: int | None,
) -> None:
    """Brief the articles in PATHS (files or folders, read recursively).

    Reads .txt (scraped text), .html/.htm, .json (one article) and .jsonl (one per line).
    With --db FILE --story ID instead of PATHS, briefs a story of a corpus built by `newsbrief ingest`,
    without re-parsing the stored articles.
    """
    fmt = _pick_format(fmt, output)
    settings = _settings(config, words=words)
    if (db is None) != (story_id is None):
        raise click.UsageError("--db and --story go together: newsbrief brief --db FILE --story ID")
    if db is not None and story_id is not None:
        if paths:
            raise click.UsageError("give either PATHS or --db/--story, not both")
        result = _run_stored(db, story_id, settings)
    elif not paths:
        raise click.UsageError("give the articles to brief: newsbrief brief PATH... (or --db FILE --story ID)")
    else:
        result = _run(paths, settings, quiet)
    _write(render(result, fmt), output)
    if output and not quiet:
        click.echo(f"newsbrief: wrote {output}", err=True)


@cli.command()
@common_options
@click.option("--dates", "n_dates", type=click.IntRange(min=1), default=None, help="Keep the N most important dates.")
@click.option("--per-date", "per_date", type=click.IntRange(min=1), default=None, help="Up to K sentences per date.")
def timeline(paths: tuple[str, ...], fmt: str | None, output: str | None, quiet: bool, config: str | None, n_dates: int | None, per_date: int | None) -> None:
    """Only the timeline of the articles in PATHS (dated events with their sources)."""
    fmt = _pick_format(fmt, output)
    settings = with_overrides(_settings(config), timeline_dates=n_dates, timeline_per_date=per_date)
    result = _run(paths, settings, quiet)
    only = Brief(articles=result.articles, summary=(), skipped=result.skipped, timeline=result.timeline)
    if fmt == "text":
        text = "".join(f"{t.date}\t{' '.join(t.text.split())}\n" for t in only.timeline)
    else:
        text = render(only, fmt)
    _write(text, output)


def _register_corpus_commands() -> None:
    from .corpus_cli import ingest, stories

    cli.add_command(ingest)
    cli.add_command(stories)


_register_corpus_commands()


def main() -> None:
    """Console-script entry point."""
    # The story stages multiply small matrices; on a busy 2-core machine BLAS threads contend and
    # turn milliseconds into seconds (measured: 45 products took ~2 s). One BLAS thread is faster.
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1, user_api="blas"):
        cli(prog_name="newsbrief")


if __name__ == "__main__":
    main()
