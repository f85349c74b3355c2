"""URLs: canonical form, registered domain, and which hosts may be fetched.

* :func:`canonical_url` is the key under which a page is fetched and stored once: courlan's strict
  normalisation (lower-case host, default port dropped, tracking parameters such as ``utm_*`` and
  the fragment removed, query sorted), so one article reached by two links is one URL.
* :func:`registered_domain` names the outlet of a page that names none (``bbc.co.uk`` for
  ``https://www.bbc.co.uk/news/x``).
* :class:`AddressPolicy` decides whether a host may be fetched: a link found inside a feed or page
  only when every address its name resolves to is public, or when it is on the host of the source
  that listed it (a feed generator on localhost may list its own pages). Sources named on the
  command line may be on any host.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Collection
from urllib.parse import urljoin, urlsplit

Resolver = Callable[[str], list[str]]


class BadUrl(ValueError):
    """The text is not an http(s) URL that can be fetched; the message says why."""


def resolve_host(host: str) -> list[str]:
    """Every IP address ``host`` resolves to (the system resolver); [] when it does not resolve."""
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError):
        return []
    return sorted({str(info[4][0]) for info in infos})


def check_url(url: str) -> str:
    """``url`` stripped, if it is an absolute http(s) URL with a host; raises BadUrl otherwise."""
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise BadUrl(f"{url!r} is not a URL ({exc})") from exc
    if parts.scheme.lower() not in ("http", "https"):
        raise BadUrl(f"{url!r} is not an http(s) URL; give a full address such as https://example.org/feed")
    if not parts.hostname:
        raise BadUrl(f"{url!r} has no host name")
    try:
        parts.port
    except ValueError as exc:
        raise BadUrl(f"{url!r} has a bad port ({exc})") from exc
    return url


def canonical_url(url: str, base: str | None = None) -> str:
    """The canonical form of ``url`` (made absolute against ``base`` first); raises BadUrl.

    courlan's strict normalisation; it works on IP and localhost hosts too (only its
    ``check_url`` rejects those), so test servers keep their URLs.
    """
    from courlan import normalize_url

    absolute = urljoin(base, url.strip()) if base else url.strip()
    check_url(absolute)
    try:
        return str(normalize_url(absolute, strict=True))
    except (ValueError, AttributeError, UnicodeError) as exc:
        raise BadUrl(f"{url!r} cannot be normalised ({exc})") from exc


def host_of(url: str) -> str:
    """Lower-case host name of ``url`` ('' when it has none)."""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def registered_domain(url: str) -> str:
    """The registered domain of ``url``'s host (``bbc.co.uk``), else its host without ``www.``."""
    from tld import get_fld

    host = host_of(url)
    fld = get_fld(url, fail_silently=True) if host else None
    if isinstance(fld, str) and fld:
        return fld
    return host[4:] if host.startswith("www.") else host


def is_public_address(address: str) -> bool:
    """True for a globally routable IP address (not loopback, private, link-local, reserved...)."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return bool(ip.is_global) and not ip.is_multicast


class AddressPolicy:
    """Decides which hosts may be fetched (see the module docstring).

    ``resolve`` maps a host name to its addresses. Tests give one that sends their made-up host
    names to 127.0.0.1; users always get the system resolver, and nothing turns the check off.
    """

    def __init__(self, resolve: Resolver = resolve_host):
        self.resolve = resolve
        self._cache: dict[str, bool] = {}

    def is_public(self, host: str) -> bool:
        """True when every address ``host`` resolves to is public (False when it does not resolve)."""
        host = host.lower().strip("[]")
        if host in self._cache:
            return self._cache[host]
        try:
            ipaddress.ip_address(host.split("%", 1)[0])
            addresses = [host]
        except ValueError:
            addresses = self.resolve(host)
        public = bool(addresses) and all(is_public_address(a) for a in addresses)
        self._cache[host] = public
        return public

    def refusal(self, url: str, trusted_hosts: Collection[str]) -> str | None:
        """Why ``url`` may not be fetched, or None when it may.

        ``trusted_hosts`` are the hosts of the sources named by the user that led to ``url``.
        """
        host = host_of(url)
        if not host:
            return "no host name in the URL"
        if host in trusted_hosts:
            return None
        if self.is_public(host):
            return None
        return (
            f"{host} is not a public address and not the host of the source that listed it; "
            "links found in feeds and pages are fetched only from public hosts or the source's own host"
        )

    def forget(self) -> None:
        """Drop cached answers (addresses change; a watch forgets them between passes)."""
        self._cache.clear()
