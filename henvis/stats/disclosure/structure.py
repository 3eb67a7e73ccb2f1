"""Tables of counts as a linear system: the equations an attacker can use.

A released table is a pandas DataFrame of non-negative integer counts with the category
rows first and the total row last, and (for a two-way table) the category columns first
and the total column last. A one-way table has a single column. The index name and the
columns name name the dimensions (``"sex"``, ``"form"``); tables of one release that share
a dimension with the same margin, or the same grand total, are *linked*: the attacker may
equate those figures, so they are equated here too.

Every cell of every table becomes one variable; the equations are

* row sums and column sums equal to the totals (when the table adds up in that
  direction; a table where one person can fall in several categories, such as forms of
  exploitation, gives only "cell <= total"),
* margins shared between linked tables are equal, grand totals likewise,
* relations the caller declares between tables of different shape (``Relation``): a
  return's group of countries sums the page's countries, a GLOTIP row is a cell of the
  sex by age table. A relation may name *latent* cells: counts that are never released
  but tie published cells together (persons by sex, age and form group, say, behind a
  table by sex and form group and a table by GLOTIP group and form group). They are
  unknowns to the attacker like suppressed cells, and are never published.

>>> import pandas as pd
>>> t = pd.DataFrame({"F": [3, 1, 4], "M": [2, 5, 7], "Total": [5, 6, 11]},
...                  index=pd.Index(["a", "b", "Total"], name="form"))
>>> system = LinearSystem.build({"t": t})
>>> len(system.cells), len(system.equalities)
(9, 6)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeAlias, runtime_checkable

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix, csr_matrix
from scipy.sparse.csgraph import connected_components


@runtime_checkable
class FrameLike(Protocol):
    """Anything that can give the DataFrame described above (e.g. a typed report table)."""

    def to_frame(self) -> pd.DataFrame: ...


TableInput: TypeAlias = pd.DataFrame | FrameLike


@dataclass(frozen=True, order=True)
class Cell:
    table: str
    row: str
    col: str


@dataclass(frozen=True)
class Relation:
    """sum(coef * cell) == 0 (``equal``) or <= 0 over cells of any tables of the release
    or latent cells. Declare only what the attacker could know from how the tables are
    defined; a relation that does not hold on the counts is a bug and is refused.

    >>> r = Relation.sums_to(Cell("b", "x", "n"), [Cell("a", "p", "n"), Cell("a", "q", "n")])
    >>> sorted(r.terms)
    [(Cell(table='a', row='p', col='n'), 1), (Cell(table='a', row='q', col='n'), 1), (Cell(table='b', row='x', col='n'), -1)]
    """

    terms: tuple[tuple[Cell, int], ...]
    equal: bool = True

    @classmethod
    def sums_to(cls, total: Cell, parts: Sequence[Cell]) -> Relation:
        """total == sum(parts)."""
        return cls(_merge([(p, 1) for p in parts] + [(total, -1)]))

    @classmethod
    def at_most(cls, small: Sequence[Cell], large: Sequence[Cell]) -> Relation:
        """sum(small) <= sum(large)."""
        return cls(_merge([(c, 1) for c in small] + [(c, -1) for c in large]), equal=False)

    def holds(self, value: Mapping[Cell, int]) -> bool:
        total = sum(coef * value[cell] for cell, coef in self.terms)
        return total == 0 if self.equal else total <= 0


def _merge(terms: list[tuple[Cell, int]]) -> tuple[tuple[Cell, int], ...]:
    out: dict[Cell, int] = {}
    for cell, coef in terms:
        out[cell] = out.get(cell, 0) + coef
    return tuple((c, k) for c, k in out.items() if k)


def as_frame(table: Any, name: str = "table") -> pd.DataFrame:
    """Validate a table and return it as a DataFrame of int64 with string labels."""
    frame = table if isinstance(table, pd.DataFrame) else None
    if frame is None and isinstance(table, FrameLike):
        frame = table.to_frame()
    if frame is None:
        raise TypeError(f"{name}: ikke en tabell / not a table ({type(table).__name__})")
    if frame.shape[0] < 2 or frame.shape[1] < 1:
        raise ValueError(
            f"{name}: tabellen trenger minst én kategori og en sumrad / "
            "the table needs at least one category and a total row"
        )
    if frame.isna().to_numpy().any():
        raise ValueError(f"{name}: tomme celler / empty cells")
    try:
        values = frame.to_numpy(dtype="float64")
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name}: celler må være tall / cells must be numbers") from exc
    if (values < 0).any() or (values != np.round(values)).any():
        raise ValueError(
            f"{name}: celler må være hele tall >= 0 / cells must be whole numbers >= 0"
        )
    out = pd.DataFrame(
        values.astype("int64"),
        index=pd.Index([str(v) for v in frame.index], name=frame.index.name),
        columns=pd.Index([str(v) for v in frame.columns], name=frame.columns.name),
    )
    if out.index.has_duplicates or out.columns.has_duplicates:
        raise ValueError(f"{name}: like kategorinavn / duplicate category labels")
    return out


@dataclass(frozen=True)
class TableLayout:
    """Where the categories, margins and totals of one table are."""

    name: str
    frame: pd.DataFrame

    @property
    def one_way(self) -> bool:
        return self.frame.shape[1] == 1

    @property
    def rows(self) -> list[str]:
        return list(self.frame.index[:-1])

    @property
    def cols(self) -> list[str]:
        return list(self.frame.columns) if self.one_way else list(self.frame.columns[:-1])

    @property
    def total_row(self) -> str:
        return str(self.frame.index[-1])

    @property
    def total_col(self) -> str:
        return str(self.frame.columns[-1])

    def grand_total(self) -> Cell:
        return Cell(self.name, self.total_row, self.total_col)

    def margins(self) -> dict[str, list[tuple[str, Cell]]]:
        """dimension name -> [(category, margin cell)] for the named dimensions."""
        out: dict[str, list[tuple[str, Cell]]] = {}
        if self.frame.index.name:
            out[str(self.frame.index.name)] = [(r, Cell(self.name, r, self.total_col)) for r in self.rows]
        if not self.one_way and self.frame.columns.name:
            out[str(self.frame.columns.name)] = [(c, Cell(self.name, self.total_row, c)) for c in self.cols]
        return out

    def adds_up_across(self) -> bool:
        """Each row's categories sum to its total (not so for multi-valued categories)."""
        if self.one_way:
            return True
        v = self.frame.to_numpy()
        return bool((v[:, :-1].sum(axis=1) == v[:, -1]).all())

    def adds_up_down(self) -> bool:
        v = self.frame.to_numpy()
        return bool((v[:-1, :].sum(axis=0) == v[-1, :]).all())


@dataclass
class LinearSystem:
    """All cells of a release and the linear relations between them.

    ``equalities`` and ``upper_bounds`` are sparse rows {cell index: coefficient}: each
    equality says sum(coef * cell) == 0, each upper bound says sum(coef * cell) <= 0.
    """

    cells: list[Cell]
    values: np.ndarray
    layouts: dict[str, TableLayout]
    equalities: list[dict[int, int]] = field(default_factory=list)
    upper_bounds: list[dict[int, int]] = field(default_factory=list)
    # True for a latent cell: an unknown that is never released (see the module doc)
    latent: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))

    @classmethod
    def build(
        cls, tables: Mapping[str, TableInput], relations: Sequence[Relation] = (),
        latent: Mapping[Cell, int] | None = None,
    ) -> LinearSystem:
        """``latent``: the true counts of the latent cells the relations name."""
        layouts = {name: TableLayout(name, as_frame(t, name)) for name, t in tables.items()}
        cells: list[Cell] = []
        values: list[int] = []
        for name, layout in layouts.items():
            for r in layout.frame.index:
                for c in layout.frame.columns:
                    cells.append(Cell(name, str(r), str(c)))
                    values.append(int(layout.frame.at[r, c]))
        hidden_counts = dict(latent or {})
        if set(hidden_counts) & set(cells):
            raise ValueError("en latent celle er også publisert / a latent cell is also a published cell")
        cells += list(hidden_counts)
        values += [int(v) for v in hidden_counts.values()]
        flags = np.array([False] * (len(cells) - len(hidden_counts)) + [True] * len(hidden_counts))
        system = cls(cells, np.array(values, dtype=np.int64), layouts, latent=flags)
        for layout in layouts.values():
            system._add_table_relations(layout)
        system._add_links()
        system._add_declared(relations)
        return system

    def _add_declared(self, relations: Sequence[Relation]) -> None:
        idx = self.index()
        value = {c: int(v) for c, v in zip(self.cells, self.values, strict=True)}
        for relation in relations:
            missing = [c for c, _ in relation.terms if c not in idx]
            if missing:
                raise ValueError(f"relasjonen nevner en ukjent celle / the relation names an unknown cell: {missing[0]}")
            if not relation.holds(value):
                raise ValueError(f"relasjonen stemmer ikke med tallene / the relation does not hold: {relation}")
            row = {idx[c]: coef for c, coef in relation.terms}
            (self.equalities if relation.equal else self.upper_bounds).append(row)

    @property
    def is_latent(self) -> np.ndarray:
        return self.latent if len(self.latent) == len(self.cells) else np.zeros(len(self.cells), dtype=bool)

    def index(self) -> dict[Cell, int]:
        return {c: i for i, c in enumerate(self.cells)}

    def _add_table_relations(self, layout: TableLayout) -> None:
        idx = self.index()
        name, frame = layout.name, layout.frame
        rows_all = [str(r) for r in frame.index]
        if not layout.one_way:
            across = layout.adds_up_across()
            for r in rows_all:
                total = idx[Cell(name, r, layout.total_col)]
                parts = [idx[Cell(name, r, c)] for c in layout.cols]
                self._relation(parts, total, additive=across)
        down = layout.adds_up_down()
        for c in [str(c) for c in frame.columns]:
            total = idx[Cell(name, layout.total_row, c)]
            parts = [idx[Cell(name, r, c)] for r in layout.rows]
            self._relation(parts, total, additive=down)

    def _relation(self, parts: list[int], total: int, *, additive: bool) -> None:
        if additive:
            row = dict.fromkeys(parts, 1)
            row[total] = -1
            self.equalities.append(row)
        else:
            for p in parts:
                self.upper_bounds.append({p: 1, total: -1})

    def _add_links(self) -> None:
        """Equate margins of the same dimension and grand totals across tables when the
        figures agree (then an attacker may assume they count the same persons; equating
        them is the cautious choice even if they do not)."""
        idx = self.index()
        names = list(self.layouts)
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                la, lb = self.layouts[a], self.layouts[b]
                ga, gb = idx[la.grand_total()], idx[lb.grand_total()]
                if self.values[ga] == self.values[gb]:
                    self.equalities.append({ga: 1, gb: -1})
                ma, mb = la.margins(), lb.margins()
                for dim in set(ma) & set(mb):
                    da, db = dict(ma[dim]), dict(mb[dim])
                    if set(da) != set(db):
                        continue
                    pairs = [(idx[da[k]], idx[db[k]]) for k in da]
                    if all(self.values[x] == self.values[y] for x, y in pairs):
                        self.equalities.extend({x: 1, y: -1} for x, y in pairs)

    def matrix(self, rows: list[dict[int, int]]) -> csr_matrix:
        data, ri, ci = [], [], []
        for k, row in enumerate(rows):
            for j, coef in row.items():
                ri.append(k)
                ci.append(j)
                data.append(coef)
        return coo_matrix((data, (ri, ci)), shape=(len(rows), len(self.cells))).tocsr()

    def components(self) -> np.ndarray:
        """Label of the group of cells connected through any relation (independent
        groups are protected and attacked separately)."""
        n = len(self.cells)
        ri, ci = [], []
        for row in self.equalities + self.upper_bounds:
            keys = list(row)
            for k in keys[1:]:
                ri.append(keys[0])
                ci.append(k)
        graph = coo_matrix((np.ones(len(ri)), (ri, ci)), shape=(n, n))
        _, labels = connected_components(graph, directed=False)
        return np.asarray(labels)
