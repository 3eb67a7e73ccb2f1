"""A protected table: what may be released, and how it is shown."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from henvis.stats.disclosure.disclosure_rule import SUPPRESSED, DisclosureRule, Language


@dataclass(frozen=True)
class ProtectedTable:
    """A table after disclosure control.

    ``values`` holds the released counts (nullable Int64, <NA> where suppressed);
    ``status`` says per cell "published", "primary", "secondary" or "rounded". The status
    is for the analyst's own review and must not be released: it would tell which
    suppressed cells are the small ones.
    """

    name: str
    values: pd.DataFrame
    status: pd.DataFrame
    rule: DisclosureRule

    @property
    def suppressed(self) -> pd.DataFrame:
        return self.values.isna()

    @property
    def suppressed_count(self) -> int:
        return int(self.suppressed.to_numpy().sum())

    def display(self) -> pd.DataFrame:
        """Strings for printing and CSV: counts, with ":" for a suppressed cell."""
        return self.values.astype("object").where(~self.suppressed, SUPPRESSED).map(
            lambda v: v if v == SUPPRESSED else str(int(v))
        )

    def to_csv(self, path: Path | str) -> None:
        """Header row, one row per category, totals last; ":" for a suppressed cell."""
        frame = self.display()
        frame.index.name = frame.index.name or ""
        frame.to_csv(path)

    def method_note(self, language: Language = "nb") -> str:
        return self.rule.method_note(language)
