"""What a report is built from: registry figures, and optionally unique-person statistics
from linked extracts and a capture-history table for the dark-figure estimate.

A source (``kom-seed``, ``database``, ``synthetic``) produces one ``ReportInputs``; the
statistics app's ``load_database_source(year)`` may return one, or just a
``RegistryDataset``.

>>> from henvis.stats.registry import load_kom_seed
>>> ReportInputs(load_kom_seed(), "KOM").person_frames is None
True
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from henvis.stats.registry.dataset import RegistryDataset


@dataclass(frozen=True)
class ReportInputs:
    dataset: RegistryDataset
    label: str
    # name -> table from henvis.stats.persons.person_tables(stats, year)
    person_frames: dict[str, pd.DataFrame] | None = None
    # one row per year from PersonStatistics.summary (registrations vs persons, intervals)
    person_summary: pd.DataFrame | None = None
    # 0/1 column per list and "count"; or the clustering's table followed by one per
    # linkage sample, so that the dark figure's interval includes linkage errors.
    capture: pd.DataFrame | list[pd.DataFrame] | None = None

    @classmethod
    def from_loaded(cls, loaded: Any, label: str) -> ReportInputs:
        """Accept what a source function returns: ReportInputs, a RegistryDataset, or a
        (RegistryDataset, capture table) pair."""
        if isinstance(loaded, ReportInputs):
            return loaded
        if isinstance(loaded, RegistryDataset):
            return cls(loaded, label)
        if isinstance(loaded, tuple) and len(loaded) == 2 and isinstance(loaded[0], RegistryDataset):
            return cls(loaded[0], label, capture=loaded[1])
        raise TypeError(
            "kilden ga ikke ReportInputs eller RegistryDataset / "
            f"the source returned neither ReportInputs nor RegistryDataset ({type(loaded).__name__})"
        )
