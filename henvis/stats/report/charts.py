"""Trend charts of the yearly report, drawn with matplotlib as PNG images.

PNG (at print resolution) rather than SVG so that the HTML page and the PDF show exactly
the same picture and the PDF carries real images. Charts of persons only plot figures the
disclosure rule lets through.

>>> from henvis.stats.registry import load_kom_seed
>>> chart = reports_by_form(load_kom_seed(), 2020)
>>> chart.png[:8] == b"\\x89PNG\\r\\n\\x1a\\n", chart.title
(True, 'Anmeldelser per år etter utnyttingsform')
"""

from __future__ import annotations

import base64
import io
import logging
from collections import Counter
from dataclasses import dataclass

import matplotlib
import pandas as pd

matplotlib.use("Agg")  # no display: the report is rendered on servers and in CI

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from henvis.stats.disclosure import DisclosureRule  # noqa: E402
from henvis.stats.registry import code_lists as v  # noqa: E402
from henvis.stats.registry.dataset import RegistryDataset  # noqa: E402
from henvis.stats.registry.police import by_district, by_form  # noqa: E402

# Years are categories on the x axis; matplotlib logs that at INFO for every chart.
logging.getLogger("matplotlib.category").setLevel(logging.WARNING)

# Colour-blind safe (Okabe-Ito), in the order of the form code list.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#999999"]
FONT = "DejaVu Sans"


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    caption: str
    png: bytes
    alt: str

    def data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")


def _figure(width: float = 7.0, height: float = 3.2) -> tuple[Figure, plt.Axes]:
    plt.rcParams.update({"font.family": FONT, "font.size": 9})
    fig, ax = plt.subplots(figsize=(width, height), dpi=150)
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    return fig, ax


def _png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.tight_layout()
    fig.savefig(buf, format="png", dpi=150)
    plt.close(fig)
    return buf.getvalue()


def _stacked_bars(ax: plt.Axes, labels: list[str], series: list[tuple[str, list[int]]], ylabel: str, *,
                  width: float) -> list[int]:
    """One stacked bar per label, a series a layer (in PALETTE's colours, legend beside),
    each bar's total written above it. Returns the totals."""
    bottom = [0] * len(labels)
    for i, (name, heights) in enumerate(series):
        ax.bar(labels, heights, bottom=bottom, label=name, color=PALETTE[i % len(PALETTE)], width=width)
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    for x, total in enumerate(bottom):
        ax.annotate(str(total), (x, total), ha="center", va="bottom", fontsize=8,
                    xytext=(0, 2), textcoords="offset points")
    ax.set_ylabel(ylabel)
    ax.set_ylim(0, max(bottom) * 1.15 + 1)
    ax.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return bottom


def reports_by_form(ds: RegistryDataset, year: int) -> Chart | None:
    """Stacked bars: police reports per year by exploitation form, up to ``year``."""
    counts = Counter({k: n for k, n in by_form(ds.police_reports).items() if k[0] <= year})
    years = sorted({y for y, _ in counts})
    if not years:
        return None
    forms = [f for f in v.REPORT_FORMS if any(counts[(y, f)] for y in years)]
    fig, ax = _figure()
    bottom = _stacked_bars(ax, [str(y) for y in years],
                           [(v.REPORT_FORMS[form], [counts[(y, form)] for y in years]) for form in forms],
                           "Anmeldelser", width=0.65)
    total_text = ", ".join(f"{y}: {t}" for y, t in zip(years, bottom, strict=True))
    return Chart(
        "anmeldelser-form", "Anmeldelser per år etter utnyttingsform",
        "Kilde: Strasak (politiet). Stablede søyler; tallet over søylen er summen.",
        _png(fig), f"Søylediagram over anmeldelser per år ({total_text}).",
    )


def reports_by_district(ds: RegistryDataset, year: int, span: int = 5) -> Chart | None:
    """Heat map: police reports per district and year for the last ``span`` years."""
    years = [y for y in range(year - span + 1, year + 1)
             if any(r.year == y for r in ds.police_reports)]
    if not years:
        return None
    counts = Counter({(d, y): n for (y, d), n in by_district(ds.police_reports).items()})
    districts = list(v.POLICE_DISTRICTS)
    grid = [[counts[(d, y)] for y in years] for d in districts]
    fig, ax = _figure(6.0, 3.6)
    ax.grid(False)
    image = ax.imshow(grid, cmap="Blues", aspect="auto", vmin=0)
    ax.set_xticks(range(len(years)), [str(y) for y in years])
    ax.set_yticks(range(len(districts)), [v.POLICE_DISTRICTS[d] for d in districts])
    peak = max(max(row) for row in grid) or 1
    for i, row in enumerate(grid):
        for j, n in enumerate(row):
            ax.text(j, i, str(n) if n else "–", ha="center", va="center", fontsize=8,
                    color="white" if n > peak * 0.6 else "#222222")
    ax.spines[["left", "bottom"]].set_visible(False)
    ax.tick_params(length=0)
    fig.colorbar(image, ax=ax, shrink=0.8, label="Anmeldelser")
    return Chart(
        "anmeldelser-distrikt", f"Anmeldelser per politidistrikt {years[0]}–{years[-1]}",
        "Kilde: Strasak (politiet). «Gjerningssted i utlandet» er ikke fordelt på distrikt.",
        _png(fig), "Varmekart over anmeldelser per politidistrikt og år.",
    )


def placements_by_year(ds: RegistryDataset, year: int, rule: DisclosureRule) -> Chart | None:
    """Bars: cases under bvl § 4-29 per year (a table of persons: small counts left out)."""
    recs = sorted((r for r in ds.placements if r.authority == "fylkesnemnd" and r.year <= year),
                  key=lambda r: r.year)
    if len(recs) < 2:
        return None
    fig, ax = _figure(7.0, 2.8)
    labels = [str(r.year) for r in recs]
    shown = [None if rule.is_small(r.cases) else r.cases for r in recs]
    ax.bar(labels, [s or 0 for s in shown], color=PALETTE[0], width=0.65)
    for x, (s, r) in enumerate(zip(shown, recs, strict=True)):
        text = ":" if s is None else str(s) + (" (est.)" if r.estimate else "")
        ax.annotate(text, (x, s or 0), ha="center", va="bottom", fontsize=8,
                    xytext=(0, 2), textcoords="offset points")
    ax.set_ylabel("Saker")
    ax.set_ylim(0, max(s or 0 for s in shown) * 1.2 + 1)
    return Chart(
        "saker-4-29", "Saker etter barnevernloven § 4-29 per år",
        "Kilde: Sentralenheten for fylkesnemndene. «:» = prikket (under terskelen).",
        _png(fig), "Søylediagram over saker etter barnevernloven § 4-29 per år.",
    )


def measure_persons_by_year(ds: RegistryDataset, year: int, rule: DisclosureRule) -> Chart | None:
    """Bars: persons reported by the housing and follow-up measures per year and group."""
    totals: Counter[tuple[int, str]] = Counter()
    for r in ds.measure_persons:
        if r.dimension == "total" and r.year <= year:
            totals[(r.year, r.measure_group)] += r.persons
    years = sorted({y for y, _ in totals})
    if len(years) < 2:
        return None
    groups = list(v.MEASURE_GROUPS)
    fig, ax = _figure(7.0, 2.8)
    _stacked_bars(ax, [str(y) for y in years],
                  [(v.MEASURE_GROUPS[g], [0 if rule.is_small(totals[(y, g)]) else totals[(y, g)] for y in years])
                   for g in groups],
                  "Personer (sum over tiltak)", width=0.5)
    return Chart(
        "bo-oppfolging-personer", "Voksne i bo- og oppfølgingstiltak per år",
        "Kilde: tiltakenes rapportering til KOM. Summen over tiltak, ikke enkeltpersoner.",
        _png(fig), "Søylediagram over personer rapportert av bo- og oppfølgingstiltakene per år.",
    )


def persons_per_year(summary: pd.DataFrame, rule: DisclosureRule, *, registrations_label: str,
                     persons_label: str) -> bytes:
    """Bars of registrations (the sum over organisations) per year, with the unique
    persons and their linkage interval as a line: the figures page's chart, labelled in
    the caller's language. Years whose persons the rule suppresses are left out."""
    s = summary[~summary["persons"].map(rule.is_small)]
    fig, ax = plt.subplots(figsize=(7, 3.2), dpi=110)
    ax.bar(s["year"], s["registrations"], color="#c9d6e3", label=registrations_label)
    ax.errorbar(s["year"], s["persons"], yerr=[s["persons"] - s["persons_low"], s["persons_high"] - s["persons"]],
                fmt="o-", color="#1f4e79", capsize=3, label=persons_label)
    ax.set_xticks(list(s["year"]))
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    plt.close(fig)
    return buffer.getvalue()
