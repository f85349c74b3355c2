"""The web app's safety rules in one place.

* **Token**: when the server has one (required for any host but 127.0.0.1/localhost), every request
  must carry it (``Authorization: Bearer``, the ``newsbrief_token`` cookie, or ``?token=`` once,
  which sets the cookie); anything else gets 401 before a handler runs.
* **Headers**: every response says Content-Security-Policy ``default-src 'self'`` (no inline
  scripts or styles, nothing from another origin), no framing, no MIME sniffing, referrers only
  to this origin, and Server-Timing (the app's time for the request).
* **CSRF**: forms that change something carry a token derived from a per-process secret, which a
  page of another origin cannot read; POSTs from another Origin are refused too.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs, urlencode

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

TOKEN_COOKIE = "newsbrief_token"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
]


def needs_token(host: str) -> bool:
    """True when binding ``host`` exposes the app beyond this machine."""
    return host not in LOCAL_HOSTS


class Guard:
    """ASGI middleware: the token check (when a token is set) and the security headers."""

    def __init__(self, app: ASGIApp, token: str | None):
        self.app = app
        self.token = token

    def _presented(self, scope: Scope) -> tuple[str | None, bool]:
        """The token the request carries, and whether it came in the query string."""
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        auth = headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            return auth[7:].strip(), False
        cookie = SimpleCookie()
        try:
            cookie.load(headers.get("cookie", ""))
        except Exception:  # noqa: BLE001 - a malformed cookie header is simply no token
            pass
        if TOKEN_COOKIE in cookie:
            return cookie[TOKEN_COOKIE].value, False
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        if "token" in query:
            return query["token"][0], True
        return None, False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.token is not None:
            given, in_query = self._presented(scope)
            if given is None or not hmac.compare_digest(given.encode(), self.token.encode()):
                await _plain(send, 401, "401: this newsbrief server needs its token; open the address it printed (with ?token=...)\n")
                return
            if in_query:
                # Keep the token in a cookie and drop it from the address bar (and from history).
                query = {k: v for k, v in parse_qs(scope.get("query_string", b"").decode("latin-1")).items() if k != "token"}
                target = scope.get("path", "/") + ("?" + urlencode(query, doseq=True) if query else "")
                await send({
                    "type": "http.response.start",
                    "status": 303,
                    "headers": HEADERS + [
                        (b"location", target.encode("latin-1", errors="replace")),
                        (b"set-cookie", f"{TOKEN_COOKIE}={self.token}; HttpOnly; SameSite=Strict; Path=/".encode()),
                    ],
                })
                await send({"type": "http.response.body", "body": b""})
                return

        started = time.perf_counter()

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                # Server-Timing: how long the app took to start its answer (benchmarks/serve.py reads it).
                took = f"app;dur={(time.perf_counter() - started) * 1000:.1f}".encode()
                message["headers"] = list(message.get("headers", [])) + HEADERS + [(b"server-timing", took)]
            await send(message)

        await self.app(scope, receive, with_headers)


async def _plain(send: Send, status: int, text: str) -> None:
    await send({
        "type": "http.response.start",
        "status": status,
        "headers": HEADERS + [(b"content-type", b"text/plain; charset=utf-8"), (b"www-authenticate", b"Bearer")],
    })
    await send({"type": "http.response.body", "body": text.encode()})


class Csrf:
    """Form tokens bound to this server process (a new secret each start)."""

    def __init__(self) -> None:
        self._secret = secrets.token_bytes(32)

    def token(self, purpose: str) -> str:
        """The token a form for ``purpose`` carries."""
        return hmac.new(self._secret, purpose.encode(), hashlib.sha256).hexdigest()

    def check(self, purpose: str, given: str | None, origin: str | None, host: str | None) -> bool:
        """True when ``given`` is this server's token and the request came from its own origin."""
        if origin and host and origin.split("://", 1)[-1].rstrip("/") != host:
            return False
        return given is not None and hmac.compare_digest(given, self.token(purpose))
