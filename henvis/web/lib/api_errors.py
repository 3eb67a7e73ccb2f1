"""How the API answers a refusal or invalid data, in Bokmål and English, for every area.

- ``ErrorOut``: the one error body every area's router documents (``detail``,
  ``detail_en``, per field ``errors`` / ``errors_en``, and ``field`` when a single
  field is at fault, as in the public screening's answer).
- ``Invalid`` + ``answers_invalid``: field errors answered 422; ``form_errors`` turns a
  page form's errors into them, so the API validates with the same forms as the pages.
- ``NotAllowed``: raised by a service (``apps/*/services.py``) when the user's role or
  organisation may not do the operation. It is a ``PermissionDenied``, so a page answers
  403 as for any refusal; the API answers 403 with the message (``henvis/web/api.py``)."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import JsonResponse
from django.utils import translation
from ninja import Field, Schema


class ErrorOut(Schema):
    detail: str
    detail_en: str = ""
    field: str = Field("", description="The input field at fault, when the error is about one")
    errors: dict[str, Any] = Field({}, description="Messages per field, in Norwegian Bokmål")
    errors_en: dict[str, Any] = Field({}, description="The same messages in English")


ERRORS: dict[int, Any] = {403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


def field_error(field: str, nb: str, en: str) -> dict[str, Any]:
    """The body of a 422 about one field, in both languages and in both shapes
    (``field`` for clients that read one, ``errors`` like every form error)."""
    return {"detail": nb, "detail_en": en, "field": field, "errors": {field: [nb]}, "errors_en": {field: [en]}}


class NotAllowed(PermissionDenied):
    """A refusal with its reason in Bokmål and in English: the API answers them as
    ``detail`` and ``detail_en``, like every other error, one language per field."""

    def __init__(self, nb: str, en: str) -> None:
        super().__init__(en)
        self.nb = nb
        self.en = en


class Invalid(Exception):  # noqa: N818 - reads as "raise Invalid(...)"
    """Field errors of a form: answered 422 by ``answers_invalid``. ``errors`` in
    Bokmål, ``errors_en`` in English (the same when not given)."""

    def __init__(self, errors: dict[str, Any], errors_en: dict[str, Any] | None = None) -> None:
        super().__init__("invalid")
        self.errors = errors
        self.errors_en = errors if errors_en is None else errors_en


def answers_invalid(view: Callable[..., Any]) -> Callable[..., Any]:
    """Turn ``Invalid`` into 422 ``{"detail", "detail_en", "errors", "errors_en"}``
    (``{field: [messages]}`` in Bokmål and in English)."""

    @functools.wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return view(*args, **kwargs)
        except Invalid as exc:
            return JsonResponse(
                {"detail": "Ugyldige data", "detail_en": "Invalid data", "errors": exc.errors,
                 "errors_en": exc.errors_en},
                status=422, encoder=DjangoJSONEncoder,
            )

    # The API reads the view's parameter types from the signature; resolve them here, in
    # the view's module, since the wrapper's module does not know the view's schemas.
    wrapper.__signature__ = inspect.signature(view, eval_str=True)  # type: ignore[attr-defined]
    return wrapper


def form_errors(form: forms.BaseForm) -> Invalid:
    """The form's errors in both languages (its messages are translated lazily)."""

    def messages(language: str) -> dict[str, list[str]]:
        with translation.override(language):
            return {k: [e["message"] for e in v] for k, v in form.errors.get_json_data().items()}

    return Invalid(messages("nb"), messages("en"))
