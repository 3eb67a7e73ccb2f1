from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.errors import Throttled
from ninja.security import HttpBearer, SessionAuth

from henvis.apps.audit.log import record
from henvis.web.client import client_address, exhausted, hit


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        from henvis.apps.accounts.models import ApiToken

        # Refused tokens per address are bounded (HENVIS_API_TOKEN_FAILURE_RATE): past
        # the bound every token from that address answers 429 until the window ends,
        # before any look-up and without an audit entry, so guessing tokens is slow and
        # cannot flood the audit log.
        address = client_address(request)
        rate = settings.HENVIS_API_TOKEN_FAILURE_RATE
        wait = exhausted("api-token-failed", address, rate)
        if wait:
            raise Throttled(wait=wait)
        check = ApiToken.look_up(token)
        if check.user is not None:
            request.user = check.user
            return check.user
        hit("api-token-failed", address, rate)
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
