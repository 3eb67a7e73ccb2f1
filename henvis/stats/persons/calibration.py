"""Linkage error the model does not state: calibrating the interval on validation data.

Drawing links from the match probabilities (``samples.py``) carries only the uncertainty
the linkage model reports. A probabilistic model's probabilities are often too sure
(near 0 or 1), and a true link that blocking never scored is not in ``pairs.csv`` at all,
so that interval can miss the true count. The standard remedy in official statistics is
a validation study: run the same linkage on data where the truth is known (here the
project's synthetic generator, or a clerically reviewed sample) and measure its errors.

Two models, both held by an ``ErrorModel``:

* **count model** (``ErrorModel.from_counts``, what ``validation_counts`` measures): in
  each validation year the linkage *splits* true persons (one person counted as two:
  ``splits``) and *merges* different persons (``merges``); the linked count is
  ``linked = true + splits - merges``. Splits and merges are counted per linked person,
  as Poisson counts whose rate varies between populations (each population trains its own
  linkage model) as a gamma multiplier, so a year of 60 persons and a year of 6,000 get
  intervals of the right width each (the error of a count grows like its square root, not
  in proportion). The rates are estimated from all validation years together, their
  between-population variation by the method of moments, and the predictive interval of
  ``true`` for a linked count includes the estimation uncertainty of the rates (gamma
  posterior). Quantiles are taken from a fixed-seed simulation, so ``widen`` is
  deterministic.
* **relative-error model** (``ErrorModel(relative_errors)``, the older form, kept for
  review samples that only give yearly relative errors ``(linked - true) / linked``):
  the interval is ``[point (1 - q_hi), point (1 - q_lo)]`` of their empirical quantiles.

>>> model = ErrorModel((-0.02, 0.0, 0.01, 0.03, 0.05))
>>> model.widen(100)
(95, 102)
>>> counts = [YearCount(p, 2020, 100, 97, 3, 0) for p in range(4)]
>>> low, high = ErrorModel.from_counts(counts).widen(100)
>>> low < 97 <= 100 <= high
True
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

DRAWS = 20_000  # simulation draws for the predictive quantiles of the count model


@dataclass(frozen=True)
class YearCount:
    """One validation year: the linkage's count, the true count, and the true persons
    split into more than one linked person (``splits``, sum of extra pieces) and the
    linked persons made of more than one true person (``merges``, sum of extras);
    ``linked - true == splits - merges``. ``population`` numbers the validation
    population (one linkage run)."""

    population: int
    year: int
    linked: int
    true: int
    splits: int
    merges: int

    def __post_init__(self) -> None:
        if self.linked - self.true != self.splits - self.merges or min(self.linked, self.true, self.splits,
                                                                       self.merges) < 0:
            raise ValueError("ugyldig valideringsår: linked - true må være splits - merges / "
                             "invalid validation year: linked - true must equal splits - merges")


@dataclass(frozen=True)
class ErrorModel:
    """Linkage errors measured on validation data: yearly relative errors
    (linked - true) / linked and, for the count model, the ``years`` they come from;
    ``level`` the coverage aimed at for each figure."""

    relative_errors: tuple[float, ...]
    level: float = 0.95
    years: tuple[YearCount, ...] = field(default=())

    def __post_init__(self) -> None:
        if not self.relative_errors:
            raise ValueError("feilmodellen er tom / the error model is empty")
        if not 0 < self.level < 1:
            raise ValueError("nivået må være mellom 0 og 1 / the level must be between 0 and 1")

    @classmethod
    def from_counts(cls, years: Sequence[YearCount], level: float = 0.95) -> ErrorModel:
        """The count model from validation years (``validation_counts``)."""
        kept = tuple(y for y in years if y.linked > 0)
        return cls(tuple((y.linked - y.true) / y.linked for y in kept), level, kept)

    @property
    def kind(self) -> str:
        return "counts" if self.years else "relative"

    def bounds(self) -> tuple[float, float]:
        """(lowest, highest) relative error at the level (empirical quantiles)."""
        tail = (1 - self.level) / 2 * 100
        errors = np.asarray(self.relative_errors)
        return float(np.percentile(errors, tail)), float(np.percentile(errors, 100 - tail))

    def rates(self) -> dict[str, tuple[float, float]]:
        """Count model: per linked person, (rate, between-population variance factor
        kappa) of splits and of merges."""
        if not self.years:
            raise ValueError("feilmodellen har ingen tellinger / the error model has no counts")
        return {kind: _rate_and_kappa(self.years, kind) for kind in ("splits", "merges")}

    def widen(self, point: int) -> tuple[int, int]:
        """Interval for the true count behind a linked count."""
        if point <= 0:
            return (0, 0)
        if self.years:
            return _count_interval(self, int(point))
        lo_err, hi_err = self.bounds()
        return (max(0, math.floor(point * (1 - hi_err))), math.ceil(point * (1 - lo_err)))

    def to_json(self, path: Path | str) -> None:
        data: dict[str, object] = {"relative_errors": list(self.relative_errors), "level": self.level}
        if self.years:
            data["years"] = [vars(y) for y in self.years]
        Path(path).write_text(json.dumps(data), encoding="utf-8")

    @classmethod
    def from_json(cls, path: Path | str) -> ErrorModel:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            years = tuple(YearCount(**{k: int(y[k]) for k in ("population", "year", "linked", "true", "splits",
                                                                 "merges")}) for y in data.get("years", []))
            return cls(tuple(float(e) for e in data["relative_errors"]), float(data.get("level", 0.95)), years)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}: ugyldig feilmodell / invalid error model ({exc})") from exc


def _rate_and_kappa(years: Sequence[YearCount], kind: str) -> tuple[float, float]:
    """Rate per linked person and the squared coefficient of variation of that rate
    between populations (method of moments on population totals: Var = mu + kappa mu^2)."""
    frame = pd.DataFrame([vars(y) for y in years])
    per_pop = frame.groupby("population")[["linked", kind]].sum()
    rate = float(per_pop[kind].sum() / per_pop["linked"].sum())
    mu = rate * per_pop["linked"].to_numpy(dtype=float)
    if len(per_pop) < 2 or rate == 0:
        return rate, 0.0
    excess = float((((per_pop[kind].to_numpy() - mu) ** 2) - mu).sum())
    return rate, max(0.0, excess / float((mu**2).sum()))


def _draw_errors(rng: np.random.Generator, total: int, exposure: int, kappa: float, linked: int) -> np.ndarray:
    """Predictive draws of one kind of error in a year of ``linked`` linked persons."""
    rate = rng.gamma(total + 0.5, 1.0 / exposure, DRAWS)  # rate estimate uncertainty (Jeffreys)
    if kappa > 0:
        rate = rate * rng.gamma(1.0 / kappa, kappa, DRAWS)  # a new population's own rate
    return rng.poisson(rate * linked)


@lru_cache(maxsize=4096)
def _count_interval(model: ErrorModel, linked: int) -> tuple[int, int]:
    rates = model.rates()
    exposure = sum(y.linked for y in model.years)
    rng = np.random.default_rng(linked)  # fixed per count: the same figure always gets the same interval
    net = np.zeros(DRAWS, dtype=np.int64)
    for kind, sign in (("splits", 1), ("merges", -1)):
        total = sum(getattr(y, kind) for y in model.years)
        net += sign * _draw_errors(rng, total, exposure, rates[kind][1], linked)
    tail = (1 - model.level) / 2
    low_err, high_err = np.quantile(net, [tail, 1 - tail], method="inverted_cdf")
    return (max(0, linked - int(high_err)), max(0, linked - int(low_err)))


Linker = Callable[[pd.DataFrame], pd.DataFrame]  # registrations -> clusters.csv frame


def validation_counts(linker: Linker, datasets: Sequence[tuple[pd.DataFrame, pd.DataFrame]]) -> list[YearCount]:
    """Link each (registrations, truth) pair with ``linker`` and count, per year, the
    linked and true persons and the splits and merges between them."""
    years: list[YearCount] = []
    for population, (registrations, truth) in enumerate(datasets):
        clusters = linker(registrations)
        both = registrations[["record_id", "source", "year"]].merge(truth, on="record_id").merge(
            clusters[["record_id", "source", "person_id"]].rename(columns={"person_id": "linked_id"}),
            on=["record_id", "source"])
        for year, group in both.groupby("year"):
            edges = group[["person_id", "linked_id"]].drop_duplicates()
            years.append(YearCount(
                population, int(year), int(edges["linked_id"].nunique()), int(edges["person_id"].nunique()),
                int((edges.groupby("person_id").size() - 1).sum()),
                int((edges.groupby("linked_id").size() - 1).sum())))
    return years


def validation_errors(linker: Linker, datasets: Sequence[tuple[pd.DataFrame, pd.DataFrame]]) -> list[float]:
    """Relative errors (linked - true) / linked of the yearly unique-person counts."""
    return [(y.linked - y.true) / y.linked for y in validation_counts(linker, datasets) if y.linked > 0]
