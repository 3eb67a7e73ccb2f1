"""One call from a capture-history table to an estimate with an honest interval."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from henvis.stats.mse.bootstrap import (
    bca_interval,
    bootstrap_replicates,
    jackknife_acceleration,
    replicate_estimate,
)
from henvis.stats.mse.identifiability import check_model
from henvis.stats.mse.loglinear import ModelFit, Pair, fit_model, pair_name
from henvis.stats.mse.refusal import MSERefusal, Notice, RefusalReason
from henvis.stats.mse.sensitivity import SensitivityRow, sensitivity_table
from henvis.stats.mse.stepwise import DEFAULT_PTHRESH, stepwise_fit
from henvis.stats.mse.table import CaptureTable, RemovedList, remove_noninformative_lists

DEFAULT_BOOTSTRAP = 1000
MIN_LISTS = 3
# interval_method codes (texts for people: INTERVAL_TEXT)
INTERVAL_BCA = "bca_bootstrap"
INTERVAL_LOGNORMAL = "lognormal_model"
INTERVAL_TEXT = {
    INTERVAL_BCA: (
        "BCa-bootstrap (multinomisk omtrekking, modellen velges på nytt i hvert utvalg)",
        "BCa bootstrap (multinomial resampling, model re-chosen in every replicate)",
    ),
    INTERVAL_LOGNORMAL: (
        "log-normalt intervall gitt den valgte modellen",
        "log-normal interval given the chosen model",
    ),
}

_REMOVAL_TEXT = {
    "empty": ("ingen personer", "no persons"),
    "contains_all": ("alle observerte personer", "every observed person"),
    "duplicate": ("samme personer som {other}", "the same persons as {other}"),
}


@dataclass
class MSEResult:
    """Estimate of the total population (known + dark figure) with its 95 % interval.

    ``ci95_low``/``ci95_high`` are BCa bootstrap limits (``interval_method`` says which
    method gave them); ``None`` means the limit is not finite. ``interactions`` are the
    chosen model's two-list terms in the order they entered.
    """

    observed: int
    estimate: float
    ci95_low: float | None
    ci95_high: float | None
    interactions: list[str]
    lists_used: list[str]
    lists_removed: list[RemovedList]
    warnings: list[Notice]
    sensitivity: list[SensitivityRow]
    pthresh: float
    bootstrap: int
    seed: int | None
    interval_method: str
    model_choice: str = "stepwise"  # or "given"
    bootstrap_unbounded: int = 0  # replicates whose estimate was not finite
    bootstrap_failed: int = 0  # replicates with fewer than two informative lists
    bias_correction: float | None = None
    acceleration: float | None = None
    non_overlapping_in_model: list[str] = field(default_factory=list)
    bootstrap_estimates: np.ndarray = field(default_factory=lambda: np.empty(0), repr=False)
    model: ModelFit | None = field(default=None, repr=False)

    @property
    def dark_figure(self) -> float:
        """Estimated persons recorded by no list."""
        return self.estimate - self.observed

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready summary (the CLI's ``--json`` output)."""
        return {
            "observed": self.observed,
            "estimate": round(self.estimate, 1),
            "ci95_low": None if self.ci95_low is None else round(self.ci95_low, 1),
            "ci95_high": None if self.ci95_high is None else round(self.ci95_high, 1),
            "dark_figure": round(self.dark_figure, 1),
            "interactions": self.interactions,
            "non_overlapping_in_model": self.non_overlapping_in_model,
            "lists_used": self.lists_used,
            "lists_removed": [
                {"list": r.name, "reason": r.reason, "duplicate_of": r.duplicate_of}
                for r in self.lists_removed
            ],
            "warnings": [str(w) for w in self.warnings],
            "warnings_detail": [w.to_dict() for w in self.warnings],
            "method": {
                "model_choice": self.model_choice,
                "pthresh": self.pthresh,
                "interval": self.interval_method,
                "bootstrap_replicates": self.bootstrap,
                "seed": self.seed,
                "bootstrap_unbounded": self.bootstrap_unbounded,
                "bootstrap_failed": self.bootstrap_failed,
                "bias_correction_z0": _round(self.bias_correction, 4),
                "acceleration": _round(self.acceleration, 5),
            },
            "sensitivity": [row.to_dict() for row in self.sensitivity],
        }


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def prepare_table(table: pd.DataFrame | CaptureTable) -> tuple[CaptureTable, list[RemovedList]]:
    """Check that ``table`` can support an estimate; raise :class:`MSERefusal` if not.

    Returns the table without its non-informative lists and the lists removed.
    """
    full = table if isinstance(table, CaptureTable) else CaptureTable.from_frame(table)
    if full.observed == 0:
        raise MSERefusal(
            RefusalReason.INVALID_TABLE,
            "Tabellen inneholder ingen personer",
            "The table holds no persons",
        )
    tidy, removed = remove_noninformative_lists(full)
    if len(tidy.lists) < MIN_LISTS:
        gone = f" ({', '.join(r.name for r in removed)} uten informasjon)" if removed else ""
        gone_en = f" ({', '.join(r.name for r in removed)} without information)" if removed else ""
        raise MSERefusal(
            RefusalReason.TOO_FEW_LISTS,
            f"Estimatet krever minst {MIN_LISTS} lister med informasjon; tabellen har "
            f"{len(tidy.lists)}{gone}",
            f"The estimate needs at least {MIN_LISTS} informative lists; the table has "
            f"{len(tidy.lists)}{gone_en}",
        )
    on_several = tidy.counts[tidy.histories.sum(axis=1) >= 2].sum()
    if on_several == 0:
        raise MSERefusal(
            RefusalReason.NO_OVERLAPS,
            "Ingen person er registrert av mer enn én liste; uten overlapp kan mørketallet "
            "ikke anslås",
            "No person is recorded by more than one list; without overlaps the dark figure "
            "cannot be estimated",
        )
    check = check_model(tidy, [])
    if not check.exists:
        raise MSERefusal(
            RefusalReason.MLE_DOES_NOT_EXIST,
            "Sannsynlighetsmaksimeringsestimatet finnes ikke for disse dataene (overlappene "
            "er for få): mørketallet kan være vilkårlig stort",
            "The maximum-likelihood estimate does not exist for these data (too few "
            "overlaps): the dark figure could be arbitrarily large",
        )
    if not check.identifiable:
        raise MSERefusal(
            RefusalReason.NOT_IDENTIFIABLE,
            "Modellen er ikke identifiserbar for disse dataene",
            "The model is not identifiable for these data",
        )
    return tidy, removed


def estimate_population(
    table: pd.DataFrame | CaptureTable,
    *,
    bootstrap: int = DEFAULT_BOOTSTRAP,
    seed: int | None = 0,
    pthresh: float = DEFAULT_PTHRESH,
    model: Sequence[str] | None = None,
    sensitivity: bool = True,
    progress: bool | None = None,
    jackknife: bool = True,
) -> MSEResult:
    """Estimate how many persons there are in total, recorded or not.

    ``table`` has one 0/1 column per list and a ``count`` column (see
    :class:`~henvis.stats.mse.table.CaptureTable`). The model is chosen stepwise with
    p-value threshold ``pthresh``; the 95 % interval is BCa from ``bootstrap``
    multinomial replicates drawn with ``numpy.random.default_rng(seed)``, each re-choosing
    the model. ``bootstrap=0`` gives the model-based log-normal interval instead.
    ``progress`` shows a tqdm bar on stderr (default: when stderr is a terminal).
    ``jackknife=False`` skips the jackknife for the BCa acceleration (taken as 0; for
    pooling, which takes the acceleration from another table).
    Raises :class:`~henvis.stats.mse.refusal.MSERefusal` when the data cannot support an
    estimate.

    >>> from importlib.resources import files
    >>> uk = pd.read_csv(files("henvis.stats.mse") / "data" / "uk_2013_five_lists.csv")
    >>> result = estimate_population(uk, bootstrap=0)
    >>> result.observed, round(result.estimate), result.interactions[:2]
    (2744, 11313, ['LA:NG', 'NG:GP'])
    """
    if not 0 <= pthresh < 1:
        raise ValueError("pthresh must be in [0, 1)")
    if bootstrap < 0:
        raise ValueError("bootstrap must be >= 0")
    tidy, removed = prepare_table(table)
    fixed = None if model is None else _parse_model(model, tidy, removed)
    if fixed is None:
        path = stepwise_fit(tidy, pthresh)
    else:
        _check_fixed_model(tidy, fixed)
        path = [fit_model(tidy, []), fit_model(tidy, fixed)] if fixed else [fit_model(tidy, [])]
    chosen = path[-1]
    warnings = [_removal_notice(r) for r in removed]
    empty_in_model = [pair_name(tidy.lists, p) for p in chosen.design.empty_pairs]
    if empty_in_model:
        warnings.append(
            Notice(
                "non_overlapping_pair_in_model",
                "Modellen inneholder listepar uten felles personer ("
                + ", ".join(empty_in_model)
                + "); de behandles som at ingen kan stå på begge",
                "The model contains pairs of lists with no person in common ("
                + ", ".join(empty_in_model)
                + "); they are treated as if nobody can be on both",
            )
        )
    if not chosen.converged:
        warnings.append(
            Notice(
                "not_converged",
                "Modelltilpasningen konvergerte ikke; estimatet er usikkert",
                "The model fit did not converge; the estimate is uncertain",
            )
        )
    result = MSEResult(
        observed=tidy.observed,
        estimate=chosen.estimate,
        ci95_low=None,
        ci95_high=None,
        interactions=chosen.interactions,
        lists_used=list(tidy.lists),
        lists_removed=removed,
        warnings=warnings,
        sensitivity=sensitivity_table(
            tidy, path, chosen_label="chosen (stepwise)" if fixed is None else "given model"
        ) if sensitivity else [],
        pthresh=pthresh,
        bootstrap=bootstrap,
        seed=seed,
        interval_method="",
        non_overlapping_in_model=empty_in_model,
        model_choice="stepwise" if fixed is None else "given",
        model=chosen,
    )
    if bootstrap == 0:
        result.ci95_low, result.ci95_high = chosen.wald_interval()
        result.interval_method = INTERVAL_LOGNORMAL
        warnings.append(
            Notice(
                "no_bootstrap",
                "Intervallet er modellbasert og tar ikke med usikkerheten i modellvalget",
                "The interval is model-based and leaves out the uncertainty of the model choice",
            )
        )
        return result
    fixed_names = None if fixed is None else [(tidy.lists[i], tidy.lists[j]) for i, j in fixed]
    _add_bootstrap(result, tidy, path, bootstrap, seed, pthresh, progress, fixed_names, jackknife)
    return result


def _parse_model(
    terms: Sequence[str], tidy: CaptureTable, removed: list[RemovedList]
) -> list[Pair]:
    position = {name: i for i, name in enumerate(tidy.lists)}
    gone = {r.name for r in removed}
    pairs: list[Pair] = []
    for term in terms:
        names = [part.strip() for part in term.split(":")]
        if len(names) != 2 or names[0] == names[1]:
            raise MSERefusal(
                RefusalReason.INVALID_MODEL,
                f"«{term}» er ikke et samspill mellom to lister (skriv A:B)",
                f"'{term}' is not an interaction of two lists (write A:B)",
            )
        for name in names:
            if name not in position:
                why_nb = " (utelatt, uten informasjon)" if name in gone else ""
                why_en = " (left out, no information)" if name in gone else ""
                raise MSERefusal(
                    RefusalReason.INVALID_MODEL,
                    f"Modellen nevner listen «{name}», som ikke er i tabellen{why_nb}",
                    f"The model names the list '{name}', which is not in the table{why_en}",
                )
        i, j = sorted((position[names[0]], position[names[1]]))
        if (i, j) not in pairs:
            pairs.append((i, j))
    return pairs


def _check_fixed_model(tidy: CaptureTable, pairs: list[Pair]) -> None:
    check = check_model(tidy, pairs)
    if not check.exists:
        raise MSERefusal(
            RefusalReason.MLE_DOES_NOT_EXIST,
            "Sannsynlighetsmaksimeringsestimatet finnes ikke for denne modellen på disse "
            "dataene: mørketallet kan være vilkårlig stort",
            "The maximum-likelihood estimate does not exist for this model on these data: "
            "the dark figure could be arbitrarily large",
        )
    if not check.identifiable:
        raise MSERefusal(
            RefusalReason.NOT_IDENTIFIABLE,
            "Modellen er ikke identifiserbar for disse dataene (for mange samspill for "
            "overlappene som finnes)",
            "The model is not identifiable for these data (too many interactions for the "
            "overlaps there are)",
        )


def _add_bootstrap(
    result: MSEResult,
    tidy: CaptureTable,
    path: list[ModelFit],
    replicates: int,
    seed: int | None,
    pthresh: float,
    progress: bool | None,
    fixed: list[tuple[str, str]] | None,
    jackknife: bool = True,
) -> None:
    starts = {tuple(sorted(fit.pairs)): fit.params_by_name() for fit in path}

    def estimator(sample: CaptureTable) -> float:
        return replicate_estimate(sample, pthresh, starts, fixed)

    rng = np.random.default_rng(seed)
    draws = bootstrap_replicates(tidy, estimator, replicates, rng, progress=progress)
    acceleration = jackknife_acceleration(tidy, estimator) if jackknife else 0.0
    interval = bca_interval(draws, result.estimate, acceleration)
    result.bootstrap_estimates = draws
    result.ci95_low, result.ci95_high = interval.low, interval.high
    result.bias_correction = interval.bias_correction
    result.acceleration = interval.acceleration
    result.bootstrap_unbounded = int(np.isinf(draws).sum())
    result.bootstrap_failed = int(np.isnan(draws).sum())
    result.interval_method = INTERVAL_BCA
    _bootstrap_notices(result, interval.clipped)


def _bootstrap_notices(result: MSEResult, clipped: bool) -> None:
    if result.bootstrap_unbounded:
        result.warnings.append(
            Notice(
                "bootstrap_unbounded",
                f"{result.bootstrap_unbounded} av {result.bootstrap} bootstrap-utvalg ga et "
                "ubegrenset estimat",
                f"{result.bootstrap_unbounded} of {result.bootstrap} bootstrap replicates gave "
                "an unbounded estimate",
            )
        )
    if result.bootstrap_failed:
        result.warnings.append(
            Notice(
                "bootstrap_failed",
                f"{result.bootstrap_failed} av {result.bootstrap} bootstrap-utvalg hadde for få "
                "lister og er utelatt",
                f"{result.bootstrap_failed} of {result.bootstrap} bootstrap replicates had too "
                "few lists and are left out",
            )
        )
    if result.ci95_high is None or result.ci95_low is None:
        result.warnings.append(
            Notice(
                "interval_unbounded",
                "Den øvre grensen for intervallet er ikke endelig: dataene sier lite om hvor "
                "stort mørketallet kan være",
                "The upper limit of the interval is not finite: the data say little about how "
                "large the dark figure may be",
            )
        )
    if clipped:
        result.warnings.append(
            Notice(
                "bca_clipped",
                "Punktestimatet ligger utenfor nesten alle bootstrap-estimatene; "
                "intervallet er usikkert",
                "The point estimate lies outside nearly all bootstrap estimates; the "
                "interval is unreliable",
            )
        )
    if result.bootstrap < 200:
        result.warnings.append(
            Notice(
                "few_replicates",
                f"Bare {result.bootstrap} bootstrap-utvalg; intervallgrensene er grove",
                f"Only {result.bootstrap} bootstrap replicates; the interval limits are rough",
            )
        )


def _removal_notice(removed: RemovedList) -> Notice:
    nb, en = _REMOVAL_TEXT[removed.reason]
    other = removed.duplicate_of or ""
    return Notice(
        f"list_removed_{removed.reason}",
        f"Listen {removed.name} er utelatt: den inneholder {nb.format(other=other)}",
        f"The list {removed.name} is left out: it holds {en.format(other=other)}",
    )
