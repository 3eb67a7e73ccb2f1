"""AIC/BIC model comparison: how much the estimate depends on the model chosen.

The table lists the main-effects model, every model on the stepwise path (the last is the
one reported), and the models reached by forward selection on AIC and on BIC (add the
term that lowers the criterion most, among models whose MLE exists and is identifiable,
until none does). Each row gives the criterion values, the estimate and the model-based
(log-normal, ``estimatepopulation.0``) 95 % interval, which ignores model choice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from henvis.stats.mse.identifiability import check_model
from henvis.stats.mse.loglinear import ModelFit, all_pairs, fit_model
from henvis.stats.mse.table import CaptureTable


@dataclass
class SensitivityRow:
    interactions: list[str]
    n_parameters: int
    deviance: float
    aic: float
    bic: float
    estimate: float
    wald_low: float
    wald_high: float
    labels: list[str] = field(default_factory=list)  # "main", "step 2", "chosen", "best AIC"...

    def to_dict(self) -> dict[str, object]:
        return {
            "model": " + ".join(self.interactions) if self.interactions else "main effects",
            "interactions": self.interactions,
            "n_parameters": self.n_parameters,
            "deviance": round(float(self.deviance), 3),
            "aic": round(float(self.aic), 3),
            "bic": round(float(self.bic), 3),
            "estimate": round(self.estimate, 1),
            "wald_low": round(self.wald_low, 1),
            "wald_high": round(self.wald_high, 1),
            "labels": self.labels,
        }


def forward_select(table: CaptureTable, criterion: Callable[[ModelFit], float]) -> ModelFit:
    """Greedy forward selection of two-list terms minimising ``criterion``.

    Each step fits every candidate and then checks existence and identifiability in
    order of the criterion, best first, so that the linear programme runs only for the
    few candidates that could be chosen.
    """
    fit = fit_model(table, [])
    remaining = all_pairs(len(table.lists))
    while remaining:
        candidates = [
            fit_model(table, [*fit.pairs, pair], start=fit.params_by_name(), standard_error=False)
            for pair in remaining
        ]
        better = sorted(
            (c for c in candidates if criterion(c) < criterion(fit)), key=criterion
        )
        best = next((c for c in better if check_model(table, c.pairs).ok), None)
        if best is None:
            break
        remaining = [p for p in remaining if p not in best.pairs]
        fit = best
    return fit_model(table, fit.pairs) if fit.pairs else fit


def sensitivity_table(
    table: CaptureTable, path: list[ModelFit], *, chosen_label: str = "chosen (stepwise)"
) -> list[SensitivityRow]:
    """Rows for the stepwise ``path`` (main effects first, chosen model last) and the
    AIC- and BIC-selected models, sorted by AIC."""
    labelled: list[tuple[ModelFit, str]] = [(path[0], "main effects")]
    labelled += [(fit, f"step {k}") for k, fit in enumerate(path[1:-1], start=1)]
    if len(path) > 1 and chosen_label.endswith("(stepwise)"):
        labelled.append((path[-1], f"step {len(path) - 1}"))
    labelled.append((path[-1], chosen_label))
    labelled.append((forward_select(table, lambda f: f.aic), "best AIC (forward)"))
    labelled.append((forward_select(table, lambda f: f.bic), "best BIC (forward)"))
    rows: dict[frozenset[tuple[int, int]], SensitivityRow] = {}
    for fit, label in labelled:
        key = frozenset(fit.pairs)
        if key not in rows:
            low, high = fit.wald_interval()
            rows[key] = SensitivityRow(
                interactions=fit.interactions,
                n_parameters=fit.n_parameters,
                deviance=fit.deviance,
                aic=fit.aic,
                bic=fit.bic,
                estimate=fit.estimate,
                wald_low=low,
                wald_high=high,
            )
        rows[key].labels.append(label)
    return sorted(rows.values(), key=lambda r: r.aic)
