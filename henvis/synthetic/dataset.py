"""The generator's result: registrations, ground truth and true persons, kept apart.

Example:
    >>> from henvis.synthetic import generate
    >>> ds = generate(persons=20, seed=1)
    >>> list(ds.registrations.columns[:4])
    ['record_id', 'source', 'given_name', 'family_name']
    >>> list(ds.truth.columns)
    ['record_id', 'person_id']
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Final

import pandas as pd

from henvis.atomic_files import Writer, write_all_atomic

# The columns the linkage reads, in this order, followed by the attribute columns.
LINKAGE_COLUMNS: Final[tuple[str, ...]] = (
    "record_id", "source", "given_name", "family_name", "birth_date", "sex", "citizenship",
    "national_id", "duf_number",
)
ATTRIBUTE_COLUMNS: Final[tuple[str, ...]] = (
    "year", "organisation_kind", "age_at_identification", "child", "region",
    "exploitation_forms", "new_in_year", "measures", "decisions",
)
REGISTRATION_COLUMNS: Final[tuple[str, ...]] = LINKAGE_COLUMNS + ATTRIBUTE_COLUMNS
TRUTH_COLUMNS: Final[tuple[str, ...]] = ("record_id", "person_id")
PERSON_COLUMNS: Final[tuple[str, ...]] = (
    "person_id", "name_group", "given_name", "middle_name", "family_name", "name_original",
    "sex", "birth_date", "birth_date_uncertain", "citizenship", "region", "first_year",
    "age_at_identification", "child", "exploitation_category", "exploitation_forms",
    "national_id", "national_id_kind", "duf_number", "organisations", "n_registrations",
)
FILES: Final[dict[str, str]] = {
    "registrations": "registrations.csv", "truth": "truth.csv", "persons": "persons.csv",
}


@dataclass(frozen=True)
class SyntheticDataset:
    """Synthetic registrations and, kept apart, which registrations are the same person.

    - ``registrations``: what the organisations hold (one row per organisation, person
      and year); never shows the person.
    - ``truth``: ``record_id -> person_id``, for evaluating linkage and statistics only.
    - ``persons``: one row per true person with the true attributes.
    """

    registrations: pd.DataFrame
    truth: pd.DataFrame
    persons: pd.DataFrame

    def write(self, directory: str | Path) -> dict[str, Path]:
        """Write registrations.csv, truth.csv and persons.csv (UTF-8, "\\n" line ends).

        Each file is written to a temporary name and renamed into place, so a failure
        never leaves a half-written file under the final name.
        """
        target = Path(directory)
        frames = {"registrations": self.registrations, "truth": self.truth,
                  "persons": self.persons}

        def writer(frame: pd.DataFrame) -> Writer:
            return lambda tmp: frame.to_csv(tmp, index=False, encoding="utf-8", lineterminator="\n")

        write_all_atomic({target / FILES[key]: writer(frame) for key, frame in frames.items()})
        return {key: target / FILES[key] for key in frames}
