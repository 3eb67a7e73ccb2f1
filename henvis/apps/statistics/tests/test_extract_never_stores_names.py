"""The statistics side never receives a name: an extract column that names a person is
refused whatever language or spelling its header uses, and anything the counting does
not read is dropped before the files are stored."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from henvis.apps.statistics.models import PersonExtract


def _file(name: str, text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def _post(client: Client, extract: str, clusters: str) -> Any:
    client.post("/i18n/setlang/", {"language": "en"})  # errors are shown in the user's language only
    return client.post("/statistics/imports/", {
        "kind": "extract", "extract-label": "test",
        "extract-extract": _file("extract.csv", extract),
        "extract-clusters": _file("clusters.csv", clusters),
    })


@pytest.mark.django_db
@pytest.mark.parametrize("header", ["Fornavn", "etternavn", "Fødselsnummer", "D-nummer", "first name", "Navn"])
def test_extract_with_a_norwegian_or_spelt_out_name_column_is_refused(
    header: str, client_for: Callable[[list[str]], Client], synthetic_files: dict[str, Any],
) -> None:
    regs = synthetic_files["registrations"]
    extract = pd.read_csv(pd.io.common.StringIO(synthetic_files["extract"]), dtype=str, keep_default_na=False)
    extract.insert(2, header, regs["given_name"].to_numpy())
    response = _post(client_for(["analyst"]), extract.to_csv(index=False), synthetic_files["clusters"])
    assert response.status_code == 200
    assert "identifying columns" in response.content.decode()
    assert PersonExtract.objects.count() == 0


@pytest.mark.django_db
def test_columns_the_counting_does_not_read_are_not_stored(
    client_for: Callable[[list[str]], Client], synthetic_files: dict[str, Any],
) -> None:
    regs = synthetic_files["registrations"]
    extract = pd.read_csv(pd.io.common.StringIO(synthetic_files["extract"]), dtype=str, keep_default_na=False)
    extract["merknad"] = "kontakt " + regs["family_name"].to_numpy()
    clusters = pd.read_csv(pd.io.common.StringIO(synthetic_files["clusters"]), dtype=str, keep_default_na=False)
    clusters["kommentar"] = regs["given_name"].to_numpy()
    response = _post(client_for(["analyst"]), extract.to_csv(index=False), clusters.to_csv(index=False))
    assert response.status_code == 302
    stored = PersonExtract.objects.get()
    for name in synthetic_files["names"]:
        assert name not in stored.extract_csv and name not in stored.clusters_csv
    assert "merknad" not in stored.extract_csv and "kommentar" not in stored.clusters_csv
    # what is stored still counts the same persons
    assert stored.records == len(regs)
    assert stored.extract_csv.splitlines()[0].startswith("record_id,source,year")
