"""A year with no data at all (no registry figures, no registrations of persons) is
refused: the downloads answer 404 with the site's own 404 page, as the figures page does
for such a year, and `henvis report` stops with a message in Bokmål and English instead
of writing a report of empty chapters."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from django.test import Client

DOWNLOADS = ("report.html", "report.pdf", "returns.xlsx", "htcds.csv")


@pytest.fixture
def registry(stored_extract: Any) -> Any:
    """The extract of the fixtures and the registry figures transcribed from KOM's report."""
    from henvis.apps.statistics.models import RegistryImport
    from henvis.stats.registry import KOM_SEED_DIR

    for path in sorted(KOM_SEED_DIR.glob("*.csv")):
        text = path.read_text(encoding="utf-8")
        RegistryImport.objects.create(filename=path.name, content=text, rows=max(text.count("\n") - 1, 0))
    return stored_extract


def _years_with_data() -> set[int]:
    from henvis.apps.statistics.sources import current_extract, years_with_data

    return set(years_with_data(current_extract()))


def _empty_years() -> list[int]:
    """1900 (before any year a figure can be about), and the last year inside the
    accepted range before the first year with data."""
    return [1900, min(_years_with_data()) - 1]


def _assert_site_404(response: Any) -> None:
    """The site's own page (henvis/web/templates/404.html in the site's layout), not a
    bare body or an empty download."""
    assert "404.html" in [t.name for t in response.templates]
    assert response["Content-Type"].startswith("text/html")
    assert "Content-Disposition" not in response


@pytest.mark.django_db
@pytest.mark.parametrize("what", DOWNLOADS)
def test_download_for_a_year_without_data_is_the_site_s_404(
    client_for: Callable[[list[str]], Client], registry: Any, what: str,
) -> None:
    client = client_for(["analyst"])
    for year in _empty_years():
        assert year not in _years_with_data()
        response = client.get(f"/statistics/download/{what}?year={year}")
        assert response.status_code == 404, (what, year)
        _assert_site_404(response)


@pytest.mark.django_db
def test_figures_page_refuses_the_same_way(client_for: Callable[[list[str]], Client], registry: Any) -> None:
    response = client_for(["analyst"]).get("/statistics/?year=1900")
    assert response.status_code == 404
    _assert_site_404(response)


@pytest.mark.django_db
def test_a_year_with_registry_figures_only_still_has_a_report(
    client_for: Callable[[list[str]], Client], registry: Any,
) -> None:
    from henvis.stats.registry import load_kom_seed

    only_registry = sorted(set(load_kom_seed().years()) - set(registry.years))
    assert only_registry, "the fixtures should have a registry year without registrations"
    response = client_for(["analyst"]).get(f"/statistics/download/report.html?year={only_registry[0]}")
    assert response.status_code == 200
    assert f"Menneskehandel i Norge {only_registry[0]}" in response.content.decode()


@pytest.mark.django_db
def test_report_command_refuses_a_year_without_data_in_the_chosen_language(registry: Any, tmp_path: Path) -> None:
    from henvis.cli.report import report

    for year in _empty_years():
        out = tmp_path / str(year)
        args = ["--year", str(year), "--source", "database", "--out", str(out)]
        result = CliRunner().invoke(report, args, env={"HENVIS_LANGUAGE": "nb"})
        assert result.exit_code == 1, result.output
        assert f"ingen tall for {year}" in result.output and "ingen rapport er skrevet" in result.output
        assert "no report" not in result.output
        result = CliRunner().invoke(report, args, env={"HENVIS_LANGUAGE": "en"})
        assert result.exit_code == 1, result.output
        assert f"no figures for {year}" in result.output and "no report was written" in result.output
        assert not out.exists()


@pytest.mark.slow
@pytest.mark.django_db
def test_report_command_writes_a_year_with_registrations_but_no_registry_figures(
    registry: Any, tmp_path: Path,
) -> None:
    from henvis.cli.report import report
    from henvis.stats.registry import load_kom_seed
    from henvis.stats.report.inputs import years_with_figures

    persons_only = sorted(set(registry.years) - years_with_figures(load_kom_seed()))
    assert persons_only, "the fixtures should have a year with registrations only"
    year = persons_only[-1]
    out = tmp_path / "rapport"
    result = CliRunner().invoke(report, ["--year", str(year), "--source", "database", "--out", str(out),
                                         "--bootstrap", "0"])
    assert result.exit_code == 0, result.output
    assert "Unike personer" in (out / "report.html").read_text(encoding="utf-8")
