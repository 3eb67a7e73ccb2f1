"""The columns and formats other parts of Henvis code against."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from henvis.synthetic import (
    ATTRIBUTE_COLUMNS,
    LINKAGE_COLUMNS,
    PERSON_COLUMNS,
    SyntheticDataset,
    generate,
)
from henvis.synthetic.attribute_codes import DECISIONS, FORMS, MEASURES, REGIONS


@pytest.fixture(scope="module")
def ds() -> SyntheticDataset:
    return generate(persons=2000, seed=3)


def test_registration_columns_in_order(ds: SyntheticDataset) -> None:
    assert list(ds.registrations.columns) == [
        "record_id", "source", "given_name", "family_name", "birth_date", "sex",
        "citizenship", "national_id", "duf_number",
        "year", "organisation_kind", "age_at_identification", "child", "region",
        "exploitation_forms", "new_in_year", "measures", "decisions",
    ]
    assert list(ds.registrations.columns) == list(LINKAGE_COLUMNS + ATTRIBUTE_COLUMNS)
    assert list(ds.truth.columns) == ["record_id", "person_id"]


def test_field_formats(ds: SyntheticDataset) -> None:
    regs = ds.registrations
    assert regs["record_id"].is_unique
    assert set(regs["sex"]) <= {"F", "M", ""}
    formats = regs["birth_date"].map(
        lambda v: next(
            (name for name, rx in (("day", r"\d{4}-\d{2}-\d{2}"), ("month", r"\d{4}-\d{2}"),
                                   ("year", r"\d{4}"), ("none", r"")) if re.fullmatch(rx, v)),
            "bad",
        )
    )
    assert set(formats) == {"day", "month", "year", "none"}
    assert all(re.fullmatch(r"[A-Z]{2}", c) for c in set(regs["citizenship"]) - {""})
    assert regs["year"].between(2016, 2025).all()
    assert set(regs["region"]) <= {*REGIONS, ""}
    for column, vocabulary in (("exploitation_forms", FORMS), ("measures", MEASURES),
                               ("decisions", DECISIONS)):
        used = {v for cell in regs[column] for v in cell.split(";") if v}
        assert used <= set(vocabulary), column
    assert (regs["child"] == (regs["age_at_identification"] < 18)).all()
    assert regs["new_in_year"].dtype == bool


def test_children_and_adults_both_present(ds: SyntheticDataset) -> None:
    assert ds.persons["child"].any() and (~ds.persons["child"]).any()
    children = ds.registrations[ds.registrations["child"]]
    assert (children["age_at_identification"] >= 13).all()


def test_write_creates_three_csv_files(ds: SyntheticDataset, tmp_path: Path) -> None:
    written = ds.write(tmp_path / "out")
    assert sorted(p.name for p in written.values()) == ["persons.csv", "registrations.csv",
                                                         "truth.csv"]
    back = pd.read_csv(written["registrations"], dtype=str, keep_default_na=False)
    assert list(back.columns) == list(ds.registrations.columns)
    assert back["record_id"].tolist() == ds.registrations["record_id"].tolist()
    assert back["given_name"].tolist() == ds.registrations["given_name"].tolist()
    truth = pd.read_csv(written["truth"], dtype=str)
    assert truth.equals(ds.truth.astype(str))
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.startswith(".")]


def test_zero_persons_gives_empty_tables() -> None:
    empty = generate(persons=0, seed=1)
    assert len(empty.registrations) == 0 and len(empty.truth) == 0
    assert list(empty.registrations.columns) == list(LINKAGE_COLUMNS + ATTRIBUTE_COLUMNS)
    assert list(empty.persons.columns) == list(PERSON_COLUMNS)
    assert list(generate(persons=3, seed=1).persons.columns) == list(PERSON_COLUMNS)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"persons": -1, "seed": 1}, "persons"), ({"persons": 5, "seed": -2}, "seed"),
     ({"persons": 5, "seed": 1, "years": (2025, 2016)}, "years"),
     ({"persons": 5, "seed": 1, "years": (1800, 2016)}, "years")],
)
def test_bad_arguments_are_refused_in_both_languages(
    kwargs: dict[str, object], message: str
) -> None:
    with pytest.raises(ValueError, match=f"{message}.*/"):
        generate(**kwargs)  # type: ignore[arg-type]


def test_years_parameter_bounds_registrations() -> None:
    ds = generate(persons=300, seed=4, years=(2019, 2020))
    assert set(ds.registrations["year"]) == {2019, 2020}
