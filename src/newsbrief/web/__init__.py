"""``newsbrief serve``: the story desk in the browser, over the database of corpus mode.

* :mod:`newsbrief.web.db` opens the database read-only for page handlers and names what is wrong
  with it (missing, newer schema, busy);
* :mod:`newsbrief.web.kept` keeps one brief per story state in the database;
* :mod:`newsbrief.web.queries` reads story lists, articles, entities and search results;
* :mod:`newsbrief.web.charts` turns counts into inline-SVG geometry;
* :mod:`newsbrief.web.uploads` ingests dropped files and pasted text in the background;
* :mod:`newsbrief.web.security` holds the token, CSRF and Content-Security-Policy rules;
* :mod:`newsbrief.web.app` wires the pages (Starlette + Jinja2, htmx vendored under ``static/``);
* :mod:`newsbrief.web.server` runs it with uvicorn.
"""
