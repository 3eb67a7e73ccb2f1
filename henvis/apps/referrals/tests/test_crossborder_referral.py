"""Cross-border referral (issue 18 item 4): two instances with different Ed25519 keys (a
Norwegian and a Swedish Henvis, simulated in one database by switching settings) export,
import and answer a referral; bad files are refused by name and store nothing."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings

from henvis.apps.audit.models import AuditEntry
from henvis.apps.cases.models import Case, Measure, Screening
from henvis.apps.cases.tests.factories import make_case
from henvis.apps.referrals import crossborder_file as cbf
from henvis.apps.referrals.models import CrossBorderConsent, CrossBorderImport, Referral
from henvis.catalogue.load import load_catalogue

pytestmark = pytest.mark.django_db


def _key() -> tuple[str, str]:
    key = Ed25519PrivateKey.generate()
    raw = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    return base64.b64encode(raw).decode(), cbf.public_key_text(key)


NO_PRIVATE, NO_PUBLIC = _key()
SE_PRIVATE, SE_PUBLIC = _key()
NORWAY = {"HENVIS_CROSSBORDER_INSTANCE": "henvis-no", "HENVIS_CROSSBORDER_COUNTRY": "NO",
          "HENVIS_CROSSBORDER_SIGNING_KEY": NO_PRIVATE, "HENVIS_CROSSBORDER_PARTNERS": {"henvis-se": SE_PUBLIC}}
SWEDEN = {"HENVIS_CROSSBORDER_INSTANCE": "henvis-se", "HENVIS_CROSSBORDER_COUNTRY": "SE",
          "HENVIS_CROSSBORDER_SIGNING_KEY": SE_PRIVATE, "HENVIS_CROSSBORDER_PARTNERS": {"henvis-no": NO_PUBLIC}}


def _case_with_facts(police: Any) -> Case:
    case = make_case(police, given="Ana", family="Popescu", birth="1994-03-02", precision="exact",
                     exploitation_forms=["labour"])
    indicator = load_catalogue().indicators[0]
    Screening.objects.create(case=case, organisation=police.organisation, created_by=police,
                             data={"indicators": [indicator.id]})
    Measure.objects.create(case=case, organisation=police.organisation, created_by=police, kind="housing",
                           start=case.opened)
    return case


def _export(client: Client, police: Any, case: Case, *, name: bool, birth: bool) -> bytes:
    client.force_login(police)
    data = {"contact_point": "se-jamy", "given_on": "2026-01-10", "form": "written", "cross_border": "on"}
    if name:
        data["includes_name"] = "on"
    if birth:
        data["includes_birth_date"] = "on"
    response = client.post(f"/cases/{case.pk}/abroad/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    consent = CrossBorderConsent.objects.get(case=case)
    response = client.post(f"/referrals/abroad/consents/{consent.pk}/export/", {"format": "json"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.content


def _import(client: Client, user: Any, data: bytes) -> Any:
    client.force_login(user)
    return client.post("/referrals/abroad/import/", {"file": SimpleUploadedFile("r.json", data, "application/json")})


def test_two_instances_export_import_and_answer(client: Client, police: Any, rosa: Any) -> None:
    case = _case_with_facts(police)
    with override_settings(**NORWAY):
        data = _export(client, police, case, name=False, birth=False)
    document = json.loads(data)
    assert cbf.schema_errors(document) == []
    payload = document["payload"]
    # No more identity than the consent covers.
    assert "given_names" not in payload["person"] and "birth" not in payload["person"]
    assert "Popescu" not in data.decode()
    assert [f["code"] for f in payload["exploitation_forms"]] == ["labour"]
    assert [n["code"] for n in payload["needs"]] == ["housing"]
    assert payload["indicators"][0]["code"] == load_catalogue().indicators[0].id
    assert payload["consent"]["cross_border_transfer"] is True
    assert AuditEntry.objects.filter(action="crossborder_consent.create").exists()
    assert AuditEntry.objects.filter(action="crossborder.export").exists()

    with override_settings(**SWEDEN):
        response = _import(client, rosa, data)
        assert response.status_code == 302, response.content.decode()[:3000]
        referral = Referral.objects.get(to_organisation=rosa.organisation)
        assert referral.status == "sent"
        assert referral.from_organisation.slug == "abroad-henvis-no"
        assert not referral.from_organisation.active
        # referred from abroad, not identified here by screening (the case's default)
        assert (referral.case.identified_how, referral.case.identified_by_kind) == ("referral", "international")
        inbox = client.get("/referrals/")
        assert referral.case.reference in inbox.content.decode()
        detail = client.get(f"/referrals/{referral.pk}/").content.decode()
        assert "from-abroad" in detail
        response = client.post(f"/referrals/{referral.pk}/answer/", {"action": "accept"})
        assert response.status_code == 302
        referral.refresh_from_db()
        assert referral.status == "accepted"
        assert client.get(f"/cases/{referral.case_id}/").status_code == 200
        # The same file is not imported twice.
        response = _import(client, rosa, data)
        assert response.status_code == 200
        assert CrossBorderImport.objects.count() == 1
    assert AuditEntry.objects.filter(action="referral.crossborder_import").count() == 1


def test_the_name_and_birth_date_go_only_when_the_consent_covers_them(client: Client, police: Any) -> None:
    case = _case_with_facts(police)
    with override_settings(**NORWAY):
        payload = json.loads(_export(client, police, case, name=True, birth=True))["payload"]
        assert payload["person"]["given_names"] == "Ana" and payload["person"]["birth"] == "1994-03-02"
        consent = CrossBorderConsent.objects.get(case=case)
        pdf = client.post(f"/referrals/abroad/consents/{consent.pk}/export/", {"format": "pdf"})
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


@pytest.mark.parametrize("spoil, words_nb, words_en", [
    ("tamper", "Signaturen stemmer ikke", "The signature does not match"),
    ("unknown", "ikke er en konfigurert partner", "not a configured partner"),
    ("schema", "følger ikke skjemaet", "does not follow the cross-border referral schema"),
    ("json", "ikke et JSON-dokument", "not a JSON document"),
    ("large", "større enn", "larger than"),
    ("country", "adressert til et annet land", "addressed to another country"),
])
def test_bad_files_are_refused_by_name_and_store_nothing(
    client: Client, police: Any, rosa: Any, spoil: str, words_nb: str, words_en: str,
) -> None:
    case = _case_with_facts(police)
    with override_settings(**NORWAY):
        data = _export(client, police, case, name=False, birth=False)
    document = json.loads(data)
    receiving: dict[str, Any] = dict(SWEDEN)
    if spoil == "tamper":
        document["payload"]["needs"] = []
        data = cbf.dumps(document)
    elif spoil == "unknown":
        receiving["HENVIS_CROSSBORDER_PARTNERS"] = {}
    elif spoil == "schema":
        document["payload"]["person"]["given_names"] = "Ana"  # beyond what the consent covers
        data = cbf.dumps(document)
    elif spoil == "json":
        data = b"not json"
    elif spoil == "large":
        receiving["HENVIS_CROSSBORDER_MAX_BYTES"] = 100
    elif spoil == "country":
        receiving["HENVIS_CROSSBORDER_COUNTRY"] = "FI"
    cases, referrals = Case.objects.count(), Referral.objects.count()
    with override_settings(**receiving):
        response = _import(client, rosa, data)
        assert response.status_code == 200
        assert words_nb in response.content.decode(), response.content.decode()[response.content.decode().find("<main"):][:3000]
        client.post("/i18n/setlang/", {"language": "en", "next": "/"})
        response = _import(client, rosa, data)
        assert words_en in response.content.decode()
    assert (Case.objects.count(), Referral.objects.count()) == (cases, referrals)
    assert not CrossBorderImport.objects.exists()


def test_only_the_owner_may_refer_abroad(client: Client, police: Any, rosa: Any) -> None:
    case = _case_with_facts(police)
    client.force_login(rosa)
    assert client.get(f"/cases/{case.pk}/abroad/").status_code in (403, 404)


def test_a_withdrawn_consent_exports_nothing(client: Client, police: Any) -> None:
    case = _case_with_facts(police)
    with override_settings(**NORWAY):
        _export(client, police, case, name=False, birth=False)
        consent = CrossBorderConsent.objects.get(case=case)
        client.post(f"/referrals/abroad/consents/{consent.pk}/withdraw/")
        response = client.post(f"/referrals/abroad/consents/{consent.pk}/export/", {"format": "json"})
        assert response.status_code == 302
    assert consent.exports.count() == 1


def test_without_a_signing_key_the_export_says_so_and_sends_nothing(client: Client, police: Any) -> None:
    case = _case_with_facts(police)
    with override_settings(**NORWAY):
        _export(client, police, case, name=False, birth=False)
        consent = CrossBorderConsent.objects.get(case=case)
    with override_settings(**{**NORWAY, "HENVIS_CROSSBORDER_SIGNING_KEY": ""}):
        response = client.post(f"/referrals/abroad/consents/{consent.pk}/export/", {"format": "json"}, follow=True)
    assert response.status_code == 200
    assert "HENVIS_CROSSBORDER_SIGNING_KEY" in response.content.decode()
    assert consent.exports.count() == 1  # only the first, signed export


def test_every_contact_point_cites_a_source_and_names_what_is_missing() -> None:
    from henvis.apps.referrals.crossborder import mechanisms_data

    data = mechanisms_data()
    countries = {m["country"] for m in data["mechanisms"]}
    assert {"SE", "DK", "FI", "IS", "EE", "LV", "LT"} <= countries
    for m in data["mechanisms"]:
        assert m["sources"] and all(s["url"] and s["retrieved"] for s in m["sources"])
        for field in ("phone", "email", "web"):
            if not m[field]:
                assert field in m["not_found"], (m["id"], field)


def test_every_country_is_a_two_letter_code_and_norway_is_not_offered_abroad_from_norway(
    client: Client, police: Any,
) -> None:
    """YAML 1.1 reads a bare ``NO`` as false: Norway's own contact point (KOM) was then
    offered as a receiver "abroad" from a Norwegian instance, with no country name."""
    from henvis.apps.referrals.crossborder import mechanisms_data

    for m in mechanisms_data()["mechanisms"]:
        assert isinstance(m["country"], str) and len(m["country"]) == 2 and m["country"].isupper(), m["id"]
    case = make_case(police)
    client.force_login(police)
    with override_settings(**NORWAY):
        page = client.get(f"/cases/{case.pk}/abroad/").content.decode()
    assert 'value="no-kom"' not in page
    assert 'value="se-jamy"' in page
