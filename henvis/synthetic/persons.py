"""Drawing the true attributes of synthetic persons (vectorised with numpy).

A person's sex, exploitation category, region and new/continuing status follow the seed
figures in ``data/targets.yaml``; everything else follows the assumptions written there.

Example:
    >>> import numpy as np
    >>> p = draw_persons(5, np.random.default_rng(1), (2016, 2025))
    >>> sorted(p)[:4]
    ['age_first', 'birth_date', 'birth_uncertain', 'category']
    >>> len(p["sex"])
    5
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from henvis.synthetic.attribute_codes import CATEGORIES
from henvis.synthetic.identifiers import check_digits, first_nine_digits
from henvis.synthetic.parts import avoided_full_names, citizenship_groups, load_name_groups
from henvis.synthetic.targets import SEX_CODES, Targets, load_targets

Columns = dict[str, NDArray[Any]]

# Years before the window in which a person may have been identified first, so that the
# first years of the window also hold registrations continuing from earlier years
# (longest follow-up + the longest lag between organisations).
MAX_LAG = 2


def _pick(rng: np.random.Generator, probs: dict[Any, float], n: int) -> NDArray[Any]:
    keys = list(probs)
    p = np.array([probs[k] for k in keys], dtype=np.float64)
    idx = rng.choice(len(keys), size=n, p=p / p.sum())
    return np.array(keys, dtype=object)[idx]


def _forms(rng: np.random.Generator, category: NDArray[Any], t: Targets) -> NDArray[Any]:
    n = len(category)
    sexual = _pick(rng, t.sexual_forms, n)
    labour = _pick(rng, t.labour_forms, n)
    forms = np.full(n, "unclear", dtype=object)
    forms[category == "sexual"] = sexual[category == "sexual"]
    forms[category == "labour_services"] = labour[category == "labour_services"]
    combo = category == "combination"
    forms[combo] = sexual[combo] + ";" + labour[combo]
    forms[category == "organ_removal"] = "organ_removal"
    return forms


def _unique_redraw(
    values: NDArray[Any], redraw: Any, rng: np.random.Generator, what: str
) -> NDArray[Any]:
    """Redraw entries (by ``redraw(rng, mask)``) until no non-empty value repeats."""
    for _ in range(1000):
        filled = values != ""
        _, first = np.unique(values[filled], return_index=True)
        dup = np.zeros(len(values), dtype=bool)
        positions = np.flatnonzero(filled)
        dup[positions] = True
        dup[positions[first]] = False
        if not dup.any():
            return values
        values[dup] = redraw(rng, dup)
    raise RuntimeError(f"Fant ikke unike {what} / could not draw unique {what}")


def _national_ids(
    rng: np.random.Generator, birth: NDArray[np.datetime64], kind: NDArray[Any]
) -> NDArray[Any]:
    """Valid, unique fødselsnummer / D-nummer for rows whose kind is not empty."""
    years = birth.astype("datetime64[Y]").astype(np.int64) + 1970
    months = birth.astype("datetime64[M]").astype(np.int64) % 12 + 1
    days = (birth - birth.astype("datetime64[M]")).astype(np.int64) + 1
    d_number = kind == "d_nummer"
    low = np.where(years >= 2000, 500, 0)

    def draw(r: np.random.Generator, mask: NDArray[np.bool_]) -> NDArray[Any]:
        out = np.empty(int(mask.sum()), dtype=object)
        todo = np.ones(len(out), dtype=bool)
        idx = np.flatnonzero(mask)
        while todo.any():
            sel = idx[todo]
            individual = low[sel] + r.integers(0, 500, size=len(sel))
            nine = first_nine_digits(days[sel], months[sel], years[sel], individual, d_number[sel])
            k = check_digits(nine)
            ok = k[:, 0] >= 0
            digits = np.column_stack([nine, k])
            strings = np.array(["".join(map(str, row)) for row in digits], dtype=object)
            where_todo = np.flatnonzero(todo)
            out[where_todo[ok]] = strings[ok]
            todo[where_todo[ok]] = False
        return out

    values = np.full(len(kind), "", dtype=object)
    has = kind != ""
    if has.any():
        values[has] = draw(rng, has)
        values = _unique_redraw(values, draw, rng, "fødselsnummer")
    return values


def duf_numbers(
    rng: np.random.Generator, years: NDArray[np.int64], has: NDArray[np.bool_]
) -> NDArray[Any]:
    """Unique DUF numbers (year + 8 digits) where ``has``; "" elsewhere."""

    def draw(r: np.random.Generator, mask: NDArray[np.bool_]) -> NDArray[Any]:
        serial = r.integers(0, 10**8, size=int(mask.sum()))
        return np.array([f"{y:04d}{s:08d}" for y, s in zip(years[mask], serial, strict=True)],
                        dtype=object)

    values = np.full(len(years), "", dtype=object)
    if has.any():
        values[has] = draw(rng, has)
        values = _unique_redraw(values, draw, rng, "DUF-nummer")
    return values


def _avoided(given: str, family: str, avoid: frozenset[str]) -> bool:
    """A public figure's name, in either order (Chinese and Vietnamese put family first)."""
    return f"{given} {family}" in avoid or f"{family} {given}" in avoid


NameWeights = dict[tuple[str, str, str], NDArray[np.float64]]


def _draw(rng: np.random.Generator, n_parts: int, size: int, weights: NDArray[np.float64] | None) -> NDArray[np.int64]:
    if weights is None:
        return rng.integers(0, n_parts, size=size)
    return rng.choice(n_parts, size=size, p=weights)


def _names(
    rng: np.random.Generator, group: NDArray[Any], sex: NDArray[Any], weights: NameWeights | None = None
) -> Columns:
    """Indices of given, middle (-1 = none) and family parts in each person's group.

    ``weights`` (group, sex, "given"/"family") -> probabilities of the parts, for
    population profiles where some names are far more common than others
    (:mod:`henvis.synthetic.profiles`); without it every part is equally likely."""
    weights = weights or {}
    groups = load_name_groups()
    avoid = avoided_full_names()
    n = len(group)
    given = np.zeros(n, dtype=np.int64)
    middle = np.full(n, -1, dtype=np.int64)
    family = np.zeros(n, dtype=np.int64)
    for code in sorted(set(group.tolist())):
        g = groups[code]
        for s in SEX_CODES:
            sel = np.flatnonzero((group == code) & (sex == s))
            if len(sel) == 0:
                continue
            givens, families = g.given(s), g.family(s)
            given[sel] = _draw(rng, len(givens), len(sel), weights.get((code, s, "given")))
            family[sel] = _draw(rng, len(families), len(sel), weights.get((code, s, "family")))
            # Never a public figure's name: move the family name on by one.
            for i in sel:
                while _avoided(givens[given[i]].canonical, families[family[i]].canonical, avoid):
                    family[i] = (family[i] + 1) % len(families)
            if g.middle == "none":
                continue
            pool = {
                "given": givens, "family": families, "patronym": g.male,
                "vn": g.middle_female if s == "F" else g.middle_male,
            }[g.middle]
            has = rng.random(len(sel)) < g.middle_share
            pick = rng.integers(0, len(pool), size=len(sel))
            if g.middle in ("given", "family"):
                # A second given name differs from the first; a mother's family name
                # from the father's.
                clash = pick == (given[sel] if g.middle == "given" else family[sel])
                pick = np.where(clash, (pick + 1) % len(pool), pick)
            middle[sel] = np.where(has, pick, -1)
    return {"given_idx": given, "middle_idx": middle, "family_idx": family}


def draw_persons(
    n: int, rng: np.random.Generator, years: tuple[int, int], targets: Targets | None = None,
    name_weights: NameWeights | None = None,
) -> Columns:
    """Draw ``n`` candidate persons. ``first_year`` may fall before ``years[0]`` (persons
    identified earlier and still followed up)."""
    t = targets or load_targets()
    y0, y1 = years
    sex = _pick(rng, t.sex, n)
    category = np.empty(n, dtype=object)
    for s in SEX_CODES:
        sel = sex == s
        category[sel] = _pick(rng, t.category_given_sex[s], int(sel.sum()))
    assert set(category.tolist()) <= set(CATEGORIES)
    forms = _forms(rng, category, t)
    # Region depends on the exploitation category (fitted to keep the seed's margins).
    region = np.empty(n, dtype=object)
    for c, probs in t.region_given_category.items():
        sel = category == c
        if sel.any():
            region[sel] = _pick(rng, probs, int(sel.sum()))
    citizenship = np.empty(n, dtype=object)
    for r, probs in t.citizenship_by_region.items():
        sel = region == r
        citizenship[sel] = _pick(rng, probs, int(sel.sum()))
    cg = citizenship_groups()
    group = np.array([cg[c] for c in citizenship], dtype=object)

    minor = rng.random(n) < t.minor_share
    adult_age = 18 + np.floor(rng.gamma(t.adult_age["shape"], t.adult_age["scale"], size=n))
    adult_age = np.minimum(adult_age, t.adult_age["max"]).astype(np.int64)
    minor_age = _pick(rng, t.minor_age, n).astype(np.int64)
    age_first = np.where(minor, minor_age, adult_age)
    first_year = rng.integers(y0 - t.max_followup_years - MAX_LAG, y1 + 1, size=n)
    # Age at 1 July of the first year equals age_first: born between 2 July of
    # (first_year - age - 1) and 1 July of (first_year - age).
    start = (
        (first_year - age_first - 1 - 1970).astype("datetime64[Y]").astype("datetime64[D]")
        + np.timedelta64(182, "D")
    )
    birth = start + rng.integers(0, 365, size=n).astype("timedelta64[D]")

    uncertain_p = np.array(
        [t.birth_date_uncertain.get(c, t.birth_date_uncertain["default"]) for c in citizenship]
    )
    uncertain = rng.random(n) < uncertain_p
    # The year written on the papers of a person who does not know the birth date.
    birth_year = birth.astype("datetime64[Y]").astype(np.int64) + 1970
    estimated_year = birth_year + rng.choice([-1, 0, 1], size=n, p=[0.25, 0.5, 0.25])

    norwegian = citizenship == "NO"
    u = rng.random(n)
    ids_no, ids_foreign = t.identifiers["norwegian"], t.identifiers["foreign"]
    id_kind = np.full(n, "", dtype=object)
    id_kind[norwegian & (u < ids_no["fodselsnummer"])] = "fodselsnummer"
    foreign = ~norwegian
    id_kind[foreign & (u < ids_foreign["d_nummer"])] = "d_nummer"
    id_kind[
        foreign
        & (u >= ids_foreign["d_nummer"])
        & (u < ids_foreign["d_nummer"] + ids_foreign["fodselsnummer"])
    ] = "fodselsnummer"
    has_duf = foreign & (rng.random(n) < ids_foreign["duf"])
    duf_year = first_year - rng.integers(0, 2, size=n)

    columns: Columns = {
        "sex": sex,
        "category": category,
        "forms": forms,
        "region": region,
        "citizenship": citizenship,
        "name_group": group,
        "minor": minor,
        "age_first": age_first,
        "first_year": first_year,
        "birth_date": birth,
        "birth_uncertain": uncertain,
        "estimated_year": estimated_year,
        "id_kind": id_kind,
        "has_duf": has_duf,
        "duf_year": duf_year,
    }
    columns.update(_names(rng, group, sex, name_weights))
    return columns


def assign_identifiers(rng: np.random.Generator, persons: Columns) -> None:
    """Draw the identity and DUF numbers of the kept persons (unique across them)."""
    persons["national_id"] = _national_ids(rng, persons["birth_date"], persons["id_kind"])
    persons["duf_number"] = duf_numbers(rng, persons["duf_year"], persons["has_duf"])
