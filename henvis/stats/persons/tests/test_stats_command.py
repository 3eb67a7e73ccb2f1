"""`henvis stats ...` from files: outputs written, bad input refused with row-level
bilingual errors and nothing written."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from henvis.cli.main import main


def _files(tmp_path: Path, synthetic: tuple) -> tuple[Path, Path]:
    regs, extract, clusters = synthetic
    e, c = tmp_path / "extract.csv", tmp_path / "clusters.csv"
    extract.to_csv(e, index=False)
    clusters.to_csv(c, index=False)
    return e, c


def test_persons_command_writes_summary_tables_and_capture_histories(tmp_path: Path, synthetic: tuple) -> None:
    e, c = _files(tmp_path, synthetic)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["stats", "persons", "--extract", str(e), "--clusters", str(c),
                                       "--samples", "5", "--year", "2020", "--out", str(out)])
    assert result.exit_code == 0, result.output
    summary = pd.read_csv(out / "summary.csv", dtype=str)
    regs = synthetic[0]
    assert summary["persons"].tolist() == [str(regs[regs.year == 2020].person_id.nunique())]
    assert (out / "tables" / "2020-sex-child.csv").exists()
    assert (out / "mse" / "capture-histories-2020.csv").exists()
    for path in (out / "tables").iterdir():
        cells = pd.read_csv(path, index_col=0, dtype=str).to_numpy().ravel()
        assert not {"1", "2"} & set(cells), path.name


def test_an_extract_with_names_is_refused_and_nothing_is_written(tmp_path: Path, synthetic: tuple) -> None:
    e, c = _files(tmp_path, synthetic)
    frame = pd.read_csv(e, dtype=str, keep_default_na=False)
    frame["family_name"] = "Secret"
    frame.to_csv(e, index=False)
    out = tmp_path / "out"
    args = ["stats", "persons", "--extract", str(e), "--clusters", str(c), "--out", str(out)]
    result = CliRunner().invoke(main, args, env={"HENVIS_LANGUAGE": "nb"})
    assert result.exit_code == 2  # refused input: errors.EXIT_REFUSED
    assert "identifiserende kolonner" in result.output and "identifying columns" not in result.output
    result = CliRunner().invoke(main, args, env={"HENVIS_LANGUAGE": "en"})
    assert result.exit_code == 2  # refused input: errors.EXIT_REFUSED
    assert "identifying columns" in result.output and "identifiserende kolonner" not in result.output
    assert "Secret" not in result.output
    assert not out.exists()


def test_a_bad_row_is_named(tmp_path: Path, synthetic: tuple) -> None:
    e, c = _files(tmp_path, synthetic)
    frame = pd.read_csv(e, dtype=str, keep_default_na=False)
    frame.loc[4, "year"] = "tjue"
    frame.to_csv(e, index=False)
    args = ["stats", "persons", "--extract", str(e), "--clusters", str(c), "--out", str(tmp_path / "o")]
    result = CliRunner().invoke(main, args, env={"HENVIS_LANGUAGE": "nb"})
    assert result.exit_code == 2  # refused input: errors.EXIT_REFUSED
    assert "Rad 6, kolonne year: ugyldig år «tjue»" in result.output and "Row 6" not in result.output
    result = CliRunner().invoke(main, args, env={"HENVIS_LANGUAGE": "en"})
    assert result.exit_code == 2  # refused input: errors.EXIT_REFUSED
    assert "Row 6, column year: invalid year 'tjue'" in result.output and "Rad 6" not in result.output


def _suppressed_year(synthetic: tuple) -> str:
    """The first year whose release is protected by suppression (a year whose totals by
    sex or age suppression would hide is rounded instead and withholds nothing)."""
    from henvis.stats.persons import unique_persons
    from henvis.stats.persons.year_release import year_release

    _, extract, clusters = synthetic
    stats = unique_persons(extract, clusters, samples=0)
    return str(next(y for y in sorted(stats.years) if year_release(stats, y).method == "suppression"))


def test_returns_and_htcds_commands(tmp_path: Path, synthetic: tuple) -> None:
    e, c = _files(tmp_path, synthetic)
    runner = CliRunner()
    year = _suppressed_year(synthetic)
    justice = tmp_path / "justice.csv"
    justice.write_text("year,stage,sex,age,citizenship,form,persons,source\n"
                       f"{year},convicted,total,total,total,total,4,court statistics {year} table 3\n", encoding="utf-8")
    result = runner.invoke(main, ["stats", "returns", "--year", year, "--extract", str(e), "--clusters", str(c),
                                  "--kom-seed", "--justice", str(justice), "--out", str(tmp_path / "returns")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "returns" / "returns.xlsx").exists()
    figures = pd.read_csv(tmp_path / "returns" / "figures.csv", dtype=str).set_index("indicator")
    assert figures.loc["eurostat_convicted_persons", "value"] == "4"
    sdmx = pd.read_csv(tmp_path / "returns" / "returns-sdmx.csv", dtype=str, keep_default_na=False)
    withheld = sdmx["OBS_FLAG"] == "c"
    assert withheld.any() and (sdmx.loc[withheld, "OBS_VALUE"] == "").all()
    result = runner.invoke(main, ["stats", "returns", "--year", year, "--extract", str(e), "--clusters", str(c),
                                  "--confidential-values", "--out", str(tmp_path / "agreed")])
    assert result.exit_code == 0, result.output
    agreed = pd.read_csv(tmp_path / "agreed" / "returns-sdmx.csv", dtype=str, keep_default_na=False)
    assert (agreed.loc[agreed["OBS_FLAG"] == "c", "OBS_VALUE"] != "").all()
    htcds = ["stats", "htcds", "--extract", str(e), "--clusters", str(c), "--k", "5", "--out", str(tmp_path / "htcds.csv")]
    result = runner.invoke(main, htcds, env={"HENVIS_LANGUAGE": "en"})  # microdata: only for exchange under agreement
    assert result.exit_code == 2 and "under agreement" in result.output
    assert not (tmp_path / "htcds.csv").exists()
    result = runner.invoke(main, [*htcds, "--under-agreement"])
    assert result.exit_code == 0, result.output
    exported = pd.read_csv(tmp_path / "htcds.csv", dtype=str)
    assert (exported["hnv_Release"] == "ExchangeUnderAgreement").all()
    qis = ["hnv_YearOfRegistration", "prs_Gender", "hnv_AgeBroad", "hnv_MajorityStatus", "prs_Citizenship"]
    assert exported.groupby(qis, dropna=False).size().min() >= 5


def test_protect_command_protects_csv_tables(tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_text("sex,A,B,Total\nF,1,9,10\nM,7,8,15\nTotal,8,17,25\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["stats", "protect", str(table), "--out", str(tmp_path / "p")])
    assert result.exit_code == 0, result.output
    shown = pd.read_csv(tmp_path / "p" / "t.csv", index_col=0, dtype=str)
    assert shown.loc["F", "A"] == ":" and (shown == ":").to_numpy().sum() == 4
