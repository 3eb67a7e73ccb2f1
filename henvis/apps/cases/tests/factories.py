"""Small helpers to build synthetic persons and cases in tests (no real data)."""

from __future__ import annotations

from datetime import date
from typing import Any

from henvis.apps.cases.models import Case, Person
from henvis.apps.organisations.models import Organisation


def make_case(user: Any, *, given: str = "Ana", family: str = "Popescu", birth: str = "1994",
              precision: str = "year", national_id: str = "", org: Organisation | None = None,
              **case_fields: Any) -> Case:
    organisation = org or user.organisation
    person = Person(organisation=organisation, given_names=given, family_name=family, birth=birth,
                    birth_precision=precision, national_id=national_id, sex="female")
    person.save()
    return Case.objects.create(person=person, organisation=organisation, created_by=user,
                               opened=case_fields.pop("opened", date(2026, 1, 5)), **case_fields)
