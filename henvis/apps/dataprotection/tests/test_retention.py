"""The retention job: closed cases past their period go (dry run first), nothing goes
while a legal hold applies, and a report says what went."""

from __future__ import annotations

import io
import json
from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from henvis.apps.audit.log import record, verify
from henvis.apps.audit.models import AuditEntry
from henvis.apps.cases.models import Case, CriminalProceeding, Decision, Measure, Person, Screening
from henvis.apps.cases.tests.factories import make_case
from henvis.apps.dataprotection.models import RetentionRun, Tombstone
from henvis.apps.dataprotection.policy import DEFAULTS, retention_days
from henvis.apps.referrals.models import Referral

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _closed(user: Any, days_ago: int, **kw: Any) -> Case:
    return make_case(user, status="closed", closed=TODAY - timedelta(days=days_ago),
                     opened=TODAY - timedelta(days=days_ago + 30), **kw)


def _run(*args: str) -> dict[str, Any]:
    out = io.StringIO()
    call_command("apply_retention", "--json", *args, stdout=out)
    return json.loads(out.getvalue())  # type: ignore[no-any-return]


@pytest.fixture
def short(settings: Any) -> Any:
    settings.HENVIS_RETENTION = {**settings.HENVIS_RETENTION, "case": 30, "screening_unattached": 7}
    return settings


def test_dry_run_lists_what_would_go_and_deletes_nothing(short: Any, rosa: Any) -> None:
    old = _closed(rosa, 31)
    recent = _closed(rosa, 29)
    report = _run("--dry-run")
    assert [(i["kind"], i["case"]) for i in report["items"]] == [("case", old.reference)]
    assert Case.objects.filter(pk__in=[old.pk, recent.pk]).count() == 2
    assert RetentionRun.objects.get().dry_run


def test_run_deletes_closed_cases_past_their_period_and_reports_them(short: Any, rosa: Any) -> None:
    old = _closed(rosa, 31)
    Measure.objects.create(case=old, organisation=rosa.organisation, created_by=rosa, kind="housing",
                           start=TODAY - timedelta(days=200), end=TODAY - timedelta(days=60))
    recent = _closed(rosa, 29)
    open_case = make_case(rosa)
    person_id = old.person_id
    record("case.read", user=rosa, object_type="case", object_id=old.pk)
    report = _run()
    assert [i["case"] for i in report["deleted"]] == [old.reference]
    assert report["persons_deleted"] == 1
    assert not Case.objects.filter(pk=old.pk).exists() and not Person.objects.filter(pk=person_id).exists()
    assert not Measure.objects.exists()
    assert set(Case.objects.values_list("pk", flat=True)) == {recent.pk, open_case.pk}
    assert Tombstone.objects.filter(object_type="case", object_id=str(old.pk), reason="retention",
                                    reference=old.reference).exists()
    assert Tombstone.objects.filter(object_type="person", object_id=str(person_id)).exists()
    assert verify().ok  # the audit entries about the deleted case keep their hashes


def test_text_report(short: Any, rosa: Any) -> None:
    old = _closed(rosa, 40)
    out = io.StringIO()
    call_command("apply_retention", "--dry-run", stdout=out)
    assert "would delete 1 record(s)" in out.getvalue() and old.reference in out.getvalue()
    assert "Popescu" not in out.getvalue() and "Ana" not in out.getvalue()


@pytest.mark.parametrize("hold", ["open criminal case", "pending decision", "measure still running",
                                  "referral still open"])
def test_nothing_goes_while_a_legal_hold_applies(short: Any, rosa: Any, police: Any, hold: str) -> None:
    case = _closed(rosa, 400)
    if hold == "open criminal case":
        CriminalProceeding.objects.create(case=case, organisation=police.organisation, created_by=police,
                                          stage="investigation", reported_on=TODAY - timedelta(days=500))
    elif hold == "pending decision":
        Decision.objects.create(case=case, organisation=rosa.organisation, created_by=rosa,
                                kind="reflection_period", outcome="pending")
    elif hold == "measure still running":
        Measure.objects.create(case=case, organisation=rosa.organisation, created_by=rosa, kind="housing",
                               start=TODAY - timedelta(days=500), end=TODAY + timedelta(days=3))
    else:
        Referral.objects.create(case=case, from_organisation=rosa.organisation, to_organisation=police.organisation,
                                purpose="police_report", status="sent", legal_basis="duty_to_avert", sent_by=rosa)
    report = _run()
    assert report["deleted"] == []
    assert report["held"] == [{"case": case.reference, "organisation": "rosa", "holds": [hold]}]
    assert Case.objects.filter(pk=case.pk).exists()


def test_a_final_judgment_is_no_hold(short: Any, rosa: Any, police: Any) -> None:
    case = _closed(rosa, 400)
    CriminalProceeding.objects.create(case=case, organisation=police.organisation, created_by=police,
                                      stage="judgment", final=True, judgment_on=TODAY - timedelta(days=100))
    assert [i["case"] for i in _run()["deleted"]] == [case.reference]


def test_unattached_screenings_go_after_their_period(short: Any, rosa: Any) -> None:
    old = Screening.objects.create(organisation=rosa.organisation, created_by=rosa, data={"answers": []},
                                   created=timezone.now() - timedelta(days=8))
    new = Screening.objects.create(organisation=rosa.organisation, created_by=rosa, data={},
                                   created=timezone.now() - timedelta(days=6))
    attached = Screening.objects.create(case=make_case(rosa), organisation=rosa.organisation, created_by=rosa,
                                        data={}, created=timezone.now() - timedelta(days=800))
    report = _run()
    assert [(i["kind"], i["number"]) for i in report["deleted"]] == [("screening_unattached", old.pk)]
    assert set(Screening.objects.values_list("pk", flat=True)) == {new.pk, attached.pk}


def test_records_past_their_own_period_go_from_a_case_that_stays(settings: Any, rosa: Any, police: Any) -> None:
    settings.HENVIS_RETENTION = {**settings.HENVIS_RETENTION, "referral": 10}
    case = make_case(rosa)
    old = Referral.objects.create(case=case, from_organisation=rosa.organisation, to_organisation=police.organisation,
                                  purpose="police_report", status="declined", legal_basis="duty_to_avert",
                                  sent_by=rosa, answered=timezone.now() - timedelta(days=11))
    recent = Referral.objects.create(case=case, from_organisation=rosa.organisation,
                                     to_organisation=police.organisation, purpose="police_report", status="completed",
                                     legal_basis="duty_to_avert", sent_by=rosa,
                                     answered=timezone.now() - timedelta(days=9))
    report = _run()
    assert [(i["kind"], i["number"]) for i in report["deleted"]] == [("referral", old.pk)]
    assert list(Referral.objects.values_list("pk", flat=True)) == [recent.pk]
    assert Case.objects.filter(pk=case.pk).exists()


def test_defaults_are_documented_and_overridable() -> None:
    assert set(DEFAULTS) == {"screening_unattached", "case", "referral", "consent", "measure", "decision",
                             "criminal_case", "contact_unlinked", "audit_entry"}
    assert all(p.reason and p.days > 0 for p in DEFAULTS.values())
    days = retention_days("case=30, screening_unattached=7")
    assert days["case"] == 30 and days["screening_unattached"] == 7 and days["audit_entry"] == DEFAULTS[
        "audit_entry"].days
    with pytest.raises(ValueError, match="unknown kind"):
        retention_days("cases=3")
    with pytest.raises(ValueError, match="whole number"):
        retention_days("case=-1")


def test_the_runs_are_audited(short: Any, rosa: Any) -> None:
    from henvis.apps.audit.models import AuditEntry

    _closed(rosa, 31)
    _run("--dry-run")
    _run()
    assert list(AuditEntry.objects.filter(action__startswith="dataprotection.retention")
                .values_list("action", flat=True)) == ["dataprotection.retention_dry_run",
                                                       "dataprotection.retention"]


def test_old_audit_entries_are_pruned_and_the_chain_still_verifies(settings: Any, rosa: Any) -> None:
    # Intended change (#23): entries past their period were only counted before.
    settings.HENVIS_RETENTION = {**settings.HENVIS_RETENTION, "audit_entry": 0}
    record("case.read", user=rosa, object_type="case", object_id=1)
    dry = _run("--dry-run")
    assert dry["audit_entries_due"] >= 1
    assert dry["audit_entries_prunable"] == dry["audit_entries_due"]
    assert AuditEntry.objects.filter(action="case.read", object_id="1").exists()
    report = _run()
    assert report["audit_entries_due"] >= 1
    assert report["audit_entries_pruned"] >= report["audit_entries_due"] and not report["audit_prune_refused"]
    assert not AuditEntry.objects.filter(action="case.read", object_id="1").exists()
    assert verify().ok


def test_a_withdrawn_consent_a_kept_referral_rests_on_stays(settings: Any, rosa: Any, police: Any) -> None:
    from henvis.apps.referrals.models import Consent

    settings.HENVIS_RETENTION = {**settings.HENVIS_RETENTION, "consent": 10}
    case = make_case(rosa)
    consent = Consent.objects.create(case=case, organisation=rosa.organisation, given_to=police.organisation,
                                     given_on=TODAY - timedelta(days=40), withdrawn_on=TODAY - timedelta(days=20),
                                     created_by=rosa)
    Referral.objects.create(case=case, from_organisation=rosa.organisation, to_organisation=police.organisation,
                            purpose="police_report", status="revoked", legal_basis="consent", consent=consent,
                            sent_by=rosa, answered=timezone.now() - timedelta(days=20))
    report = _run()
    assert report["deleted"] == []
    assert [(k["kind"], k["number"], k["why"]) for k in report["kept"]] == [
        ("consent", consent.pk, "another record refers to it")]
    assert Consent.objects.filter(pk=consent.pk).exists()


def test_unlinked_anonymous_contacts_go_after_their_period_and_linked_ones_stay(settings: Any, rosa: Any) -> None:
    from henvis.apps.contacts.models import Contact

    settings.HENVIS_RETENTION = {**settings.HENVIS_RETENTION, "contact_unlinked": 100}

    def contact(days_ago: int, case: Any = None) -> Any:
        return Contact.objects.create(organisation=rosa.organisation, contact_date=TODAY - timedelta(days=days_ago),
                                      caller_kind="person", created_by=rosa, case=case)

    old, recent = contact(101), contact(99)
    linked = contact(400, case=make_case(rosa))
    assert [(i["kind"], i["number"]) for i in _run("--dry-run")["items"]] == [("contact_unlinked", old.pk)]
    report = _run()
    assert [(i["kind"], i["number"]) for i in report["deleted"]] == [("contact_unlinked", old.pk)]
    assert set(Contact.objects.values_list("pk", flat=True)) == {recent.pk, linked.pk}
    assert Tombstone.objects.filter(object_id=str(old.pk)).exists()
