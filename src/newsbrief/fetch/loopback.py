"""Made-up host names served from 127.0.0.1, for tests and benchmarks only.

The fetcher refuses links to non-public addresses and courlan rejects IP and localhost hosts, so a
test that served everything as ``127.0.0.1`` would exercise neither. Tests instead name their pages
``http://news.test:PORT/...`` and build the fetcher with :func:`loopback_fetcher`: its resolver
says which made-up names are "public" (resolving to a public documentation address) and which are
"private" (127.0.0.1), and its transport connects every made-up name to 127.0.0.1. Nothing here is
reachable from the command line or the settings file.
"""

from __future__ import annotations

from collections.abc import Collection

import httpx

from newsbrief.fetch.client import FetchSettings, Fetcher
from newsbrief.fetch.urls import AddressPolicy

# What a "public" test host resolves to for the address check: a global address that is never
# connected to (the transport sends every connection to 127.0.0.1).
_PUBLIC_STAND_IN = "93.184.216.34"


class LoopbackTransport(httpx.BaseTransport):
    """Connects requests for the given host names to 127.0.0.1 (the Host header keeps the name)."""

    def __init__(self, hosts: Collection[str]):
        self.hosts = {h.lower() for h in hosts}
        self.inner = httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Send ``request`` to 127.0.0.1 when its host is one of ours; refuse any other host."""
        if request.url.host.lower() not in self.hosts:
            raise httpx.ConnectError(f"{request.url.host} is not a loopback test host", request=request)
        mapped = httpx.Request(
            request.method,
            request.url.copy_with(host="127.0.0.1"),
            headers=request.headers,
            stream=request.stream,
            extensions=request.extensions,
        )
        return self.inner.handle_request(mapped)

    def close(self) -> None:
        """Close the pooled connections."""
        self.inner.close()


def loopback_fetcher(
    settings: FetchSettings, public_hosts: Collection[str] = (), private_hosts: Collection[str] = ()
) -> Fetcher:
    """A Fetcher whose made-up ``public_hosts`` and ``private_hosts`` are all served by 127.0.0.1."""
    public = {h.lower() for h in public_hosts}
    private = {h.lower() for h in private_hosts}

    def resolve(host: str) -> list[str]:
        if host in public:
            return [_PUBLIC_STAND_IN]
        if host in private:
            return ["127.0.0.1"]
        return []

    return Fetcher(settings, policy=AddressPolicy(resolve), transport=LoopbackTransport(public | private))
