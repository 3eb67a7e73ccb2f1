"""Input errors of the statistics side, in Norwegian and English, naming the row."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class RowError:
    """One problem in an input file. ``row`` is the line number in the file (the header
    is line 1), or None for a problem with the whole file."""

    row: int | None
    field: str | None
    nb: str
    en: str

    def __str__(self) -> str:
        if self.row is None:
            return f"{self.nb} / {self.en}"
        where_nb = f"Rad {self.row}" + (f", {self.field}" if self.field else "")
        where_en = f"Row {self.row}" + (f", {self.field}" if self.field else "")
        return f"{where_nb}: {self.nb} / {where_en}: {self.en}"


class InputError(ValueError):
    """A file that cannot be used; ``errors`` lists every problem found (up to a limit)."""

    def __init__(self, source: str, errors: Sequence[RowError]) -> None:
        self.source = source
        self.errors = list(errors)
        lines = "\n".join(f"  {e}" for e in self.errors)
        super().__init__(f"{source}: {len(self.errors)} feil / errors\n{lines}")
