"""The yearly report: HTML page and PDF with tables, trend charts, generated text, a
method note and the dark-figure estimate when linked person data allow one.

>>> from henvis.stats.report import render_html, write_report
"""

from henvis.stats.report.build import ReportFiles, render_pdf, write_report
from henvis.stats.report.darkfigure import DarkFigure, dark_figure
from henvis.stats.report.html import render_html

__all__ = ["DarkFigure", "ReportFiles", "dark_figure", "render_html", "render_pdf", "write_report"]
