"""Population profiles of the generator: how names, birth dates, identity numbers and
organisations behave in the generated population.

``default`` is the population the demo and the statistics tests were built on: every
name part of a group equally likely, birth dates mostly exact, identity numbers often
recorded, the organisations of the catalogue (police districts and municipal child
welfare services as separate organisations).

``realistic`` is built to look like what trafficking registers actually hold, where
record linkage is hard (issue #14):

* names repeat heavily within a nationality: the parts of a group are drawn with
  Zipf-like weights (the part of rank r with weight r**-s). Ranks are a seeded
  permutation of each group's parts, not the order of the parts file, so no linker can
  learn which names are common from the project's lists; only the *shape* is fixed.
  With s = 1.2 a dozen given names and a dozen family names cover most Nigerian
  persons (about 90 % of 23 given names), the other groups (s = 0.7) repeat less but
  still far more than FEBRL's names;
* birth dates exact in only about half of the registrations, otherwise year only,
  missing, a year off by one, day and month swapped, or year and month;
* identity numbers for a minority, and only in some of a person's registrations (the
  recording probabilities of ``organisation_profiles.yaml`` times 0.35);
* one organisation sometimes registers a person twice (a second case record for the
  same person in the same organisation, written independently: 4 % of case records);
* twelve organisations: the twelve units that register most persons, with all police
  registrations made by one police organisation and all municipal child welfare by one
  municipality.

Spelling variation (transliteration, dropped diacritics, case, typos, swaps, a second
given name) is the same as in ``default`` (:mod:`henvis.synthetic.names`).

>>> get_profile("realistic").organisations
12
>>> get_profile("default").name_exponent("NG")
0.0
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Final

import numpy as np
from numpy.typing import NDArray

from henvis.synthetic.birth_dates import KNOWN, UNKNOWN

BirthTable = tuple[tuple[float, str], ...]


@dataclass(frozen=True)
class PopulationProfile:
    """Parameters that differ between population profiles (see the module docstring)."""

    name: str
    # Zipf exponent of the name parts per name group ("*" = every other group); 0 =
    # every part equally likely.
    name_zipf: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({"*": 0.0}))
    birth_known: BirthTable = KNOWN
    birth_unknown: BirthTable = UNKNOWN
    identifier_factor: float = 1.0  # times the recording probability per organisation kind
    duplicate_share: float = 0.0  # case records that the same organisation makes twice
    organisations: int | None = None  # None = every organisation of the catalogue

    def name_exponent(self, group: str) -> float:
        return float(self.name_zipf.get(group, self.name_zipf.get("*", 0.0)))

    def part_weights(self, n_parts: int, group: str, rng: np.random.Generator) -> NDArray[np.float64]:
        """Probabilities of the ``n_parts`` parts of one list: Zipf-like over a random
        ranking of the parts (uniform when the exponent is 0)."""
        s = self.name_exponent(group)
        if s == 0.0:
            return np.full(n_parts, 1.0 / n_parts)
        rank = rng.permutation(n_parts) + 1
        weights = rank.astype(np.float64) ** -s
        result: NDArray[np.float64] = weights / weights.sum()
        return result


DEFAULT: Final = PopulationProfile("default")

REALISTIC: Final = PopulationProfile(
    "realistic",
    name_zipf=MappingProxyType({"NG": 1.2, "*": 0.7}),
    birth_known=(
        (0.52, "exact"), (0.05, "month"), (0.14, "year"), (0.10, "estimated_year"),
        (0.07, "day_month_swapped"), (0.12, "missing"),
    ),
    birth_unknown=(
        (0.40, "january_first"), (0.25, "papers_year"), (0.15, "estimated_year"), (0.20, "missing"),
    ),
    identifier_factor=0.35,
    duplicate_share=0.04,
    organisations=12,
)

PROFILES: Final[Mapping[str, PopulationProfile]] = MappingProxyType(
    {p.name: p for p in (DEFAULT, REALISTIC)}
)


def get_profile(name: str | PopulationProfile) -> PopulationProfile:
    if isinstance(name, PopulationProfile):
        return name
    try:
        return PROFILES[name]
    except KeyError:
        raise ValueError(
            f"ukjent profil / unknown profile {name!r}; velg / choose one of {', '.join(PROFILES)}"
        ) from None
