"""A person's access request (innsyn): the owning organisation's coordinator or
administrator makes one document, PDF or JSON, in Bokmål or English."""

from __future__ import annotations

import json
import re
import zlib
from typing import Any

import pytest
from django.test import Client

from henvis.apps.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def _request(client: Client, case: Any, fmt: str = "json", language: str = "nb") -> Any:
    return client.post(f"/dataprotection/cases/{case.pk}/access/", {"format": fmt, "language": language})


def _values(item: dict[str, Any]) -> dict[str, Any]:
    return {f["name"]: f["value"] for f in item["fields"]}


def test_json_holds_the_person_the_case_its_records_and_the_referrals_with_their_basis(
        client: Client, rosa: Any, police: Any, nadheim: Any, referred_case: Any) -> None:
    client.force_login(police)
    assert client.get(f"/cases/{referred_case.pk}/").status_code == 200  # the police read it
    client.force_login(rosa)
    response = _request(client, referred_case)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    report = json.loads(response.content)
    assert _values(report["person"])["given_names"] == "Ana"
    assert _values(report["person"])["family_name"] == "Popescu"
    [case] = report["cases"]
    assert case["reference"] == referred_case.reference
    assert {_values(m)["provider_name"] for m in case["measures"] if "provider_name" in _values(m)} == {
        "Skjult adresse 12"}
    # The police's own measure is the police's record: ROSA does not hold it (access rule 2).
    assert len(case["measures"]) == 1
    referrals = {_values(r)["to_organisation"]: _values(r) for r in case["referrals"]}
    assert referrals[police.organisation.name]["legal_basis"].startswith("Avvergingsplikt")
    assert referrals[police.organisation.name]["purpose"] == "Anmeldelse"
    assert referrals[nadheim.organisation.name]["legal_basis"] == "Personens samtykke"
    assert referrals[nadheim.organisation.name]["consent_given_on"] == "2026-01-06"
    assert "consent_given_on" not in referrals[police.organisation.name]
    # Who read it: the police's read is there by organisation and role, never the user name.
    reads = [r for r in report["reads"] if r["action"] == "case.read"]
    assert any(r["organisation"] == police.organisation.name and r["roles"] == ["Førstelinjeansatt"]
               for r in reads), reads
    assert "politi" not in json.dumps(report["reads"]).replace("Oslo politidistrikt", "")
    assert "rosa-koord" not in response.content.decode()


def test_reads_name_the_role_held_at_the_time_not_today(client: Client, rosa: Any, police: Any,
                                                         referred_case: Any) -> None:
    client.force_login(police)
    assert client.get(f"/cases/{referred_case.pk}/").status_code == 200  # read as a first-line worker
    police.set_roles(["coordinator"])  # a later change of role
    police = type(police).objects.get(pk=police.pk)
    client.force_login(police)
    assert client.get(f"/cases/{referred_case.pk}/").status_code == 200  # read again, as coordinator
    client.force_login(rosa)
    reads = [r for r in json.loads(_request(client, referred_case).content)["reads"]
             if r["action"] == "case.read" and r["organisation"] == police.organisation.name]
    assert [r["roles"] for r in reads] == [["Førstelinjeansatt"], ["Saksansvarlig"]], reads
    entry = AuditEntry.objects.filter(action="case.read", actor_id=police.pk).first()
    assert entry is not None and entry.roles == "first_line"


def test_english_document(client: Client, rosa: Any, referred_case: Any) -> None:
    client.force_login(rosa)
    report = json.loads(_request(client, referred_case, language="en").content)
    labels = {f["label"] for f in report["person"]["fields"]}
    assert "family name" in labels
    report_nb = json.loads(_request(client, referred_case, language="nb").content)
    assert "etternavn" in {f["label"].lower() for f in report_nb["person"]["fields"]}


def test_pdf_document(client: Client, rosa: Any, referred_case: Any) -> None:
    client.force_login(rosa)
    response = _request(client, referred_case, fmt="pdf", language="en")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    # WeasyPrint makes a bookmark of every heading: the outline shows the document's parts.
    outline = _pdf_objects(response.content)
    for heading in ("About you", f"Case {referred_case.reference}", "Referrals: to whom and on what basis",
                    "Who has read or changed it"):
        assert f"/Title ({heading})".encode() in outline, heading
    nb = _pdf_objects(_request(client, referred_case, fmt="pdf", language="nb").content)
    assert b"/Title (Om deg)" in nb


def _pdf_objects(pdf: bytes) -> bytes:
    """The PDF's compressed object streams, decompressed (they hold the outline)."""
    out = []
    for match in re.finditer(rb"stream\n(.*?)\nendstream", pdf, re.S):
        try:
            out.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(out)


def test_making_the_document_is_audited_without_personal_data(client: Client, rosa: Any, referred_case: Any) -> None:
    client.force_login(rosa)
    _request(client, referred_case)
    entry = AuditEntry.objects.get(action="dataprotection.access_request")
    assert entry.object_type == "person" and entry.object_id == str(referred_case.person_id)
    assert entry.organisation_id == rosa.organisation_id
    assert "Popescu" not in entry.detail and "Ana" not in entry.detail


@pytest.mark.parametrize("role", ["first_line", "analyst", "auditor", "system_admin"])
def test_other_roles_of_the_owner_are_refused(client: Client, make_user: Any, referred_case: Any, role: str) -> None:
    client.force_login(make_user("x", roles=[role], org="rosa"))
    assert _request(client, referred_case).status_code in (403, 404)
    assert client.get(f"/dataprotection/cases/{referred_case.pk}/").status_code in (403, 404)
    assert not AuditEntry.objects.filter(action="dataprotection.access_request").exists()


def test_org_admin_may_make_it(client: Client, make_user: Any, referred_case: Any) -> None:
    client.force_login(make_user("admin", roles=["org_admin"], org="rosa"))
    assert _request(client, referred_case).status_code == 200


def test_other_organisations_are_refused_even_a_receiver(client: Client, make_user: Any, nadheim: Any,
                                                         referred_case: Any) -> None:
    client.force_login(nadheim)  # sees the case (referral sent), but does not own it
    assert client.get(f"/cases/{referred_case.pk}/").status_code == 200
    assert _request(client, referred_case).status_code == 403
    client.force_login(make_user("udi", roles=["coordinator"], org="udi"))
    assert _request(client, referred_case).status_code == 404


def test_get_is_not_allowed(client: Client, rosa: Any, referred_case: Any) -> None:
    client.force_login(rosa)
    assert client.get(f"/dataprotection/cases/{referred_case.pk}/access/").status_code == 405


def test_the_case_is_found_by_its_reference(client: Client, rosa: Any, nadheim: Any, referred_case: Any) -> None:
    client.force_login(rosa)
    response = client.get("/dataprotection/", {"reference": referred_case.reference.lower()})
    assert response.status_code == 302 and response["Location"] == f"/dataprotection/cases/{referred_case.pk}/"
    client.force_login(nadheim)  # sees the case by referral, does not own it
    response = client.get("/dataprotection/", {"reference": referred_case.reference})
    assert response.status_code == 200


def test_the_home_page_leads_coordinators_and_administrators_there(client: Client, rosa: Any,
                                                                   make_user: Any) -> None:
    client.force_login(rosa)
    assert 'href="/dataprotection/"' in client.get("/").content.decode()
    client.force_login(make_user("rosa-1", roles=["first_line"], org="rosa"))
    assert 'href="/dataprotection/"' not in client.get("/").content.decode()


def test_the_document_holds_referrals_abroad_linked_contacts_and_procedures(
        client: Client, rosa: Any, referred_case: Any) -> None:
    """A referral abroad sends the person's data to another country's mechanism, a linked
    anonymous contact holds the indicators noted, a procedure's screening can hold a
    removal: all are what the organisation holds about the person (found missing when a
    data protection officer walked the demo)."""
    import uuid
    from datetime import date

    from henvis.apps.contacts.models import Contact
    from henvis.apps.referrals.models import CrossBorderConsent, CrossBorderExport
    from henvis.apps.removals.models import Hold, Procedure, ProcedureScreening

    org = rosa.organisation
    abroad = CrossBorderConsent.objects.create(case=referred_case, organisation=org, country="SE",
                                               contact_point="se-jamy", includes_name=True, created_by=rosa)
    CrossBorderExport.objects.create(consent=abroad, file_id=uuid.uuid4(), digest="0" * 64, exported_by=rosa)
    Contact.objects.create(organisation=org, caller_kind="person", indicators=["ct-05"], case=referred_case,
                           created_by=rosa)
    procedure = Procedure.objects.create(case=referred_case, organisation=org, kind="return",
                                         opened=date(2026, 2, 1), created_by=rosa)
    screening = ProcedureScreening.objects.create(procedure=procedure, indicators=["ct-15"], outcome="refer_hold",
                                                  created_by=rosa)
    Hold.objects.create(procedure=procedure, screening=screening)
    client.force_login(rosa)
    [case] = json.loads(_request(client, referred_case).content)["cases"]
    assert [(r["type"], _values(r).get("country")) for r in case["abroad"]] == [
        ("crossborderconsent", "SE"), ("crossborderexport", None)]
    assert _values(case["abroad"][0])["includes_name"] is True
    assert [_values(c)["indicators"] for c in case["contacts"]] == [["ct-05"]]
    assert [r["type"] for r in case["procedures"]] == ["procedure", "procedurescreening", "hold"]
    pdf = _request(client, referred_case, fmt="pdf", language="en")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_the_reads_say_in_words_what_was_done(client: Client, rosa: Any, police: Any, referred_case: Any) -> None:
    """The person reads "lest" or "read", not only the audit code "case.read"."""
    client.force_login(police)
    client.get(f"/cases/{referred_case.pk}/")
    client.force_login(rosa)
    for language, word in (("nb", "lest"), ("en", "read")):
        reads = json.loads(_request(client, referred_case, language=language).content)["reads"]
        assert {r["what"] for r in reads if r["action"] == "case.read"} == {word}
        assert all(r["what"] for r in reads)
