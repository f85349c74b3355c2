"""Feeds and pages in: ``newsbrief watch``, ``newsbrief fetch`` and ``newsbrief sources``.

Stages, in the order a page travels:

* :mod:`.urls` -- canonical URLs (courlan), registered domains, which hosts may be fetched;
* :mod:`.client` -- the polite HTTP client (robots.txt, per-host delay, conditional GET, retries,
  redirect limit, size and type checks on streamed bodies);
* :mod:`.feeds` -- what a listing lists (RSS/Atom, news sitemaps, OPML, home-page discovery);
* :mod:`.pages` -- a fetched page to an Article through the readers' HTML path;
* :mod:`.state` -- feeds and URLs remembered in the corpus database;
* :mod:`.watch` -- the pass loop that ties them to :func:`newsbrief.corpus.ingest.ingest_articles`.

:mod:`.loopback` serves made-up host names from 127.0.0.1 for tests and benchmarks.
"""
