"""`henvis catalogue ...` prints the catalogue; `indicators --json` is a contract."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from henvis.catalogue import load_catalogue
from henvis.cli.catalogue import catalogue

REQUIRED = {"id", "category", "applies_to", "text_nb", "text_en", "source"}


def test_indicators_json_lists_every_indicator_with_the_contract_fields() -> None:
    result = CliRunner().invoke(catalogue, ["indicators", "--json"])
    assert result.exit_code == 0, result.output
    items = json.loads(result.output)
    assert REQUIRED <= set(items[0])
    assert [i["id"] for i in items] == [i.id for i in load_catalogue().indicators]
    by_id = {i["id"]: i for i in items}
    assert by_id["bg-03"]["text_nb"] == "har rusavhengighet"


def test_indicators_can_be_filtered() -> None:
    result = CliRunner().invoke(catalogue, ["indicators", "--json", "--applies-to", "minor"])
    items = json.loads(result.output)
    assert items and {i["applies_to"] for i in items} == {"minor"}
    bad = CliRunner().invoke(catalogue, ["indicators", "--category", "weather"], env={"HENVIS_LANGUAGE": "en"})
    assert bad.exit_code != 0 and "unknown category" in bad.output and "ukjent" not in bad.output
    bad = CliRunner().invoke(catalogue, ["indicators", "--category", "weather"], env={"HENVIS_LANGUAGE": "nb"})
    assert bad.exit_code != 0 and "ukjent kategori" in bad.output and "unknown" not in bad.output


def test_directory_and_version() -> None:
    runner = CliRunner()
    assert runner.invoke(catalogue, ["version"]).output.strip() == load_catalogue().version
    text = runner.invoke(catalogue, ["directory"]).output
    assert "22 33 11 60 (døgnåpen linje)" in text
    listing = json.loads(runner.invoke(catalogue, ["directory", "--json"]).output)
    assert {"id", "phone", "hours_nb", "web"} <= set(listing[0])


def test_screen_prints_guidance_and_refuses_bad_input() -> None:
    runner = CliRunner()
    ok = runner.invoke(catalogue, ["screen", "-"], input=json.dumps({"reporter_kind": "school", "age": 15, "indicators": ["bg-m02"]}))
    assert ok.exit_code == 0
    assert "duty_to_notify_child_welfare" in [d["id"] for d in json.loads(ok.output)["duties"]]
    bad = runner.invoke(catalogue, ["screen", "-"], input=json.dumps({"reporter_kind": "school"}))
    assert bad.exit_code == 2 and "age:" in bad.output


def test_installed_henvis_command_prints_the_indicators() -> None:
    henvis = Path(sys.executable).with_name("henvis")
    done = subprocess.run([str(henvis), "catalogue", "indicators", "--json"], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)) == len(load_catalogue().indicators)
