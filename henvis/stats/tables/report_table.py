"""A report table as a typed object: what it counts, its cells, its totals, how it is
released, and the strings it is shown with.

Rows are the categories followed by the totals row (always last). Columns are the
categories, followed by a totals column when the table has one. ``values`` holds the
counts (``None`` where disclosure control suppressed a cell); ``display`` holds the strings
printed in the report and the CSV files (``":"`` for a suppressed cell, and for registry
tables the representation of the publication, e.g. ``"7 (hvorav 1 grov)"`` or ``"-"``).

>>> t = ReportTable.build(
...     key="eksempel", number="", title="Eksempel", source_note="Kilde", kind=TableKind.PERSONS,
...     row_dimension="kjonn", row_header="Kjønn", row_labels=["Kvinner", "Menn"],
...     column_dimension=None, column_labels=["Personer"], values=[[5], [4]])
>>> t.row_labels[-1], t.values[-1]
('Totalt', (9,))
>>> t.to_frame().loc["Totalt", "Personer"]
np.int64(9)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import Enum

import pandas as pd

Matrix = tuple[tuple[int | None, ...], ...]
TextMatrix = tuple[tuple[str, ...], ...]

SUPPRESSED = ":"
AGGRAVATED = "hvorav grove"  # the column of a police table's aggravated part, as the report names it


class TableKind(Enum):
    """Whether disclosure control applies."""

    PERSONS = "persons"  # counts of persons (victims, assisted, returns, placements, decisions)
    REGISTRY = "registry"  # offences or court decisions copied from a registry that publishes them


@dataclass(frozen=True)
class ReportTable:
    key: str  # file name stem of the CSV, e.g. "tabell-2-anmeldelser-2020"
    number: str  # the report's own number, e.g. "Tabell 2"
    title: str
    source_note: str
    kind: TableKind
    row_dimension: str  # code naming what the rows are ("politidistrikt"); links margins
    row_header: str  # header of the label column as printed
    row_labels: tuple[str, ...]  # categories, then the totals row label
    column_dimension: str | None
    column_labels: tuple[str, ...]  # categories, then the totals column label if any
    has_total_column: bool
    values: Matrix
    display: TextMatrix
    disclosure_note: str = ""
    notes: tuple[str, ...] = ()
    subtotals: Matrix | None = None  # e.g. "hvorav grove" inside each police-report cell
    suppressed_cells: int = 0
    # disclosure control already applied elsewhere: the tables of linked persons come
    # protected from the year's release that every output shares, and are kept as they are
    protected: bool = False

    # -- construction ---------------------------------------------------------------
    @classmethod
    def build(
        cls, *, key: str, number: str, title: str, source_note: str, kind: TableKind,
        row_dimension: str, row_header: str, row_labels: Sequence[str],
        column_dimension: str | None, column_labels: Sequence[str],
        values: Sequence[Sequence[int]], subtotals: Sequence[Sequence[int]] | None = None,
        total_row_label: str = "Totalt", total_column_label: str | None = "Totalt",
        notes: Sequence[str] = (), display: Sequence[Sequence[str]] | None = None,
    ) -> ReportTable:
        """Add the totals row (and the totals column if ``total_column_label`` is given
        and the table has more than one column) to the category counts."""
        body = [list(r) for r in values]
        subs = [list(r) for r in subtotals] if subtotals is not None else None
        cols = list(column_labels)
        two_way = len(cols) > 1 and total_column_label is not None
        if two_way:
            for r in body:
                r.append(sum(r))
            if subs is not None:
                for r in subs:
                    r.append(sum(r))
            cols.append(str(total_column_label))
        width = len(cols)
        body.append([sum(r[j] for r in body) for j in range(width)])
        if subs is not None:
            subs.append([sum(r[j] for r in subs) for j in range(width)])
        matrix: Matrix = tuple(tuple(r) for r in body)
        shown = tuple(tuple(r) for r in display) if display is not None else tuple(
            tuple(str(v) for v in r) for r in matrix
        )
        return cls(
            key=key, number=number, title=title, source_note=source_note, kind=kind,
            row_dimension=row_dimension, row_header=row_header,
            row_labels=(*row_labels, total_row_label), column_dimension=column_dimension,
            column_labels=tuple(cols), has_total_column=two_way, values=matrix,
            display=shown, notes=tuple(notes),
            subtotals=tuple(tuple(r) for r in subs) if subs is not None else None,
        )

    # -- views ----------------------------------------------------------------------
    @property
    def is_persons(self) -> bool:
        return self.kind is TableKind.PERSONS

    @property
    def heading(self) -> str:
        return f"{self.number}: {self.title}" if self.number else self.title

    def cell(self, row: str, column: str) -> int | None:
        return self.values[self.row_labels.index(row)][self.column_labels.index(column)]

    def shown(self, row: str, column: str) -> str:
        return self.display[self.row_labels.index(row)][self.column_labels.index(column)]

    def to_frame(self) -> pd.DataFrame:
        """The counts as a DataFrame (categories, totals last) for disclosure control;
        index and columns are named after the dimensions so that margins of the same
        dimension in several tables are linked."""
        if any(v is None for r in self.values for v in r):
            raise ValueError(f"{self.key}: tabellen er allerede prikket / the table is already suppressed")
        frame = pd.DataFrame(
            [list(r) for r in self.values],
            index=pd.Index(list(self.row_labels), name=self.row_dimension),
            columns=pd.Index(list(self.column_labels), name=self.column_dimension),
        )
        return frame.astype("int64")

    def with_cells(self, values: Matrix, display: TextMatrix, disclosure_note: str) -> ReportTable:
        suppressed = sum(v is None for r in values for v in r)
        return replace(self, values=values, display=display, disclosure_note=disclosure_note,
                       suppressed_cells=suppressed)

    def csv_rows(self) -> list[list[str]]:
        """Header row, then one row per category, totals last (the CSV contract)."""
        rows = [[self.row_header, *self.column_labels]]
        rows += [[label, *cells] for label, cells in zip(self.row_labels, self.display, strict=True)]
        return rows

    def tidy_rows(self) -> list[list[str]]:
        """The same rows as data, one number per cell: a count as digits (0 for zero,
        ":" where suppressed), and a cell the publication prints as "18 (hvorav 3
        grove)" split into its column and an "..., hvorav grove" column beside it."""
        def number(v: int | None) -> str:
            return SUPPRESSED if v is None else str(v)

        subs = self.subtotals
        header = [self.row_header]
        for label in self.column_labels:
            header += [label, f"{label}, {AGGRAVATED}"] if subs is not None else [label]
        rows = [header]
        for i, (label, counts) in enumerate(zip(self.row_labels, self.values, strict=True)):
            row = [label]
            for j, v in enumerate(counts):
                row.append(number(v))
                if subs is not None:
                    row.append(number(None if v is None else subs[i][j]))
            rows.append(row)
        return rows


def plain_display(values: Matrix) -> TextMatrix:
    """Counts as strings, ":" where suppressed."""
    return tuple(tuple(SUPPRESSED if v is None else str(v) for v in r) for r in values)
