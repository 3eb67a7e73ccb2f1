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
    """(counts in the long format of counts.py for dimension "total", overlap counts)."""
    frame = pd.DataFrame({"person": labels, "year": regs.year, "new": regs.new, "assisted": regs.assisted,
                          "source": regs.source})
    first_year = frame.groupby("person")["year"].transform("min")
    frame["first_new"] = frame["new"] & (frame["year"] == first_year)
    py = frame.groupby(["person", "year"], sort=False).agg(
        first_time=("first_new", "any"), assisted=("assisted", "any"), sources=("source", "nunique"))
    years = py.index.get_level_values("year").to_numpy()
    per_year = pd.DataFrame({"registered": 1, "first_time": py["first_time"].to_numpy().astype(int),
                             "assisted": py["assisted"].to_numpy().astype(int), "year": years}).groupby("year").sum()
    counts = per_year.reset_index().assign(sample=sample, dimension="total", category="total")
    sources = py["sources"].to_numpy()
    organisations = np.where(sources >= 3, "3+", sources.astype(str))
    overlap = (pd.DataFrame({"year": years, "organisations": organisations})
               .groupby(["year", "organisations"]).size().rename("persons").reset_index().assign(sample=sample))
    return counts, overlap
