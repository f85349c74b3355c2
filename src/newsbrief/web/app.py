"""The pages of ``newsbrief serve`` (Starlette): story list, story, article, entity, search, add.

Handlers only read (through :class:`newsbrief.web.db.ReadOnly`); the two writes are the kept
briefs (:mod:`newsbrief.web.kept`) and uploads (:mod:`newsbrief.web.uploads`), which is a POST
with a CSRF token. Every page is a Jinja2 template with autoescaping; the story page includes the
brief partials of :mod:`newsbrief.render.html`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from newsbrief.config import Settings
from newsbrief.models import Article, Entity
from newsbrief.render.common import View
from newsbrief.render.html import CSS, Links, brief_context, render_html, safe_url, template_env
from newsbrief.render.markdown import render_markdown
from newsbrief.web import queries
from newsbrief.web.charts import spark, timeline_chart
from newsbrief.web.db import DatabaseUnavailable, ReadOnly
from newsbrief.web.highlight import cited_sentences, paragraphs
from newsbrief.web.kept import BriefKeeper, KeptBrief
from newsbrief.web.security import Csrf, Guard
from newsbrief.web.uploads import MAX_FILES, MAX_UPLOAD_BYTES, Uploads

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
HTMX = "htmx-2.0.11.min.js"
# How often the story list asks for fresh rows (ms), and a job page for progress.
POLL_LIST_MS = 3000
POLL_JOB_MS = 1000
# An entity page looks at most this many stories (building their briefs if needed).
ENTITY_STORIES = 12
HL_CHARS = 400


def _version() -> str:
    try:
        return metadata.version("newsbrief")
    except metadata.PackageNotFoundError:
        return "0"


class WebLinks(Links):
    """Citations open the stored article with the cited text highlighted; names open entity pages."""

    def __init__(self, kept: KeptBrief):
        self.kept = kept

    def cite(self, view: View, sources: tuple[str, ...], text: str) -> list[tuple[int, str]]:
        out = []
        for aid in sources:
            if aid in view.number and aid in self.kept.seqs:
                query = urlencode({"story": self.kept.story_id, "hl": text[:HL_CHARS]} if text else {"story": self.kept.story_id})
                out.append((view.number[aid], f"/article/{self.kept.seqs[aid]}?{query}#hl"))
        return sorted(out)

    def entity(self, entity: Entity) -> str | None:
        return "/entity?" + urlencode({"name": entity.name, "type": entity.type})

    def article(self, article: Article) -> str | None:
        seq = self.kept.seqs.get(article.id)
        return f"/article/{seq}?story={self.kept.story_id}" if seq is not None else None


@dataclass
class Desk:
    """What the handlers share: the database, the kept briefs, uploads, the CSRF secret."""

    db: Path
    settings: Settings
    reader: ReadOnly = field(init=False)
    keeper: BriefKeeper = field(init=False)
    uploads: Uploads = field(init=False)
    csrf: Csrf = field(default_factory=Csrf)

    def __post_init__(self) -> None:
        self.reader = ReadOnly(self.db)
        self.keeper = BriefKeeper(self.db, self.reader, self.settings, _version())
        self.uploads = Uploads(self.db, self.settings)


def _page(template: str, status: int = 200, headers: dict[str, str] | None = None, **context: Any) -> HTMLResponse:
    env = template_env(HERE / "templates")
    return HTMLResponse(env.get_template(template).render(**context), status_code=status, headers=headers)


def _filter(request: Request) -> queries.StoryFilter:
    p = request.query_params
    try:
        page = max(0, int(p.get("page", "0")))
    except ValueError:
        page = 0
    return queries.StoryFilter(p.get("q", "")[:200], queries.iso_date(p.get("since")), queries.iso_date(p.get("until")), page)


def _list_context(desk: Desk, f: queries.StoryFilter) -> dict[str, Any]:
    with desk.reader.connect() as conn:
        rows, total = queries.list_stories(conn, f)
    params = {k: v for k, v in (("q", f.text), ("since", f.since or ""), ("until", f.until or "")) if v}
    return {
        "rows": rows,
        "sparks": {r.id: spark(r.per_day) for r in rows},
        "total": total,
        "filter": f,
        "query": urlencode(params),
        "page": f.page,
        "pages": max(1, math.ceil(total / queries.PAGE_SIZE)),
        "poll_ms": POLL_LIST_MS,
    }


def stories_page(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    return _page("stories.html", **_list_context(desk, _filter(request)), title="Stories")


def stories_rows(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    return _page("_story_list.html", **_list_context(desk, _filter(request)))


def _kept(desk: Desk, story_id: int) -> tuple[queries.StoryListRow, KeptBrief]:
    with desk.reader.connect() as conn:
        row = queries.story_row(conn, story_id)
    if row is None:
        raise HTTPException(404, f"There is no story {story_id} in this database.")
    kept = desk.keeper.get(row.id)
    if kept is None:
        raise HTTPException(404, f"Story {story_id} has no readable article.")
    return row, kept


def story_page(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    story_id = request.path_params["story_id"]
    row, kept = _kept(desk, story_id)
    if row.id != story_id:
        return RedirectResponse(f"/story/{row.id}", status_code=303)
    ctx = brief_context(kept.brief, WebLinks(kept))
    chart = timeline_chart(kept.brief)
    if chart is not None:
        ctx["timeline_chart"] = chart
    return _page("story.html", **ctx, story=row, page_title=ctx["title"])


def story_download(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    story_id, fmt = request.path_params["story_id"], request.path_params["fmt"]
    _, kept = _kept(desk, story_id)
    kinds = {"json": "application/json", "md": "text/markdown", "html": "text/html"}
    if fmt not in kinds:
        raise HTTPException(404, "Downloads are brief.json, brief.md and brief.html.")
    body = kept.json if fmt == "json" else render_markdown(kept.brief) if fmt == "md" else render_html(kept.brief)
    return Response(
        body.encode("utf-8", errors="replace"),
        media_type=f"{kinds[fmt]}; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="story-{story_id}.{fmt}"'},
    )


def article_page(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    seq = request.path_params["seq"]
    with desk.reader.connect() as conn:
        rec = queries.load_article(conn, seq)
        story = queries.story_row(conn, rec.story_id) if rec and rec.story_id is not None else None
    if rec is None:
        raise HTTPException(404, f"There is no article {seq} in this database.")
    hl = request.query_params.get("hl", "")[:HL_CHARS]
    marked = cited_sentences(rec.annotated, hl) if hl else set()
    a = rec.annotated.article
    return _page(
        "article.html",
        rec=rec,
        article=a,
        url=safe_url(a.url),
        paragraphs=paragraphs(rec.annotated, marked),
        first_mark=min(marked) if marked else None,
        hl=hl,
        story=story,
        page_title=a.title or a.id,
    )


def _entity_matches(e: Entity, name: str, kind: str | None) -> bool:
    key = name.casefold()
    return (kind is None or e.type == kind) and (e.name.casefold() == key or any(x.casefold() == key for x in e.aliases))


def entity_page(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    name = request.query_params.get("name", "").strip()[:200]
    kind = request.query_params.get("type") or None
    if not name:
        raise HTTPException(404, "Give a name: /entity?name=...")
    with desk.reader.connect() as conn:
        story_ids = queries.stories_of_name(conn, name, ENTITY_STORIES)
        rows = {sid: queries.story_row(conn, sid) for sid in story_ids}
    found = []
    for sid in story_ids:
        kept = desk.keeper.get(sid)
        if kept is None:
            continue
        for e in kept.brief.entities:
            if _entity_matches(e, name, kind):
                quotes = [q for q in kept.brief.quotes if q.speaker and q.speaker.casefold() in {e.name.casefold(), *(x.casefold() for x in e.aliases)}]
                links = WebLinks(kept)
                view = brief_context(kept.brief, links)["view"]
                found.append({"story": rows[sid], "entity": e, "quotes": quotes, "links": links, "view": view})
                break
    aliases = sorted({x for f in found for x in (f["entity"].name, *f["entity"].aliases)} - {name}, key=str.casefold)
    roles = sorted({f["entity"].role for f in found if f["entity"].role}, key=str.casefold)
    types = sorted({f["entity"].type for f in found})
    return _page("entity.html", name=name, kind=kind, found=found, aliases=aliases, roles=roles, types=types, page_title=name)


def search_page(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    q = request.query_params.get("q", "")[:200]
    with desk.reader.connect() as conn:
        groups, total = queries.search(conn, q)
    return _page("search.html", q=q, groups=groups, total=total, limit=queries.SEARCH_LIMIT, rank_limit=queries.RANK_LIMIT, page_title=f"Search: {q}")


def add_page(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    return _page("add.html", csrf=desk.csrf.token("add"), max_mb=MAX_UPLOAD_BYTES // (1024 * 1024), max_files=MAX_FILES, page_title="Add articles")


async def add_post(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    length = request.headers.get("content-length")
    if length is None or not length.isdigit() or int(length) > MAX_UPLOAD_BYTES:
        return _page("error.html", 413, title="Upload too large", message=f"One upload can hold up to {MAX_UPLOAD_BYTES // (1024 * 1024)} MB; send the files in smaller groups.")
    form = await request.form(max_files=MAX_FILES, max_fields=20, max_part_size=MAX_UPLOAD_BYTES)
    try:
        token = form.get("csrf")
        if not desk.csrf.check("add", token if isinstance(token, str) else None, request.headers.get("origin"), request.headers.get("host")):
            return _page("error.html", 403, title="Form expired", message="This form is not from this server (or the server restarted): open Add articles again.")
        files: list[tuple[str, bytes]] = []
        for item in form.getlist("files"):
            if isinstance(item, str):
                continue
            data = await item.read()
            if item.filename or data:
                files.append((item.filename or "upload", data))
        text = form.get("text")
        title = form.get("title")
        pasted = [(title if isinstance(title, str) else "", text)] if isinstance(text, str) and text.strip() else []
    finally:
        await form.close()
    if not files and not pasted:
        return _page("error.html", 400, title="Nothing to add", message="Choose or drop files, or paste an article's text.")
    job = desk.uploads.save(files, pasted)
    return RedirectResponse(f"/add/{job.id}", status_code=303)


def _job(request: Request) -> Any:
    desk: Desk = request.app.state.desk
    job = desk.uploads.jobs.get(request.path_params["job_id"])
    if job is None:
        raise HTTPException(404, "No such upload in this server's run.")
    return job


def _job_context(request: Request) -> dict[str, Any]:
    desk: Desk = request.app.state.desk
    job = _job(request)
    heads: dict[int, str] = {}
    if job.state == "done" and job.stories:
        with desk.reader.connect() as conn:
            for sid in job.stories:
                row = queries.story_row(conn, sid)
                if row is not None:
                    heads[row.id] = row.headline
    return {"job": job, "headlines": heads, "poll_ms": POLL_JOB_MS}


def job_page(request: Request) -> Response:
    return _page("job.html", **_job_context(request), page_title="Adding articles")


def job_status(request: Request) -> Response:
    return _page("_job.html", **_job_context(request))


def no_icon(request: Request) -> Response:
    return Response(status_code=204)


def brief_css(request: Request) -> Response:
    return PlainTextResponse(CSS, media_type="text/css")


async def unavailable(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, DatabaseUnavailable)
    if exc.kind == "busy":
        return _page("error.html", 503, {"retry-after": "2"}, title="Database busy", message=str(exc), retry=True)
    return _page("error.html", 503, title="Database unavailable", message=str(exc))


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return _page("error.html", exc.status_code, title="Not found" if exc.status_code == 404 else "Error", message=exc.detail)


async def server_error(request: Request, exc: Exception) -> Response:
    return _page("error.html", 500, title="Something went wrong", message=f"{type(exc).__name__}: {exc}")


def create_app(db: str | Path, settings: Settings, token: str | None = None) -> Any:
    """The ASGI app serving the database ``db`` (the caller checked it exists and is readable)."""
    app = Starlette(
        routes=[
            Route("/", stories_page),
            Route("/stories/rows", stories_rows),
            Route("/story/{story_id:int}", story_page),
            Route("/story/{story_id:int}/brief.{fmt}", story_download),
            Route("/article/{seq:int}", article_page),
            Route("/entity", entity_page),
            Route("/search", search_page),
            Route("/add", add_page, methods=["GET"]),
            Route("/add", add_post, methods=["POST"]),
            Route("/add/{job_id:int}", job_page),
            Route("/add/{job_id:int}/status", job_status),
            Route("/brief.css", brief_css),
            Route("/favicon.ico", no_icon),
            Mount("/static", StaticFiles(directory=STATIC), name="static"),
        ],
        exception_handlers={DatabaseUnavailable: unavailable, HTTPException: http_error, Exception: server_error},
    )
    desk = Desk(Path(db), settings)
    app.state.desk = desk
    guarded = Guard(app, token)
    guarded.desk = desk  # type: ignore[attr-defined]
    return guarded


__all__ = ["create_app"]
