from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        from henvis.apps.accounts.models import ApiToken

        user = ApiToken.authenticate(token)
        if user is not None:
            request.user = user
        return user


def auth_methods() -> list[Any]:
    # Session auth in django-ninja enforces CSRF for unsafe methods.
    return [TokenAuth(), SessionAuth()]
