"""The error model measured on validation data widens the intervals."""

from __future__ import annotations

from pathlib import Path

import pytest

from henvis.stats.persons import unique_persons
from henvis.stats.persons.calibration import ErrorModel, validation_errors


def test_perfect_linkage_has_no_error_and_splitting_everything_overcounts(synthetic: tuple) -> None:
    regs, _, clusters = synthetic
    registrations = regs.drop(columns="person_id")
    truth = regs[["record_id", "person_id"]]
    assert set(validation_errors(lambda r: clusters, [(registrations, truth)])) == {0.0}
    alone = clusters.assign(person_id=clusters["record_id"])
    assert min(validation_errors(lambda r: alone, [(registrations, truth)])) > 0


def test_error_model_widens_every_figure(synthetic: tuple) -> None:
    _, extract, clusters = synthetic
    plain = unique_persons(extract, clusters, samples=0)
    wide = unique_persons(extract, clusters, samples=0, error_model=ErrorModel((-0.1, 0.1)))
    s = wide.summary
    assert (s.persons_low < plain.summary.persons).all() and (s.persons_high > plain.summary.persons).all()
    assert ((wide.breakdown.low <= wide.breakdown.point) & (wide.breakdown.point <= wide.breakdown.high)).all()


def test_error_model_round_trips_and_rejects_bad_files(tmp_path: Path) -> None:
    model = ErrorModel((0.01, -0.02, 0.03))
    model.to_json(tmp_path / "m.json")
    assert ErrorModel.from_json(tmp_path / "m.json") == model
    (tmp_path / "bad.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ValueError, match="invalid error model"):
        ErrorModel.from_json(tmp_path / "bad.json")
