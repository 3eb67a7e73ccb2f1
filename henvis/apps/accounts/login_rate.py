"""Log-in attempts per address: a fixed-window count in the cache.

The lockout (django-axes) counts failures per user name and address, so one address can
still try one password on many user names (password spraying), and every refused
attempt writes an audit entry. This limit bounds both without locking anyone out: past
``settings.HENVIS_LOGIN_RATE`` attempts from one address the log-in answers 429 until
the window ends. The address is the one the deployment trusts
(``henvis.web.client.client_address``), so a forged ``X-Forwarded-For`` does not reset it.
"""

from __future__ import annotations

from django.conf import settings

from henvis.web.client import hit, parse_rate

__all__ = ["attempt", "parse_rate"]


def attempt(address: str, now: float | None = None) -> int:
    """Count one attempt from ``address``; 0 if allowed, else the seconds until the
    window ends."""
    return hit("login", address, settings.HENVIS_LOGIN_RATE, now)
