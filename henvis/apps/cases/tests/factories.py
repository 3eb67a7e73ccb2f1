"""Small helpers to build synthetic persons and cases in tests (no real data)."""

from __future__ import annotations

from datetime import date
from typing import Any

from henvis.apps.cases.models import Case, Person
from henvis.apps.organisations.models import Organisation

# The new-case page's fields for a person whose birth is not known (a child's date is
# put in by the test) and a labour case found by screening: what a first-line worker types.
NEW_PERSON_FORM = {
    "given_names": "Mira", "family_name": "Dumitru", "aliases": "", "birth_precision": "unknown", "birth_date": "",
    "birth_year": "", "birth_year_to": "", "sex": "female", "citizenships": "RO", "national_id": "",
    "duf_number": "", "contact": "", "children": "",
}
NEW_CASE_FORM = {
    "status": "concern", "opened": "2026-03-02", "exploitation_forms": ["labour"], "arenas": ["begging"],
    "place_kind": "norway", "municipality": "Oslo", "police_district": "", "country": "",
    "identified_how": "screening", "identified_by_kind": "police_district",
}


def make_case(user: Any, *, given: str = "Ana", family: str = "Popescu", birth: str = "1994",
              precision: str = "year", national_id: str = "", org: Organisation | None = None,
              **case_fields: Any) -> Case:
    organisation = org or user.organisation
    person = Person(organisation=organisation, given_names=given, family_name=family, birth=birth,
                    birth_precision=precision, national_id=national_id, sex="female")
    person.save()
    return Case.objects.create(person=person, organisation=organisation, created_by=user,
                               opened=case_fields.pop("opened", date(2026, 1, 5)), **case_fields)
