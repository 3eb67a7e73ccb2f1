"""The REST API (django-ninja): one router per area, one OpenAPI document at
/api/v1/openapi.json. Agency systems authenticate with bearer tokens
(``accounts.ApiToken``); browsers may use their session (with CSRF)."""

from __future__ import annotations

from importlib import import_module
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.datastructures import MultiValueDict
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, Throttled, ValidationError
from ninja.parser import Parser

from henvis.apps.accounts.api_auth import auth_methods
from henvis.web.areas import API_AREAS
from henvis.web.lib.api_errors import NotAllowed


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(_has_nul(v) for v in value)
    return False


NUL_REFUSED = ValidationError([{
    "loc": ["body"], "type": "value_error",
    "msg": "Tegnet NUL (\\u0000) er ikke tillatt i tekst / The NUL character (\\u0000) is not allowed in text",
}])


class NoNulParser(Parser):
    """JSON and query parameters without the NUL character. No text field may hold it
    (PostgreSQL refuses it, and a name or a case text never contains it), so it is refused
    before any operation looks a value up, instead of a 500 from the database (found by
    the schemathesis test on PostgreSQL): a body as one the API cannot parse (400), a query
    parameter with 422."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        data = super().parse_body(request)
        if _has_nul(data):
            raise NUL_REFUSED
        return data

    def parse_querydict(self, data: MultiValueDict, list_fields: list[str], request: HttpRequest) -> dict[str, Any]:
        result = super().parse_querydict(data, list_fields, request)
        if _has_nul(result):
            raise NUL_REFUSED
        return result


api = NinjaAPI(
    title="Henvis API",
    parser=NoNulParser(),
    version="1",
    description="Referral mechanism and statistics for human trafficking (Norway).",
    auth=auth_methods(),
    urls_namespace="api",
)

for area in API_AREAS:
    api.add_router(f"/{area}/" if area != "identification" else "/", import_module(f"henvis.apps.{area}.api").router)


# Errors every operation can answer, in Bokmål and English like the areas' own errors.
def _error(request: HttpRequest, status: int, nb: str, en: str) -> HttpResponse:
    return api.create_response(request, {"detail": nb, "detail_en": en}, status=status)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
    response = _error(request, 401, "Ikke innlogget: oppgi et gyldig API-token.", "Not authenticated: give a valid API token.")
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    # The same answer for "does not exist" and "not yours" (docs/data-model.md).
    return _error(request, 404, "Finnes ikke.", "Not found.")


@api.exception_handler(Throttled)
def _throttled(request: HttpRequest, exc: Exception) -> HttpResponse:
    response = _error(request, 429, "For mange forespørsler fra denne adressen; prøv igjen om litt.",
                      "Too many requests from this address; try again shortly.")
    wait = getattr(exc, "wait", None)
    if wait:
        response["Retry-After"] = str(int(wait) + 1)
    return response


@api.exception_handler(NotAllowed)
def _not_allowed(request: HttpRequest, exc: NotAllowed) -> HttpResponse:
    # A service's refusal (role or organisation), in both languages as every error body
    return api.create_response(request, {"detail": exc.nb, "detail_en": exc.en}, status=403)
