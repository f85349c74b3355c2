"""Run the web app with uvicorn on a socket bound here (so port 0 works and the real port is known)."""

from __future__ import annotations

import os
import socket
from collections.abc import Callable
from pathlib import Path

from newsbrief.config import Settings
from newsbrief.corpus.store import Store, StoreError
from newsbrief.web.db import DatabaseUnavailable, check_database
from newsbrief.web.security import needs_token

TOKEN_ENV = "NEWSBRIEF_TOKEN"


class ServeError(Exception):
    """The server cannot start; the message says why and what to do. ``usage`` is True when the
    command was given wrongly (no database there, not a newsbrief database, another embedder's
    database, no token off 127.0.0.1): the CLI's exit 2, as for every other command."""

    def __init__(self, message: str, usage: bool = False):
        super().__init__(message)
        self.usage = usage


def prepare_database(db: Path, settings: Settings | None = None) -> None:
    """Check the database and bring its schema up to date (kept briefs, search index); with
    ``settings``, refuse a database whose vectors another embedder made than theirs (the briefs
    and uploads would not be those settings').

    The one write at start-up: pages themselves open the file read-only.
    """
    from newsbrief.annotate.embedder_identity import identify_embedder
    from newsbrief.corpus.embedder_record import check_embedder

    from newsbrief.corpus.checks import open_read_only

    try:
        if db.is_file():
            open_read_only(db).close()  # not SQLite at all: NotACorpus, as `brief --db` says it
        check_database(db)
        with Store(db) as store:  # a writer's open: runs the migrations the file lacks
            if settings is not None:
                check_embedder(store.conn, store.path, identify_embedder(settings), doing="the desk was not started")
    except (DatabaseUnavailable, StoreError) as exc:
        from newsbrief.corpus.checks import NotACorpus
        from newsbrief.corpus.embedder_record import EmbedderMismatch

        wrong = isinstance(exc, (NotACorpus, EmbedderMismatch)) or (isinstance(exc, DatabaseUnavailable) and exc.kind == "missing")
        raise ServeError(str(exc), usage=wrong) from exc


def resolve_token(host: str, token: str | None) -> str | None:
    """The token the server demands: the given one, else $NEWSBRIEF_TOKEN; required off 127.0.0.1."""
    token = token or os.environ.get(TOKEN_ENV) or None
    if token is None and needs_token(host):
        raise ServeError(
            f"serving on {host} makes the desk reachable from other machines: give --token SECRET "
            f"(or set {TOKEN_ENV}); every request without it gets 401",
            usage=True,
        )
    return token


def serve(db: Path, settings: Settings, host: str, port: int, token: str | None, announce: Callable[[str], None]) -> None:
    """Serve ``db`` until Ctrl-C (or SIGTERM); ``announce`` gets the address to open."""
    import uvicorn

    from newsbrief.web.app import create_app

    token = resolve_token(host, token)
    prepare_database(db, settings)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise ServeError(f"cannot listen on {host}:{port} ({exc.strerror}); choose another --port") from exc
    real_port = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{real_port}/" + (f"?token={token}" if token else "")
    app = create_app(db, settings, token)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off", timeout_graceful_shutdown=3)

    class AnnouncingServer(uvicorn.Server):
        """Announces the address once serving, when uvicorn's Ctrl-C handler is in place: a Ctrl-C
        sent on seeing the line then always stops the server, even in a process started with
        SIGINT ignored (a background job of a script), where an earlier one would be lost."""

        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            await super().startup(sockets=sockets)
            if not self.should_exit:
                announce(f"serving {db} on {url} (Ctrl-C to stop)")

    server = AnnouncingServer(config)
    sock.listen(128)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass  # uvicorn re-raises the Ctrl-C it handled; the shutdown itself was clean
    finally:
        app.desk.uploads.close()
        sock.close()
    announce("stopped")
