"""Only statistics analysts use this area. Analysts see figures, never cases or names."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from henvis.apps.accounts.roles import Role


def is_analyst(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.has_role(Role.ANALYST))


def analyst_required(view: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if not is_analyst(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped
