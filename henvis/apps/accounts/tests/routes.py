"""Every URL route of the project, for the tests that walk them all."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, get_resolver


def url_routes(patterns: list | None = None, prefix: str = "") -> list[str]:  # type: ignore[type-arg]
    """The route of every URL pattern (``cases/<int:pk>/``), includes followed."""
    found: list[str] = []
    for p in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(p.pattern)
        if isinstance(p, URLResolver):
            found += url_routes(p.url_patterns, route)
        elif isinstance(p, URLPattern):
            found.append(route)
    return found
