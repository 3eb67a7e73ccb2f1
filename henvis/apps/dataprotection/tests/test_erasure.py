"""Erasure on request: where the organisation's legal basis allows and no legal hold
applies, the person's data in the organisation go, the referrals it sent are revoked,
the receivers are told without personal data, and the audit chain stays verifiable."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pandas as pd
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from henvis.apps.audit.chain import seal
from henvis.apps.audit.log import verify
from henvis.apps.audit.models import AuditEntry
from henvis.apps.cases.models import Case, Decision, Measure, Person
from henvis.apps.cases.tests.factories import make_case
from henvis.apps.dataprotection.extracts import drop_erased
from henvis.apps.dataprotection.models import ReceiverNotice, Tombstone
from henvis.apps.referrals.models import Referral

pytestmark = pytest.mark.django_db


def _entries_and_seals() -> list[Any]:
    """Every audit entry as written, with the seal that chains it (if sealed yet)."""
    from henvis.apps.audit.models import AuditSeal

    seal()
    seals = dict(AuditSeal.objects.values_list("entry_id", "mac"))
    return [(*row, seals.get(row[0])) for row in AuditEntry.objects.order_by("seq").values_list(
        "seq", "at", "action", "object_type", "object_id", "detail")]


def _erase(client: Client, case: Any) -> Any:
    return client.post(f"/dataprotection/cases/{case.pk}/erase/", {"confirm": "on"})


def test_an_ngo_erases_on_request(client: Client, rosa: Any, police: Any, nadheim: Any, referred_case: Any) -> None:
    client.force_login(police)
    client.get(f"/cases/{referred_case.pk}/")
    before = _entries_and_seals()
    referrals = list(Referral.objects.filter(case=referred_case).values_list("pk", "to_organisation_id"))
    person_id, case_id = referred_case.person_id, referred_case.pk
    client.force_login(rosa)
    response = _erase(client, referred_case)
    assert response.status_code == 302
    assert not Case.objects.filter(pk=case_id).exists()
    assert not Person.objects.filter(pk=person_id).exists()
    assert not Measure.objects.exists() and not Referral.objects.exists()
    # The receivers are told: the referral's number and the sender, nothing about the person.
    notices = {(n.organisation_id, n.referral_number, n.sender_id) for n in ReceiverNotice.objects.all()}
    assert notices == {(to, pk, rosa.organisation_id) for pk, to in referrals}
    # Each revocation is audited before the case goes.
    assert AuditEntry.objects.filter(action="referral.revoked").count() == 2
    # The audit chain: every earlier entry is still there, unchanged, and verifies.
    after = _entries_and_seals()
    assert after[:len(before)] == before
    assert verify().ok
    assert {("case", str(case_id)), ("person", str(person_id))} <= set(
        Tombstone.objects.values_list("object_type", "object_id"))
    erasure = AuditEntry.objects.get(action="dataprotection.erasure")
    assert erasure.object_id == str(person_id) and "Popescu" not in erasure.detail
    # The police, who had the case by referral, no longer find it.
    client.force_login(police)
    assert client.get(f"/cases/{case_id}/").status_code == 404


def test_receivers_see_the_notice_without_personal_data(client: Client, rosa: Any, nadheim: Any,
                                                        referred_case: Any) -> None:
    number = Referral.objects.get(case=referred_case, to_organisation=nadheim.organisation).pk
    client.force_login(rosa)
    _erase(client, referred_case)
    receiver = Client()
    receiver.force_login(nadheim)
    page = receiver.get("/dataprotection/notices/").content.decode()
    assert f"#{number}" in page and "ROSA" in page
    assert "Popescu" not in page and "Ana" not in page and referred_case.reference not in page
    assert ">ny<" in page  # new the first time it is seen, not after
    assert ">ny<" not in receiver.get("/dataprotection/notices/").content.decode()


def test_a_public_body_on_a_legal_duty_cannot_erase_on_request(client: Client, make_user: Any) -> None:
    coordinator = make_user("politi-koord", roles=["coordinator"], org="politi-oslo")
    case = make_case(coordinator)
    client.force_login(coordinator)
    page = client.get(f"/dataprotection/cases/{case.pk}/").content.decode()
    assert "17(3)(b)" in page
    response = _erase(client, case)
    assert response.status_code == 302
    assert Case.objects.filter(pk=case.pk).exists()
    assert "17(3)(b)" in client.get(f"/dataprotection/cases/{case.pk}/").content.decode()
    assert AuditEntry.objects.filter(action="dataprotection.erasure_refused").exists()


def test_a_legal_hold_stops_erasure(client: Client, rosa: Any) -> None:
    case = make_case(rosa)
    Decision.objects.create(case=case, organisation=rosa.organisation, created_by=rosa,
                            kind="reflection_period", outcome="pending", applied_on=date(2026, 2, 1))
    client.force_login(rosa)
    _erase(client, case)
    assert Case.objects.filter(pk=case.pk).exists()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "pending decision" in client.get(f"/dataprotection/cases/{case.pk}/").content.decode()


def test_erasure_needs_the_confirmation_and_the_role(client: Client, make_user: Any, rosa: Any,
                                                     referred_case: Any) -> None:
    client.force_login(rosa)
    client.post(f"/dataprotection/cases/{referred_case.pk}/erase/", {})
    client.force_login(make_user("rosa-1", roles=["first_line"], org="rosa"))
    assert _erase(client, referred_case).status_code == 403
    assert Case.objects.filter(pk=referred_case.pk).exists()


def test_what_the_organisation_added_to_another_organisations_case_goes_too(
        client: Client, rosa: Any, police: Any) -> None:
    police_case = make_case(police)
    Referral.objects.create(case=police_case, from_organisation=police.organisation,
                            to_organisation=rosa.organisation, purpose="housing", status="accepted",
                            legal_basis="duty_to_avert", sent_by=police)
    own = make_case(rosa)
    own.person = police_case.person  # the same person registration in both cases
    own.save()
    Measure.objects.create(case=police_case, organisation=rosa.organisation, created_by=rosa, kind="housing",
                           start=date(2026, 1, 7), end=date(2026, 2, 1))
    kept = Measure.objects.create(case=police_case, organisation=police.organisation, created_by=police,
                                  kind="interpreter", start=date(2026, 1, 7), end=date(2026, 1, 7))
    client.force_login(rosa)
    _erase(client, own)
    assert list(Measure.objects.all()) == [kept]
    assert Person.objects.filter(pk=police_case.person_id).exists()  # the police's case still refers to it
    assert not Case.objects.filter(pk=own.pk).exists()


def test_erased_cases_leave_the_next_statistics_extract(client: Client, rosa: Any, make_user: Any,
                                                        referred_case: Any) -> None:
    from henvis.apps.statistics.models import PersonExtract
    from henvis.stats.persons import pseudonymised_extract
    from henvis.synthetic import generate

    reference = referred_case.reference
    client.force_login(rosa)
    _erase(client, referred_case)
    regs = generate(persons=60, seed=3).registrations
    extract = pseudonymised_extract(regs)
    extract.loc[0, ["source", "record_id"]] = ["rosa", reference]
    clusters = pd.DataFrame({"record_id": extract["record_id"], "source": extract["source"],
                             "person_id": range(len(extract)), "match_probability": 1.0})
    analyst = make_user("analytiker", roles=["analyst"], org="kom")
    client.force_login(analyst)
    response = client.post("/statistics/imports/", {
        "kind": "extract", "extract-label": "after erasure",
        "extract-extract": SimpleUploadedFile("e.csv", extract.to_csv(index=False).encode(), "text/csv"),
        "extract-clusters": SimpleUploadedFile("c.csv", clusters.to_csv(index=False).encode(), "text/csv"),
    })
    assert response.status_code in (200, 302)
    stored = PersonExtract.objects.get()
    assert stored.records == len(extract) - 1
    stored_rows = pd.read_csv(io.StringIO(stored.extract_csv), dtype=str)
    assert reference not in set(stored_rows["record_id"])
    assert reference not in stored.clusters_csv


def test_drop_erased_leaves_other_organisations_rows_with_the_same_reference(rosa: Any, referred_case: Any) -> None:
    Tombstone.objects.create(object_type="case", object_id="1", organisation=rosa.organisation,
                             reference="HV-2026-000001", reason="request")
    text = "record_id,source,year\nHV-2026-000001,rosa,2026\nHV-2026-000001,politi-oslo,2026\nX,rosa,2026\n"
    [extract, _c, _p], dropped = drop_erased(text)
    assert dropped == 1
    assert extract.splitlines()[1:] == ["HV-2026-000001,politi-oslo,2026", "X,rosa,2026"]


def test_a_new_record_with_an_erased_records_id_does_not_inherit_its_audit_entries(
        client: Client, rosa: Any, police: Any) -> None:
    """SQLite may give an erased row's id to the next one; the tombstone's time keeps the
    erased person's audit entries out of the new person's access document."""
    import json

    from henvis.apps.audit.log import record

    old = make_case(rosa)
    record("person.read", user=police, object_type="person", object_id=old.person_id)
    person_id, case_id = old.person_id, old.pk
    client.force_login(rosa)
    _erase(client, old)
    new_person = Person(pk=person_id, organisation=rosa.organisation, given_names="Maria", family_name="Ionescu")
    new_person.save()
    new = Case.objects.create(pk=case_id, person=new_person, organisation=rosa.organisation, created_by=rosa,
                              opened=date(2026, 3, 1))
    record("person.read", user=rosa, object_type="person", object_id=person_id)
    report = json.loads(client.post(f"/dataprotection/cases/{new.pk}/access/",
                                    {"format": "json", "language": "en"}).content)
    person_reads = [r for r in report["reads"] if r["record"] == f"person #{person_id}"]
    assert [r["organisation"] for r in person_reads] == [rosa.organisation.in_language("name", "en")]


def test_an_open_return_procedure_stops_erasure_and_a_closed_one_goes_with_the_case(
        client: Client, rosa: Any, police: Any) -> None:
    """A removal may be held on an open asylum or return procedure (issue 18): while it is
    open nothing is erased; once closed it is erased with the case, its screening first
    (the screening protects the referral it sent)."""
    from henvis.apps.removals.models import Outcome, Procedure, ProcedureScreening

    case = make_case(rosa)
    referral = Referral.objects.create(case=case, from_organisation=police.organisation,
                                       to_organisation=rosa.organisation, purpose="housing", status="completed",
                                       legal_basis="duty_to_avert", sent_by=police)
    procedure = Procedure.objects.create(case=case, organisation=police.organisation, kind="return",
                                         created_by=police)
    ProcedureScreening.objects.create(procedure=procedure, indicators=[], outcome=Outcome.REFER,
                                      referral=referral, created_by=police)
    client.force_login(rosa)
    _erase(client, case)
    assert Case.objects.filter(pk=case.pk).exists()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "procedure still open" in client.get(f"/dataprotection/cases/{case.pk}/").content.decode()
    Procedure.objects.filter(pk=procedure.pk).update(closed=date(2026, 3, 1))
    assert _erase(client, case).status_code == 302
    assert not Case.objects.filter(pk=case.pk).exists()
    assert not Procedure.objects.filter(pk=procedure.pk).exists()
    assert ("procedure", str(procedure.pk)) in set(Tombstone.objects.values_list("object_type", "object_id"))


def test_erasure_names_the_contact_points_abroad_that_were_sent_a_file(
        client: Client, rosa: Any, referred_case: Any) -> None:
    """A referral file sent abroad (with the name, under the consent) left Henvis by another
    channel: Henvis cannot notify that receiver, so the erasure tells the user whom to
    inform (art. 19), and the audit counts them without naming the person."""
    import uuid

    from henvis.apps.referrals.models import CrossBorderConsent, CrossBorderExport

    sent = CrossBorderConsent.objects.create(case=referred_case, organisation=rosa.organisation, country="SE",
                                             contact_point="se-jamy", includes_name=True, created_by=rosa)
    CrossBorderExport.objects.create(consent=sent, file_id=uuid.uuid4(), digest="0" * 64, exported_by=rosa)
    CrossBorderConsent.objects.create(case=referred_case, organisation=rosa.organisation, country="DK",
                                      contact_point="dk-cmm", created_by=rosa)  # consented, never sent
    client.force_login(rosa)
    response = client.post(f"/dataprotection/cases/{referred_case.pk}/erase/", {"confirm": "on"}, follow=True)
    page = response.content.decode()
    assert "Jämställdhetsmyndigheten" in page
    assert "Center mod Menneskehandel" not in page
    assert not CrossBorderConsent.objects.exists()
    assert AuditEntry.objects.get(action="dataprotection.erasure").detail.endswith("abroad=1")
    assert verify().ok
