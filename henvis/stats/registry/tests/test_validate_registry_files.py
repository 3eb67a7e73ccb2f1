"""Registry CSV files are validated row by row, with errors naming row and column in
Norwegian and English, and a bad file changes nothing: every file of an import is
validated before anything is loaded."""

from __future__ import annotations

from pathlib import Path

import pytest

from henvis.stats.registry import (
    RegistryDataset,
    RegistryValidationError,
    load_directory,
    load_kom_seed,
    parse_csv,
)
from henvis.stats.registry.formats import DECISIONS, JUDGMENTS, MEASURE_PERSONS, POLICE_REPORTS

HEADER = "year,breakdown,police_district,exploitation_form,grov,reports,source\n"


def _errors(text: str, fmt=POLICE_REPORTS) -> list[str]:  # type: ignore[no-untyped-def]
    with pytest.raises(RegistryValidationError) as info:
        parse_csv(text, fmt)
    return [str(e) for e in info.value.errors]


def test_a_valid_file_is_read_into_typed_records() -> None:
    records = parse_csv(HEADER + "2021,distrikt-form,oslo,arbeid,ja,4,Strasak JUS063\n", POLICE_REPORTS)
    assert len(records) == 1
    r = records[0]
    assert (r.year, r.police_district, r.exploitation_form, r.grov, r.reports) == (2021, "oslo", "arbeid", True, 4)


def test_each_bad_cell_is_reported_with_row_and_column_in_both_languages() -> None:
    text = HEADER + "2021,distrikt-form,oslo,arbeid,ja,4,s\n20x1,distrikt-form,oslo,arbeid,nei,1,s\n2021,distrikt-form,bergen,arbeid,nei,-2,s\n"
    errors = _errors(text)
    assert errors[0] == ("Rad 3, kolonne year: ugyldig år «20x1» (forventet fire sifre) / "
                         "Row 3, column year: invalid year '20x1' (expected four digits)")
    assert any(e.startswith("Rad 4, kolonne police_district: ukjent kode «bergen»") and
               "/ Row 4, column police_district: unknown code 'bergen'" in e for e in errors)
    assert any(e.startswith("Rad 4, kolonne reports: «-2» er ikke et helt tall") for e in errors)
    assert len(errors) == 3


def test_header_problems_are_reported_before_any_row() -> None:
    errors = _errors("year,police_distrct,exploitation_form,grov,reports,source\n2021,distrikt-form,oslo,arbeid,ja,1,s\n")
    assert any("Rad 1, kolonne police_district: kolonnen mangler" in e for e in errors)
    assert any("Rad 1, kolonne police_distrct: ukjent kolonne" in e for e in errors)


def test_empty_required_cell_and_wrong_cell_count() -> None:
    errors = _errors(HEADER + "2021,distrikt-form,,arbeid,ja,1,s\n2021,distrikt-form,oslo,arbeid,ja,1\n")
    assert ("Rad 2, kolonne police_district: verdi mangler (breakdown «distrikt-form» krever den) / "
            "Row 2, column police_district: value missing (breakdown 'distrikt-form' requires it)") in errors
    assert any(e.startswith("Rad 3: raden har 6 celler, overskriften 7") for e in errors)


def test_duplicate_keys_are_refused() -> None:
    errors = _errors(HEADER + "2021,distrikt-form,oslo,arbeid,ja,1,s\n2021,distrikt-form,oslo,arbeid,ja,2,s\n")
    key = "year, breakdown, police_district, exploitation_form, grov"
    assert errors == [f"Rad 3: samme nøkkel ({key}) som rad 2 / Row 3: same key ({key}) as row 2"]


def test_cross_cell_rules() -> None:
    header = "year,measure_group,dimension,category,persons,source\n"
    errors = _errors(header + "2021,andre,kjonn,asia,3,s\n", MEASURE_PERSONS)
    assert errors[0].startswith("Rad 2, kolonne category: kategori «asia» finnes ikke for fordelingen «kjonn»")
    header = "year,authority,decision_type,instance,legal_basis,outcome,refusal_reason,decisions,source\n"
    errors = _errors(header + "2021,UDI,refleksjonsperiode,,,innvilget,dublin,1,s\n", DECISIONS)
    assert errors[0].startswith("Rad 2, kolonne refusal_reason: avslagsgrunn på et innvilget vedtak")


def test_multi_valued_and_unknown_flags() -> None:
    header = "year,court,outcome,exploitation_forms,minor_victims,final,judgments,source\n"
    [r] = parse_csv(header + "2021,tingrett,fellende,seksuell;arbeid,ukjent,ja,1,s\n", JUDGMENTS)
    assert r.exploitation_forms == ("arbeid", "seksuell") and r.minor_victims is None and r.final is True
    errors = _errors(header + "2021,tingrett,fellende,seksuell;seksuell,kanskje,ja,1,s\n", JUDGMENTS)
    assert any("kolonne exploitation_forms: samme kode to ganger" in e for e in errors)
    assert any("kolonne minor_victims: «kanskje» er ikke ja, nei, ukjent" in e for e in errors)


def test_a_bad_file_in_an_import_changes_nothing() -> None:
    before = load_kom_seed()
    good = HEADER + "2021,distrikt-form,oslo,arbeid,nei,5,Strasak 2022\n"
    bad = "year,authority,legal_basis,cases,estimate,source\n2021,fylkesnemnd,bvl § 4-29,tre,nei,s\n"
    with pytest.raises(RegistryValidationError) as info:
        before.with_files({"police_reports.csv": good, "placements.csv": bad})
    assert [str(e) for e in info.value.errors] == [
        "placements.csv, Rad 2, kolonne cases: «tre» er ikke et helt tall ≥ 0 / "
        "placements.csv, Row 2, column cases: 'tre' is not a whole number >= 0"
    ]
    # the dataset is immutable and the good file was not applied anywhere
    assert before == load_kom_seed()
    assert 2021 not in {r.year for r in before.police_reports}


def test_an_import_replaces_the_years_it_brings_and_keeps_the_others() -> None:
    before = load_kom_seed()
    after = before.with_files({"police_reports.csv": HEADER + "2020,distrikt-form,oslo,arbeid,nei,5,ny\n2021,distrikt-form,oslo,arbeid,nei,2,ny\n"})
    assert sum(r.reports for r in after.police_reports if r.year == 2020) == 5
    assert sum(r.reports for r in after.police_reports if r.year == 2021) == 2
    assert [r for r in after.police_reports if r.year < 2020] == [r for r in before.police_reports if r.year < 2020]
    assert after.decisions == before.decisions


def test_unknown_file_names_and_whole_directories(tmp_path: Path) -> None:
    (tmp_path / "police_reports.csv").write_text(HEADER + "2021,distrikt-form,oslo,arbeid,nei,1,s\n", encoding="utf-8")
    assert sum(r.reports for r in load_directory(tmp_path).police_reports) == 1
    (tmp_path / "politi.csv").write_text("x\n", encoding="utf-8")
    with pytest.raises(RegistryValidationError, match="politi.csv: ukjent filnavn"):
        load_directory(tmp_path)
    assert RegistryDataset().police_reports == ()
