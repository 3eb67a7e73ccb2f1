"""The headline figures of one linkage sample, fast (numpy/pandas, no SQL): persons
registered, identified for the first time and assisted per year, and persons by number
of organisations. Same definitions as ``counts.py``; used for the many linkage samples
when only the headline intervals are wanted (``unique_persons(intervals="headline")``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class Registrations:
    """The per-registration arrays the headline counts need."""

    year: np.ndarray
    new: np.ndarray        # new in the year (unknown counts as new, as in counts.py)
    assisted: np.ndarray   # has a measure
    source: np.ndarray     # organisation code

    @classmethod
    def of(cls, extract: pd.DataFrame) -> Registrations:
        return cls(
            year=extract["year"].to_numpy(dtype=np.int64),
            new=extract["new_in_year"].fillna(True).to_numpy(dtype=bool),
            assisted=(extract["measures"].astype(str) != "").to_numpy(),
            source=pd.factorize(extract["source"])[0].astype(np.int64),
        )


def headline_counts(regs: Registrations, labels: np.ndarray, sample: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(counts in the long format of counts.py for dimension "total", overlap counts).

    Pure numpy: persons and person-years are numbered by hashing integer keys
    (``pd.factorize``), distinct organisations per person-year found by sorting, and
    everything counted with ``np.bincount``, much faster than a pandas group-by."""
    y0 = int(regs.year.min())
    n_years = int(regs.year.max()) - y0 + 1
    person = pd.factorize(labels)[0]  # hash-based: np.unique sorts and is slower here
    n_persons = int(person.max()) + 1
    first_year = np.full(n_persons, np.iinfo(np.int64).max)
    np.minimum.at(first_year, person, regs.year)
    first_new = regs.new & (regs.year == first_year[person])
    inverse, keys = pd.factorize(person * n_years + (regs.year - y0))
    keys = np.asarray(keys)
    year_of_key = keys % n_years
    first_time = np.bincount(inverse, weights=first_new, minlength=len(keys)) > 0
    assisted = np.bincount(inverse, weights=regs.assisted, minlength=len(keys)) > 0
    n_src = int(regs.source.max()) + 1
    pairs = np.sort(inverse * n_src + regs.source)  # (person-year, organisation), distinct below
    distinct = pairs[np.concatenate(([True], pairs[1:] != pairs[:-1]))]
    sources = np.bincount(distinct // n_src, minlength=len(keys))
    years = np.arange(n_years) + y0
    counts = pd.DataFrame({
        "year": years,
        "registered": np.bincount(year_of_key, minlength=n_years),
        "first_time": np.bincount(year_of_key, weights=first_time, minlength=n_years).astype(np.int64),
        "assisted": np.bincount(year_of_key, weights=assisted, minlength=n_years).astype(np.int64),
    })
    counts = counts[counts["registered"] > 0].assign(sample=sample, dimension="total", category="total")
    group = np.minimum(sources, 3) - 1  # 0: one organisation, 1: two, 2: three or more
    cells = np.bincount(year_of_key * 3 + group, minlength=n_years * 3).reshape(n_years, 3)
    overlap = pd.DataFrame({
        "year": np.repeat(years, 3), "organisations": np.tile(["1", "2", "3+"], n_years), "persons": cells.ravel(),
    })
    overlap = overlap[overlap["persons"] > 0].assign(sample=sample)
    return counts.reset_index(drop=True), overlap.reset_index(drop=True)
