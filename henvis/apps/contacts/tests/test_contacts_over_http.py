"""Anonymous contacts over HTTP: recorded without identity, audited, visible to one's own
organisation only, counted per year as contacts with disclosure control, and counted once
(through the case, no longer as a contact) after the person agrees to a case."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from henvis.apps.audit.models import AuditEntry
from henvis.apps.cases.tests.factories import make_case
from henvis.apps.contacts.models import Contact

pytestmark = pytest.mark.django_db

CALL = {
    "contact_date": "2026-03-02", "caller_kind": "private", "channel": "phone",
    "indicators": ["ct-15", "ct-20"], "forms": ["forced_labour"], "advised_services": ["rosa"],
}


@pytest.fixture
def rosa(make_user: Any) -> Any:
    return make_user("rosa-worker", roles=["first_line"], org="rosa")


@pytest.fixture
def analyst(make_user: Any) -> Any:
    return make_user("analyst", roles=["analyst"], org="kom")


def record_call(client: Client, **changes: Any) -> Contact:
    response = client.post("/contacts/new/", {**CALL, **changes})
    assert response.status_code == 302, response.content.decode()[:2000]
    return Contact.objects.latest("id")


def counts(client: Client) -> dict[str, str]:
    page = client.get("/contacts/statistics/").content.decode()
    return dict(re.findall(r'<tr data-year="([^"]+)"><td>[^<]*</td><td>([^<]+)</td>', page))


def test_a_contact_holds_no_identity_and_is_audited(client: Client, rosa: Any) -> None:
    client.force_login(rosa)
    contact = record_call(client)
    assert contact.organisation.slug == "rosa" and contact.indicators == ["ct-15", "ct-20"]
    # No field of the model can hold a name or free text.
    assert not [f.name for f in Contact._meta.get_fields() if f.get_internal_type() in {"TextField", "CharField"}
                and f.name not in {"caller_kind", "channel", "catalogue_version"}]
    page = client.get(f"/contacts/{contact.pk}/").content.decode()
    assert 'data-indicator="ct-15"' in page
    assert AuditEntry.objects.filter(action="contact.create", object_id=str(contact.pk)).exists()
    assert AuditEntry.objects.filter(action="contact.read", object_id=str(contact.pk)).exists()


def test_free_text_and_unknown_indicators_are_refused(client: Client, rosa: Any) -> None:
    client.force_login(rosa)
    response = client.post("/contacts/new/", {**CALL, "indicators": ["Ana Popescu"]})
    assert response.status_code == 200 and Contact.objects.count() == 0


def test_other_organisations_cannot_see_a_contact(client: Client, rosa: Any, make_user: Any) -> None:
    client.force_login(rosa)
    contact = record_call(client)
    other = Client()
    other.force_login(make_user("politi", roles=["first_line"], org="politi-oslo"))
    assert other.get(f"/contacts/{contact.pk}/").status_code == 404
    assert f'data-contact="{contact.pk}"' not in other.get("/contacts/").content.decode()


def test_counted_per_year_as_contacts_with_disclosure_control_and_once_after_linking(
    client: Client, rosa: Any, analyst: Any,
) -> None:
    client.force_login(rosa)
    for _ in range(4):
        record_call(client)
    first = record_call(client, contact_date="2025-11-20")
    viewer = Client()
    viewer.force_login(analyst)
    assert counts(viewer) == {"2025": ":", "2026": ":", "I alt": "5"}  # a single 2025 contact is not shown
    record_call(client, contact_date="2025-12-01")
    record_call(client, contact_date="2025-12-02")
    assert counts(viewer) == {"2025": "3", "2026": "4", "I alt": "7"}

    # The caller comes back and agrees: a case with identity; the contact is linked to it.
    case = make_case(rosa)
    response = client.post(f"/contacts/{first.pk}/link/", {"case_id": case.pk, "consent": "on"})
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.case_id == case.pk
    assert AuditEntry.objects.filter(action="contact.link", object_id=str(first.pk)).exists()
    # Counted once: as the case's person (in the person statistics), no longer as a contact.
    assert counts(viewer) == {"2025": ":", "2026": ":", "I alt": "6"}
    assert client.post(f"/contacts/{first.pk}/link/", {"case_id": case.pk, "consent": "on"}).status_code == 400


def test_linking_needs_consent_and_a_case_of_ones_own(client: Client, rosa: Any, make_user: Any) -> None:
    client.force_login(rosa)
    contact = record_call(client)
    police = make_user("politi", roles=["first_line"], org="politi-oslo")
    foreign = make_case(police)
    assert client.post(f"/contacts/{contact.pk}/link/", {"case_id": make_case(rosa).pk}).status_code == 400  # no consent
    assert client.post(f"/contacts/{contact.pk}/link/", {"case_id": foreign.pk, "consent": "on"}).status_code == 404
    contact.refresh_from_db()
    assert contact.case_id is None


def test_only_analysts_see_the_statistics_and_only_case_workers_record(client: Client, rosa: Any, analyst: Any) -> None:
    client.force_login(rosa)
    assert client.get("/contacts/statistics/").status_code == 403
    client.force_login(analyst)
    assert client.get("/contacts/new/").status_code == 403
