"""The dark-figure section: a multiple systems estimate (``henvis.stats.mse``) from a
capture-history table of unique persons, when one is available.

Only the estimate, its interval and the number of persons observed are printed; the
capture-history cells themselves (how many persons each combination of organisations
recorded) are never printed, because many of them are below the disclosure threshold.

>>> import pandas as pd
>>> table = pd.DataFrame({"A": [1, 0, 0, 1, 1, 0], "B": [0, 1, 0, 1, 0, 1],
...                       "C": [0, 0, 1, 0, 1, 1], "count": [50, 60, 70, 30, 5, 6]})
>>> dark_figure(table, bootstrap=0).observed
221
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from henvis.stats.mse import MSERefusal, estimate_population

METHOD_NOTE = (
    "Mørketallet er anslått med multippel systemestimering (MSE): ut fra hvor mange "
    "personer hver kombinasjon av registrerende organisasjoner har registrert, anslår en "
    "log-lineær Poisson-modell hvor mange ingen har registrert (metoden til Chan, "
    "Silverman og Vincent 2021, som i R-pakken SparseMSE). Intervallet er et 95 % "
    "bootstrap-intervall (BCa). Anslaget forutsetter blant annet at alle i populasjonen kan "
    "bli registrert og at sammenhengen mellom listene er fanget av modellen; det er et "
    "anslag, ikke en telling. Krysstabellen modellen bygger på, publiseres ikke, fordi "
    "mange celler er under prikkegrensen."
)


@dataclass(frozen=True)
class DarkFigure:
    observed: int | None
    estimate: float | None
    ci95_low: float | None
    ci95_high: float | None
    lists: tuple[str, ...]
    interactions: tuple[str, ...]
    warnings: tuple[str, ...]
    refusal: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "observed": self.observed, "estimate": self.estimate, "ci95_low": self.ci95_low,
            "ci95_high": self.ci95_high, "lists": list(self.lists),
            "interactions": list(self.interactions), "warnings": list(self.warnings),
            "refusal": self.refusal,
        }


def dark_figure(capture_table: pd.DataFrame, *, bootstrap: int = 200, seed: int = 0) -> DarkFigure:
    """Estimate from a capture-history table (0/1 column per list and ``count``)."""
    lists = tuple(str(c) for c in capture_table.columns if c != "count")
    try:
        result = estimate_population(capture_table, bootstrap=bootstrap, seed=seed, progress=False)
    except MSERefusal as exc:
        return DarkFigure(None, None, None, None, lists, (), (), refusal=exc.message_nb)
    return DarkFigure(
        observed=result.observed, estimate=result.estimate, ci95_low=result.ci95_low,
        ci95_high=result.ci95_high, lists=tuple(result.lists_used),
        interactions=tuple(result.interactions), warnings=tuple(w.nb for w in result.warnings),
    )
