from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from henvis.apps.audit.log import record


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        from henvis.apps.accounts.models import ApiToken

        check = ApiToken.look_up(token)
        if check.user is not None:
            request.user = check.user
            return check.user
        # A refused token is audited like a failed log-in: who it belonged to when it is a
        # known one, the source address, why; never the token itself.
        known = check.token
        record(
            "api.token_failed", request=request, user=AnonymousUser(),
            claimed_actor=known.user.get_username() if known is not None else "",
            claimed_organisation_id=known.user.organisation_id if known is not None else None,
            object_type="api_token" if known is not None else "", object_id=known.pk if known is not None else "",
            detail=check.failure,
        )
        return None


def auth_methods() -> list[Any]:
    # Session auth in django-ninja enforces CSRF for unsafe methods.
    return [TokenAuth(), SessionAuth()]
