"""Readiness check for load balancers and operators: does this process reach its
database and its caches? JSON, no log-in, and nothing about any person or user."""

from __future__ import annotations

import secrets

from django.core.cache import caches
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            ok = cursor.fetchone() == (1,)
        return "ok" if ok else "error"
    except Exception:  # noqa: BLE001 - any failure is "not ready", the reason goes to no client
        return "error"


def _cache(alias: str) -> str:
    """A round trip through the cache: written, read back, deleted."""
    try:
        cache = caches[alias]
        key, value = f"henvis:health:{secrets.token_hex(8)}", secrets.token_hex(8)
        cache.set(key, value, timeout=10)
        ok = cache.get(key) == value
        cache.delete(key)
        return "ok" if ok else "error"
    except Exception:  # noqa: BLE001
        return "error"


@never_cache
def health(request: HttpRequest) -> JsonResponse:
    checks = {"database": _database(), "cache": _cache("default"), "figures_cache": _cache("figures")}
    healthy = all(v == "ok" for v in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503)
