"""The command line: a thin layer over the library (pipeline, render).

Each command imports the library it calls inside its body, so ``newsbrief --help`` and the
commands that need no model (``stories``, ``sources``) start without loading spaCy, ONNX Runtime,
SciPy, scikit-learn or Dask (tests/test_startup.py checks; benchmarks/startup.py times it).

Exit codes: 0 the output was written; 1 nothing readable (every input skipped); 2 usage error
(bad option, bad settings file); 130 stopped by Ctrl-C.
"""

from __future__ import annotations

import gc
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from newsbrief.config import SettingsError, Settings, SetupError, load_settings, printable, with_overrides
from newsbrief.corpus import DEFAULT_BATCH_SIZE, DEFAULT_DB
from newsbrief.corpus.checks import NotACorpus, StoreError, show_path
from newsbrief.engines import ENGINES, EngineError, make_engine
from newsbrief.gcpause import freeze_before_exit
from newsbrief.models import Brief, Skip
from newsbrief.plural import count
from newsbrief.progress import Progress
from newsbrief.render import EXTENSIONS, FORMATS, render

EXIT_OK, EXIT_NOTHING, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130  # 130: Ctrl-C, as shells report it


def _echo_err(msg: str) -> None:
    # Messages carry paths, names and reasons from untrusted input: no raw control characters.
    click.echo(f"newsbrief: {printable(msg)}", err=True)


def _report_skip(s: Skip) -> None:
    _echo_err(f"skipped {s.path}: {s.reason}")


class _WrongDatabase(click.ClickException):
    """--db names a file that is not a usable newsbrief database: a usage error."""

    exit_code = EXIT_USAGE


def _store_failed(exc: StoreError) -> click.ClickException:
    """The exception that reports a database problem: exit 2 for a wrong --db file or settings
    that do not match it (another embedder), else 1."""
    from newsbrief.corpus.embedder_record import EmbedderMismatch

    wrong = isinstance(exc, (NotACorpus, EmbedderMismatch))
    return _WrongDatabase(str(exc)) if wrong else click.ClickException(str(exc))


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


def _write(text: str, output: str | None, fmt: str) -> None:
    """Write the output to stdout, or atomically to ``output`` (never a truncated file)."""
    from newsbrief.render.output import TEXT_MARKER, write_atomic

    # Plain text ends on the marker line wherever it goes: `--format text > folder/x.txt` makes a
    # file as surely as -o does, and the marker keeps it out of a later run's inputs.
    if fmt == "text":
        text += TEXT_MARKER + "\n"
    if output is None:
        sys.stdout.buffer.write(text.encode("utf-8", errors="replace"))
        sys.stdout.flush()
        return
    path = Path(output)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text.encode("utf-8", errors="replace"))
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise click.FileError(
            show_path(output), hint=f"{reason}; nothing was written ({'the earlier file is unchanged' if path.exists() else 'no file left behind'})"
        ) from exc


def _refuse_output_onto_input(paths: tuple[str, ...], output: str | None) -> None:
    """Exit 2 when ``-o`` names an existing input file (one given, or inside a given folder) that
    is not an earlier newsbrief output: writing there would destroy an article."""
    from newsbrief.render.output import file_is_newsbrief_output

    if output is None:
        return
    target = Path(output).resolve()
    if not target.is_file() or file_is_newsbrief_output(target):
        return
    for p in paths:
        given = Path(p).resolve()
        if given == target or (given.is_dir() and target.is_relative_to(given)):
            raise click.UsageError(
                f"-o {show_path(output)} is one of the input files (under {show_path(p)}); "
                "write the brief somewhere else, the input would be overwritten"
            )


def _run(paths: tuple[str, ...], settings: Settings, quiet: bool) -> Brief:
    from newsbrief import pipeline

    progress = Progress(quiet)
    try:
        result = pipeline.brief_paths(paths, settings, progress=progress, on_skip=None if quiet else _report_skip)
    finally:
        progress.close()
    if not result.articles:
        click.echo("newsbrief: nothing readable in the given paths; see the skipped inputs above", err=True)
        sys.exit(EXIT_NOTHING)
    return result


def output_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """Options shared by the commands that write a brief."""
    f = click.option("--config", "config", type=click.Path(dir_okay=False), help="JSON settings file (overrides packaged defaults).")(f)
    f = click.option("-q", "--quiet", is_flag=True, help="No skip or progress messages on stderr.")(f)
    f = click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write here; the format follows the extension (.md .html .json .txt).")(f)
    f = click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), help="Output format (default: markdown, or from -o's extension).")(f)
    return f


def _run_stored(db: str, story_id: int, settings: Settings, quiet: bool = False) -> Brief:
    from newsbrief.gcpause import paused_collector

    if not Path(db).is_file():
        raise click.UsageError(f"no database at {show_path(db)}; build one with `newsbrief ingest PATH... --db {show_path(db)}`")
    # One pause over the imports, the loading and the brief (each pauses the collector for its
    # own work): between them its passes would go over the loaded story, and the imports of the
    # reduce stage alone set off a hundred of them (0.1 CPU s of a 300-article story's brief).
    with paused_collector():
        brief = _load_and_build(db, story_id, settings, quiet)
        # What the pause allocated is still alive and young: the collector's next passes would
        # go over all of it (the loaded story, millions of objects) only to find it alive while
        # the command renders and ends. (freeze_before_exit does the same at the very end.)
        gc.freeze()
    return brief


def _load_and_build(db: str, story_id: int, settings: Settings, quiet: bool = False) -> Brief:
    from newsbrief import pipeline
    from newsbrief.annotate.embedder_identity import identify_embedder
    from newsbrief.corpus.catalog import load_story

    try:
        story = load_story(db, story_id, identify_embedder(settings))
    except StoreError as exc:
        raise _store_failed(exc) from exc
    annotated, skipped = [aa for _, aa in story.loaded], story.skipped
    note = story.stale_facts_note(db)
    if note is not None and not quiet:
        _echo_err(note)
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


class _SetupProblem(click.ClickException):
    """A model or folder named by the settings cannot be used: a settings error (exit 2)."""

    exit_code = EXIT_USAGE


# What a command stopped by Ctrl-C leaves behind, told to the user instead of click's bare
# "Aborted!" (commands that stop cleanly on Ctrl-C, such as watch and refresh, say it themselves).
_UNWRITTEN = "nothing was written (an earlier output file is unchanged)"
STOPPED = {"brief": _UNWRITTEN, "timeline": _UNWRITTEN, "ingest": "the articles stored so far are kept; run the same command again to ingest the rest"}


class _Commands(click.Group):
    """The command group; a missing model or an unusable cache folder, found by whichever stage
    first needs it, ends any command with exit 2 and the message that names the setting; Ctrl-C
    ends it with exit 130 and a line saying what was kept."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except SetupError as exc:
            raise _SetupProblem(show_path(str(exc))) from exc
        except KeyboardInterrupt:
            _echo_err(f"{ctx.invoked_subcommand} stopped (Ctrl-C); {STOPPED.get(ctx.invoked_subcommand or '', 'nothing more was done')}")
            sys.exit(EXIT_INTERRUPTED)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsbrief")
def cli() -> None:
    """newsbrief: turn many news articles about one story into one sourced brief."""


# Flags that raise a section's budget: (flag, settings key, what it counts, default).
BUDGET_FLAGS = (
    ("--max-timeline", "budget_timeline", "timeline entries", 25),
    ("--max-people", "budget_people", "people in who's who", 15),
    ("--max-organisations", "budget_organizations", "organisations in who's who", 10),
    ("--max-places", "budget_places", "places in who's who", 10),
    ("--max-quotes", "budget_quotes", "quotes", 8),
    ("--max-figures", "budget_figures", "key figures", 10),
    ("--max-disagreements", "budget_disagreements", "disagreements", 5),
    ("--max-adds", "budget_unique", "items of what each source adds, per source", 3),
)


def budget_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """--max-* flags (one per section budget), --full (no budget), --outlet, --keep-off-topic."""
    for flag, key, what, default in reversed(BUDGET_FLAGS):
        f = click.option(flag, key, type=click.IntRange(min=1), default=None, metavar="N", help=f"At most N {what} (default {default}).")(f)
    f = click.option("--full", is_flag=True, help="No budget: every item of every section (large for big stories).")(f)
    f = click.option("--outlet", default=None, metavar="NAME", help="Outlet of every input that names none (its articles count as one source).")(f)
    f = click.option("--keep-off-topic", is_flag=True, help="Keep articles far from the story's centre instead of setting them aside.")(f)
    return f


def _budget_overrides(outlet: str | None, keep_off_topic: bool, given: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"outlet": outlet, "drop_off_topic": False if keep_off_topic else None}
    for _, key, _, _ in BUDGET_FLAGS:
        out[key] = given.get(key)
    return out


def _lift_budgets(settings: Settings, full: bool) -> Settings:
    return settings.without_budgets() if full else settings


@cli.command()
@click.argument("paths", nargs=-1, required=False, type=click.Path())
@output_options
@budget_options
@click.option("--words", type=click.IntRange(min=1), default=None, metavar="N", help="Summary budget in words (default 150).")
@click.option("--db", type=click.Path(dir_okay=False), default=None, help="Brief a stored story of this corpus database (with --story).")
@click.option("--story", "story_id", type=click.IntRange(min=1, max=2**63 - 1), default=None, metavar="ID", help="Story id from `newsbrief stories` (with --db).")
def brief(
    paths: tuple[str, ...], fmt: str | None, output: str | None, quiet: bool, config: str | None,
    words: int | None, db: str | None, story_id: int | None, full: bool, outlet: str | None,
    keep_off_topic: bool, **budgets: int | None,
) -> None:
    """Brief the articles in PATHS (files or folders, read recursively).

    Reads .txt (scraped text), .html/.htm, .json (one article, or an array of them), .jsonl (one
    per line), saved RSS/Atom feeds (.rss .atom .xml: one article per item with text), the same gzipped (.gz) and files without an extension (by content); anything else is
    skipped with a reason on stderr. Output: Markdown on stdout, or -o FILE.

    With --db FILE --story ID instead of PATHS, briefs a story of a corpus built by `newsbrief ingest`,
    without re-parsing the stored articles.
    """
    fmt = _pick_format(fmt, output)
    settings = _lift_budgets(_settings(config, words=words, **_budget_overrides(outlet, keep_off_topic, budgets)), full)
    if (db is None) != (story_id is None):
        raise click.UsageError("--db and --story go together: newsbrief brief --db FILE --story ID")
    if db is not None and story_id is not None:
        if paths:
            raise click.UsageError("give either PATHS or --db/--story, not both")
        result = _run_stored(db, story_id, settings, quiet)
    elif not paths:
        raise click.UsageError("give the articles to brief: newsbrief brief PATH... (or --db FILE --story ID)")
    else:
        _refuse_output_onto_input(paths, output)
        result = _run(paths, settings, quiet)
    _write(render(result, fmt), output, fmt)
    if output and not quiet:
        _echo_err(f"wrote {output}")


@cli.command()
@common_options
@click.option("--dates", "n_dates", type=click.IntRange(min=1), default=None, metavar="N", help="Keep the N most important dates.")
@click.option("--per-date", "per_date", type=click.IntRange(min=1), default=None, metavar="K", help="Up to K sentences per date.")
@click.option("--max-timeline", "budget_timeline", type=click.IntRange(min=1), default=None, metavar="N", help="At most N entries, most important dates first (default 25; not with --dates).")
@click.option("--full", is_flag=True, help="Every dated event.")
@click.option("--outlet", default=None, metavar="NAME", help="Outlet of every input that names none.")
@click.option("--keep-off-topic", is_flag=True, help="Keep articles far from the story's centre.")
def timeline(
    paths: tuple[str, ...], fmt: str | None, output: str | None, quiet: bool, config: str | None, n_dates: int | None,
    per_date: int | None, budget_timeline: int | None, full: bool, outlet: str | None, keep_off_topic: bool,
) -> None:
    """Only the timeline of the articles in PATHS (dated events with their sources)."""
    fmt = _pick_format(fmt, output)
    try:
        base = _settings(config, **_budget_overrides(outlet, keep_off_topic, {"budget_timeline": budget_timeline}))
        settings = with_overrides(_lift_budgets(base, full), timeline_dates=n_dates, timeline_per_date=per_date)
    except SettingsError as exc:
        raise click.UsageError(str(exc)) from exc
    _refuse_output_onto_input(paths, output)
    result = _run(paths, settings, quiet)
    only = Brief(
        articles=result.articles, summary=(), skipped=result.skipped, timeline=result.timeline,
        totals=tuple(t for t in result.totals if t.section == "timeline"), off_topic=result.off_topic,
        headline=result.headline,
    )
    if fmt == "text":
        text = "".join(f"{t.date}\t{' '.join(t.text.split())}\n" for t in only.timeline)
    else:
        text = render(only, fmt)
    _write(text, output, fmt)


db_option = click.option("--db", "db", type=click.Path(dir_okay=False), default=DEFAULT_DB, show_default=True, help="SQLite database file.")


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@db_option
@click.option("--engine", "engine_name", type=click.Choice(ENGINES), default="local", show_default=True, help="Where the per-article stages run.")
@click.option("--scheduler", default=None, help="Dask scheduler address (tcp://HOST:8786); default: a local cluster. Needs --engine dask.")
@click.option("--workers", type=click.IntRange(min=1), default=None, help="Workers of the local Dask cluster (default 2).")
@click.option("--batch-size", type=click.IntRange(min=1), default=DEFAULT_BATCH_SIZE, show_default=True, help="Articles per transaction.")
@click.option("--config", "config", type=click.Path(dir_okay=False), help="JSON settings file (overrides packaged defaults).")
@click.option("-q", "--quiet", is_flag=True, help="No skip or progress messages on stderr.")
def ingest(paths: tuple[str, ...], db: str, engine_name: str, scheduler: str | None, workers: int | None, batch_size: int, config: str | None, quiet: bool) -> None:
    """Store every new article under PATHS in the database and file it into a story.

    Articles already stored (same title and cleaned text) are not added again; an interrupted
    ingest resumes where it stopped when run again.
    """
    from newsbrief.corpus.ingest import ingest_paths

    try:
        settings = load_settings(config)
    except SettingsError as exc:
        raise click.UsageError(str(exc)) from exc
    try:
        engine = make_engine(engine_name, settings, scheduler=scheduler, workers=workers)
    except EngineError as exc:
        raise click.UsageError(str(exc)) from exc
    try:
        report = ingest_paths(
            paths,
            db,
            settings,
            engine=engine,
            batch_size=batch_size,
            progress=None if quiet else _echo_err,
            on_skip=None if quiet else _report_skip,
            on_wait=None if quiet else _echo_err,
        )
    except StoreError as exc:
        raise _store_failed(exc) from exc
    except EngineError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        engine.close()
    if not quiet:
        _echo_err(
            f"{db}: {count(report.articles_added, 'article')} added, {report.duplicates} already stored"
            f"{f' ({report.copies} of them copies under other paths)' if report.copies else ''}, "
            f"{count(report.files_unchanged, 'file')} unchanged since the last ingest, {count(report.skipped, 'input')} skipped, "
            f"{count(len(report.stories_touched), 'story', 'stories')} updated ({report.seconds:.1f}s)"
        )
    if report.articles_read == 0 and report.files_unchanged == 0:
        _echo_err("nothing readable in the given paths; see the skipped inputs above")
        sys.exit(EXIT_NOTHING)


@cli.command()
@db_option
@click.option("--config", "config", type=click.Path(dir_okay=False), help="JSON settings file the briefs will use (overrides packaged defaults).")
@click.option("--reembed", is_flag=True, help="First embed every stored sentence again with the embedder the settings name (the database then takes only that embedder's vectors).")
@click.option("-q", "--quiet", is_flag=True, help="No progress messages on stderr.")
def refresh(db: str, config: str | None, reembed: bool, quiet: bool) -> None:
    """Store what `brief --db` reads instead of computing it, for articles and stories that lack it.

    `ingest` stores it as it goes; run this once on a database written by an older newsbrief (after
    an upgrade, or when the settings' off-topic filter changed): each article's sentence facts and
    each story's close sentence pairs (briefs are the same with or without them, only faster), and
    each story's listing (the headline and outlet counts `stories` and `serve` show, its brief's).
    Only what is missing or stale is computed; an interrupted refresh keeps what it stored.

    With --reembed, the database's sentence vectors are first made again by the embedder of
    --config (embedder, embedder_model, embedder_quantize), so that it can be briefed and ingested
    into with those settings; interrupted, the next `refresh --reembed` resumes it.
    """
    from newsbrief.corpus.refresh import refresh_database

    if not Path(db).is_file():
        raise click.UsageError(f"no database at {show_path(db)}; build one with `newsbrief ingest PATH... --db {show_path(db)}`")
    settings = _settings(config)
    try:
        report = refresh_database(db, settings, reembed=reembed, progress=None if quiet else _echo_err)
    except StoreError as exc:
        raise _store_failed(exc) from exc
    except KeyboardInterrupt:
        # Each article's facts and each story's pairs commit on their own: nothing stored is lost.
        _echo_err("refresh stopped; what it stored so far is kept, and the next `newsbrief refresh` does the rest")
        sys.exit(130)
    if not quiet:
        _echo_err(f"{db}: {report.describe()} ({report.seconds:.1f}s)")


@cli.command()
@db_option
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, help="Only stories with an article published on or after this date (YYYY-MM-DD).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True, help="Output format; json lists each story's articles.")
def stories(db: str, since: Any, fmt: str) -> None:
    """List the stories in the database, most recent first."""
    from newsbrief.corpus.catalog import list_stories
    from newsbrief.corpus.outlets import OutletCount, outlets_label

    try:
        rows = list_stories(db, since.date().isoformat() if since else None, with_articles=fmt == "json")
    except StoreError as exc:
        raise _store_failed(exc) from exc
    if fmt == "json":
        click.echo(json.dumps({"stories": rows}, ensure_ascii=False, indent=2))
        return
    click.echo(f"{'id':>6}  {'first':10}  {'last':10}  {'articles':>8}  {'outlets':>16}  headline")
    for r in rows:  # outlets as the brief counts them: an article naming none is said, not counted
        label = outlets_label(OutletCount(r["outlets"], r["no_outlet"]))
        click.echo(f"{r['id']:>6}  {r['first_date'] or '-':10}  {r['last_date'] or '-':10}  {r['articles']:>8}  {label:>16}  {printable(r['headline'])}")


def _fetch_setup(db: str, config: str | None, quiet: bool) -> tuple[Any, Any, Any]:
    """The store, fetcher and watcher behind `watch` and `fetch` (imported here: cli starts fast)."""
    from newsbrief.corpus.store import Store
    from newsbrief.fetch.client import Fetcher
    from newsbrief.fetch.watch import Watcher

    from newsbrief.annotate.embedder_identity import identify_embedder

    settings = _settings(config)
    try:
        # Refused before any feed is read: a database of another embedder's vectors.
        store = Store(db, on_wait=None if quiet else _echo_err, embedder=identify_embedder(settings))
    except StoreError as exc:
        raise _store_failed(exc) from exc
    fetcher = Fetcher()
    return store, fetcher, Watcher(store, settings, fetcher, notify=None if quiet else _echo_err)


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@db_option
@click.option("--every", default="15m", show_default=True, help="Time between passes: 90s, 15m, 1h.")
@click.option("--once", is_flag=True, help="Make one pass and exit.")
@click.option("--config", "config", type=click.Path(dir_okay=False), help="JSON settings file (overrides packaged defaults).")
@click.option("-q", "--quiet", is_flag=True, help="Only each pass's summary on stderr.")
def watch(sources: tuple[str, ...], db: str, every: str, once: bool, config: str | None, quiet: bool) -> None:
    """Watch SOURCES and ingest every new article they list into the database.

    A SOURCE is a feed URL (RSS/Atom), a news sitemap, a site's home page (its feeds are found from
    <link rel="alternate"> or its robots.txt sitemaps), an OPML file of feeds, a file of page URLs
    (one per line), or a saved feed or sitemap file (the pages it links). Each pass fetches the new items' pages, extracts their text and files them into
    stories as `newsbrief ingest` does; without --once it repeats every --every until stopped (Ctrl-C).
    """
    from newsbrief.fetch.client import FetchFailed
    from newsbrief.fetch.watch import PassReport, parse_every, run_watch

    try:
        every_s = parse_every(every)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    store, fetcher, watcher = _fetch_setup(db, config, quiet)

    def on_pass(n: int, report: PassReport) -> None:
        _echo_err(f"pass {n}: {report.summary()}")

    try:
        last = run_watch(watcher, sources, every_s=every_s, once=once, on_pass=on_pass)
    except KeyboardInterrupt:
        _echo_err("watch stopped; everything stored so far is kept, the next watch resumes")
        return
    except (StoreError, EngineError, FetchFailed) as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        watcher.close()
        fetcher.close()
        store.close()
    if last.listings_read + last.listings_unchanged == 0:
        _echo_err("no source could be read; see the failures above")
        sys.exit(EXIT_NOTHING)


@cli.command()
@click.argument("urls", nargs=-1, required=True)
@db_option
@click.option("--config", "config", type=click.Path(dir_okay=False), help="JSON settings file (overrides packaged defaults).")
@click.option("-q", "--quiet", is_flag=True, help="Only the summary on stderr.")
def fetch(urls: tuple[str, ...], db: str, config: str | None, quiet: bool) -> None:
    """Fetch the article pages at URLS (or listed one per line in files) and ingest them.

    Pages already stored are not fetched again; failed ones are tried again.
    """
    store, fetcher, watcher = _fetch_setup(db, config, quiet)
    try:
        report = watcher.fetch_pages(urls)
    except KeyboardInterrupt:
        _echo_err("fetch stopped; everything stored so far is kept")
        return
    except (StoreError, EngineError) as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        watcher.close()
        fetcher.close()
        store.close()
    _echo_err(f"{db}: {report.summary()}")
    if report.stored + report.duplicates == 0 and report.failures:
        sys.exit(EXIT_NOTHING)


@cli.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True, help="Output format.")
def sources(db: str, fmt: str) -> None:
    """List the feeds and other sources the watch has read, with items seen, articles stored,
    failed items, the source's own errors and when it last answered."""
    import dataclasses

    from newsbrief.corpus.store import Store
    from newsbrief.fetch.state import WatchState

    try:
        with Store(db, create=False) as store:
            rows = WatchState(store).sources()
    except StoreError as exc:
        raise _store_failed(exc) from exc
    if not rows and fmt == "table":
        _echo_err(f"no sources in {db} yet; add some with `newsbrief watch SOURCE... --db {db}`")
    if fmt == "json":
        click.echo(json.dumps({"sources": [dataclasses.asdict(r) for r in rows]}, ensure_ascii=False, indent=2))
        return
    click.echo(f"{'items':>6}  {'stored':>6}  {'failed':>6}  {'errors':>6}  {'last answered':20}  source")
    for r in rows:
        said = not r.last_status or (r.last_error or "").startswith(r.last_status)  # "not a feed: ..." once
        problem = f"  [{r.last_error if said else f'{r.last_status}: {r.last_error}'}]" if r.last_error else ""
        click.echo(
            f"{r.items:>6}  {r.stored:>6}  {r.failed:>6}  {r.errors:>6}  {r.last_ok_at or 'never':20}  "
            f"{r.url} ({r.kind}{': ' + r.title if r.title else ''}){problem}"
        )


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on; any other than 127.0.0.1 needs --token.")
@click.option("--port", type=click.IntRange(min=0, max=65535), default=8000, show_default=True, help="Port (0: any free port).")
@click.option("--token", default=None, help="Secret every request must carry (default: $NEWSBRIEF_TOKEN); required off 127.0.0.1.")
@click.option("--config", "config", type=click.Path(dir_okay=False), help="JSON settings file for the briefs (overrides packaged defaults).")
def serve(db: str, host: str, port: int, token: str | None, config: str | None) -> None:
    """Open the story desk in the browser: stories, briefs, articles, people, search, uploads.

    Serves the database of `newsbrief ingest` (read-only for pages; it keeps each story's brief
    in the database) and follows an ingest that writes to it while it runs. Stop with Ctrl-C.
    """
    from newsbrief.web.server import ServeError, serve as run_server  # the web stack loads only here

    settings = _settings(config)
    try:
        run_server(Path(db), settings, host, port, token, _echo_err)
    except ServeError as exc:
        raise (_WrongDatabase if exc.usage else click.ClickException)(str(exc)) from exc


def main() -> None:
    """Console-script entry point."""
    # The story stages multiply small matrices; on a busy 2-core machine BLAS threads contend and
    # turn milliseconds into seconds (measured: 45 products took ~2 s). One BLAS thread is faster.
    # Set before NumPy or SciPy loads (the commands import them), so every OpenBLAS they bring
    # reads it; a value the user set is kept.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    try:
        cli(prog_name="newsbrief")
    finally:
        freeze_before_exit()  # the command is done (its output written); the process ends now


if __name__ == "__main__":
    main()
