"""Target distributions of the generator, derived from ``data/targets.yaml``.

The seed figures (KOM 2020 report, chapter 7.3, and the others cited in the data file)
are counts; this module turns them into probabilities. Nothing here is invented: the
figures and the labelled assumptions both live in the data file.

Example:
    >>> t = load_targets()
    >>> round(t.sex["F"], 3)            # 180 of 254 (seed 001 ch. 7.3)
    0.709
    >>> round(t.new_share, 3)           # 148 of 254
    0.583
    >>> list(t.region)[:2]
    ['eastern_europe', 'africa']
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

SEX_CODES = ("F", "M")
CATEGORIES = ("sexual", "labour_services", "combination", "organ_removal", "unclear")
REGIONS = ("eastern_europe", "africa", "asia", "western_europe", "south_america", "middle_east")


def _normalised(counts: dict[str, float], where: str) -> dict[str, float]:
    total = float(sum(counts.values()))
    if total <= 0 or any(v < 0 for v in counts.values()):
        raise ValueError(f"targets.yaml {where}: ugyldige tall / invalid figures {counts}")
    return {str(k): float(v) / total for k, v in counts.items()}


@dataclass(frozen=True)
class Targets:
    """Probabilities the generator draws from (each dict sums to 1)."""

    sex: dict[str, float]
    category: dict[str, float]
    region: dict[str, float]
    new_share: float
    minor_share: float
    category_given_sex: dict[str, dict[str, float]]
    region_given_category: dict[str, dict[str, float]]
    labour_forms: dict[str, float]
    sexual_forms: dict[str, float]
    citizenship_by_region: dict[str, dict[str, float]]
    organisations_per_person: dict[int, float]
    max_followup_years: int
    adult_age: dict[str, float]
    minor_age: dict[int, float]
    birth_date_uncertain: dict[str, float]
    identifiers: dict[str, dict[str, float]]
    police_district_weights: dict[str, float]
    udi_decisions: dict[str, float]
    raw: dict[str, Any]


@cache
def load_targets() -> Targets:
    """Read and check ``data/targets.yaml``."""
    text = resources.files("henvis.synthetic").joinpath("data/targets.yaml").read_text("utf-8")
    raw: dict[str, Any] = yaml.safe_load(text)
    adults = raw["adults_in_measures_2020"]
    assumption = raw["assumption"]
    sex = _normalised(adults["sex"], "sex")
    category = _normalised(adults["exploitation"], "exploitation")
    region = _normalised(adults["region"], "region")
    if tuple(sex) != SEX_CODES or tuple(category) != CATEGORIES or tuple(region) != REGIONS:
        raise ValueError("targets.yaml: uventede koder / unexpected category codes")
    for name, block in (("sex", "sex"), ("exploitation", "exploitation"), ("region", "region")):
        if sum(adults[block].values()) != adults["total"]:
            raise ValueError(f"targets.yaml: {name} summerer ikke til total / does not sum to total")
    nvc = adults["new_vs_continuing"]
    joint = assumption["sex_by_exploitation"]
    # The assumed joint table must reproduce the seed's margins exactly.
    for s in SEX_CODES:
        if sum(joint[s].values()) != adults["sex"][s]:
            raise ValueError(f"targets.yaml: sex_by_exploitation.{s} != seed margin")
    for c in CATEGORIES:
        if sum(joint[s][c] for s in SEX_CODES) != adults["exploitation"][c]:
            raise ValueError(f"targets.yaml: sex_by_exploitation[*].{c} != seed margin")
    citizenship = {
        str(r): _normalised(w, f"citizenship_by_region.{r}")
        for r, w in assumption["citizenship_by_region"].items()
    }
    if tuple(citizenship) != REGIONS:
        raise ValueError("targets.yaml: citizenship_by_region må dekke alle regioner / all regions")
    minors = raw["minors_2016"]
    affinity = assumption["region_affinity_by_category"]
    if tuple(affinity) != CATEGORIES or any(len(v) != len(REGIONS) for v in affinity.values()):
        raise ValueError("targets.yaml: region_affinity_by_category må ha alle kategorier og "
                         "regioner / needs every category and region")
    fitted = fit_margins(
        [[float(x) for x in affinity[c]] for c in CATEGORIES],
        [category[c] for c in CATEGORIES],
        [region[r] for r in REGIONS],
    )
    region_given_category = {
        c: {r: fitted[i][j] / sum(fitted[i]) for j, r in enumerate(REGIONS)}
        for i, c in enumerate(CATEGORIES)
    }
    return Targets(
        sex=sex,
        category=category,
        region=region,
        new_share=nvc["new"] / (nvc["new"] + nvc["continuing"]),
        minor_share=minors["minors"] / minors["total"],
        category_given_sex={s: _normalised(joint[s], f"sex_by_exploitation.{s}") for s in SEX_CODES},
        region_given_category=region_given_category,
        labour_forms=_normalised(assumption["labour_services_forms"], "labour_services_forms"),
        sexual_forms=_normalised(assumption["sexual_forms"], "sexual_forms"),
        citizenship_by_region=citizenship,
        organisations_per_person={
            int(k): v for k, v in _normalised(
                assumption["organisations_per_person"], "organisations_per_person"
            ).items()
        },
        max_followup_years=int(assumption["max_followup_years"]),
        adult_age={str(k): float(v) for k, v in assumption["adult_age"].items()},
        minor_age={int(k): v for k, v in _normalised(assumption["minor_age"], "minor_age").items()},
        birth_date_uncertain={str(k): float(v) for k, v in assumption["birth_date_uncertain"].items()},
        identifiers={
            str(k): {str(a): float(b) for a, b in v.items()}
            for k, v in assumption["identifiers"].items()
        },
        police_district_weights=_normalised(
            raw["police_reports_by_district_2016_2020"]["counts"], "police districts"
        ),
        udi_decisions=_normalised(raw["udi_decisions_2020"]["counts"], "udi_decisions_2020"),
        raw=raw,
    )


def continuation_probability(new_share: float, max_years: int) -> float:
    """Yearly probability q that an organisation's follow-up continues into the next year,
    for a follow-up length D ~ Geometric truncated at ``max_years``, such that the share of
    registrations that are new in their year, 1 / E[D], equals ``new_share``.

    E[min(G, m)] = (1 - q**m) / (1 - q); solved by bisection (it grows with q).

    >>> round(continuation_probability(0.5, 50), 4)
    0.5
    """
    if not 1.0 / max_years < new_share <= 1.0:
        raise ValueError("new_share utenfor gyldig område / out of range")
    target = 1.0 / new_share
    lo, hi = 0.0, 1.0 - 1e-12
    for _ in range(200):
        mid = (lo + hi) / 2
        mean = (1 - mid**max_years) / (1 - mid)
        lo, hi = (mid, hi) if mean < target else (lo, mid)
    return (lo + hi) / 2


def fit_margins(
    seed: list[list[float]], rows: list[float], columns: list[float], iterations: int = 500
) -> list[list[float]]:
    """Iterative proportional fitting: scale ``seed`` until its row sums are ``rows`` and
    its column sums ``columns`` (both summing to 1). Keeps the seed's odds ratios.

    >>> t = fit_margins([[2.0, 1.0], [1.0, 2.0]], [0.5, 0.5], [0.7, 0.3])
    >>> [round(sum(r), 6) for r in t], [round(t[0][j] + t[1][j], 6) for j in range(2)]
    ([0.5, 0.5], [0.7, 0.3])
    """
    table = [[max(x, 0.0) for x in row] for row in seed]
    for _ in range(iterations):
        for i, target in enumerate(rows):
            total = sum(table[i])
            if total > 0:
                table[i] = [x * target / total for x in table[i]]
        for j, target in enumerate(columns):
            total = sum(row[j] for row in table)
            if total > 0:
                for row in table:
                    row[j] *= target / total
    return table
