"""``generate``: synthetic presumed victims and their registrations across organisations.

Example:
    >>> from henvis.synthetic import generate
    >>> ds = generate(persons=100, seed=7, years=(2018, 2022))
    >>> ds.persons.shape[0]
    100
    >>> int(ds.registrations["year"].min()) >= 2018
    True
    >>> ds.truth["record_id"].is_unique
    True
"""

from __future__ import annotations

from typing import Any, Final

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from henvis.synthetic.attribute_codes import exploitation_category
from henvis.synthetic.dataset import (
    ATTRIBUTE_COLUMNS,
    LINKAGE_COLUMNS,
    PERSON_COLUMNS,
    TRUTH_COLUMNS,
    SyntheticDataset,
)
from henvis.synthetic.names import original_name, true_name
from henvis.synthetic.organisations import organisation_kinds
from henvis.synthetic.parts import load_name_groups
from henvis.synthetic.persons import (
    Columns,
    NameWeights,
    assign_identifiers,
    draw_persons,
)
from henvis.synthetic.profiles import DEFAULT, PopulationProfile, get_profile
from henvis.synthetic.records import (
    age_at_start,
    case_attributes,
    case_identifiers,
    draw_decisions,
    draw_measures,
    render_text,
)
from henvis.synthetic.registrations import (
    draw_links,
    expand_rows,
    persons_with_rows,
    subset,
)
from henvis.synthetic.targets import SEX_CODES

# Earliest and latest years supported: birth years must stay inside the range the
# fødselsnummer rules cover (1900-2039).
MIN_YEAR: Final = 1980
MAX_YEAR: Final = 2039


def _check(persons: int, seed: int, years: tuple[int, int]) -> None:
    if not isinstance(persons, int | np.integer) or persons < 0:
        raise ValueError(
            f"persons må være et heltall >= 0 / persons must be an integer >= 0: {persons!r}"
        )
    if not isinstance(seed, int | np.integer) or seed < 0:
        raise ValueError(f"seed må være et heltall >= 0 / seed must be an integer >= 0: {seed!r}")
    y0, y1 = years
    if not (MIN_YEAR <= y0 <= y1 <= MAX_YEAR):
        raise ValueError(
            f"years må være fra-til innen {MIN_YEAR}-{MAX_YEAR} / years must be "
            f"from-to within {MIN_YEAR}-{MAX_YEAR}: {years!r}"
        )


def _select(
    persons: int, seed_seq: np.random.SeedSequence, years: tuple[int, int],
    profile: PopulationProfile = DEFAULT, name_weights: NameWeights | None = None,
) -> tuple[Columns, Columns]:
    """Draw candidate persons in batches and keep the first ``persons`` of them that have
    at least one registration inside ``years`` (persons followed up only before the
    window are not in the data, as in real extracts)."""
    kept_p: list[Columns] = []
    kept_r: list[Columns] = []
    have = 0
    links_before = 0
    while have < persons:
        rng = np.random.default_rng(seed_seq.spawn(1)[0])
        need = persons - have
        batch = int(need * 1.8) + 64
        cand = draw_persons(batch, rng, years, name_weights=name_weights)
        links = draw_links(rng, cand, profile.organisations)
        rows = expand_rows(rng, links, cand, years)
        keep = np.flatnonzero(persons_with_rows(rows, batch))[:need]
        new_index = np.full(batch, -1, dtype=np.int64)
        new_index[keep] = have + np.arange(len(keep))
        rows = subset(rows, new_index[rows["person"]] >= 0)
        rows["person"] = new_index[rows["person"]]
        rows["link"] = rows["link"] + links_before  # unique across batches
        links_before += len(links["person"])
        kept_p.append(subset(cand, keep))
        kept_r.append(rows)
        have += len(keep)
    concat = {k: np.concatenate([b[k] for b in kept_p]) for k in kept_p[0]}
    rows_all = {k: np.concatenate([b[k] for b in kept_r]) for k in kept_r[0]}
    return concat, rows_all


def _persons_frame(persons: Columns, rows: Columns, person_ids: NDArray[Any]) -> pd.DataFrame:
    groups = load_name_groups()
    n = len(person_ids)
    names = [
        true_name(groups[g], s, a, b, c)
        for g, s, a, b, c in zip(persons["name_group"], persons["sex"], persons["given_idx"],
                                 persons["middle_idx"], persons["family_idx"], strict=True)
    ]
    originals = [
        original_name(groups[g], s, a, b, c)
        for g, s, a, b, c in zip(persons["name_group"], persons["sex"], persons["given_idx"],
                                 persons["middle_idx"], persons["family_idx"], strict=True)
    ]
    counts = np.bincount(rows["person"], minlength=n)
    order = np.lexsort((rows["source"].astype(str), rows["person"]))
    sources: list[list[str]] = [[] for _ in range(n)]
    for i, s in zip(rows["person"][order], rows["source"][order], strict=True):
        if not sources[i] or sources[i][-1] != s:
            sources[i].append(str(s))
    frame = pd.DataFrame({
        "person_id": person_ids,
        "name_group": persons["name_group"],
        "given_name": [n_[0] for n_ in names],
        "middle_name": [n_[1] for n_ in names],
        "family_name": [n_[2] for n_ in names],
        "name_original": originals,
        "sex": persons["sex"],
        "birth_date": persons["birth_date"].astype(str),
        "birth_date_uncertain": persons["birth_uncertain"],
        "citizenship": persons["citizenship"],
        "region": persons["region"],
        "first_year": persons["first_year"],
        "age_at_identification": persons["age_first"],
        "child": persons["minor"],
        "exploitation_category": [exploitation_category(f) for f in persons["forms"]],
        "exploitation_forms": persons["forms"],
        "national_id": persons["national_id"],
        "national_id_kind": persons["id_kind"],
        "duf_number": persons["duf_number"],
        "organisations": [";".join(s) for s in sources],
        "n_registrations": counts,
    })
    assert tuple(frame.columns) == PERSON_COLUMNS
    return frame


def _name_weights(profile: PopulationProfile, seed_seq: np.random.SeedSequence) -> NameWeights | None:
    """Probabilities of each group's given and family name parts under ``profile`` (one
    ranking for the whole data set, so every batch of persons shares the common names)."""
    groups = load_name_groups()
    if all(profile.name_exponent(code) == 0.0 for code in groups):
        return None
    rng = np.random.default_rng(seed_seq)
    out: NameWeights = {}
    for code in sorted(groups):
        for sex in SEX_CODES:
            out[(code, sex, "given")] = profile.part_weights(len(groups[code].given(sex)), code, rng)
            out[(code, sex, "family")] = profile.part_weights(len(groups[code].family(sex)), code, rng)
    return out


def _duplicate_links(rows: Columns, share: float, rng: np.random.Generator) -> Columns:
    """A second case record at the same organisation for ``share`` of the case records:
    one registration in the first year the organisation has the person, as a case record
    of its own (its name and date are written independently)."""
    if share <= 0.0 or len(rows["link"]) == 0:
        return rows
    links, first = np.unique(rows["link"], return_index=True)
    chosen = first[rng.random(len(links)) < share]
    extra = {k: v[chosen].copy() for k, v in rows.items()}
    extra["link"] = int(rows["link"].max()) + 1 + np.arange(len(chosen))
    return {k: np.concatenate([rows[k], extra[k]]) for k in rows}


def generate(
    persons: int, seed: int, years: tuple[int, int] = (2016, 2025), *, progress: bool = False,
    profile: str | PopulationProfile = "default",
) -> SyntheticDataset:
    """Synthetic presumed victims of trafficking in Norway and their registrations.

    ``persons`` true persons, each registered by 1 to 4 organisations in one or more
    years inside ``years`` (inclusive). The same ``(persons, seed, years)`` always gives
    the same data. ``progress`` shows a progress bar on stderr.

    >>> ds = generate(persons=50, seed=2)
    >>> set(ds.truth["person_id"]) == set(ds.persons["person_id"])
    True
    """
    _check(persons, seed, years)
    chosen = get_profile(profile)
    years = (int(years[0]), int(years[1]))
    root = np.random.SeedSequence(int(seed))
    batches, ids, records, text = root.spawn(4)
    # Extra streams only for what a profile adds, so the default data stay as they were.
    names_seq, duplicates_seq = root.spawn(2)
    if persons == 0:
        return SyntheticDataset(
            pd.DataFrame(columns=list(LINKAGE_COLUMNS + ATTRIBUTE_COLUMNS)),
            pd.DataFrame(columns=list(TRUTH_COLUMNS)),
            pd.DataFrame(columns=list(PERSON_COLUMNS)),
        )
    people, rows = _select(persons, batches, years, chosen, _name_weights(chosen, names_seq))
    rows = _duplicate_links(rows, chosen.duplicate_share, np.random.default_rng(duplicates_seq))
    # Everyone with a UDI case has a DUF number.
    with_udi = np.zeros(persons, dtype=bool)
    with_udi[rows["person"][rows["source"] == "udi"]] = True
    people["has_duf"] = people["has_duf"] | with_udi
    assign_identifiers(np.random.default_rng(ids), people)

    rec_rng = np.random.default_rng(records)
    # Registrations in an order that says nothing about who is who: shuffled, then by
    # year and organisation (as extracts arrive).
    shuffle = rec_rng.permutation(len(rows["person"]))
    rows = subset(rows, shuffle)
    order = np.lexsort((rows["source"].astype(str), rows["year"]))
    rows = subset(rows, order)

    # One case record per person and organisation, carried across its years.
    link_ids, first_row, link_of_row = np.unique(rows["link"], return_index=True,
                                                 return_inverse=True)
    link_person = rows["person"][first_row]
    link_source = rows["source"][first_row]
    kinds = organisation_kinds()
    link_kind = np.array([kinds[s] for s in link_source], dtype=object)
    case = case_attributes(rec_rng, people, link_person)
    case.update(case_identifiers(rec_rng, people, link_person, link_source, link_kind,
                                 chosen.identifier_factor))
    text_seed = int(text.generate_state(1)[0])
    given, family, birth = (
        np.array(column, dtype=object)[link_of_row]
        for column in render_text(people, link_person, text_seed, progress,
                                  (chosen.birth_known, chosen.birth_unknown))
    )
    age = age_at_start(people, rows["person"], rows["link_start"])
    kind = link_kind[link_of_row]
    attributes = {name: values[link_of_row] for name, values in case.items()}
    attributes.update({
        "year": rows["year"],
        "organisation_kind": kind,
        "age_at_identification": age,
        "child": age < 18,
        "new_in_year": rows["new_in_year"],
        "measures": draw_measures(rec_rng, rows["source"], kinds),
        "decisions": draw_decisions(rec_rng, rows, kind, age < 18),
    })

    n_rows = len(rows["person"])
    width = max(7, len(str(n_rows)))
    record_ids = np.array([f"R{i:0{width}d}" for i in range(1, n_rows + 1)], dtype=object)
    pwidth = max(6, len(str(persons)))
    person_ids = np.array([f"P{i:0{pwidth}d}" for i in range(1, persons + 1)], dtype=object)

    registrations = pd.DataFrame({
        "record_id": record_ids,
        "source": rows["source"],
        "given_name": given,
        "family_name": family,
        "birth_date": birth,
        "sex": attributes["sex"],
        "citizenship": attributes["citizenship"],
        "national_id": attributes["national_id"],
        "duf_number": attributes["duf_number"],
        **{c: attributes[c] for c in ATTRIBUTE_COLUMNS},
    })
    truth = pd.DataFrame({"record_id": record_ids, "person_id": person_ids[rows["person"]]})
    return SyntheticDataset(
        registrations=registrations,
        truth=truth,
        persons=_persons_frame(people, rows, person_ids),
    )
