"""The tables of the yearly report, built from registry figures (and, for the database
source, from unique-person statistics), each a typed :class:`ReportTable`.

>>> from henvis.stats.registry import load_kom_seed
>>> from henvis.stats.tables import build_release
>>> rel = build_release(load_kom_seed(), 2020)
>>> rel.find("tabell-2").cell("Totalsum", "Total")
39
"""

from henvis.stats.tables.presentation import DEFAULT, KOM_2020, Presentation
from henvis.stats.tables.report_release import (
    Release,
    build_release,
    build_tables,
    protect_tables,
    write_tables_csv,
)
from henvis.stats.tables.report_table import ReportTable, TableKind

__all__ = [
    "DEFAULT", "KOM_2020", "Presentation", "Release", "ReportTable", "TableKind", "build_release",
    "build_tables", "protect_tables", "write_tables_csv",
]
