"""The loader refuses inconsistent data and names the file and item."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from henvis.catalogue import CatalogueError, load_catalogue
from henvis.catalogue.load import DATA_DIR


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def _edit(path: Path, change) -> None:  # type: ignore[no-untyped-def]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_catalogue_has_every_part_of_the_guide() -> None:
    c = load_catalogue()
    assert c.version == "kom-2024.3"
    assert [x.id for x in c.categories if x.kind == "main"] == ["background", "place", "behaviour", "controlled"]
    assert [f.letter for f in c.forms] == ["a", "b", "c", "d"]
    assert [a.id for a in c.law.aggravating] == ["under_18", "gross_violence_or_coercion", "significant_profit"]
    assert c.service("rosa").phone == "22 33 11 60"
    assert c.service("bufdir-veiledning").phone == "466 15 000"
    assert len(c.conversation.example_questions) == 12
    assert c.rights.entitlements and c.rights.tell_the_person


def test_duplicate_indicator_id_is_refused(tmp_path: Path) -> None:
    data = _copy(tmp_path)
    _edit(data / "indicators.yaml", lambda d: d["indicators"][1].update(id=d["indicators"][0]["id"]))
    with pytest.raises(CatalogueError, match="bg-01.*twice"):
        load_catalogue(data)


def test_unknown_category_is_refused(tmp_path: Path) -> None:
    data = _copy(tmp_path)
    _edit(data / "indicators.yaml", lambda d: d["indicators"][0].update(category="weather"))
    with pytest.raises(CatalogueError, match="indicators.yaml bg-01"):
        load_catalogue(data)


def test_directory_must_reference_known_organisations(tmp_path: Path) -> None:
    data = _copy(tmp_path)
    _edit(data / "directory.yaml", lambda d: d["services"][0].update(organisation="nowhere"))
    with pytest.raises(CatalogueError, match="organisations.yaml"):
        load_catalogue(data)


def test_lookup_of_unknown_id_is_bilingual() -> None:
    with pytest.raises(KeyError, match="ukjent indikator.*unknown indicator"):
        load_catalogue().indicator("zz-01")


def test_a_reporter_kind_own_service_must_exist(tmp_path: Path) -> None:
    """`own_services` keeps a role from being sent to itself; a typo must not silently disable it."""
    data = _copy(tmp_path)
    _edit(data / "catalogue.yaml", lambda d: d["reporter_kinds"][0].update(own_services=["polise"]))
    with pytest.raises(CatalogueError, match="catalogue.yaml police.*polise"):
        load_catalogue(data)


def test_each_public_service_role_names_its_own_services() -> None:
    kinds = {k.id: set(k.own_services) for k in load_catalogue().reporter_kinds}
    assert kinds["police"] == {"police", "police-emergency"}
    assert kinds["child_welfare"] == {"barnevernvakt", "alarmtelefonen"}
    assert kinds["immigration"] == {"udi"} and kinds["labour"] == {"arbeidstilsynet", "sua"} and kinds["welfare"] == {"nav"}
