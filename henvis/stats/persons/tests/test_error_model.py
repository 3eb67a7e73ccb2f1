"""The error model measured on validation data widens the intervals."""

from __future__ import annotations

from pathlib import Path

import pytest

from henvis.stats.persons import unique_persons
from henvis.stats.persons.calibration import (
    ErrorModel,
    YearCount,
    validation_counts,
    validation_errors,
)


def test_perfect_linkage_has_no_error_and_splitting_everything_overcounts(synthetic: tuple) -> None:
    regs, _, clusters = synthetic
    registrations = regs.drop(columns="person_id")
    truth = regs[["record_id", "person_id"]]
    assert set(validation_errors(lambda r: clusters, [(registrations, truth)])) == {0.0}
    alone = clusters.assign(person_id=clusters["record_id"])
    assert min(validation_errors(lambda r: alone, [(registrations, truth)])) > 0


def test_validation_counts_separate_splits_and_merges(synthetic: tuple) -> None:
    regs, _, clusters = synthetic
    registrations = regs.drop(columns="person_id")
    truth = regs[["record_id", "person_id"]]
    perfect = validation_counts(lambda r: clusters, [(registrations, truth)])
    assert all(y.splits == y.merges == 0 and y.linked == y.true for y in perfect)
    alone = validation_counts(lambda r: clusters.assign(person_id=clusters["record_id"]), [(registrations, truth)])
    assert all(y.merges == 0 for y in alone) and sum(y.splits for y in alone) > 0
    one = validation_counts(lambda r: clusters.assign(person_id="P"), [(registrations, truth)])
    assert all(y.linked == 1 and y.splits == 0 and y.merges == y.true - 1 for y in one)


def test_count_model_interval_grows_like_a_count_not_a_share() -> None:
    # 4 % of linked persons are split pieces, varying between populations; no merges
    years = [YearCount(p, 2020 + i, 100, 100 - s, s, 0)
             for p, errors in enumerate([(2, 4, 6), (3, 5, 4), (5, 3, 4), (4, 4, 4)]) for i, s in enumerate(errors)]
    model = ErrorModel.from_counts(years)
    low, high = model.widen(100)
    assert low < 96 < high
    small, large = model.widen(50), model.widen(5000)
    assert (large[1] - large[0]) / 5000 < (small[1] - small[0]) / 50  # narrower share for larger counts
    assert large[0] < 5000 * 0.96 < large[1]
    assert model.widen(100) == model.widen(100)  # deterministic


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
    counts = ErrorModel.from_counts([YearCount(0, 2020, 50, 48, 2, 0), YearCount(1, 2020, 40, 41, 0, 1)])
    counts.to_json(tmp_path / "c.json")
    assert ErrorModel.from_json(tmp_path / "c.json") == counts
    (tmp_path / "bad.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ValueError, match="invalid error model"):
        ErrorModel.from_json(tmp_path / "bad.json")
    with pytest.raises(ValueError, match="splits - merges"):
        YearCount(0, 2020, 50, 48, 0, 0)
