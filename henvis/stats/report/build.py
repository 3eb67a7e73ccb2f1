"""Write the yearly report: ``report.html``, ``report.pdf`` and ``tables/<key>.csv``.

Everything is rendered in memory first; the files are then written under temporary
names and renamed only when all were written, so a failure (a font missing, a full disk)
leaves no half-written file and no mix of a new and an old report.

>>> import tempfile, pathlib
>>> from henvis.stats.registry import load_kom_seed
>>> from henvis.stats.tables import build_release
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> paths = write_report(build_release(load_kom_seed(), 2020), out, source_label="KOM")
>>> (out / "report.pdf").read_bytes()[:4]
b'%PDF'
"""

from __future__ import annotations

import csv
import functools
import io
import logging
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from henvis.atomic_files import write_all_atomic
from henvis.stats.report.darkfigure import DarkFigure
from henvis.stats.report.html import render_html
from henvis.stats.tables.report_release import Release

# WeasyPrint and fontTools log every font subset at INFO/WARNING; keep the CLI quiet.
for _name in ("weasyprint", "fontTools"):
    logging.getLogger(_name).setLevel(logging.ERROR)


@dataclass(frozen=True)
class ReportFiles:
    html: Path
    pdf: Path
    tables: tuple[Path, ...]


def render_pdf(html: str) -> bytes:
    """The HTML page as a PDF (WeasyPrint; fonts from the system, DejaVu Sans)."""
    from weasyprint import HTML  # imported here: it loads Pango, which takes a moment

    pdf: bytes = HTML(string=html).write_pdf()
    return pdf


def _table_csv(rows: list[list[str]]) -> bytes:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue().encode("utf-8")


@dataclass(frozen=True)
class RenderedReport:
    """The report in memory: the page, its PDF and one CSV per table (by file name)."""

    html: str
    pdf: bytes
    tables: dict[str, bytes]

    def write(self, out: Path) -> ReportFiles:
        """One report or none: every file is written under a temporary name first and
        renamed only when all were written, so a full disk never leaves a new HTML beside
        an old PDF."""
        out.mkdir(parents=True, exist_ok=True)
        table_paths = [out / "tables" / name for name in self.tables]
        contents = {**dict(zip(table_paths, self.tables.values(), strict=True)),
                    out / "report.html": self.html.encode("utf-8"), out / "report.pdf": self.pdf}
        write_all_atomic({path: functools.partial(Path.write_bytes, data=data) for path, data in contents.items()})
        return ReportFiles(out / "report.html", out / "report.pdf", tuple(table_paths))


def render_report(
    rel: Release, *, source_label: str, dark: DarkFigure | None = None,
    person_summary: pd.DataFrame | None = None,
) -> RenderedReport:
    html = render_html(rel, source_label=source_label, dark=dark, person_summary=person_summary)
    return RenderedReport(html, render_pdf(html), {f"{t.key}.csv": _table_csv(t.tidy_rows()) for t in rel.tables})


def write_report(
    rel: Release, out: Path, *, source_label: str, dark: DarkFigure | None = None,
    person_summary: pd.DataFrame | None = None,
) -> ReportFiles:
    return render_report(rel, source_label=source_label, dark=dark, person_summary=person_summary).write(out)
