"""Log-in attempts per address: a fixed-window count in the cache.

The lockout (django-axes) counts failures per user name and address, so one address can
still try one password on many user names (password spraying), and every refused
attempt writes an audit entry. This limit bounds both without locking anyone out: past
``settings.HENVIS_LOGIN_RATE`` attempts from one address the log-in answers 429 until
the window ends. The address is hashed in the cache key, which expires with the window.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """"30/m" -> (30 attempts, 60 seconds).

    >>> parse_rate("30/m"), parse_rate("5/h")
    ((30, 60), (5, 3600))
    """
    count, _, unit = rate.partition("/")
    return int(count), _UNITS[unit[:1]]


def attempt(address: str, now: float | None = None) -> int:
    """Count one attempt from ``address``; 0 if allowed, else the seconds until the
    window ends."""
    limit, seconds = parse_rate(settings.HENVIS_LOGIN_RATE)
    now = time.time() if now is None else now
    window = int(now // seconds)
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    key = f"henvis:login-rate:{digest}:{window}"
    cache.add(key, 0, timeout=seconds + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=seconds + 1)
        count = 1
    return 0 if count <= limit else max(1, int((window + 1) * seconds - now))
