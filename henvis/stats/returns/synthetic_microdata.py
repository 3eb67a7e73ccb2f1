"""Public synthetic microdata with differential privacy (issue 18 item 5), in the spirit of
CTDC's synthetic global dataset: one row per synthetic person, generated from noisy
tables, so that the file can be published while the real rows cannot.

Method (OpenDP, ``opendp.prelude``), DP marginals then synthesis:

1. Each person of the year (one row per unique person from linkage) is described by sex
   (F, M, unknown), age group (adult, child, unknown), citizenship group and form group,
   exactly the categories of the returns' protected tables. Every domain is fixed by the
   code in advance (never read from the data), as DP requires.
2. Three two-way tables are measured: sex x age group, citizenship group x sex and form
   group x sex. Each is ``make_count_by_categories`` (a person is in one cell: sensitivity
   1 for one person added or removed) followed by ``then_laplace`` (discrete Laplace) with
   scale 3/epsilon, so each costs epsilon/3 as OpenDP's privacy map states it; by
   sequential composition the release costs their sum, epsilon, which the file's metadata
   states.
3. Post-processing, free under DP: negative counts become 0, the three tables are scaled
   to one total (their mean), iterative proportional fitting finds the four-way table
   closest to uniform with those margins, and the rows are that table rounded to whole
   persons (largest remainders) and shuffled. Nothing but the noisy tables is used.

Budget: epsilon is per year. A person registered in several years is in several yearly
tables, so across k years the guarantee for that person is k x epsilon (sequential
composition); the metadata says so.
"""

from __future__ import annotations

import io
import itertools
import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from henvis.stats.receivers.groups import (
    CITIZENSHIP_GROUPS,
    FORM_GROUPS,
    citizenship_group,
    form_group,
)
from henvis.stats.receivers.victim_tables import AGES, SEXES, TOTAL, returns_age, returns_sex

COLUMNS = ("year", "sex", "age_group", "citizenship_group", "form_group")
DEFAULT_EPSILON = 1.0
METHOD = ("OpenDP make_count_by_categories + discrete Laplace (then_laplace), epsilon/3 each, on the tables "
          "sex x age_group, citizenship_group x sex, form_group x sex; negative counts set to 0; iterative "
          "proportional fitting to a four-way table; rounded to whole rows")
DIMENSIONS = {"sex": SEXES, "age_group": AGES, "citizenship_group": CITIZENSHIP_GROUPS, "form_group": FORM_GROUPS}
MARGINS = (("sex", "age_group"), ("citizenship_group", "sex"), ("form_group", "sex"))
# Tables the utility is measured against: the returns' protected tables with the same categories.
COMPARED = {"eurostat-victims-sex-age": ("sex", "age_group"),
            "eurostat-victims-citizenship": ("citizenship_group", "sex"),
            "eurostat-victims-form": ("form_group", "sex")}


def person_frame(facts: pd.DataFrame, reporting_country: str = "NO") -> pd.DataFrame:
    """Each person's categories, from the year's person facts."""
    return pd.DataFrame({
        "sex": [returns_sex(str(v)) for v in facts["sex"]],
        "age_group": [returns_age(str(v)) for v in facts["child"]],
        "citizenship_group": [citizenship_group(str(v), reporting_country) for v in facts["citizenship"].fillna("")],
        "form_group": [form_group(str(v)) for v in facts["exploitation_forms"].fillna("")],
    })


def _keys(dims: tuple[str, ...]) -> list[str]:
    return ["|".join(c) for c in itertools.product(*(DIMENSIONS[d] for d in dims))]


def measurement(epsilon: float, categories: list[str]) -> Any:
    """The OpenDP measurement of one table: counts per category, discrete Laplace noise."""
    import opendp.prelude as dp

    dp.enable_features("contrib")
    space = dp.vector_domain(dp.atom_domain(T=str)), dp.symmetric_distance()
    return space >> dp.t.then_count_by_categories(categories=categories, null_category=False) >> dp.m.then_laplace(
        scale=1.0 / epsilon)


def _fit(margins: list[tuple[tuple[str, ...], np.ndarray]], total: float, rounds: int = 60) -> np.ndarray:
    """Iterative proportional fitting of the full table to the (consistent-scaled) margins."""
    names = list(DIMENSIONS)
    table = np.full([len(v) for v in DIMENSIONS.values()], total / math.prod(len(v) for v in DIMENSIONS.values()))
    for _ in range(rounds):
        for dims, target in margins:
            axes = tuple(i for i, n in enumerate(names) if n not in dims)
            current = table.sum(axis=axes)
            # the margin's axes in the table's order
            order = [names.index(d) for d in dims]
            wanted = np.transpose(target, np.argsort(order))
            ratio = np.divide(wanted, current, out=np.zeros_like(current), where=current > 0)
            table = table * np.expand_dims(ratio, axes)
    return table


def _round(table: np.ndarray, total: int) -> np.ndarray:
    """Whole persons summing to ``total``: floors, then the largest remainders."""
    flat = table.ravel()
    whole = np.floor(flat).astype(np.int64)
    short = max(total - int(whole.sum()), 0)
    if short:
        whole[np.argsort(-(flat - whole), kind="stable")[:short]] += 1
    return whole.reshape(table.shape)


@dataclass(frozen=True)
class SyntheticRelease:
    year: int
    epsilon: float  # as OpenDP's privacy map states it for one person added or removed
    noisy: pd.Series  # synthetic persons per four-way cell (from the noisy tables only)
    rows: pd.DataFrame

    def metadata(self) -> dict[str, object]:
        return {
            "title": "Henvis synthetic microdata (differential privacy)",
            "year": self.year, "epsilon": self.epsilon, "delta": 0,
            "unit": "one synthetic row per synthetic person; no row is a real person",
            "neighbouring": "datasets that differ by one person (symmetric distance 1)",
            "composition": "epsilon per year; a person registered in k years is protected with k x epsilon",
            "method": METHOD, "library": "opendp 0.16",
            "columns": list(COLUMNS),
        }

    def to_csv(self) -> bytes:
        """CSV with the metadata as leading "#" lines (``pd.read_csv(..., comment="#")``)."""
        out = io.StringIO()
        for key, value in self.metadata().items():
            out.write(f"# {key}: {value}\n")
        self.rows.to_csv(out, index=False)
        return out.getvalue().encode("utf-8")


def synthesise(facts: pd.DataFrame, year: int, epsilon: float = DEFAULT_EPSILON,
               reporting_country: str = "NO", rng: np.random.Generator | None = None) -> SyntheticRelease:
    """The synthetic rows of ``year`` from its person facts (one row per person)."""
    if math.isnan(epsilon) or not (0 < epsilon <= 10):
        raise ValueError("epsilon must be in (0, 10]")
    persons = person_frame(facts, reporting_country)
    spent = 0.0
    measured: list[tuple[tuple[str, ...], np.ndarray]] = []
    for dims in MARGINS:
        keys = _keys(dims)
        meas = measurement(epsilon / len(MARGINS), keys)
        spent += float(meas.map(1))
        column = persons[list(dims)].astype(str).agg("|".join, axis=1).tolist() if len(persons) else []
        noisy = np.maximum(np.asarray(meas(column), dtype=float), 0.0)
        measured.append((dims, noisy.reshape([len(DIMENSIONS[d]) for d in dims])))
    total = float(np.mean([m.sum() for _, m in measured]))
    scaled = [(d, m * (total / m.sum()) if m.sum() > 0 else m) for d, m in measured]
    table = _round(_fit(scaled, total), round(total)) if total > 0 else np.zeros([len(v) for v in DIMENSIONS.values()], dtype=np.int64)
    domain = list(itertools.product(*DIMENSIONS.values()))
    counts = pd.Series(table.ravel(), index=["|".join(c) for c in domain])
    chosen = counts[counts > 0]
    parts = [c.split("|") for c in chosen.index.repeat(chosen.to_numpy())]
    rows = pd.DataFrame(parts, columns=list(COLUMNS[1:])) if parts else pd.DataFrame(columns=list(COLUMNS[1:]))
    rows.insert(0, "year", year)
    order = (rng or np.random.default_rng()).permutation(len(rows))
    return SyntheticRelease(year, spent, counts, rows.iloc[order].reset_index(drop=True))


def largest_differences(release: SyntheticRelease, tables: dict[str, object]) -> dict[str, int]:
    """Per compared protected table, the largest |synthetic - published| over its
    published cells (suppressed cells have no published value to compare with)."""
    out: dict[str, int] = {}
    rows = release.rows
    for name, (r, c) in COMPARED.items():
        table = tables.get(name)
        if table is None:
            continue
        values: pd.DataFrame = table.values  # type: ignore[attr-defined]
        worst = 0
        for row_label in values.index:
            for col_label in values.columns:
                published = values.loc[row_label, col_label]
                if pd.isna(published):
                    continue
                mask = pd.Series(True, index=rows.index)
                if row_label != TOTAL:
                    mask &= rows[r] == row_label
                if col_label != TOTAL:
                    mask &= rows[c] == col_label
                worst = max(worst, abs(int(mask.sum()) - int(published)))
        out[name] = worst
    return out
