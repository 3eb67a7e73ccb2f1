"""Who is asking: the client address the deployment trusts, and per-address counters.

Every per-address limit (log-in attempts, the anonymous screening API, refused API
tokens, refused accesses) and the audit log's ``ip`` use :func:`client_address`, so that
one rule decides what an address is. ``X-Forwarded-For`` is written by whoever sends the
request, so it is believed only as far as the deployment says proxies stand in front of
the service (``settings.HENVIS_TRUSTED_PROXIES``, default 0: the header is ignored and
the TCP peer, ``REMOTE_ADDR``, is the client). With N proxies, each appends the address
it received the request from, so the client is the N-th entry from the right; anything
further left was written by the client itself and is ignored.
"""

from __future__ import annotations

import hashlib
import ipaddress
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def client_address(request: HttpRequest | None) -> str:
    """The address limits and the audit log count by.

    With one trusted proxy the proxy's own entry decides, whatever the client wrote:

    >>> from django.test import RequestFactory
    >>> from django.test.utils import override_settings
    >>> r = RequestFactory().get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="6.6.6.6, 192.0.2.7")
    >>> with override_settings(HENVIS_TRUSTED_PROXIES=0):
    ...     client_address(r)
    '10.0.0.5'
    >>> with override_settings(HENVIS_TRUSTED_PROXIES=1):
    ...     client_address(r)
    '192.0.2.7'
    """
    if request is None:
        return ""
    remote = str(request.META.get("REMOTE_ADDR", ""))
    proxies = int(getattr(settings, "HENVIS_TRUSTED_PROXIES", 0))
    if proxies <= 0:
        return remote[:64]
    forwarded = [a.strip() for a in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",") if a.strip()]
    if len(forwarded) < proxies:
        # The request did not pass through every proxy (or a proxy dropped the header):
        # the peer is the only address nobody could write.
        return remote[:64]
    return forwarded[-proxies][:64]


def parse_rate(rate: str) -> tuple[int, int]:
    """"30/m" -> (30 attempts, 60 seconds).

    >>> parse_rate("30/m"), parse_rate("5/h")
    ((30, 60), (5, 3600))
    """
    count, _, unit = rate.partition("/")
    return int(count), _UNITS[unit[:1]]


def rate_bucket(address: str) -> str:
    """What a per-address limit counts as one client: an IPv6 address's /64 (one
    household or host holds a whole /64, 2^64 addresses to rotate through), an IPv4
    address written as IPv6 as that IPv4 address, anything else as given.

    >>> rate_bucket("2001:db8:7:1::5"), rate_bucket("2001:DB8:7:1:ffff::9")
    ('2001:db8:7:1::/64', '2001:db8:7:1::/64')
    >>> rate_bucket("::ffff:198.51.100.9"), rate_bucket("198.51.100.9"), rate_bucket("not an address")
    ('198.51.100.9', '198.51.100.9', 'not an address')
    """
    try:
        ip = ipaddress.ip_address(address.strip().strip("[]").split("%", 1)[0])
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def _key(scope: str, address: str, window: int) -> str:
    # The address is hashed: cache keys must not carry it in the clear.
    digest = hashlib.sha256(rate_bucket(address).encode()).hexdigest()[:32]
    return f"henvis:rate:{scope}:{digest}:{window}"


def hit(scope: str, address: str, rate: str, now: float | None = None) -> int:
    """Count one event of ``scope`` from ``address`` in a fixed window of the shared
    cache; 0 while within ``rate``, else the seconds until the window ends."""
    limit, seconds = parse_rate(rate)
    now = time.time() if now is None else now
    window = int(now // seconds)
    key = _key(scope, address, window)
    cache.add(key, 0, timeout=seconds + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=seconds + 1)
        count = 1
    return 0 if count <= limit else max(1, int((window + 1) * seconds - now))


def exhausted(scope: str, address: str, rate: str, now: float | None = None) -> int:
    """Without counting: 0 if ``address`` may still have an event of ``scope``, else the
    seconds until the window ends."""
    limit, seconds = parse_rate(rate)
    now = time.time() if now is None else now
    window = int(now // seconds)
    count = cache.get(_key(scope, address, window), 0)
    return 0 if count < limit else max(1, int((window + 1) * seconds - now))
