"""``henvis generate`` writes the files, and says clearly what is wrong with bad input."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from henvis.cli.generate import generate


def test_writes_registrations_truth_and_persons(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        generate, ["--persons", "50", "--seed", "1", "--years", "2017-2019", "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    regs = pd.read_csv(tmp_path / "registrations.csv", dtype=str, keep_default_na=False)
    truth = pd.read_csv(tmp_path / "truth.csv", dtype=str)
    persons = pd.read_csv(tmp_path / "persons.csv", dtype=str)
    assert len(persons) == 50
    assert set(regs["year"]) <= {"2017", "2018", "2019"}
    assert set(truth["record_id"]) == set(regs["record_id"])


def test_stdout_has_registrations_but_no_truth() -> None:
    result = CliRunner().invoke(generate, ["--persons", "20", "--seed", "2"])
    assert result.exit_code == 0
    header = result.stdout.splitlines()[0]
    assert header.startswith("record_id,source,given_name")
    assert "person_id" not in result.stdout


def test_bad_years_are_refused_in_the_chosen_language() -> None:
    args = ["--persons", "5", "--seed", "1", "--years", "2016"]
    result = CliRunner().invoke(generate, args, env={"HENVIS_LANGUAGE": "nb"})
    assert result.exit_code == 2
    assert "FRA-TIL" in result.output and "FROM-TO" not in result.output
    result = CliRunner().invoke(generate, args, env={"HENVIS_LANGUAGE": "en"})
    assert result.exit_code == 2
    assert "FROM-TO" in result.output and "FRA-TIL" not in result.output
    result = CliRunner().invoke(generate, ["--persons", "5", "--seed", "1", "--years", "2025-2016"])
    assert result.exit_code == 2
    assert "years" in result.output
