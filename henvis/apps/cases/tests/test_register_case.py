"""A first-line worker registers a person and opens a case over HTTP."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from henvis.apps.audit.models import AuditEntry
from henvis.apps.cases.models import Case, Person

pytestmark = pytest.mark.django_db

PERSON = {
    "given_names": "Ana Maria", "family_name": "Popescu", "aliases": "Anna Popesku", "birth_precision": "year",
    "birth_year": "1994", "sex": "female", "citizenships": "RO", "national_id": "", "duf_number": "",
    "contact": "", "children": "", "birth_date": "", "birth_year_to": "",
}
CASE = {
    "status": "concern", "opened": "2026-03-02", "exploitation_forms": ["sexual"], "arenas": ["prostitution"],
    "place_kind": "norway", "municipality": "Oslo", "police_district": "", "country": "",
    "identified_how": "screening", "identified_by_kind": "police_district",
}


def test_first_line_worker_opens_a_case(client: Client, make_user: Any) -> None:
    user = make_user("politi", roles=["first_line"], org="politi-oslo")
    client.force_login(user)
    response = client.post("/cases/new/", {**PERSON, **CASE})
    assert response.status_code == 302
    case = Case.objects.get()
    assert response["Location"] == f"/cases/{case.pk}/"
    assert case.organisation == user.organisation and case.person.given_names == "Ana Maria"
    assert case.exploitation_forms == ["sexual"] and case.person.birth == "1994"
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "Ana Maria Popescu" in page and case.reference in page
    actions = list(AuditEntry.objects.filter(actor="politi").values_list("action", "object_type", "object_id"))
    assert ("case.create", "case", str(case.pk)) in actions
    assert ("case.read", "case", str(case.pk)) in actions
    # No personal value ever reaches the audit log.
    assert not AuditEntry.objects.filter(detail__icontains="popescu").exists()


def test_invalid_identity_number_is_refused_with_the_field_named(client: Client, make_user: Any) -> None:
    client.force_login(make_user("politi", roles=["first_line"], org="politi-oslo"))
    response = client.post("/cases/new/", {**PERSON, **CASE, "national_id": "12345678901"})
    assert response.status_code == 200
    assert "national_id" in response.context["person_form"].errors
    assert not Person.objects.exists()


@pytest.mark.parametrize(("accept", "saved"), [(True, True), (False, False)])
def test_test_registry_numbers_only_where_accepted(
    client: Client, make_user: Any, settings: Any, accept: bool, saved: bool
) -> None:
    from henvis.apps.cases.identity_numbers import control_digits

    settings.HENVIS_ACCEPT_SYNTHETIC_IDS = accept
    first_nine = next(f"15{m}94{i:03d}" for m in ("87",) for i in range(100, 999) if control_digits(f"15{m}94{i:03d}"))
    client.force_login(make_user("politi", roles=["first_line"], org="politi-oslo"))
    response = client.post("/cases/new/", {**PERSON, **CASE, "national_id": first_nine + str(control_digits(first_nine))})
    assert Person.objects.exists() is saved
    if not saved:
        assert "national_id" in response.context["person_form"].errors


def test_abroad_needs_a_country(client: Client, make_user: Any) -> None:
    client.force_login(make_user("politi", roles=["first_line"], org="politi-oslo"))
    response = client.post("/cases/new/", {**PERSON, **CASE, "place_kind": "abroad"})
    assert "country" in response.context["case_form"].errors
    assert not Case.objects.exists() and not Person.objects.exists()


def test_org_admin_reads_but_cannot_register(client: Client, make_user: Any) -> None:
    client.force_login(make_user("admin", roles=["org_admin"], org="politi-oslo"))
    assert client.get("/cases/").status_code == 200
    assert client.post("/cases/new/", {**PERSON, **CASE}).status_code == 403
    assert not Case.objects.exists()


# The untouched form as the browser posts it: only the fields with a default.
UNTOUCHED = {"birth_precision": "unknown", "sex": "unknown", "status": "concern", "opened": "2026-03-02",
             "place_kind": "norway", "identified_how": "screening", "identified_by_kind": "police_district"}


def test_an_empty_form_saves_nothing_and_says_what_a_case_needs(client: Client, make_user: Any) -> None:
    client.force_login(make_user("politi", roles=["first_line"], org="politi-oslo"))
    response = client.post("/cases/new/", UNTOUCHED)
    assert response.status_code == 200 and not Person.objects.exists() and not Case.objects.exists()
    assert list(response.context["person_form"].errors) == ["given_names"]
    assert list(response.context["case_form"].errors) == ["exploitation_forms"]
    html = response.content.decode()
    assert "Oppgi et navn, et alias eller et identitetsnummer, eller kryss av for «Identitet ikke kjent»." in html
    assert "Velg utnyttelsesformen det er mistanke om, eller «Ikke kjent»." in html


def test_what_was_typed_is_kept_when_the_form_is_refused(client: Client, make_user: Any) -> None:
    client.force_login(make_user("politi", roles=["first_line"], org="politi-oslo"))
    response = client.post("/cases/new/", {**PERSON, **CASE, "exploitation_forms": [], "children": "Ion, 2019"})
    assert response.status_code == 200 and not Case.objects.exists()
    html = response.content.decode()
    for typed in ('value="Ana Maria"', 'value="Anna Popesku"', 'value="1994"', 'value="RO"', "Ion, 2019",
                  'value="prostitution" id="id_arenas_0" checked', 'value="Oslo"'):
        assert typed in html, typed


def test_a_person_of_unknown_identity_is_registered_when_said_so(client: Client, make_user: Any) -> None:
    client.force_login(make_user("politi", roles=["first_line"], org="politi-oslo"))
    response = client.post("/cases/new/", {**UNTOUCHED, "identity_unknown": "on", "exploitation_forms": ["unknown"]})
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.person.identity_unknown and case.exploitation_forms == ["unknown"]
    assert "Identitet ikke kjent" in client.get(f"/cases/{case.pk}/").content.decode()


def test_not_known_is_not_combined_with_a_form_nor_unknown_identity_with_a_name(client: Client, make_user: Any) -> None:
    client.force_login(make_user("politi", roles=["first_line"], org="politi-oslo"))
    response = client.post("/cases/new/", {**PERSON, **CASE, "identity_unknown": "on",
                                           "exploitation_forms": ["sexual", "unknown"]})
    assert "identity_unknown" in response.context["person_form"].errors
    assert "exploitation_forms" in response.context["case_form"].errors
    assert not Case.objects.exists()


def test_the_api_refuses_an_empty_case_in_both_languages(client: Client, make_user: Any) -> None:
    from henvis.apps.accounts.models import ApiToken

    token = ApiToken.issue(make_user("politi", roles=["first_line"], org="politi-oslo"), "test")[1]
    response = client.post("/api/v1/cases/", {"person": {}, "case": {}}, content_type="application/json",
                           headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 422 and not Case.objects.exists()
    body = response.json()
    assert set(body["errors"]) == {"given_names", "exploitation_forms"} == set(body["errors_en"])
    assert "Identity not known" in body["errors_en"]["given_names"][0]


def test_the_country_abroad_is_chosen_from_a_list_never_cut_short(client: Client, make_user: Any) -> None:
    client.force_login(make_user("politi", roles=["first_line"], org="politi-oslo"))
    form = client.get("/cases/new/").content.decode()
    assert '<select name="country"' in form and '<option value="DE">Tyskland</option>' in form
    refused = client.post("/cases/new/", {**PERSON, **CASE, "place_kind": "abroad", "country": "Nigeria"})
    assert "country" in refused.context["case_form"].errors and not Case.objects.exists()
    assert "Velg landet fra listen" in refused.content.decode()
    saved = client.post("/cases/new/", {**PERSON, **CASE, "place_kind": "abroad", "country": "NG"})
    assert saved.status_code == 302 and Case.objects.get().country == "NG"
    assert "Nigeria" in client.get(saved["Location"]).content.decode()


def test_the_api_takes_a_country_code_and_refuses_a_name(client: Client, make_user: Any) -> None:
    from henvis.apps.accounts.models import ApiToken

    headers = {"Authorization": f"Bearer {ApiToken.issue(make_user('politi', roles=['first_line'], org='politi-oslo'), 'test')[1]}"}
    person = {"given_names": "Ana", "family_name": "Popescu"}

    def create(country: str) -> Any:
        return client.post("/api/v1/cases/", {"person": person, "confirmed_new_person": True, "case": {
            "exploitation_forms": ["sexual"], "place_kind": "abroad", "country": country}},
            content_type="application/json", headers=headers)

    refused = create("Nigeria")
    assert refused.status_code == 422 and "country" in refused.json()["errors_en"]
    assert create("ng").json()["country"] == "NG"


def test_the_errors_are_summed_up_at_the_top_each_linking_to_its_field(client: Client, make_user: Any) -> None:
    client.force_login(make_user("politi", roles=["first_line"], org="politi-oslo"))
    html = client.post("/cases/new/", {**UNTOUCHED, "birth_precision": "exact"}).content.decode()
    start = html.index('<div class="error-summary"')
    summary = html[start:html.index("<form", start)]  # above the form
    assert "For å gå videre må du rette opp følgende:" in summary and 'role="alert"' in summary
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', summary)
    assert [anchor for anchor, _text in links] == ["id_given_names", "id_birth_date", "id_exploitation_forms_0"]
    assert links[1][1] == "Fødselsdato: Oppgi fødselsdatoen."
    for anchor, _text in links:  # each link lands on an input marked invalid or in the list
        assert f'id="{anchor}"' in html
    assert 'aria-invalid="true" aria-describedby="id_given_names_helptext id_given_names_error"' in html


def test_a_valid_form_shows_no_summary(client: Client, make_user: Any) -> None:
    client.force_login(make_user("politi", roles=["first_line"], org="politi-oslo"))
    assert "error-summary" not in client.get("/cases/new/").content.decode()


@pytest.mark.parametrize(("typed", "stored"), [("Romania, Nigeria", ["RO", "NG"]), ("Tyskland; vietnam", ["DE", "VN"]),
                                               ("ro, NG", ["RO", "NG"])])
def test_citizenships_are_given_by_country_name_or_code(client: Client, make_user: Any, typed: str,
                                                        stored: list[str]) -> None:
    """Words, not codes (issue 15 item 2): a caseworker writes the country's name in Bokmål or
    English; the two-letter code still works. The edit form shows the names again."""
    client.force_login(make_user("politi", roles=["first_line"], org="politi-oslo"))
    response = client.post("/cases/new/", {**PERSON, **CASE, "citizenships": typed})
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.person.citizenships == stored
    form = client.get(f"/cases/{case.pk}/person/").context["form"]
    assert form.initial["citizenships"] == ", ".join(
        {"RO": "Romania", "NG": "Nigeria", "DE": "Tyskland", "VN": "Vietnam"}[c] for c in stored)


def test_an_unknown_country_is_refused_naming_it(client: Client, make_user: Any) -> None:
    client.force_login(make_user("politi", roles=["first_line"], org="politi-oslo"))
    response = client.post("/cases/new/", {**PERSON, **CASE, "citizenships": "Romania, Atlantis"})
    assert response.status_code == 200
    assert "Ukjent land: Atlantis" in str(response.context["person_form"].errors["citizenships"])
    assert not Person.objects.exists()
