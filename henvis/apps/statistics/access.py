"""Only statistics analysts use this area. Analysts see figures, never cases or names."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from henvis.apps.accounts.roles import Role
from henvis.apps.organisations.models import OrganisationKind


def is_analyst(user: Any) -> bool:
    """An analyst of the national coordination unit. The role held in any other
    organisation (given outside the user form, which refuses it) opens nothing here."""
    if not (getattr(user, "is_authenticated", False) and user.has_role(Role.ANALYST)):
        return False
    organisation = getattr(user, "organisation", None)
    return organisation is not None and organisation.kind == OrganisationKind.COORDINATION


def analyst_required(view: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if not is_analyst(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped
