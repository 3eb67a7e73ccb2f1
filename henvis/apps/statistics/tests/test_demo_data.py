"""`henvis demo` loads linked synthetic extracts and the KOM registry figures."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from henvis.apps.statistics import demo
from henvis.apps.statistics.models import PersonExtract, RegistryImport


@pytest.mark.django_db
@pytest.mark.slow
def test_demo_load_gives_figures_to_the_analyst(client_for: Callable[[list[str]], Client]) -> None:
    summary = demo.load(persons=80, seed=3)
    assert "registrations" in summary
    stored = PersonExtract.objects.get()
    assert "given_name" not in stored.extract_csv.splitlines()[0]
    assert RegistryImport.objects.filter(filename="police_reports.csv").exists()
    response = client_for(["analyst"]).get("/statistics/")
    assert response.status_code == 200 and b"<td>" in response.content
