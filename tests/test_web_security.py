"""`newsbrief serve`'s safety and failure behaviour: token, CSRF, upload limits, read-only pages,
busy/missing/newer databases, Ctrl-C."""

from __future__ import annotations

import dataclasses
import re
import signal
import sqlite3
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from conftest import slow_page
from newsbrief.cli import cli
from newsbrief.config import Settings
from newsbrief.annotate.resources import Resources
from newsbrief.corpus.store import SCHEMA_VERSION
from newsbrief.engines.local import LocalEngine
from newsbrief.web.app import create_app
from newsbrief.web.launch import ServerProcess
from newsbrief.web.server import ServeError, prepare_database, resolve_token
from newsbrief.web.uploads import MAX_UPLOAD_BYTES

ROOT = Path(__file__).resolve().parents[1]


def test_a_token_guards_every_request(desk_db: Path, settings: Settings) -> None:
    client = TestClient(create_app(desk_db, settings, token="s3cret"), follow_redirects=False)
    for url in ("/", "/story/1", "/static/htmx-2.0.11.min.js", "/search?q=fire", "/nowhere"):
        assert client.get(url).status_code == 401, url
    assert client.get("/", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert client.get("/", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    r = client.get("/search?q=fire&token=s3cret")
    assert r.status_code == 303 and r.headers["location"] == "/search?q=fire", "the token leaves the address bar"
    assert "HttpOnly" in r.headers["set-cookie"] and "SameSite=Strict" in r.headers["set-cookie"]
    assert client.get("/search?q=fire").status_code == 200, "the cookie carries it from then on"


def test_other_hosts_need_a_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSBRIEF_TOKEN", raising=False)
    assert resolve_token("127.0.0.1", None) is None
    with pytest.raises(ServeError, match="--token"):
        resolve_token("0.0.0.0", None)
    monkeypatch.setenv("NEWSBRIEF_TOKEN", "from-env")
    assert resolve_token("0.0.0.0", None) == "from-env"
    monkeypatch.delenv("NEWSBRIEF_TOKEN")
    result = CliRunner().invoke(cli, ["serve", "--db", "x.db", "--host", "0.0.0.0"])
    assert result.exit_code == 2 and "give --token SECRET" in result.output


def test_serve_given_the_wrong_file_is_a_usage_error(tmp_path: Path) -> None:
    """Exit 2 with the fix, as every command says a wrong --db (README: exit codes)."""
    text = tmp_path / "notes.txt"
    text.write_text("The harbour of Quellen reopened on Friday.\n")
    for db, says in ((tmp_path / "none.db", "no database at"), (text, "is not a SQLite database")):
        result = CliRunner().invoke(cli, ["serve", "--db", str(db), "--port", "0"])
        assert result.exit_code == 2 and says in result.output and "Traceback" not in result.output, result.output


def test_csp_and_no_action_on_get(desk_db_copy: Path, settings: Settings) -> None:
    app = create_app(desk_db_copy, settings)
    client = TestClient(app)
    r = client.get("/add")
    assert "default-src 'self'" in r.headers["content-security-policy"]
    assert "'unsafe-inline'" not in r.headers["content-security-policy"]
    assert r.headers["x-frame-options"] == "DENY"
    assert client.get("/add?files=x&text=hello").status_code == 200
    assert app.desk.uploads.jobs == {}, "a GET starts no ingest"
    assert not app.desk.uploads.root.exists()


def test_uploads_need_the_form_token_and_a_size_limit(desk_db_copy: Path, settings: Settings) -> None:
    app = create_app(desk_db_copy, settings)
    client = TestClient(app, follow_redirects=False)
    form = client.get("/add").text
    token = re.search(r'name="csrf" value="([0-9a-f]+)"', form).group(1)
    files = {"files": ("a.txt", b"Some words " * 20, "text/plain")}
    assert client.post("/add", files=files).status_code == 403, "no token"
    assert client.post("/add", data={"csrf": "0" * 64}, files=files).status_code == 403, "wrong token"
    r = client.post("/add", data={"csrf": token}, files=files, headers={"origin": "http://evil.example"})
    assert r.status_code == 403, "another origin"
    big = {"files": ("big.txt", b"x" * (MAX_UPLOAD_BYTES + 10), "text/plain")}
    assert client.post("/add", data={"csrf": token}, files=big).status_code == 413
    assert app.desk.uploads.jobs == {}


def _wait_job(client: TestClient, job_url: str, seconds: float = 240) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = client.get(job_url + "/status").text
        state = re.search(r'data-state="(\w+)"', page).group(1)
        if state in ("done", "failed"):
            return page
        time.sleep(0.5)
    raise AssertionError("the upload did not finish")


@pytest.mark.slow
def test_upload_of_a_good_and_a_bad_file(desk_db_copy: Path, settings: Settings, resources: Resources) -> None:
    # A page slow to extract (over a lowered max_extract_seconds) is a named skip; the job goes on.
    app = create_app(desk_db_copy, dataclasses.replace(settings, max_extract_seconds=0.05))
    app.desk.uploads._engine = LocalEngine(settings, resources)  # the session's models, not a second load
    client = TestClient(app, follow_redirects=False)
    token = re.search(r'name="csrf" value="([0-9a-f]+)"', client.get("/add").text).group(1)
    good = (ROOT / "tests" / "fixtures" / "sources" / "quake.jsonl").read_bytes()
    with sqlite3.connect(desk_db_copy) as conn:
        before = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    r = client.post(
        "/add",
        data={"csrf": token},
        files=[
            ("files", ("quake.jsonl", good, "application/json")),
            ("files", ("../../broken.pdf", b"%PDF-1.4 \x00\x01", "application/pdf")),
            ("files", ("inventory.html", slow_page().encode(), "text/html")),
        ],
    )
    assert r.status_code == 303
    page = _wait_job(client, r.headers["location"])
    assert 'data-state="done"' in page, page
    assert "<code>broken.pdf</code>" in page, "the bad file is a named skip"
    assert "<code>inventory.html</code>" in page and "extraction took over 0.05 s, skipped" in page
    with sqlite3.connect(desk_db_copy) as conn:
        after = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    added = int(re.search(r"(\d+) articles? added", page).group(1))
    assert added > 0 and after == before + added
    assert not (desk_db_copy.parent / "broken.pdf").exists(), "upload names cannot leave the job folder"


def test_busy_database_gives_a_retry_page(desk_db_copy: Path, settings: Settings) -> None:
    with sqlite3.connect(desk_db_copy) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")
    client = TestClient(create_app(desk_db_copy, settings))
    holder = sqlite3.connect(desk_db_copy, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("UPDATE stories SET headline = headline")
    try:
        r = client.get("/")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert r.status_code == 503 and r.headers["retry-after"] == "2"
    assert "busy" in r.text and 'http-equiv="refresh"' in r.text
    assert client.get("/").status_code == 200


def test_missing_or_newer_database_is_said_clearly(desk_db_copy: Path, tmp_path: Path, settings: Settings) -> None:
    with pytest.raises(ServeError, match="no database at"):
        prepare_database(tmp_path / "none.db")
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2 and "newsbrief ingest" in result.output  # as `brief --db` says it
    newer = tmp_path / "newer.db"
    with sqlite3.connect(newer) as conn:
        conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    with pytest.raises(ServeError, match="newer than this newsbrief"):
        prepare_database(newer)
    client = TestClient(create_app(desk_db_copy, settings))
    assert client.get("/").status_code == 200
    for p in desk_db_copy.parent.glob("desk.db*"):
        p.unlink()
    r = client.get("/")
    assert r.status_code == 503 and "is gone" in r.text


def test_pages_open_the_database_read_only(desk_db: Path, settings: Settings) -> None:
    app = create_app(desk_db, settings)
    with app.desk.reader.connect() as conn:
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            conn.execute("UPDATE stories SET headline = 'x'")


def test_ctrl_c_stops_a_server_started_with_ctrl_c_ignored(desk_db: Path) -> None:
    # A background job of a script inherits SIGINT ignored. The address used to be announced before
    # uvicorn put its own handler in place, so a Ctrl-C sent on seeing it was lost and the server ran on.
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        server = ServerProcess(desk_db)
        server.__enter__()
    finally:
        signal.signal(signal.SIGINT, previous)
    code = server.stop()
    assert code == 0, server.lines
    assert any("stopped" in line for line in server.lines)


def test_ctrl_c_stops_the_server_cleanly(desk_db: Path) -> None:
    server = ServerProcess(desk_db)
    url = server.__enter__()
    assert url.startswith("http://127.0.0.1:")
    code = server.stop()
    assert code == 0, server.lines
    assert any("stopped" in line for line in server.lines)
    assert not any("Traceback" in line for line in server.lines), server.lines
