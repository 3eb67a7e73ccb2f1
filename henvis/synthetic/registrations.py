"""Which organisations register each person, in which years (vectorised with numpy).

Each person is registered by 1 to 4 distinct organisations. The organisations are drawn
without replacement, weighted by the person's profile (child, woman in sexual
exploitation, man in forced labour, other adult; ``data/organisation_profiles.yaml``),
with the Gumbel top-k trick so that it runs on whole arrays. An organisation follows the
person from a start year for D years (D truncated geometric) and makes one registration
per year; the first is "new in the year", the others "continuing". D's continuation
probability is solved so that the share of new registrations is seed 001's 148/254.

Example:
    >>> import numpy as np
    >>> from henvis.synthetic.persons import draw_persons
    >>> rng = np.random.default_rng(3)
    >>> p = draw_persons(50, rng, (2016, 2025))
    >>> links = draw_links(rng, p)
    >>> rows = expand_rows(rng, links, p, (2016, 2025))
    >>> bool(((rows["year"] >= 2016) & (rows["year"] <= 2025)).all())
    True
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from henvis.synthetic.organisations import BARNEVERN, POLICE, PROFILES, load_profiles
from henvis.synthetic.persons import MAX_LAG, Columns
from henvis.synthetic.targets import continuation_probability, load_targets

# Lag in years between a person's first identification and a later organisation's start.
LAG_PROBS = np.array([0.6, 0.3, 0.1])
assert len(LAG_PROBS) == MAX_LAG + 1
# Organisations that never register Norwegian citizens (immigration cases, returns).
NOT_FOR_NORWEGIANS = ("udi", "iom-norway")


def person_profile(persons: Columns) -> NDArray[np.int64]:
    """Index into PROFILES for each person."""
    sex, category, minor = persons["sex"], persons["category"], persons["minor"]
    female_sexual = (sex == "F") & np.isin(category, ["sexual", "combination"])
    male_labour = (sex == "M") & np.isin(category, ["labour_services", "combination"])
    profile = np.full(len(sex), PROFILES.index("other_adult"), dtype=np.int64)
    profile[male_labour] = PROFILES.index("male_labour")
    profile[female_sexual] = PROFILES.index("female_sexual")
    profile[minor] = PROFILES.index("child")
    return profile


def draw_links(rng: np.random.Generator, persons: Columns, organisations: int | None = None) -> Columns:
    """(person, organisation) pairs with each link's start year and length in years.

    ``organisations``: only that many units (those that register most persons), with
    one police organisation and one municipal child welfare service (population
    profiles, :mod:`henvis.synthetic.profiles`); None = all of the catalogue."""
    t = load_targets()
    prof = load_profiles()
    n = len(persons["sex"])
    weights = prof.weights[person_profile(persons)].copy()
    if organisations is not None:
        # Units by their total weight over the person profiles; ties by the unit's place.
        order = np.lexsort((np.arange(len(prof.units)), -prof.weights.sum(axis=0)))
        weights[:, order[organisations:]] = 0.0
    norwegian = persons["citizenship"] == "NO"
    for excluded in NOT_FOR_NORWEGIANS:
        if excluded in prof.units:
            weights[norwegian, prof.units.index(excluded)] = 0.0
    counts = np.array(list(t.organisations_per_person), dtype=np.int64)
    k = counts[rng.choice(len(counts), size=n, p=list(t.organisations_per_person.values()))]
    k = np.minimum(k, (weights > 0).sum(axis=1))
    # Gumbel top-k: the k largest of log(w) + Gumbel noise are a weighted sample
    # without replacement.
    with np.errstate(divide="ignore"):
        keys = np.log(weights) + rng.gumbel(size=weights.shape)
    order = np.argsort(-keys, axis=1, kind="stable")
    rank = np.arange(weights.shape[1])[None, :]
    chosen = rank < k[:, None]
    person = np.repeat(np.arange(n), k)
    unit = order[chosen]
    position = rank.repeat(n, axis=0)[chosen]  # 0 = the organisation that met the person first

    # One police district and one municipal child welfare service per person.
    districts = np.array(prof.police_districts, dtype=object)
    dw = np.array([t.police_district_weights[d] for d in prof.police_districts])
    district = districts[rng.choice(len(districts), size=n, p=dw / dw.sum())]
    bv = np.array(prof.barnevern, dtype=object)
    municipality = bv[rng.choice(len(bv), size=n, p=prof.barnevern_weights)]
    if organisations is not None:  # one police organisation, one municipality
        district[:] = districts[int(np.argmax(dw))]
        municipality[:] = bv[int(np.argmax(prof.barnevern_weights))]
    units = np.array(prof.units, dtype=object)
    slug: NDArray[Any] = units[unit]
    slug = np.where(slug == POLICE, district[person], slug)
    slug = np.where(slug == BARNEVERN, municipality[person], slug)

    lag = np.where(position == 0, 0, rng.choice(len(LAG_PROBS), size=len(person), p=LAG_PROBS))
    q = continuation_probability(t.new_share, t.max_followup_years)
    length = np.minimum(rng.geometric(1 - q, size=len(person)), t.max_followup_years)
    return {
        "person": person,
        "source": slug,
        "start": persons["first_year"][person] + lag,
        "length": length.astype(np.int64),
    }


def expand_rows(
    rng: np.random.Generator, links: Columns, persons: Columns, years: tuple[int, int]
) -> Columns:
    """One registration per link and year, kept where the year is inside ``years``."""
    y0, y1 = years
    link = np.repeat(np.arange(len(links["person"])), links["length"])
    offsets = np.arange(len(link)) - np.repeat(np.cumsum(links["length"]) - links["length"],
                                               links["length"])
    year = links["start"][link] + offsets
    keep = (year >= y0) & (year <= y1)
    link, year, offsets = link[keep], year[keep], offsets[keep]
    return {
        "link": link,
        "person": links["person"][link],
        "source": links["source"][link],
        "year": year,
        "new_in_year": offsets == 0,
        "link_start": links["start"][link],
    }


def persons_with_rows(rows: Columns, n: int) -> NDArray[np.bool_]:
    seen = np.zeros(n, dtype=bool)
    seen[rows["person"]] = True
    return seen


def subset(columns: Columns, mask_or_index: NDArray[Any]) -> Columns:
    return {k: v[mask_or_index] for k, v in columns.items()}
