"""The dark-figure section: a multiple systems estimate (``henvis.stats.mse``) from a
capture-history table of unique persons, when one is available.

Only the estimate, its interval and the number of persons observed are printed; the
capture-history cells themselves (how many persons each combination of organisations
recorded) are never printed, because many of them are below the disclosure threshold.

>>> import pandas as pd
>>> table = pd.DataFrame({"A": [1, 0, 0, 1, 1, 0], "B": [0, 1, 0, 1, 0, 1],
...                       "C": [0, 0, 1, 0, 1, 1], "count": [50, 60, 70, 30, 5, 6]})
>>> dark_figure(table, bootstrap=0, collapse=False).observed
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


# Organisation kinds grouped into five lists: the model's cost grows fast with the number
# of lists, and MSE practice (e.g. the UK Home Office's estimates) uses a handful of broad
# lists; kinds not named here go to "andre-offentlige".
LIST_GROUPS: dict[str, str] = {
    "police_district": "politi", "police_national": "politi",
    "immigration": "utlendingsforvaltningen",
    "ngo": "frivillige",
    "child_welfare_municipal": "barnevern", "child_welfare_state": "barnevern",
}
OTHER_LIST = "andre-offentlige"


def collapse_lists(table: pd.DataFrame, groups: dict[str, str] | None = None) -> pd.DataFrame:
    """Merge the 0/1 list columns into broader lists (a person is on a merged list if on
    any of its members) and add up the counts of identical histories.

    >>> t = pd.DataFrame({"ngo": [1, 0, 1], "police_district": [0, 1, 1],
    ...                   "police_national": [1, 1, 0], "count": [4, 5, 6]})
    >>> collapse_lists(t).to_dict("list")
    {'frivillige': [0, 1], 'politi': [1, 1], 'count': [5, 10]}
    """
    groups = LIST_GROUPS if groups is None else groups
    lists = [c for c in table.columns if c != "count"]
    merged = pd.DataFrame(index=table.index)
    for name in dict.fromkeys(groups.get(c, OTHER_LIST) for c in lists):
        members = [c for c in lists if groups.get(c, OTHER_LIST) == name]
        merged[name] = table[members].max(axis=1).astype(int)
    merged["count"] = table["count"]
    names = [c for c in merged.columns if c != "count"]
    out = merged.groupby(names, as_index=False)["count"].sum()
    out = out[out[names].any(axis=1)]  # nobody recorded by no list
    return out.sort_values(names).reset_index(drop=True)[[*sorted(names), "count"]]


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


def dark_figure(
    capture_table: pd.DataFrame, *, bootstrap: int = 200, seed: int = 0, collapse: bool = True,
) -> DarkFigure:
    """Estimate from a capture-history table (0/1 column per list and ``count``); with
    ``collapse`` the lists are first merged into the five broad lists of ``LIST_GROUPS``."""
    if collapse:
        capture_table = collapse_lists(capture_table)
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
