"""``POST /api/v1/screening``: the same guidance as the screening page, as JSON. Public
(no login) like the page; nothing is stored."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import ConfigDict

from henvis.catalogue import ScreeningError, ScreeningInput, guide, load_catalogue

router = Router(tags=["identification"])


class ScreeningIn(Schema):
    """``ScreeningInput.to_dict()``: no identifying data. Ids come from the catalogue
    (``henvis catalogue indicators --json``)."""

    model_config = ConfigDict(extra="forbid")
    reporter_kind: str
    catalogue_version: str = ""
    public_tasks: bool = False
    age: int | None = None
    age_in_doubt: bool = False
    sex: str = "unknown"
    danger_now: bool = False
    life_threatening: bool = False
    urgent_health: bool = False
    needs_safe_place: bool = False
    accompanying_children: bool = False
    indicators: list[str] = []
    forms: list[str] = []
    arenas: list[str] = []
    abroad: bool = False
    gross_violence_or_coercion: bool = False
    significant_profit: bool = False


class TextOut(Schema):
    nb: str
    en: str
    source: str


class IndicatorOut(Schema):
    id: str
    category: str
    subgroup: str | None
    applies_to: str
    text_nb: str
    text_en: str
    source: str


class FindingOut(Schema):
    category: str
    name: TextOut
    indicators: list[IndicatorOut]


class DutyOut(Schema):
    id: str
    title: TextOut
    legal_basis: str
    text: TextOut
    reasons: list[TextOut]
    mandatory: bool


class ContactOut(Schema):
    service: str
    name: TextOut
    phone: str
    web: str
    email: str
    hours: TextOut | None
    description: TextOut
    organisation: str | None
    reason: TextOut


class QuestionOut(Schema):
    id: str
    question: TextOut
    follow_up: TextOut
    forms: list[str]


class RuleOut(Schema):
    id: str
    section: str


class GuidanceOut(Schema):
    catalogue_version: str
    treated_as_child: bool
    child_basis: str | None
    grounds: bool
    findings: list[FindingOut]
    overall: list[TextOut]
    duties: list[DutyOut]
    acute_contacts: list[ContactOut]
    referrals: list[ContactOut]
    next_steps: list[TextOut]
    notes: list[TextOut]
    conversation: list[TextOut]
    questions: list[QuestionOut]
    rights: list[TextOut]
    rules: list[RuleOut]


class ErrorOut(Schema):
    field: str
    detail: str
    detail_en: str


@router.post(
    "screening", auth=None, response={200: GuidanceOut, 422: ErrorOut},
    summary="Guidance for a screening (anonymous; nothing is stored)",
)
def screening(request: HttpRequest, payload: ScreeningIn) -> Status:
    catalogue = load_catalogue()
    try:
        screening_input = ScreeningInput.from_dict(payload.model_dump(), catalogue)
    except ScreeningError as exc:
        return Status(422, {"field": exc.field, "detail": exc.message_nb, "detail_en": exc.message_en})
    return Status(200, guide(screening_input, catalogue).to_dict())


@router.get("screening/indicators", auth=None, response=list[IndicatorOut], summary="The indicator catalogue")
def indicators(request: HttpRequest) -> list[dict[str, str | None]]:
    return [i.as_dict() for i in load_catalogue().indicators]
