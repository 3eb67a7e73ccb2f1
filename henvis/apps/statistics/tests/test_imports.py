"""Analysts import registry files and pseudonymised extracts; a bad file is reported row
by row and changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from henvis.apps.statistics.models import PersonExtract, RegistryImport
from henvis.stats.registry import KOM_SEED_DIR


def _file(name: str, text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def _in_english(client: Client) -> Client:
    """Errors are shown in the user's language only: these tests read them in English."""
    client.post("/i18n/setlang/", {"language": "en"})
    return client


@pytest.mark.django_db
def test_extract_import_counts_unique_persons(client_for: Callable[[list[str]], Client],
                                              synthetic_files: dict[str, Any]) -> None:
    client = client_for(["analyst"])
    response = client.post("/statistics/imports/", {
        "kind": "extract", "extract-label": "test run",
        "extract-extract": _file("extract.csv", synthetic_files["extract"]),
        "extract-clusters": _file("clusters.csv", synthetic_files["clusters"]),
    })
    assert response.status_code == 302
    stored = PersonExtract.objects.get()
    assert stored.records == len(synthetic_files["registrations"])
    assert "given_name" not in stored.extract_csv and "national_id" not in stored.extract_csv


@pytest.mark.django_db
def test_extract_with_names_is_refused_and_nothing_stored(client_for: Callable[[list[str]], Client],
                                                          synthetic_files: dict[str, Any]) -> None:
    regs = synthetic_files["registrations"]
    with_names = regs.drop(columns=["birth_date", "national_id", "duf_number"]).to_csv(index=False)
    response = _in_english(client_for(["analyst"])).post("/statistics/imports/", {
        "kind": "extract", "extract-label": "bad",
        "extract-extract": _file("extract.csv", with_names),
        "extract-clusters": _file("clusters.csv", synthetic_files["clusters"]),
    })
    html = response.content.decode()
    assert response.status_code == 200
    assert "identifying columns (family_name, given_name)" in html
    assert PersonExtract.objects.count() == 0
    assert regs["family_name"].iloc[0] not in html


@pytest.mark.django_db
def test_extract_row_errors_are_listed(client_for: Callable[[list[str]], Client]) -> None:
    response = _in_english(client_for(["analyst"])).post("/statistics/imports/", {
        "kind": "extract", "extract-label": "bad",
        "extract-extract": _file("e.csv", "record_id,source,year\nr1,rosa,2020\nr2,rosa,år\n"),
        "extract-clusters": _file("c.csv", "record_id,source,person_id,match_probability\nr1,rosa,P1,1\nr2,rosa,P2,1\n"),
    })
    assert "Row 3, year: invalid year" in response.content.decode()
    assert PersonExtract.objects.count() == 0


@pytest.mark.django_db
def test_registry_files_are_imported_and_feed_the_report_source(client_for: Callable[[list[str]], Client]) -> None:
    from henvis.apps.statistics.sources import load_database_source

    police = (KOM_SEED_DIR / "police_reports.csv").read_text(encoding="utf-8")
    response = client_for(["analyst"]).post("/statistics/imports/", {
        "kind": "registry", "registry-uploads": [_file("police_reports.csv", police)],
    })
    assert response.status_code == 302
    assert RegistryImport.objects.get().rows == police.count("\n") - 1
    inputs = load_database_source(2020)
    assert sum(r.reports for r in inputs.dataset.police_reports if r.year == 2020) == 39  # seed 001 Tabell 2


@pytest.mark.django_db
def test_a_bad_registry_file_changes_nothing(client_for: Callable[[list[str]], Client]) -> None:
    police = (KOM_SEED_DIR / "police_reports.csv").read_text(encoding="utf-8")
    lines = police.splitlines()
    lines[3] = lines[3].replace(",nei,", ",kanskje,").replace(",ja,", ",kanskje,")
    response = client_for(["analyst"]).post("/statistics/imports/", {
        "kind": "registry",
        "registry-uploads": [_file("police_reports.csv", "\n".join(lines) + "\n"),
                             _file("decisions.csv", (KOM_SEED_DIR / "decisions.csv").read_text(encoding="utf-8"))],
    })
    assert response.status_code == 200
    assert "4" in response.content.decode()  # the row number is named
    assert RegistryImport.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "shown", "hidden"), [
    ("nb", "e.csv, Rad 3, year: ugyldig år", "invalid year"),
    ("en", "e.csv, Row 3, year: invalid year", "ugyldig år"),
])
def test_an_extract_error_names_the_file_and_row_in_the_user_s_language(
        client_for: Callable[[list[str]], Client], language: str, shown: str, hidden: str) -> None:
    client = client_for(["analyst"])
    client.post("/i18n/setlang/", {"language": language})
    response = client.post("/statistics/imports/", {
        "kind": "extract", "extract-label": "bad",
        "extract-extract": _file("e.csv", "record_id,source,year\nr1,rosa,2020\nr2,rosa,år\n"),
        "extract-clusters": _file("c.csv", "record_id,source,person_id,match_probability\nr1,rosa,P1,1\nr2,rosa,P2,1\n"),
    })
    html = response.content.decode()
    assert shown in html and hidden not in html


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "shown", "hidden"), [
    ("nb", "police_reports.csv, Rad 4, kolonne grov:", "column grov"),
    ("en", "police_reports.csv, Row 4, column grov:", "kolonne grov"),
])
def test_a_registry_error_names_the_file_and_row_in_the_user_s_language(
        client_for: Callable[[list[str]], Client], language: str, shown: str, hidden: str) -> None:
    lines = (KOM_SEED_DIR / "police_reports.csv").read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace(",nei,", ",kanskje,").replace(",ja,", ",kanskje,")
    client = client_for(["analyst"])
    client.post("/i18n/setlang/", {"language": language})
    response = client.post("/statistics/imports/", {
        "kind": "registry", "registry-uploads": [_file("police_reports.csv", "\n".join(lines) + "\n")],
    })
    html = response.content.decode()
    assert shown in html and hidden not in html
