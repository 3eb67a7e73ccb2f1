"""Poisson log-linear models of a capture-history table (main effects + two-list terms).

The expected count of capture history w is exp(b0 + sum_i b_i w_i + sum_{ij} g_ij w_i w_j);
the dark figure (persons on no list, w = 0) is exp(b0). Following Chan, Silverman and
Vincent (2021), a two-list term whose lists have no person in common ("non-overlapping
pair") is not given a column: its parameter is minus infinity in the extended maximum
likelihood estimate, which is the same as leaving out every history that contains both
lists. The fit is iteratively reweighted least squares for the Poisson GLM with log link,
written out in numpy (``poisson_irls``: the same algorithm, start and stopping rule as
statsmodels' GLM, without its per-fit overhead, which was 80 % of the bootstrap's time);
statsmodels' GLM is kept as the fallback when a step cannot be solved.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.special import gammaln

from henvis.stats.mse.table import CaptureTable

Pair = tuple[int, int]


def pair_name(lists: Sequence[str], pair: Pair) -> str:
    return f"{lists[pair[0]]}:{lists[pair[1]]}"


def all_pairs(n_lists: int) -> list[Pair]:
    """Two-list terms in the order SparseMSE enumerates them: (1,2), (1,3), ..., (m-1,m)."""
    return [(i, j) for i in range(n_lists - 1) for j in range(i + 1, n_lists)]


@dataclass(frozen=True)
class Design:
    """Design matrix of one model on one table."""

    rows: np.ndarray  # indices into the table's histories that stay in the fit
    matrix: np.ndarray  # intercept, main effects, overlapping two-list terms
    response: np.ndarray
    columns: tuple[str, ...]
    fitted_pairs: tuple[Pair, ...]  # two-list terms with a column
    empty_pairs: tuple[Pair, ...]  # two-list terms in the model with no overlap


def build_design(table: CaptureTable, pairs: Sequence[Pair]) -> Design:
    """SparseMSE ``buildmodel``/``buildmodelmatrix``: all 2^m - 1 histories (zeros
    included), minus those containing a non-overlapping pair that is in the model."""
    h = table.histories
    keep = np.ones(len(h), dtype=bool)
    fitted: list[Pair] = []
    empty: list[Pair] = []
    for i, j in pairs:
        both = (h[:, i] * h[:, j]).astype(bool)
        if table.counts[both].sum() == 0:
            empty.append((i, j))
            keep &= ~both
        else:
            fitted.append((i, j))
    rows = np.flatnonzero(keep)
    sub = h[rows].astype(float)
    cols = [np.ones(len(rows)), *(sub[:, i] for i in range(len(table.lists)))]
    cols += [sub[:, i] * sub[:, j] for i, j in fitted]
    names = ("(Intercept)", *table.lists, *(pair_name(table.lists, p) for p in fitted))
    return Design(
        rows=rows,
        matrix=np.column_stack(cols),
        response=table.counts[rows].astype(float),
        columns=names,
        fitted_pairs=tuple(fitted),
        empty_pairs=tuple(empty),
    )


@dataclass(frozen=True)
class ModelFit:
    """A fitted model: its terms, the GLM coefficients and what the estimate needs."""

    table: CaptureTable
    pairs: tuple[Pair, ...]  # in the order they entered the model
    design: Design
    params: np.ndarray
    fitted: np.ndarray  # expected counts of design.rows
    intercept_se: float
    log_likelihood: float
    deviance: float
    converged: bool

    @property
    def observed(self) -> int:
        return self.table.observed

    @property
    def dark_figure(self) -> float:
        return float(np.exp(self.params[0]))

    @property
    def estimate(self) -> float:
        """SparseMSE ``estimatepopulation.0`` point estimate: observed + exp(intercept)."""
        return self.observed + self.dark_figure

    @property
    def interactions(self) -> list[str]:
        return [pair_name(self.table.lists, p) for p in self.pairs]

    @property
    def n_parameters(self) -> int:
        """Parameters counted by SparseMSE's AIC: the fitted columns plus one per
        non-overlapping pair in the model."""
        return self.design.matrix.shape[1] + len(self.design.empty_pairs)

    @property
    def aic(self) -> float:
        return -2.0 * self.log_likelihood + 2.0 * self.n_parameters

    @property
    def bic(self) -> float:
        """BIC with the number of observed persons as sample size (as Rcapture)."""
        return float(-2.0 * self.log_likelihood + np.log(max(self.observed, 1)) * self.n_parameters)

    def wald_interval(self, level: float = 0.95) -> tuple[float, float]:
        """``estimatepopulation.0`` interval: log-normal dark figure from the intercept's
        standard error, given the model (ignores model choice; the bootstrap does not)."""
        from scipy.stats import norm

        z = norm.ppf(0.5 + level / 2)
        b0 = self.params[0]
        return (
            self.observed + float(np.exp(b0 - z * self.intercept_se)),
            self.observed + float(np.exp(b0 + z * self.intercept_se)),
        )

    def params_by_name(self) -> dict[str, float]:
        return dict(zip(self.design.columns, self.params.tolist(), strict=True))


@dataclass(frozen=True)
class GLMResult:
    params: np.ndarray
    fitted: np.ndarray
    log_likelihood: float
    deviance: float
    converged: bool
    information: np.ndarray  # X' W X at the estimate (its inverse is the covariance)


def _deviance(y: np.ndarray, mu: np.ndarray) -> float:
    with np.errstate(divide="ignore", invalid="ignore"):
        term = np.where(y > 0, y * np.log(y / mu), 0.0)
    return float(2.0 * np.sum(term - (y - mu)))


def poisson_irls(x: np.ndarray, y: np.ndarray, start: np.ndarray | None = None, *,
                 maxiter: int = 100, tol: float = 1e-8) -> GLMResult | None:
    """Poisson GLM with log link by IRLS, as statsmodels' ``GLM.fit()`` does it: start
    from mu = (y + mean(y)) / 2 (or from ``start``), weights mu, working response
    eta + (y - mu) / mu, stop when the deviance changes by at most ``tol``. None when a
    step is not solvable or not finite (the caller then falls back to statsmodels).

    >>> x = np.column_stack([np.ones(4), [0, 1, 0, 1.0]])
    >>> r = poisson_irls(x, np.array([10.0, 20, 30, 40]))
    >>> np.round(np.exp(r.params), 4).tolist(), r.converged
    ([20.0, 1.5], True)
    """
    if start is None:
        mu = (y + y.mean()) / 2.0
        eta = np.log(mu)
    else:
        eta = x @ start
        mu = np.exp(eta)
    deviance = _deviance(y, mu)
    converged = False
    params = np.zeros(x.shape[1]) if start is None else np.asarray(start, dtype=float)
    for _ in range(maxiter):
        z = eta + (y - mu) / mu
        xw = x.T * mu
        try:
            params = np.linalg.solve(xw @ x, xw @ z)
        except np.linalg.LinAlgError:
            return None
        eta = x @ params
        with np.errstate(over="ignore"):
            mu = np.exp(eta)
        if not (np.all(np.isfinite(mu)) and np.all(np.isfinite(params))):
            return None
        new = _deviance(y, mu)
        if abs(new - deviance) <= tol:
            deviance, converged = new, True
            break
        deviance = new
    with np.errstate(divide="ignore", invalid="ignore"):
        llf = float(np.sum(np.where(y > 0, y * np.log(mu), 0.0) - mu - gammaln(y + 1)))
    return GLMResult(params, mu, llf, deviance, converged, (x.T * mu) @ x)


def _statsmodels_glm(x: np.ndarray, y: np.ndarray, start: np.ndarray | None) -> GLMResult:
    import statsmodels.api as sm  # only for the fallback: importing it takes seconds
    from statsmodels.tools.sm_exceptions import PerfectSeparationError, PerfectSeparationWarning

    # hasconst: the first column is the intercept; saves statsmodels' rank test per fit.
    model = sm.GLM(y, x, family=sm.families.Poisson(), hasconst=True)
    with warnings.catch_warnings():
        # A saturated model (as many columns as cells) fits exactly: statsmodels then
        # warns about "perfect prediction" and a zero residual df, which is expected here.
        warnings.simplefilter("ignore", PerfectSeparationWarning)
        warnings.filterwarnings("ignore", "divide by zero", RuntimeWarning)
        try:
            result = model.fit(start_params=start, maxiter=100)
        except (PerfectSeparationError, np.linalg.LinAlgError, ValueError):
            if start is None:
                raise
            result = model.fit(maxiter=100)
        if start is not None and not np.all(np.isfinite(result.params)):
            result = model.fit(maxiter=100)
    mu = np.asarray(result.fittedvalues, dtype=float)
    return GLMResult(np.asarray(result.params, dtype=float), mu, float(result.llf), float(result.deviance),
                     bool(result.converged), (x.T * mu) @ x)


def fit_model(
    table: CaptureTable,
    pairs: Sequence[Pair],
    *,
    start: dict[str, float] | None = None,
    standard_error: bool = True,
) -> ModelFit:
    """Fit the Poisson log-linear model with main effects and the two-list terms
    ``pairs``. ``start`` (coefficients by column name, e.g. from the same model on the
    original data) warm-starts the IRLS iterations, which the bootstrap relies on; it
    also skips the standard error (``standard_error=False``), which it does not use."""
    design = build_design(table, pairs)
    start_params = None
    if start is not None:
        start_params = np.array([start.get(name, 0.0) for name in design.columns])
    result = poisson_irls(design.matrix, design.response, start_params)
    if result is None and start_params is not None:
        result = poisson_irls(design.matrix, design.response, None)
    if result is None:
        result = _statsmodels_glm(design.matrix, design.response, start_params)
    intercept_se = float("nan")
    if standard_error:
        try:
            intercept_se = float(np.sqrt(np.linalg.pinv(result.information)[0, 0]))
        except np.linalg.LinAlgError:
            intercept_se = float("nan")
    return ModelFit(
        table=table,
        pairs=tuple(pairs),
        design=design,
        params=result.params,
        fitted=result.fitted,
        intercept_se=intercept_se,
        log_likelihood=result.log_likelihood,
        deviance=result.deviance,
        converged=result.converged,
    )
