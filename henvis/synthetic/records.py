"""What each organisation's registrations hold about a person.

An organisation keeps one case record per person for the years it follows the person:
the name as written, birth date, sex, citizenship, identity numbers and exploitation
forms are drawn once per (person, organisation) here; measures are drawn per year; a
decision belongs to the first year. The probabilities of missing or wrong values are
the constants below (documented in docs/synthetic-data.md).

Example:
    >>> import numpy as np
    >>> draw_measures(np.random.default_rng(1), np.array(["helse"], dtype=object),
    ...               {"helse": "health"})[0].startswith("health")
    True
"""

from __future__ import annotations

import random
from typing import Any, Final

import numpy as np
from numpy.typing import NDArray
from tqdm import tqdm

from henvis.synthetic.attribute_codes import DECISIONS, MEASURES
from henvis.synthetic.birth_dates import KNOWN, UNKNOWN, render_birth_date
from henvis.synthetic.names import person_parts, render_parts
from henvis.synthetic.organisations import load_profiles
from henvis.synthetic.parts import load_name_groups
from henvis.synthetic.persons import Columns
from henvis.synthetic.targets import load_targets

P_SEX_MISSING: Final = 0.03
P_CITIZENSHIP_MISSING: Final = 0.04
P_CITIZENSHIP_OTHER: Final = 0.01  # another country of the same region
P_FORMS_MISSING: Final = 0.02
P_COMBINATION_PARTLY: Final = 0.10  # a combination recorded as one of its two forms
P_DUF_TYPO: Final = 0.005
P_CHILD_WELFARE_PLACEMENT: Final = 0.4
CHILD_WELFARE_KINDS: Final = ("child_welfare_municipal", "child_welfare_state")


def draw_measures(rng: np.random.Generator, source: NDArray[Any], kinds: dict[str, str]) -> NDArray[Any]:
    prof = load_profiles()
    slugs = sorted(set(source.tolist()))
    table = np.array(
        [[prof.measures_for(s, kinds[s]).get(m, 0.0) for m in MEASURES] for s in slugs]
    )
    index = np.searchsorted(np.array(slugs, dtype=object), source)
    hit = rng.random((len(source), len(MEASURES))) < table[index]
    mask = hit @ (1 << np.arange(len(MEASURES)))
    labels = np.array(
        [";".join(m for b, m in enumerate(MEASURES) if code >> b & 1)
         for code in range(1 << len(MEASURES))],
        dtype=object,
    )
    return labels[mask]


def draw_decisions(
    rng: np.random.Generator, rows: Columns, kinds: NDArray[Any], child: NDArray[np.bool_]
) -> NDArray[Any]:
    t = load_targets()
    n = len(kinds)
    out = np.full(n, "", dtype=object)
    new = rows["new_in_year"]
    udi = new & (rows["source"] == "udi")
    codes = np.array(list(t.udi_decisions), dtype=object)
    out[udi] = codes[rng.choice(len(codes), size=int(udi.sum()), p=list(t.udi_decisions.values()))]
    out[new & (rows["source"] == "iom-norway")] = "assisted_return"
    placement = new & child & np.isin(kinds, CHILD_WELFARE_KINDS)
    placement &= rng.random(n) < P_CHILD_WELFARE_PLACEMENT
    out[placement] = "child_welfare_placement"
    assert set(out.tolist()) <= {"", *DECISIONS}
    return out


def case_attributes(
    rng: np.random.Generator, persons: Columns, p: NDArray[np.int64]
) -> dict[str, NDArray[Any]]:
    """What one organisation's case record holds about the person (``p`` = person of
    each link). The record is kept across the years the organisation follows the person,
    so these values are drawn once per person and organisation, not per year."""
    t = load_targets()
    n = len(p)
    sex = np.where(rng.random(n) < P_SEX_MISSING, "", persons["sex"][p]).astype(object)

    citizenship = persons["citizenship"][p].copy()
    u = rng.random(n)
    other = u < P_CITIZENSHIP_OTHER
    region_true = persons["region"][p]
    for region_code, probs in t.citizenship_by_region.items():
        sel = np.flatnonzero(other & (region_true == region_code))
        if len(sel):
            codes = np.array(list(probs), dtype=object)
            citizenship[sel] = codes[rng.integers(0, len(codes), size=len(sel))]
    citizenship[(u >= P_CITIZENSHIP_OTHER) & (u < P_CITIZENSHIP_OTHER + P_CITIZENSHIP_MISSING)] = ""
    region_of: dict[str, str] = {
        c: r for r, probs in t.citizenship_by_region.items() for c in probs
    }
    region = np.array([region_of.get(c, "") for c in citizenship], dtype=object)

    forms = persons["forms"][p].copy()
    combo = np.flatnonzero((persons["category"][p] == "combination")
                           & (rng.random(n) < P_COMBINATION_PARTLY))
    which = rng.integers(0, 2, size=len(combo))
    forms[combo] = [f.split(";")[w] for f, w in zip(forms[combo], which, strict=True)]
    forms[rng.random(n) < P_FORMS_MISSING] = ""
    return {"sex": sex, "citizenship": citizenship, "region": region,
            "exploitation_forms": forms}


def case_identifiers(
    rng: np.random.Generator, persons: Columns, p: NDArray[np.int64], source: NDArray[Any],
    kind: NDArray[Any], factor: float = 1.0,
) -> dict[str, NDArray[Any]]:
    """The identity and DUF numbers an organisation's case record holds (``factor``
    scales the recording probabilities; below 1, UDI too records the DUF number only
    with its probability)."""
    rec = load_profiles().identifier_recording
    n = len(p)
    p_id = factor * np.array([rec.get(k, {}).get("national_id", 0.3) for k in kind])
    p_duf = factor * np.array([rec.get(k, {}).get("duf_number", 0.3) for k in kind])
    national_id = np.where(rng.random(n) < p_id, persons["national_id"][p], "").astype(object)
    duf = np.where((rng.random(n) < p_duf) | ((source == "udi") & (factor >= 1.0)),
                   persons["duf_number"][p], "").astype(object)
    typo = np.flatnonzero((duf != "") & (rng.random(n) < P_DUF_TYPO))
    positions = rng.integers(4, 12, size=len(typo))
    digits = rng.integers(0, 9, size=len(typo))
    for i, pos, d in zip(typo, positions, digits, strict=True):
        value = duf[i]
        # a different digit at one position of the serial (a copying error)
        new_digit = str((int(value[pos]) + 1 + d) % 10)
        duf[i] = value[:pos] + new_digit + value[pos + 1:]
    return {"national_id": national_id, "duf_number": duf}


def age_at_start(persons: Columns, p: NDArray[np.int64], start: NDArray[np.int64]) -> NDArray[np.int64]:
    """Age on 1 July of the year an organisation first registered the person."""
    birth = persons["birth_date"][p]
    birth_year = birth.astype("datetime64[Y]").astype(np.int64) + 1970
    day_of_year = (birth - birth.astype("datetime64[Y]")).astype(np.int64)
    # 1 July is day 181 (182 in leap years) counting from 0; a birthday after it means
    # the year of age is not yet complete.
    leap = (birth_year % 4 == 0) & ((birth_year % 100 != 0) | (birth_year % 400 == 0))
    result: NDArray[np.int64] = start - birth_year - (day_of_year > 181 + leap)
    return result


def render_text(
    persons: Columns, link_person: NDArray[np.int64], seed: int, progress: bool,
    birth_tables: tuple[tuple[tuple[float, str], ...], tuple[tuple[float, str], ...]] | None = None,
) -> tuple[list[str], list[str], list[str]]:
    """Names and birth dates as each organisation's case record writes them (a Python
    loop: the string work does not vectorise; some 10-25 µs a record)."""
    groups = load_name_groups()
    rng = random.Random(seed)
    birth = persons["birth_date"]
    by, bm, bd = (
        birth.astype("datetime64[Y]").astype(np.int64) + 1970,
        birth.astype("datetime64[M]").astype(np.int64) % 12 + 1,
        (birth - birth.astype("datetime64[M]")).astype(np.int64) + 1,
    )
    given_out: list[str] = []
    family_out: list[str] = []
    birth_out: list[str] = []
    group_of = [groups[g] for g in persons["name_group"]]
    sex = persons["sex"].tolist()
    parts = [
        person_parts(g, s, a, b, c)
        for g, s, a, b, c in zip(group_of, sex, persons["given_idx"].tolist(),
                                 persons["middle_idx"].tolist(),
                                 persons["family_idx"].tolist(), strict=True)
    ]
    uncertain = persons["birth_uncertain"].tolist()
    est = persons["estimated_year"].tolist()
    by_l, bm_l, bd_l = by.tolist(), bm.tolist(), bd.tolist()
    known, unknown = birth_tables or (KNOWN, UNKNOWN)
    for i in tqdm(link_person.tolist(), desc="names", unit="rec",
                  disable=not progress, leave=False):
        g, f = render_parts(group_of[i], sex[i], parts[i], rng)
        given_out.append(g)
        family_out.append(f)
        birth_out.append(render_birth_date(by_l[i], bm_l[i], bd_l[i], uncertain=uncertain[i],
                                           estimated_year=est[i], rng=rng, known=known,
                                           unknown=unknown))
    return given_out, family_out, birth_out
