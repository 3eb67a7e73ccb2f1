"""A procedure is started from the case (issue 18 item 1 as a caseworker meets it): the
case page of an immigration organisation links to a new procedure with the case number
filled in, and the form takes the number as the case shows it (HV-2026-000012), not the
database id. Another organisation's case number is refused like a missing one, and audited."""

from __future__ import annotations

from typing import Any

import pytest

from henvis.apps.audit.models import AuditEntry
from henvis.apps.cases.tests.factories import make_case
from henvis.apps.removals.models import Procedure
from henvis.apps.removals.tests.test_removal_screening_over_http import logged_in

pytestmark = pytest.mark.django_db


def test_the_case_page_starts_a_procedure_with_the_case_number_filled_in(make_user: Any) -> None:
    pu = make_user("pu-worker", roles=["first_line"], org="pu")
    case = make_case(pu)
    client = logged_in(pu)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert f'href="/procedures/new/?case={case.pk}"' in page
    form = client.get(f"/procedures/new/?case={case.pk}").content.decode()
    assert f'value="{case.reference}"' in form
    response = client.post("/procedures/new/", {"case_id": case.reference, "kind": "asylum", "opened": "2026-02-01"})
    assert response.status_code == 302
    assert Procedure.objects.get().case == case


def test_no_link_for_an_organisation_that_does_not_screen_procedures(make_user: Any) -> None:
    rosa = make_user("rosa", roles=["coordinator"], org="rosa")
    case = make_case(rosa)
    assert "/procedures/new/" not in logged_in(rosa).get(f"/cases/{case.pk}/").content.decode()


@pytest.mark.parametrize("written", ["{n}", "HV-{year}-{n:06d}", "hv-{year}-{n}"])
def test_the_number_is_taken_as_people_write_it(make_user: Any, written: str) -> None:
    pu = make_user("pu-worker", roles=["first_line"], org="pu")
    case = make_case(pu)
    number = written.format(n=case.pk, year=case.opened.year)
    response = logged_in(pu).post("/procedures/new/", {"case_id": number, "kind": "return", "opened": "2026-02-01"})
    assert response.status_code == 302, number


def test_a_wrong_year_another_organisations_case_and_nonsense_are_refused(make_user: Any) -> None:
    pu = make_user("pu-worker", roles=["first_line"], org="pu")
    own = make_case(pu)
    other = make_case(make_user("rosa", roles=["coordinator"], org="rosa"))
    client = logged_in(pu)
    for number, message in ((f"HV-{own.opened.year - 1}-{own.pk:06d}", "Ingen av sakene du kan se"),
                            (other.reference, "Ingen av sakene du kan se"),
                            ("saken til Ola", "Skriv saksnummeret slik det står på saken")):
        response = client.post("/procedures/new/", {"case_id": number, "kind": "return", "opened": "2026-02-01"})
        assert response.status_code == 200 and message in response.content.decode(), number
    assert not Procedure.objects.exists()
    assert AuditEntry.objects.filter(action="access.refused", object_id=str(other.pk)).count() == 1
