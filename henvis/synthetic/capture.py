"""Synthetic capture-history tables from a population of known size.

Used to test multiple systems estimation where the truth is known: N persons, K lists
(organisations) that each record a person with their own probability, with positive
dependence between some lists (a person on one list is more likely to be on another:
referral between organisations) and, optionally, heterogeneity (some persons are more
visible to every list than others). Deterministic for a given seed.

Model: a person with latent visibility u ~ Normal(0, heterogeneity) has capture history
h in {0,1}^K with probability proportional to

    exp( sum_i (logit p_i + u) h_i  +  sum_{i<j} d_ij h_i h_j ).

With no dependence and no heterogeneity the lists are independent and list i records a
person with probability p_i exactly; d_ij > 0 is the log odds ratio between lists i and j.
Direct dependence is within the log-linear models the estimator fits; heterogeneity is
not (it biases the estimate downwards, as in real data).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

_CHUNK = 20_000  # persons simulated at a time when visibility varies


@dataclass(frozen=True)
class CaptureScenario:
    """A population and its lists.

    >>> s = CaptureScenario(1000, (0.1, 0.2, 0.15), dependence={(0, 1): 1.0})
    >>> s.lists
    ('A', 'B', 'C')
    """

    population: int
    capture_probabilities: tuple[float, ...]
    dependence: Mapping[tuple[int, int], float] = field(default_factory=dict)
    heterogeneity: float = 0.0
    list_names: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        k = len(self.capture_probabilities)
        if self.population < 0:
            raise ValueError("population must be >= 0")
        if not 2 <= k <= 12:
            raise ValueError("between 2 and 12 lists")
        if not all(0 < p < 1 for p in self.capture_probabilities):
            raise ValueError("capture probabilities must be strictly between 0 and 1")
        for i, j in self.dependence:
            if not (0 <= i < k and 0 <= j < k and i != j):
                raise ValueError(f"dependence between unknown lists {(i, j)}")
        if self.heterogeneity < 0:
            raise ValueError("heterogeneity is a standard deviation (>= 0)")
        if self.list_names is not None and len(self.list_names) != k:
            raise ValueError("one name per list")

    @property
    def lists(self) -> tuple[str, ...]:
        if self.list_names is not None:
            return self.list_names
        return tuple(chr(ord("A") + i) for i in range(len(self.capture_probabilities)))


@dataclass(frozen=True)
class SimulatedCapture:
    """What the lists saw of a simulated population (``table``), and the truth."""

    scenario: CaptureScenario
    table: pd.DataFrame  # list columns + "count", observed histories only (as the CSVs)
    population: int
    observed: int

    @property
    def unseen(self) -> int:
        return self.population - self.observed

    def memberships(self) -> pd.DataFrame:
        """The table as (person_id, list) rows, one per recording of a person."""
        rows: list[tuple[int, str]] = []
        person = 0
        lists = self.scenario.lists
        for record in self.table.itertuples(index=False):
            history, count = record[:-1], int(record[-1])
            on = [name for name, flag in zip(lists, history, strict=True) if flag]
            for _ in range(count):
                rows += [(person, name) for name in on]
                person += 1
        return pd.DataFrame(rows, columns=["person_id", "list"])


def _histories(k: int) -> np.ndarray:
    return np.array(list(itertools.product((0, 1), repeat=k)), dtype=np.int8)


def _log_weights(scenario: CaptureScenario, histories: np.ndarray) -> np.ndarray:
    p = np.asarray(scenario.capture_probabilities)
    weights = histories @ np.log(p / (1 - p))
    for (i, j), d in scenario.dependence.items():
        weights = weights + d * histories[:, i] * histories[:, j]
    return weights


def simulate_capture(scenario: CaptureScenario, seed: int) -> SimulatedCapture:
    """Draw who each list records, for ``scenario.population`` persons.

    >>> sim = simulate_capture(CaptureScenario(2000, (0.2, 0.3, 0.25)), seed=1)
    >>> sim.population, sim.observed == int(sim.table["count"].sum())
    (2000, True)
    """
    rng = np.random.default_rng(seed)
    k = len(scenario.capture_probabilities)
    histories = _histories(k)
    base = _log_weights(scenario, histories)
    if scenario.heterogeneity == 0:
        probabilities = np.exp(base - base.max())
        counts = rng.multinomial(scenario.population, probabilities / probabilities.sum())
    else:
        counts = np.zeros(len(histories), dtype=np.int64)
        size = histories.sum(axis=1)
        remaining = scenario.population
        while remaining:
            n = min(remaining, _CHUNK)
            u = rng.normal(0.0, scenario.heterogeneity, size=n)
            logits = base[None, :] + u[:, None] * size[None, :]
            weights = np.exp(logits - logits.max(axis=1, keepdims=True))
            cumulative = np.cumsum(weights / weights.sum(axis=1, keepdims=True), axis=1)
            draws = (cumulative < rng.random(n)[:, None]).sum(axis=1)
            counts += np.bincount(np.minimum(draws, len(histories) - 1), minlength=len(histories))
            remaining -= n
    table = pd.DataFrame(histories[1:].astype(int), columns=list(scenario.lists))
    table["count"] = counts[1:].astype(int)
    table = table[table["count"] > 0].reset_index(drop=True)
    return SimulatedCapture(
        scenario=scenario,
        table=table,
        population=scenario.population,
        observed=int(counts[1:].sum()),
    )


def coverage_scenario(population: int = 1500) -> CaptureScenario:
    """The scenario of the coverage benchmark: five lists with capture probabilities
    from 6 % to 15 % and two positively dependent pairs (referral between A and B, and
    between C and D), sparse in the way real trafficking lists are."""
    return CaptureScenario(
        population=population,
        capture_probabilities=(0.08, 0.12, 0.15, 0.06, 0.10),
        dependence={(0, 1): 1.2, (2, 3): 0.9},
    )

