"""Multiple systems estimation (MSE): how many persons there are, recorded or not.

From how many persons each combination of lists (organisations) recorded, a Poisson
log-linear model estimates how many no list recorded (the dark figure). The method is
that of Chan, Silverman and Vincent (2021, JASA) as implemented in the R package
SparseMSE: stepwise choice of two-list terms, a linear-programming check that the
maximum-likelihood estimate exists and is identifiable, removal of non-informative lists,
and BCa bootstrap intervals that re-choose the model in every replicate. See docs/mse.md.

Steps, one module each: ``table`` (read, check, tidy), ``loglinear`` (design and GLM fit),
``identifiability`` (the LP check), ``stepwise`` (model choice), ``bootstrap`` (BCa),
``sensitivity`` (AIC/BIC comparison), ``estimate`` (the one call), ``linkage_samples``
(pooling over tables drawn from linkage match probabilities).

>>> import pandas as pd
>>> from henvis.stats.mse import estimate_population
>>> table = pd.DataFrame({"A": [1, 0, 0, 1, 1, 0], "B": [0, 1, 0, 1, 0, 1],
...                       "C": [0, 0, 1, 0, 1, 1], "count": [50, 60, 70, 30, 5, 6]})
>>> result = estimate_population(table, bootstrap=0)
>>> result.observed, result.interactions
(221, ['A:B'])
"""

from henvis.stats.mse.estimate import MSEResult, estimate_population, prepare_table
from henvis.stats.mse.linkage_samples import PooledMSEResult, estimate_over_linkage_samples
from henvis.stats.mse.refusal import MSERefusal, Notice, RefusalReason
from henvis.stats.mse.sensitivity import SensitivityRow
from henvis.stats.mse.table import CaptureTable, capture_histories_from_memberships

__all__ = [
    "CaptureTable",
    "MSERefusal",
    "MSEResult",
    "Notice",
    "PooledMSEResult",
    "RefusalReason",
    "SensitivityRow",
    "capture_histories_from_memberships",
    "estimate_over_linkage_samples",
    "estimate_population",
    "prepare_table",
]
