"""``POST /api/v1/screening``: the same guidance as the screening page, as JSON. Public
(no login) like the page; nothing is stored."""

from __future__ import annotations

import dataclasses
from typing import Any, get_args, get_origin, get_type_hints

from django.conf import settings
from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.throttling import AnonRateThrottle, BaseThrottle
from pydantic import BaseModel, ConfigDict, create_model

from henvis.catalogue import ScreeningError, ScreeningInput, guide, load_catalogue
from henvis.web.client import client_address, rate_bucket
from henvis.web.lib.api_errors import ErrorOut, field_error

router = Router(tags=["identification"])


class _Strict(Schema):
    model_config = ConfigDict(extra="forbid")


def _screening_fields() -> dict[str, Any]:
    """The API body is the catalogue's ``ScreeningInput`` (one definition of the fields),
    with lists where the dataclass holds tuples."""
    hints = get_type_hints(ScreeningInput)
    out: dict[str, Any] = {}
    for field in dataclasses.fields(ScreeningInput):
        kind = hints[field.name]
        if get_origin(kind) is tuple:
            out[field.name] = (list[get_args(kind)[0]], [])  # type: ignore[misc]
        elif field.default is dataclasses.MISSING:
            out[field.name] = (kind, ...)
        else:
            out[field.name] = (kind, field.default)
    return out


ScreeningIn = create_model(
    "ScreeningIn", __base__=_Strict, __doc__=(
        "``ScreeningInput.to_dict()``: no identifying data. Ids come from the catalogue "
        "(``henvis catalogue indicators --json``)."
    ), **_screening_fields(),
)


class _Out(BaseModel):
    """The answer's parts: plain pydantic models, validated from the dicts ``guide()``
    returns. ninja's ``Schema`` would read each field through its Django getter (made for
    model instances), which took half of the endpoint's time."""


class TextOut(_Out):
    nb: str
    en: str
    source: str


class IndicatorOut(_Out):
    id: str
    category: str
    subgroup: str | None
    applies_to: str
    text_nb: str
    text_en: str
    source: str
    advice: bool


class FindingOut(_Out):
    category: str
    name: TextOut
    indicators: list[IndicatorOut]


class DutyOut(_Out):
    id: str
    title: TextOut
    legal_basis: str
    text: TextOut
    reasons: list[TextOut]
    mandatory: bool
    threshold: TextOut | None
    threshold_met: bool


class ContactOut(_Out):
    service: str
    name: TextOut
    phone: str
    web: str
    email: str
    hours: TextOut | None
    description: TextOut
    organisation: str | None
    reason: TextOut


class QuestionOut(_Out):
    id: str
    question: TextOut
    follow_up: TextOut
    forms: list[str]


class RuleOut(_Out):
    id: str
    name: TextOut
    section: str


class GuidanceOut(_Out):
    catalogue_version: str
    treated_as_child: bool
    child_basis: str | None
    grounds: bool
    findings: list[FindingOut]
    overall: list[TextOut]
    duties: list[DutyOut]
    your_role: list[TextOut]
    must_not: list[TextOut]
    acute_contacts: list[ContactOut]
    referrals: list[ContactOut]
    next_steps: list[TextOut]
    notes: list[TextOut]
    conversation: list[TextOut]
    questions: list[QuestionOut]
    rights: list[TextOut]
    rules: list[RuleOut]


class ScreeningThrottle(AnonRateThrottle):
    """Requests per address to the public screening endpoints, at the rate in
    ``settings.HENVIS_SCREENING_RATE`` (read at each request, so a changed setting
    applies without a restart of the throttle)."""

    def allow_request(self, request: HttpRequest) -> bool:
        self.rate = settings.HENVIS_SCREENING_RATE
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def get_ident(self, request: HttpRequest) -> str | None:
        # The address the deployment trusts, as for the log-in and API tokens; ninja's
        # own rule would believe any X-Forwarded-For the client writes. An IPv6 /64 is
        # one client, as for every per-address limit.
        return rate_bucket(client_address(request))


PUBLIC_THROTTLE: list[BaseThrottle] = [ScreeningThrottle("60/m")]


@router.post(
    "screening", auth=None, throttle=PUBLIC_THROTTLE, response={200: GuidanceOut, 422: ErrorOut},
    summary="Guidance for a screening (anonymous; nothing is stored)",
)
def screening(request: HttpRequest, payload: ScreeningIn) -> Status:  # type: ignore[valid-type]
    catalogue = load_catalogue()
    try:
        screening_input = ScreeningInput.from_dict(payload.model_dump(), catalogue)  # type: ignore[attr-defined]
    except ScreeningError as exc:
        return Status(422, field_error(exc.field, exc.message_nb, exc.message_en))
    # Validated here, once, by pydantic alone: ninja passes a model instance of the declared
    # type on without validating it again.
    return Status(200, GuidanceOut.model_validate(guide(screening_input, catalogue).to_dict()))


@router.get("screening/indicators", auth=None, throttle=PUBLIC_THROTTLE, response=list[IndicatorOut],
            summary="The indicator catalogue")
def indicators(request: HttpRequest) -> list[dict[str, str | bool | None]]:
    return [i.as_dict() for i in load_catalogue().indicators]
