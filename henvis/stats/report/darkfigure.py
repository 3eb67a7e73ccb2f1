"""The dark-figure section: a multiple systems estimate (``henvis.stats.mse``) from a
capture-history table of unique persons, when one is available.

When capture-history tables of linkage samples (drawn from the match probabilities, see
``henvis.stats.persons.samples``) are given as well, the estimate is repeated on each and
pooled (``henvis.stats.mse.estimate_over_linkage_samples``), so the interval includes the
linkage variation; otherwise the single table is used and the note says the interval
leaves linkage errors out.

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

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from henvis.stats.disclosure.disclosure_rule import Language
from henvis.stats.mse import MSERefusal, Notice, estimate_over_linkage_samples, estimate_population

_METHOD_NOTES: dict[Language, str] = {
    "nb": (
        "Mørketallet er anslått med multippel systemestimering (MSE): ut fra hvor mange "
        "personer hver kombinasjon av registrerende organisasjoner har registrert, anslår en "
        "log-lineær Poisson-modell hvor mange ingen har registrert (metoden til Chan, "
        "Silverman og Vincent 2021, som i R-pakken SparseMSE). Intervallet er et 95 % "
        "bootstrap-intervall (BCa). Anslaget forutsetter blant annet at alle i populasjonen kan "
        "bli registrert og at sammenhengen mellom listene er fanget av modellen; det er et "
        "anslag, ikke en telling. Krysstabellen modellen bygger på, publiseres ikke, fordi "
        "mange celler er under prikkegrensen."
    ),
    "en": (
        "The dark figure is estimated by multiple systems estimation (MSE): from how many "
        "persons each combination of registering organisations has registered, a log-linear "
        "Poisson model estimates how many nobody has registered (the method of Chan, "
        "Silverman and Vincent 2021, as in the R package SparseMSE). The interval is a 95 per "
        "cent bootstrap interval (BCa). The estimate assumes, among other things, that everyone "
        "in the population can be registered and that the model captures how the lists depend "
        "on each other; it is an estimate, not a count. The cross-table the model rests on is "
        "not published, because many of its cells are below the suppression threshold."
    ),
}


def method_note(language: Language = "nb") -> str:
    """The method note of the dark figure in Bokmål (``"nb"``) or English (``"en"``), as
    ``DisclosureRule.method_note(language)``: the report prints the Bokmål one, the
    analysts' page the one of the request's language (the core has no Django to ask)."""
    return _METHOD_NOTES[language]


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
class ObservedGap:
    """The reasons the dark figure's known persons differ from the unique persons of the
    year. ``samples``: the estimate is pooled over linkage samples, whose links are drawn
    anew from the match probabilities, and takes the median of their counts (the unique
    persons are the linkage's own clustering); ``unlisted``: unique persons with no
    organisation kind, on none of the lists; ``left_out``: persons only on a list the
    model left out because
    it held every person (persons on it alone then have no history left)."""

    samples: bool
    unlisted: int
    left_out: int


# Linkage samples pooled by default. ``bootstrap`` is the number of replicates in the
# pooled distribution, shared out over the samples (at least MIN_REPLICATES each), and
# the BCa acceleration comes from the jackknife of the first sample: 20 samples x 200
# replicates each, with a jackknife each, took 119 s (under cProfile) at 200,000 registrations.
LINKAGE_SAMPLES = 20
MIN_REPLICATES = 10


@dataclass(frozen=True)
class DarkFigure:
    """The estimate as printed. ``linkage_samples`` is how many linkage samples the
    estimate was pooled over (0: the linkage's clustering alone); ``between_sd`` is the
    spread of the samples' estimates (linkage variation), ``within_sd`` the mean bootstrap
    spread inside a sample (sampling variation). ``warnings`` are notes for the reader:
    first the one on linkage uncertainty, then the model's warnings."""

    observed: int | None
    estimate: float | None
    ci95_low: float | None
    ci95_high: float | None
    lists: tuple[str, ...]
    interactions: tuple[str, ...]
    model_warnings: tuple[str, ...]
    refusal: str | None = None
    linkage_samples: int = 0
    observed_low: int | None = None
    observed_high: int | None = None
    between_sd: float | None = None
    within_sd: float | None = None
    # persons on at least one list in the linkage's own clustering (the first table):
    # the persons the unique-person figures count, less those with no organisation kind
    listed: int | None = None
    # the refusal and the model's warnings in English (``refusal`` and ``model_warnings``
    # are the Bokmål the report prints); the analysts' page shows the request's language
    refusal_en: str | None = None
    model_warnings_en: tuple[str, ...] = ()

    def refusal_in(self, language: Language = "nb") -> str | None:
        return self.refusal_en if language == "en" and self.refusal_en is not None else self.refusal

    def model_warnings_in(self, language: Language = "nb") -> tuple[str, ...]:
        return self.model_warnings_en if language == "en" else self.model_warnings

    @property
    def pooled(self) -> bool:
        return self.linkage_samples > 0

    def observed_gap(self, persons: int) -> ObservedGap | None:
        """Why ``observed`` (the persons the estimate takes as known) is not ``persons``,
        the unique persons of the year from the linkage's own clustering, as the report's
        unique-person chapter and the figures page count them; None when they agree."""
        if self.observed is None or self.observed == persons:
            return None
        listed = persons if self.listed is None else self.listed
        return ObservedGap(
            samples=self.pooled,
            unlisted=max(persons - listed, 0),
            # a single table loses only the persons on a list the model left out; over
            # linkage samples the samples' own counts are what the estimate takes
            left_out=0 if self.pooled else max(listed - self.observed, 0),
        )

    @property
    def linkage_note(self) -> str:
        """One sentence (Bokmål) on whether the interval includes linkage uncertainty."""
        if not self.pooled:
            return ("Intervallet bygger bare på koblingens egen gruppering og tar ikke med "
                    "usikkerheten i koblingen (ingen koblingsutvalg var tilgjengelige), så det "
                    "er trolig for smalt.")
        spread = ""
        if self.between_sd is not None and self.within_sd is not None:
            spread = (f" Spredningen mellom koblingsutvalgene (standardavvik {self.between_sd:,.0f}) "
                      f"og innenfor hvert utvalg ({self.within_sd:,.0f}) inngår begge."
                      ).replace(",", "\u00a0")
        return (f"Intervallet inkluderer usikkerheten i koblingen: anslaget er gjentatt på "
                f"{self.linkage_samples} koblingsutvalg trukket fra koblingssannsynlighetene, "
                f"og bootstrap-replikatene fra alle utvalgene er slått sammen.{spread}")

    @property
    def warnings(self) -> tuple[str, ...]:
        return (self.linkage_note, *self.model_warnings)

    def to_dict(self) -> dict[str, object]:
        return {
            "observed": self.observed, "observed_range": [self.observed_low, self.observed_high],
            "estimate": self.estimate, "ci95_low": self.ci95_low, "ci95_high": self.ci95_high,
            "lists": list(self.lists), "interactions": list(self.interactions),
            "warnings": list(self.model_warnings), "warnings_en": list(self.model_warnings_en),
            "refusal": self.refusal, "refusal_en": self.refusal_en,
            "linkage_samples": self.linkage_samples, "between_sd": self.between_sd,
            "within_sd": self.within_sd, "linkage_note": self.linkage_note, "listed": self.listed,
        }


def _few_replicates(pooled: int) -> tuple[Notice, ...]:
    if pooled >= 200:
        return ()
    return (Notice("few_replicates_pooled", f"Bare {pooled} bootstrap-utvalg i alt; intervallgrensene er grove",
                   f"Only {pooled} bootstrap replicates in all; the interval limits are rough"),)


def _warnings(notices: Sequence[Notice]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The notices once each, in Bokmål and in English (model_warnings, model_warnings_en)."""
    unique = list(dict.fromkeys((w.nb, w.en) for w in notices))
    return tuple(nb for nb, _ in unique), tuple(en for _, en in unique)


def dark_figure(
    capture: pd.DataFrame | Sequence[pd.DataFrame], *, bootstrap: int = 200, seed: int = 0,
    collapse: bool = True, samples: int = LINKAGE_SAMPLES,
) -> DarkFigure:
    """Estimate from a capture-history table (0/1 column per list and ``count``), or from
    a list of them as ``PersonStatistics.capture_histories(year, samples=True)`` gives:
    the linkage's clustering first, then one table per linkage sample. With linkage
    samples (and ``bootstrap`` >= 1) the first ``samples`` of them are pooled, with
    ``bootstrap`` replicates in the pool (``ceil(bootstrap / samples)``, at least
    ``MIN_REPLICATES``, per sample); otherwise the clustering's table is used alone. With ``collapse`` the lists are first merged
    into the five broad lists of ``LIST_GROUPS``.

    >>> t = pd.DataFrame({"A": [1, 0, 0, 1, 1, 0], "B": [0, 1, 0, 1, 0, 1],
    ...                   "C": [0, 0, 1, 0, 1, 1], "count": [50, 60, 70, 30, 5, 6]})
    >>> d = dark_figure([t, t, t], bootstrap=5, collapse=False)
    >>> d.linkage_samples, d.observed
    (2, 221)
    """
    tables = [capture] if isinstance(capture, pd.DataFrame) else list(capture)
    if not tables:
        raise ValueError("ingen krysstabell / no capture-history table")
    if collapse:
        tables = [collapse_lists(t) for t in tables]
    first = tables[0]
    drawn = tables[1:1 + samples]
    listed = int(first["count"].sum())
    lists = tuple(str(c) for c in first.columns if c != "count")
    if drawn and bootstrap >= 1:
        try:
            per_sample = max(MIN_REPLICATES, -(-bootstrap // len(drawn)))
            pooled = estimate_over_linkage_samples(drawn, bootstrap=per_sample, seed=seed, progress=False,
                                                   jackknife="first")
        except MSERefusal as exc:
            return DarkFigure(None, None, None, None, lists, (), (), refusal=exc.message_nb,
                              refusal_en=exc.message_en, linkage_samples=len(drawn))
        used = sorted({name for s in pooled.samples for name in s.lists_used})
        # a sample's "few replicates" note is about its share, not the pooled interval
        nb, en = _warnings([w for w in [*pooled.warnings, *(w for s in pooled.samples for w in s.warnings)]
                            if w.code != "few_replicates"] + list(_few_replicates(per_sample * len(pooled.samples))))
        return DarkFigure(
            observed=pooled.observed, estimate=pooled.estimate, ci95_low=pooled.ci95_low,
            ci95_high=pooled.ci95_high, lists=tuple(used), interactions=tuple(pooled.interactions),
            model_warnings=nb, model_warnings_en=en,
            linkage_samples=len(drawn), observed_low=pooled.observed_min,
            observed_high=pooled.observed_max, between_sd=pooled.between_sd, within_sd=pooled.within_sd,
            listed=listed,
        )
    try:
        result = estimate_population(first, bootstrap=bootstrap, seed=seed, progress=False)
    except MSERefusal as exc:
        return DarkFigure(None, None, None, None, lists, (), (), refusal=exc.message_nb,
                          refusal_en=exc.message_en)
    nb, en = _warnings(result.warnings)
    return DarkFigure(
        observed=result.observed, estimate=result.estimate, ci95_low=result.ci95_low,
        ci95_high=result.ci95_high, lists=tuple(result.lists_used),
        interactions=tuple(result.interactions), model_warnings=nb, model_warnings_en=en,
        observed_low=result.observed, observed_high=result.observed, listed=listed,
    )
