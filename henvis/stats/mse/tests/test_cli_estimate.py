"""``henvis mse estimate``: JSON contract, readable summary, refusals with exit code 2."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from henvis.cli.mse import mse
from henvis.stats.mse.tests.conftest import DATA

UK_FIVE = str(DATA / "uk_2013_five_lists.csv")


def _run(*args: str, language: str = "nb") -> tuple[int, str, str]:
    result = CliRunner().invoke(mse, ["estimate", *args], env={"HENVIS_LANGUAGE": language})
    return result.exit_code, result.stdout, result.stderr


def test_json_has_the_contract_fields() -> None:
    code, out, _ = _run(UK_FIVE, "--bootstrap", "8", "--seed", "1", "--json", "--no-progress")
    assert code == 0
    data = json.loads(out)
    for key in ("observed", "estimate", "ci95_low", "ci95_high", "interactions", "warnings",
                "lists_used", "lists_removed", "sensitivity"):
        assert key in data
    assert data["observed"] == 2744
    assert abs(data["estimate"] - 11313.0) / 11313.0 < 0.01
    assert data["interactions"] == ["LA:NG", "NG:GP", "PFNCA:GP", "LA:PFNCA", "GO:GP", "NG:GO"]
    assert data["ci95_low"] < data["estimate"] < data["ci95_high"]
    assert data["method"]["bootstrap_replicates"] == 8 and data["method"]["seed"] == 1
    assert all(isinstance(w, str) and " / " in w for w in data["warnings"])


def test_pthresh_changes_the_model() -> None:
    code, out, _ = _run(UK_FIVE, "--bootstrap", "0", "--pthresh", "0.0001", "--json")
    assert code == 0
    assert json.loads(out)["interactions"] != ["LA:NG", "NG:GP", "PFNCA:GP", "LA:PFNCA", "GO:GP", "NG:GO"]


def test_readable_summary_in_norwegian_and_english() -> None:
    code, out, _ = _run(UK_FIVE, "--bootstrap", "0")
    assert code == 0
    assert "Kjente personer: 2 744" in out and "Anslått totalt: 11 313" in out
    code, out, _ = _run(UK_FIVE, "--bootstrap", "0", "--lang", "en")
    assert "Known persons: 2 744" in out and "LA:NG" in out


def test_refusal_exits_2_in_the_chosen_language(tmp_path: Path) -> None:
    table = tmp_path / "two.csv"
    table.write_text("A,B,count\n1,0,3\n0,1,4\n1,1,2\n", encoding="utf-8")
    code, out, err = _run(str(table), "--json")
    assert code == 2
    error = json.loads(out)["error"]
    assert error["code"] == "too_few_lists"
    assert error["nb"] and error["en"]
    assert "minst 3 lister" in err and "at least 3" not in err  # the JSON holds both; the message one
    code, out, err = _run(str(table))
    assert code == 2 and out == ""
    assert "minst 3 lister" in err and "at least 3" not in err
    code, out, err = _run(str(table), language="en")
    assert code == 2 and out == ""
    assert "at least 3" in err and "minst 3 lister" not in err


def test_bad_file_exits_2_naming_the_row(tmp_path: Path) -> None:
    table = tmp_path / "bad.csv"
    table.write_text("A,B,C,count\n1,0,0,3\n0,7,0,4\n", encoding="utf-8")
    code, _, err = _run(str(table))
    assert code == 2
    assert "Rad 2" in err and "Row 2" not in err
    code, _, err = _run(str(table), language="en")
    assert code == 2
    assert "Row 2" in err and "Rad 2" not in err


def test_given_model_is_fitted_and_reported() -> None:
    code, out, _ = _run(UK_FIVE, "--bootstrap", "0", "--model", "LA:NG,GO:GP", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["interactions"] == ["LA:NG", "GO:GP"]
    assert data["method"]["model_choice"] == "given"
    code, out, _ = _run(UK_FIVE, "--bootstrap", "0", "--model", "LA:XX", "--json")
    assert code == 2 and json.loads(out)["error"]["code"] == "invalid_model"
