"""How a police-report cell is printed: "7 (hvorav 1 grov)", "-", "" or "0".

The default prints a zero in a body row as "-" and a zero in the totals row as "0", and
shows the number of aggravated reports ("grov menneskehandel") inside the cell as KOM
does. ``KOM_2020`` adds the quirks of the published report for 2020 (data file
``data/kom2020_presentation.yaml``) so the regenerated tables equal the published ones.

>>> DEFAULT.cell("tabell-2", "oslo", "seksuell", 7, 1, total_row=False)
'7 (hvorav 1 grov)'
>>> DEFAULT.cell("tabell-2", "oslo", "seksuell", 10, 2, total_row=False)
'10 (hvorav 2 grove)'
>>> KOM_2020.cell("tabell-2", "agder", "organ", 0, 0, total_row=False)
''
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).parent / "data"


def with_grov(count: int, grov: int) -> str:
    """KOM's way of printing a count with its aggravated part."""
    if grov <= 0:
        return str(count)
    return f"{count} (hvorav {grov} {'grov' if grov == 1 else 'grove'})"


@dataclass(frozen=True)
class Presentation:
    """Per table key ("tabell-2"): columns whose zeros are blank, cells whose zeros are
    blank, columns that do not show the grov part, and whether the totals row is ours."""

    blank_zero_columns: dict[str, frozenset[str]] = field(default_factory=dict)
    blank_zero_cells: dict[str, frozenset[tuple[str, str]]] = field(default_factory=dict)
    grov_hidden_columns: dict[str, frozenset[str]] = field(default_factory=dict)
    added_total_row: frozenset[str] = frozenset()
    name: str = "standard"

    def cell(self, table: str, row: str, column: str, count: int, grov: int, *, total_row: bool) -> str:
        """``row``/``column`` are codes (district, form or year as text)."""
        if count == 0:
            if total_row:
                return "0"
            if column in self.blank_zero_columns.get(table, frozenset()):
                return ""
            if (column, row) in self.blank_zero_cells.get(table, frozenset()):
                return ""
            return "-"
        if column in self.grov_hidden_columns.get(table, frozenset()):
            return str(count)
        return with_grov(count, grov)

    @classmethod
    def from_yaml(cls, path: Path, name: str) -> Presentation:
        raw: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
        blank_cols, blank_cells, hidden, added = {}, {}, {}, set()
        for table, spec in raw.items():
            blank_cols[table] = frozenset(spec.get("blank_zero_columns", []))
            blank_cells[table] = frozenset(
                (str(col), str(row))
                for col, rows in (spec.get("blank_zero_cells") or {}).items() for row in rows
            )
            hidden[table] = frozenset(spec.get("grov_hidden_columns", []))
            if spec.get("added_total_row"):
                added.add(table)
        return cls(blank_cols, blank_cells, hidden, frozenset(added), name)


DEFAULT = Presentation(grov_hidden_columns={"tabell-3": frozenset({"total"})},
                       added_total_row=frozenset({"tabell-3"}))
KOM_2020 = Presentation.from_yaml(DATA / "kom2020_presentation.yaml", "KOM 2020")
