"""Linkage error the model does not state: calibrating the interval on validation data.

Drawing links from the match probabilities (``samples.py``) carries only the uncertainty
the linkage model reports. A probabilistic model's probabilities are often too sure
(near 0 or 1), and a true link that blocking never scored is not in ``pairs.csv`` at all,
so that interval can miss the true count. The standard remedy in official statistics is
a validation study: run the same linkage on data where the truth is known (here the
project's synthetic generator, or a clerically reviewed sample) and measure the relative
error of the unique-person count, ``(linked - true) / linked``. An ``ErrorModel`` holds
those errors; ``widen`` turns them into an interval around each figure that is united
with the sampling interval.

>>> model = ErrorModel((-0.02, 0.0, 0.01, 0.03, 0.05))
>>> model.widen(100)
(95, 102)
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class ErrorModel:
    """Relative errors (linked - true) / linked of yearly unique-person counts measured
    on validation data; ``level`` the coverage aimed at."""

    relative_errors: tuple[float, ...]
    level: float = 0.95

    def __post_init__(self) -> None:
        if not self.relative_errors:
            raise ValueError("feilmodellen er tom / the error model is empty")

    def bounds(self) -> tuple[float, float]:
        """(lowest, highest) relative error at the level (empirical quantiles)."""
        tail = (1 - self.level) / 2 * 100
        errors = np.asarray(self.relative_errors)
        return float(np.percentile(errors, tail)), float(np.percentile(errors, 100 - tail))

    def widen(self, point: int) -> tuple[int, int]:
        """Interval for a linked count: true = linked * (1 - error)."""
        lo_err, hi_err = self.bounds()
        return (max(0, math.floor(point * (1 - hi_err))), math.ceil(point * (1 - lo_err)))

    def to_json(self, path: Path | str) -> None:
        Path(path).write_text(json.dumps({"relative_errors": list(self.relative_errors), "level": self.level}),
                              encoding="utf-8")

    @classmethod
    def from_json(cls, path: Path | str) -> ErrorModel:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            return cls(tuple(float(e) for e in data["relative_errors"]), float(data.get("level", 0.95)))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}: ugyldig feilmodell / invalid error model ({exc})") from exc


Linker = Callable[[pd.DataFrame], pd.DataFrame]  # registrations -> clusters.csv frame


def validation_errors(linker: Linker, datasets: Sequence[tuple[pd.DataFrame, pd.DataFrame]]) -> list[float]:
    """Relative errors of the yearly unique-person counts: for each (registrations,
    truth) pair, link with ``linker`` and compare with the truth per year."""
    errors: list[float] = []
    for registrations, truth in datasets:
        clusters = linker(registrations)
        linked = registrations[["record_id", "source", "year"]].merge(
            clusters[["record_id", "source", "person_id"]], on=["record_id", "source"])
        true = registrations[["record_id", "year"]].merge(truth, on="record_id")
        got = linked.groupby("year")["person_id"].nunique()
        want = true.groupby("year")["person_id"].nunique()
        for year, n in got.items():
            if n > 0:
                errors.append((n - int(want.get(year, 0))) / n)
    return errors
