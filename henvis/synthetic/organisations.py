"""Which organisations register a synthetic person, and what they record.

The organisations (slug and kind) come from the catalogue's
``henvis/catalogue/data/organisations.yaml``; the generator's own assumptions about who
registers whom live in ``data/organisation_profiles.yaml``.

Example:
    >>> kinds = organisation_kinds()
    >>> kinds["safe-house-filemon"], kinds["politi-oslo"]
    ('ngo', 'police_district')
    >>> p = load_profiles()
    >>> "police" in p.units and "barnevern" in p.units
    True
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
import yaml
from numpy.typing import NDArray

PROFILES = ("child", "female_sexual", "male_labour", "other_adult")
# Units that stand for a set of organisations; the member is drawn per person.
POLICE = "police"
BARNEVERN = "barnevern"
MEASURES = (
    "housing", "follow_up", "health", "legal_aid", "subsistence", "safety", "interpreter",
    "guardian", "education", "work_training",
)


@cache
def organisation_kinds() -> dict[str, str]:
    """slug -> kind for every organisation in the catalogue, in file order."""
    text = (
        resources.files("henvis.catalogue").joinpath("data/organisations.yaml").read_text("utf-8")
    )
    data: dict[str, Any] = yaml.safe_load(text)
    return {str(o["slug"]): str(o["kind"]) for o in data["organisations"]}


@dataclass(frozen=True)
class Profiles:
    units: tuple[str, ...]
    # profile x unit weights, rows normalised to sum 1
    weights: NDArray[np.float64]
    police_districts: tuple[str, ...]
    barnevern: tuple[str, ...]
    barnevern_weights: NDArray[np.float64]
    measures_by_slug: dict[str, dict[str, float]]
    measures_by_kind: dict[str, dict[str, float]]
    identifier_recording: dict[str, dict[str, float]]

    def measures_for(self, slug: str, kind: str) -> dict[str, float]:
        return self.measures_by_slug.get(slug) or self.measures_by_kind.get(kind, {})


@cache
def load_profiles() -> Profiles:
    text = (
        resources.files("henvis.synthetic")
        .joinpath("data/organisation_profiles.yaml")
        .read_text("utf-8")
    )
    raw: dict[str, Any] = yaml.safe_load(text)
    kinds = organisation_kinds()
    profiles = raw["profiles"]
    if tuple(profiles) != PROFILES:
        raise ValueError(f"organisation_profiles.yaml: profiler må være / profiles must be {PROFILES}")
    units: list[str] = []
    for profile in PROFILES:
        for unit in profiles[profile]:
            if unit not in units:
                units.append(str(unit))
    for unit in units:
        if unit not in (POLICE, BARNEVERN) and unit not in kinds:
            raise ValueError(
                f"organisation_profiles.yaml: ukjent organisasjon / unknown organisation {unit!r}"
            )
    weights = np.array(
        [[float(profiles[p].get(u, 0.0)) for u in units] for p in PROFILES], dtype=np.float64
    )
    weights /= weights.sum(axis=1, keepdims=True)
    police = tuple(s for s, k in kinds.items() if k == "police_district")
    barnevern = tuple(s for s, k in kinds.items() if k == "child_welfare_municipal")
    # Equal weights, Oslo (the largest city) double: an assumption, see the data file.
    bw = np.array([2.0 if s.endswith("-oslo") else 1.0 for s in barnevern])
    for slug in raw["measures"]["by_slug"]:
        if slug not in kinds:
            raise ValueError(f"organisation_profiles.yaml measures: ukjent / unknown {slug!r}")
    for block in ("by_slug", "by_kind"):
        for name, probs in raw["measures"][block].items():
            for measure in probs:
                if measure not in MEASURES:
                    raise ValueError(
                        f"organisation_profiles.yaml measures.{block}.{name}: "
                        f"ukjent tiltak / unknown measure {measure!r}"
                    )
    return Profiles(
        units=tuple(units),
        weights=weights,
        police_districts=police,
        barnevern=barnevern,
        barnevern_weights=bw / bw.sum(),
        measures_by_slug={str(k): dict(v) for k, v in raw["measures"]["by_slug"].items()},
        measures_by_kind={str(k): dict(v) for k, v in raw["measures"]["by_kind"].items()},
        identifier_recording={
            str(k): dict(v) for k, v in raw["identifier_recording"]["by_kind"].items()
        },
    )
