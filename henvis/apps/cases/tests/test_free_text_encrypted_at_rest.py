"""Free text about a person outside the person record is encrypted at rest too: the
offence a person is suspected of (non-punishment), what a consent lets be shared, why a
referral was declined, why a case was handed over, the name of another provider of a
measure (where the person may be found) and the sentence in a criminal proceeding. A plaintext value written before
the encryption is encrypted in place by the migration."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client

from henvis.apps.cases.models import CriminalProceeding, Measure, NonPunishmentAssessment
from henvis.apps.cases.tests.factories import make_case
from henvis.apps.cases.tests.test_database_dump import dump_database
from henvis.apps.referrals.models import Consent, OwnershipTransfer, Referral

pytestmark = pytest.mark.django_db

OFFENCE = "Tyveri fra Rema 1000 Grønland"
SCOPE = "Bare adressen hos tante Folasade"
DECLINE = "Hun er gravid i sjette måned"
TRANSFER = "Flyttet til Bergen sammen med datteren"
PROVIDER = "Krisesenteret i Drammen, Tordenskiolds gate"
SENTENCE = "Fengsel i fire år og seks måneder"
MEASURE = {"kind": "legal_aid", "provider": "", "provider_name": PROVIDER, "start": "2026-02-01", "end": "",
           "legal_aid_hours": "3", "extension_granted": "", "risk_assessed_on": ""}
PROCEEDING = {"police_district": "", "reported_on": "2026-02-01", "provision": "257", "exploitation_form": "sexual",
              "stage": "judgment", "indicted_on": "2026-03-01", "court_level": "district", "verdict": "conviction",
              "judgment_on": "2026-05-01", "final": "", "sentence": SENTENCE, "compensation_awarded": ""}


def _record_provider_and_sentence(client: Client, case: Any) -> None:
    assert client.post(f"/cases/{case.pk}/measures/new/", MEASURE).status_code == 302
    assert client.post(f"/cases/{case.pk}/proceedings/new/", PROCEEDING).status_code == 302


def test_free_text_about_the_person_is_not_in_the_database_dump(
    client: Client, make_user: Any, organisations: Any,
) -> None:
    police = make_user("politi", roles=["first_line", "coordinator"], org="politi-oslo")
    rosa = make_user("rosa", roles=["coordinator"], org="rosa")
    case = make_case(police)
    client.force_login(police)
    client.post(f"/cases/{case.pk}/non-punishment/new/", {"assessed_on": "2026-03-01", "offence": OFFENCE,
                                                          "outcome": "pending"})
    client.post(f"/cases/{case.pk}/consents/new/", {"given_to": rosa.organisation.pk, "given_on": "2026-03-01",
                                                    "form": "written", "scope": SCOPE})
    consent = Consent.objects.get()
    client.post(f"/cases/{case.pk}/refer/", {"to_organisation": rosa.organisation.pk, "purpose": "housing",
                                             "legal_basis": "consent", "consent": consent.pk, "message": ""})
    referral = Referral.objects.get()
    client.force_login(rosa)
    client.post(f"/referrals/{referral.pk}/answer/", {"action": "decline", "reason": DECLINE})
    nav = organisations.get(slug="nav-htso")
    nav_consent = Consent.objects.create(case=case, organisation=police.organisation, given_to=nav, created_by=police)
    client.force_login(police)
    _record_provider_and_sentence(client, case)
    client.post(f"/cases/{case.pk}/transfer/", {"to_organisation": nav.pk, "legal_basis": "consent",
                                                "consent": nav_consent.pk, "reason": TRANSFER})

    # everything was stored, and reads back as entered
    assert NonPunishmentAssessment.objects.get().offence == OFFENCE
    assert Consent.objects.get(pk=consent.pk).scope == SCOPE
    assert Referral.objects.get().decline_reason == DECLINE
    assert OwnershipTransfer.objects.get().reason == TRANSFER
    assert Measure.objects.get().provider_name == PROVIDER
    assert CriminalProceeding.objects.get().sentence == SENTENCE
    dump = dump_database().lower()
    assert [t for t in (OFFENCE, SCOPE, DECLINE, TRANSFER, PROVIDER, SENTENCE) if t.lower() in dump] == []
    assert [t for t in ("rema 1000", "folasade", "gravid", "bergen sammen", "drammen", "seks måneder") if t in dump] == []


def _run_twice(migration_name: str) -> None:
    """The migration's in-place encryption, run twice (the second run must change nothing)."""
    from importlib import import_module

    class SchemaEditor:  # all that encrypt_existing uses of Django's schema editor
        pass

    editor = SchemaEditor()
    editor.connection = connection  # type: ignore[attr-defined]
    migration = import_module(f"henvis.apps.cases.migrations.{migration_name}")
    migration.encrypt_existing(None, editor)
    migration.encrypt_existing(None, editor)


def test_migration_encrypts_values_written_in_plaintext(make_user: Any) -> None:
    police = make_user("politi", roles=["first_line"], org="politi-oslo")
    assessment = NonPunishmentAssessment.objects.create(case=make_case(police), organisation=police.organisation,
                                                        created_by=police, assessed_on="2026-03-01")
    with connection.cursor() as cursor:  # as an older version stored it
        cursor.execute("UPDATE cases_nonpunishmentassessment SET offence = %s WHERE id = %s", [OFFENCE, assessment.pk])
    _run_twice("0002_encrypt_offence")
    assert NonPunishmentAssessment.objects.get().offence == OFFENCE
    assert OFFENCE.lower() not in dump_database().lower()


def test_migration_encrypts_provider_and_sentence_written_in_plaintext(client: Client, make_user: Any) -> None:
    police = make_user("politi", roles=["first_line", "coordinator"], org="politi-oslo")
    case = make_case(police)
    client.force_login(police)
    _record_provider_and_sentence(client, case)
    with connection.cursor() as cursor:  # as an older version stored them
        cursor.execute("UPDATE cases_measure SET provider_name = %s", [PROVIDER])
        cursor.execute("UPDATE cases_criminalproceeding SET sentence = %s", [SENTENCE])
    assert PROVIDER.lower() in dump_database().lower()
    _run_twice("0004_encrypt_provider_and_sentence")
    assert Measure.objects.get().provider_name == PROVIDER
    assert CriminalProceeding.objects.get().sentence == SENTENCE
    dump = dump_database().lower()
    assert PROVIDER.lower() not in dump and SENTENCE.lower() not in dump
