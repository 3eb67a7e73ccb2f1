"""Carry linkage uncertainty into the estimate: repeat it over linkage samples and pool.

Linkage says only how sure each link is, so the capture-history table itself is
uncertain. The statistics side draws several tables from the match probabilities
("linkage samples"), estimates on each with its own bootstrap, and pools: the bootstrap
replicates of all samples form one mixture distribution, which holds both the sampling
variation (within a table) and the linkage variation (between tables). The point estimate
is the median of the samples' estimates; the interval is BCa on the pooled replicates,
with the bias correction taken against that median and the acceleration the mean of the
samples' jackknife accelerations (bootstrap-then-pool, cf. Schomaker and Heumann 2018
for the same idea with multiple imputation).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from henvis.stats.mse.bootstrap import bca_interval
from henvis.stats.mse.estimate import MSEResult, estimate_population
from henvis.stats.mse.refusal import MSERefusal, Notice
from henvis.stats.mse.stepwise import DEFAULT_PTHRESH
from henvis.stats.mse.table import CaptureTable


@dataclass
class PooledMSEResult:
    """Estimate pooled over linkage samples. ``samples`` keeps each sample's result;
    ``refused`` counts samples on which no estimate could be made."""

    observed: int  # median over samples of the persons linked as known
    observed_min: int
    observed_max: int
    estimate: float
    ci95_low: float | None
    ci95_high: float | None
    between_sd: float  # spread of the point estimates across linkage samples
    within_sd: float  # mean bootstrap standard deviation within a sample
    models: dict[str, int]  # chosen model -> number of samples choosing it
    samples: list[MSEResult]
    refused: int
    warnings: list[Notice]

    @property
    def interactions(self) -> list[str]:
        """Terms of the model most samples chose."""
        top = max(self.models.items(), key=lambda kv: kv[1])[0]
        return [] if top == "main effects" else top.split(" + ")

    def to_dict(self) -> dict[str, Any]:
        return {
            "observed": self.observed,
            "observed_range": [self.observed_min, self.observed_max],
            "estimate": round(self.estimate, 1),
            "ci95_low": None if self.ci95_low is None else round(self.ci95_low, 1),
            "ci95_high": None if self.ci95_high is None else round(self.ci95_high, 1),
            "interactions": self.interactions,
            "models": self.models,
            "linkage_samples": len(self.samples) + self.refused,
            "refused_samples": self.refused,
            "between_sd": round(self.between_sd, 1),
            "within_sd": round(self.within_sd, 1),
            "warnings": [str(w) for w in self.warnings],
            "warnings_detail": [w.to_dict() for w in self.warnings],
            "lists_used": sorted({name for s in self.samples for name in s.lists_used}),
        }


def estimate_over_linkage_samples(
    tables: Sequence[pd.DataFrame | CaptureTable],
    *,
    bootstrap: int = 200,
    seed: int = 0,
    pthresh: float = DEFAULT_PTHRESH,
    progress: bool | None = None,
    jackknife: str = "each",
) -> PooledMSEResult:
    """Estimate on each linkage sample (``bootstrap`` replicates each, independent
    seeds spawned from ``seed``) and pool as described in the module docstring.

    ``jackknife="first"`` runs the jackknife for the BCa acceleration on the first
    sample only and uses its acceleration for the pool (the acceleration measures the
    skewness of the estimator on the table's structure, which linkage samples that differ
    in a few links hardly change; the jackknife costs one estimate per cell and sample).

    Raises the most common :class:`MSERefusal` when more than half of the samples
    cannot support an estimate; otherwise refused samples are counted and warned about.
    The samples' results carry no AIC/BIC table; run :func:`estimate_population` on the
    linkage's own clustering for that.

    >>> from importlib.resources import files
    >>> uk = pd.read_csv(files("henvis.stats.mse") / "data" / "uk_2013_five_lists.csv")
    >>> pooled = estimate_over_linkage_samples([uk, uk], bootstrap=5, seed=1)
    >>> pooled.observed, round(pooled.estimate), len(pooled.samples)
    (2744, 11313, 2)
    """
    if bootstrap < 1:
        raise ValueError("pooling needs bootstrap replicates (bootstrap >= 1)")
    if len(tables) == 0:
        raise ValueError("no linkage samples given")
    if jackknife not in ("each", "first"):
        raise ValueError("jackknife must be 'each' or 'first'")
    seeds = np.random.SeedSequence(seed).spawn(len(tables))
    results: list[MSEResult] = []
    refusals: list[MSERefusal] = []
    for k, (table, child) in enumerate(zip(tables, seeds, strict=True)):
        try:
            results.append(
                estimate_population(
                    table,
                    bootstrap=bootstrap,
                    seed=int(child.generate_state(1)[0]),
                    pthresh=pthresh,
                    sensitivity=False,  # per-sample AIC/BIC tables are not pooled
                    progress=progress,
                    jackknife=jackknife == "each" or k == 0,
                )
            )
        except MSERefusal as refusal:
            refusals.append(refusal)
    if len(refusals) * 2 > len(tables):
        reasons = Counter(r.reason for r in refusals)
        top = reasons.most_common(1)[0][0]
        raise next(r for r in refusals if r.reason == top)
    estimates = np.array([r.estimate for r in results])
    centre = float(np.median(estimates))
    pooled = np.concatenate([r.bootstrap_estimates for r in results])
    if jackknife == "each":
        acceleration = float(np.mean([r.acceleration or 0.0 for r in results]))
    else:  # the first sample's, or the first that gave an estimate
        acceleration = float(results[0].acceleration or 0.0) if results else 0.0
    interval = bca_interval(pooled, centre, acceleration)
    within = [float(np.std(r.bootstrap_estimates[np.isfinite(r.bootstrap_estimates)]))
              for r in results]
    warnings: list[Notice] = []
    if refusals:
        warnings.append(
            Notice(
                "linkage_samples_refused",
                f"{len(refusals)} av {len(tables)} koblingsutvalg kunne ikke gi et estimat",
                f"{len(refusals)} of {len(tables)} linkage samples could not give an estimate",
            )
        )
    if interval.high is None or interval.low is None:
        warnings.append(
            Notice(
                "interval_unbounded",
                "Den øvre grensen for intervallet er ikke endelig",
                "The upper limit of the interval is not finite",
            )
        )
    observed = [r.observed for r in results]
    models = Counter(" + ".join(r.interactions) or "main effects" for r in results)
    return PooledMSEResult(
        observed=int(np.median(observed)),
        observed_min=min(observed),
        observed_max=max(observed),
        estimate=centre,
        ci95_low=interval.low,
        ci95_high=interval.high,
        between_sd=float(np.std(estimates, ddof=1)) if len(results) > 1 else 0.0,
        within_sd=float(np.mean(within)),
        models=dict(models.most_common()),
        samples=results,
        refused=len(refusals),
        warnings=warnings,
    )
