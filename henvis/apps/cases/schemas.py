"""API schemas (django-ninja / pydantic) for persons, cases and case records."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from ninja import Field, Schema

from henvis.apps.cases.limits import CONTACT_MAX


class ChildIn(Schema):
    name: str = Field("", max_length=200)
    birth_year: str = Field("", max_length=4, description="Four digits, not in the future")


class PersonIn(Schema):
    given_names: str = Field("", max_length=200)
    family_name: str = Field("", max_length=200)
    aliases: list[Annotated[str, Field(max_length=200)]] = Field([], max_length=20)
    birth_precision: str = Field("unknown", description="exact, year, range or unknown", max_length=10)
    birth: str = Field("", description='"YYYY-MM-DD" (exact), "YYYY" (year) or "YYYY/YYYY" (range)', max_length=10)
    sex: str = Field("unknown", max_length=10)
    citizenships: list[Annotated[str, Field(max_length=3)]] = Field([], description="ISO country codes", max_length=10)
    national_id: str = Field("", description="fødselsnummer or D-number", max_length=20)
    duf_number: str = Field("", max_length=20)
    identity_unknown: bool = Field(False, description="Set when no name, alias or identity number is known yet "
                                   "(without one of them or this, the person is refused with 422)")
    contact: str = Field("", max_length=CONTACT_MAX)
    children: list[ChildIn] = Field([], max_length=20, description="Each with a name and a year of birth (422 "
                                    "without)")
    minor: bool = Field(False, description="For when the date of birth is not known: a date of birth decides by "
                        "itself, and true for a person who is 18 or older by it is refused (422) unless "
                        "age_in_doubt is true")
    age_in_doubt: bool = Field(False, description="Treat as a child until the age is clarified (also against a "
                               "date of birth that may be wrong)")


class PersonOut(Schema):
    id: int
    given_names: str
    family_name: str
    aliases: list[str]
    birth_precision: str
    birth: str
    sex: str
    citizenships: list[str]
    national_id: str
    duf_number: str
    identity_unknown: bool
    contact: str
    children: list[dict[str, Any]]
    minor: bool = Field(description="The flag as entered; whether the person is a child: age_status")
    age_in_doubt: bool = Field(description="The flag as entered")
    age_status: str = Field(description="Today, by the date of birth where there is one, else by the flags: minor, "
                            "in_doubt (may be under 18: treat as a child), adult or unknown")
    treated_as_child: bool = Field(description="age_status minor or in_doubt: the rules for children apply")


class CaseIn(Schema):
    status: str = Field("concern", max_length=20)
    opened: date | None = None
    exploitation_forms: list[Annotated[str, Field(max_length=20)]] = Field(
        [], description='At least one; "unknown" when not known', max_length=20)
    arenas: list[Annotated[str, Field(max_length=30)]] = Field([], max_length=30)
    place_kind: str = Field("norway", max_length=10)
    municipality: str = Field("", max_length=100)
    police_district: str | None = Field(None, description="slug of a police district", max_length=80)
    country: str = Field("", max_length=100, description="ISO 3166-1 alpha-2 code (e.g. NG) when abroad")
    identified_how: str = Field("screening", max_length=20)
    identified_by_kind: str = Field("", max_length=40)


class CaseCreate(Schema):
    person: PersonIn | None = Field(None, description="The person to register; leave out with person_case_id.")
    person_case_id: int | None = Field(
        None, description="Open the new case for the person of this case of your organisation "
        "(e.g. a candidate returned with status 409) instead of registering a new person.",
    )
    case: CaseIn = Field(default_factory=lambda: CaseIn())  # type: ignore[call-arg]
    confirmed_new_person: bool = Field(
        False, description="Set after reviewing the duplicate candidates returned with status 409.",
    )
    screening_id: int | None = None


class CaseSearchIn(Schema):
    q: str = Field("", max_length=200, description="Name, alias or case number")
    status: str = Field("", max_length=20)


class CaseOut(Schema):
    id: int
    reference: str
    organisation: str
    status: str
    opened: date
    closed: date | None
    closing_reason: str
    exploitation_forms: list[str]
    arenas: list[str]
    place_kind: str
    municipality: str
    police_district: str | None
    country: str
    identified_how: str
    identified_by_kind: str


class CaseDetailOut(CaseOut):
    person: PersonOut


class CloseIn(Schema):
    closed: date
    closing_reason: str = Field(max_length=30)


class CandidateOut(Schema):
    person_id: int
    case_ids: list[int]
    reasons: list[str]


class DuplicatesOut(Schema):
    detail: str = ""
    detail_en: str = ""
    candidates: list[CandidateOut]


class EventOut(Schema):
    on: date
    kind: str
    record_id: int
    organisation: str


class MeasureIn(Schema):
    kind: str = Field(max_length=20)
    provider: str | None = Field(None, description="slug of the providing organisation", max_length=80)
    provider_name: str = Field("", max_length=200)
    start: date
    end: date | None = None
    legal_aid_hours: Decimal | None = Field(None, ge=0, le=9999, decimal_places=1)
    extension_granted: bool = False
    risk_assessed_on: date | None = None


class MeasureOut(MeasureIn):
    id: int
    case_id: int
    organisation: str


class DecisionIn(Schema):
    kind: str = Field(max_length=30)
    decided_by: str | None = Field(None, description="slug of the deciding organisation", max_length=80)
    applied_on: date | None = None
    decided_on: date | None = None
    outcome: str = Field("pending", max_length=20)
    refusal_reason: str = Field("", max_length=30)
    valid_from: date | None = None
    valid_to: date | None = Field(None, description="Left out: derived from the rules")
    renewal_of: int | None = None
    reintegration_support: bool = False


class DecisionOut(DecisionIn):
    id: int
    case_id: int
    organisation: str


class ProceedingIn(Schema):
    police_district: str | None = Field(None, max_length=80)
    reported_on: date | None = None
    provision: str = Field("257", max_length=3)
    exploitation_form: str = Field("", max_length=20)
    victim_minor_at_time: bool = False
    stage: str = Field("reported", max_length=20)
    indicted_on: date | None = None
    court_level: str = Field("", max_length=10)
    verdict: str = Field("", max_length=12)
    judgment_on: date | None = None
    final: bool = False
    sentence: str = Field("", max_length=200)
    compensation_awarded: Decimal | None = Field(None, ge=0, le=10**11, decimal_places=0)


class ProceedingOut(ProceedingIn):
    id: int
    case_id: int
    organisation: str


class NonPunishmentIn(Schema):
    assessed_on: date
    offence: str = Field("", max_length=200)
    outcome: str = Field("pending", max_length=20)


class NonPunishmentOut(NonPunishmentIn):
    id: int
    case_id: int
    organisation: str


class ScreeningIn(Schema):
    screening: dict[str, Any] = Field(description="ScreeningInput.to_dict() from the identification guide")


class ScreeningOut(Schema):
    id: int
    case_id: int | None
    catalogue_version: str
    created: datetime
    organisation: str
    data: dict[str, Any]


class DeadlineOut(Schema):
    case_id: int
    case_reference: str
    decision_id: int
    kind: str
    label: str
    due: date
    urgency: str
