"""International returns for one year: Eurostat, UNODC GLOTIP and the US TIP report.

Tables of persons (victims) come from the unique-person statistics (one row per person
and year from linkage) and go through disclosure control as one release with every other
output's tables of the year (``henvis.stats.persons.year_release``); figures
on offences, prosecutions, convictions and residence decisions are copied from the
registries that publish them and are marked as such.

>>> from henvis.stats.registry import load_kom_seed
>>> r = build_returns(None, load_kom_seed(), 2020)
>>> r.figures.set_index("indicator").loc["tip_reflection_periods_granted", "value"]
'16'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import pandas as pd

from henvis.atomic_files import Writer, write_all_atomic
from henvis.stats.disclosure import SUPPRESSED, DisclosureRule, ProtectedTable
from henvis.stats.disclosure.disclosure_rule import Language
from henvis.stats.persons.statistics import PersonStatistics
from henvis.stats.persons.year_release import YearRelease, year_release
from henvis.stats.receivers.groups import FORM_RULE, GLOTIP_NOT_RECORDED
from henvis.stats.receivers.victim_tables import victim_tables
from henvis.stats.registry.dataset import RegistryDataset
from henvis.stats.registry.police import by_form, year_totals
from henvis.stats.returns import labels
from henvis.stats.returns.justice import JusticeCount, justice_figures
from henvis.stats.returns.sdmx import CONFIDENTIAL_FLAG, NOT_AVAILABLE, sdmx_rows


@dataclass(frozen=True)
class Returns:
    """``tables``: protected tables of persons. ``figures``: single figures (indicator,
    value as released, unit, kind "persons"/"registry", source)."""

    year: int
    tables: dict[str, ProtectedTable]
    figures: pd.DataFrame
    rule: DisclosureRule
    country: str = "NO"
    # the unprotected tables: written only with ``confidential_values`` (never the default)
    raw: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)

    def sdmx(self, *, confidential_values: bool = False) -> pd.DataFrame:
        """The Eurostat tables as long SDMX-style rows in the receiver's codes (``sdmx.py``)."""
        return sdmx_rows(self.tables, self.year, self.country, raw=self.raw or None,
                         confidential_values=confidential_values)

    def write(self, folder: Path | str, *, language: Language = "en", confidential_values: bool = False) -> list[Path]:
        """CSV per table, figures.csv, returns-sdmx.csv (long, the receivers' codes) and
        returns.xlsx (one sheet per table, in one ``language``). ``confidential_values``
        (never the default) writes withheld cells' true values, flagged confidential, into
        returns-sdmx.csv for a receiver that takes them under agreement. Written to a
        temporary name first and renamed into place when all were written, so a failure
        leaves nothing half-written."""
        target = Path(folder)
        files: dict[Path, Writer] = {target / f"{name}.csv": partial(_frame_csv, _cells(table), index=True)
                                     for name, table in self.tables.items()}
        files[target / "figures.csv"] = partial(_frame_csv, exported_figures(self.figures))
        if self.tables:
            files[target / "returns-sdmx.csv"] = partial(_frame_csv, self.sdmx(confidential_values=confidential_values))
        files[target / "returns.xlsx"] = partial(self._workbook, language=language)
        return write_all_atomic(files)

    def _workbook(self, path: Path, language: Language) -> None:
        """One language: every sheet name, title, row and column label in words
        (``labels.py``); the country and the year in every title and on the first sheet;
        counts stored as numbers, a withheld cell as Eurostat's confidentiality flag "c"
        and a column Henvis has no code for as ":" (not available)."""
        from openpyxl import Workbook
        from openpyxl.styles import Font

        # the year release may have rounded instead of suppressing (year_release.method)
        applied = next(iter(self.tables.values())).rule if self.tables else self.rule
        book = Workbook()
        about = book.active
        about.title = labels.sheet_name("about", language)
        about.append([labels.pick(c, language) for c in labels.ABOUT_COLUMNS])
        about.append([labels.pick(labels.ABOUT["country"], language),
                      f"{labels.country_name(self.country, language)} ({self.country})"])
        about.append([labels.pick(labels.ABOUT["year"], language), self.year])
        for name in (*self.tables, "figures"):
            about.append([labels.pick(labels.ABOUT["sheets"], language),
                          f"{labels.sheet_name(name, language)}: {labels.pick(labels.TITLES[name], language)}"])
        about.append([labels.pick(labels.ABOUT["counted"], language), labels.pick(labels.ABOUT_TEXT["counted"], language)])
        # the note names the page's sign for a withheld cell; this file writes Eurostat's "c"
        note = applied.method_note(language).replace(f"«{SUPPRESSED}»", f"«{CONFIDENTIAL_FLAG}»")
        about.append([labels.pick(labels.ABOUT["method"], language),
                      note.replace(f"'{SUPPRESSED}'", f"'{CONFIDENTIAL_FLAG}'")])
        about.append([labels.pick(labels.ABOUT["flags"], language), labels.pick(labels.ABOUT_TEXT["flags"], language)])
        about.append([labels.pick(labels.ABOUT["forms"], language), FORM_RULE[language]])
        if "glotip-victims" in self.tables:
            about.append([labels.pick(labels.ABOUT["glotip"], language), labels.pick(labels.ABOUT_TEXT["glotip"], language)])
        about["A1"].font = Font(bold=True)
        for name, table in self.tables.items():
            cells = _cells(table)
            if name == "glotip-victims":
                # GLOTIP's columns Henvis has no code for: not available, never 0
                for k, form in enumerate(GLOTIP_NOT_RECORDED):
                    cells.insert(k, form, NOT_AVAILABLE)
            sheet = book.create_sheet(labels.sheet_name(name, language))
            sheet.append([labels.title(name, language, self.country, self.year)])
            sheet["A1"].font = Font(bold=True)
            sheet.append([labels.pick(labels.UNIT_LINE, language)])
            sheet.append([labels.row_header(name, language),
                          *[labels.column_label(name, str(c), language, self.country) for c in cells.columns]])
            for row, values in cells.iterrows():
                sheet.append([labels.row_label(name, str(row), language, self.country), *values.tolist()])
            sheet.append([])
            sheet.append([labels.pick(labels.NOTE_LINE, language)])
        figures = exported_figures(self.figures)
        sheet = book.create_sheet(labels.sheet_name("figures", language))
        sheet.append([labels.title("figures", language, self.country, self.year)])
        sheet["A1"].font = Font(bold=True)
        sheet.append([labels.pick(labels.FIGURE_COLUMNS[c], language) for c in ("indicator", "value", "flag", "unit", "source")])
        for f in figures.itertuples(index=False):
            sheet.append([labels.figure_label(str(f.indicator), language, self.country),
                          None if pd.isna(f.value) else int(f.value), f.flag or None,
                          labels.unit_label(str(f.unit), language), labels.source_label(str(f.source), str(f.kind), language)])
        book.save(path)


def build_returns(
    stats: PersonStatistics | None, registry: RegistryDataset | None, year: int, *,
    rule: DisclosureRule | None = None, reporting_country: str = "NO", release: YearRelease | None = None,
    justice: Sequence[JusticeCount] = (),
) -> Returns:
    """All returns for ``year`` (person tables need ``stats``; registry figures need
    ``registry``; either may be None and its part is then left out). ``release``: the
    year release already protected for the other outputs (else it is made here)."""
    rule = rule or DisclosureRule()
    tables: dict[str, ProtectedTable] = {}
    figures: list[dict[str, str]] = []
    if stats is not None:
        facts = stats.person_facts(year)
        # protected together with the page's and the report's tables of the same persons,
        # so no cell hidden here can be found by subtracting another output's figures
        if release is None or release.year != year or release.rule != rule:
            release = year_release(stats, year, rule, reporting_country)
        tables = release.returns
        # Henvis records presumed victims; Norway has no official count of identified
        # victims (seed 000), so no figure is called "identified". Counting basis: the
        # persons with a registration in the year, and of them those first registered
        # this year (the others had a registration in an earlier year).
        registered = len(facts)
        first = int(facts["first_time"].astype(bool).sum())
        assisted = int(facts["assisted"].sum())
        figures += [
            _person_figure("registered_presumed_victims", registered, rule,
                           "registered presumed victims: unique persons with a registration in the year"),
            _person_figure("registered_presumed_victims_first_registered", first, rule,
                           "registered presumed victims first registered this year (no registration in an earlier year)"),
            _person_figure("registered_presumed_victims_assisted", assisted, rule,
                           "registered presumed victims with an assistance measure in the year"),
        ]
        if registry is None or not registry.decisions:
            for code, indicator in (("reflection_period_granted", "tip_reflection_periods_granted"),
                                    ("limited_permit_granted", "tip_permits_granted")):
                n = int(facts["decisions"].str.contains(code, regex=False).sum())
                figures.append(_person_figure(indicator, n, rule, f"persons with decision {code}"))
    if registry is not None:
        figures += registry_figures(registry, year)
    figures += justice_figures(justice, year)
    raw = victim_tables(stats.person_facts(year), reporting_country) if stats is not None else {}
    return Returns(year, tables, pd.DataFrame(figures, columns=["indicator", "value", "unit", "kind", "source"]), rule,
                   reporting_country, raw)


def _frame_csv(frame: pd.DataFrame, path: Path, *, index: bool = False) -> None:
    frame.to_csv(path, index=index)


def _cells(table: ProtectedTable) -> pd.DataFrame:
    """Counts as numbers, a withheld cell as Eurostat's confidentiality flag "c"."""
    cells = table.values.astype("object").where(~table.suppressed, CONFIDENTIAL_FLAG)
    out = cells.map(lambda v: v if isinstance(v, str) else int(v))
    out.index.name = out.index.name or ""
    return out


def exported_figures(figures: pd.DataFrame) -> pd.DataFrame:
    """The single figures as a receiver reads them: ``value`` a number or empty, and
    ``flag`` "c" for a figure withheld by disclosure control, ":" for one not available.

    >>> f = pd.DataFrame({"indicator": ["a", "b", "c"], "value": ["12", ":", ""], "unit": "persons",
    ...                   "kind": ["persons", "persons", "not-available"], "source": ""})
    >>> e = exported_figures(f)
    >>> e["value"].tolist()[0], e["flag"].tolist()
    (12, ['', 'c', ':'])
    """
    withheld = figures["value"] == SUPPRESSED
    missing = (figures["kind"] == "not-available") | (figures["value"] == "")
    out = figures.copy()
    out["value"] = pd.to_numeric(figures["value"].where(~withheld & ~missing), errors="raise").astype("Int64")
    out.insert(2, "flag", [CONFIDENTIAL_FLAG if w else NOT_AVAILABLE if m else "" for w, m in zip(withheld, missing, strict=True)])
    return out


def _person_figure(indicator: str, n: int, rule: DisclosureRule, what: str) -> dict[str, str]:
    return {"indicator": indicator, "value": SUPPRESSED if rule.is_small(n) else str(n),
            "unit": "persons", "kind": "persons", "source": f"Henvis linkage: {what}"}


# Registry police-report forms -> TIP's split by sex/labour trafficking.
_POLICE_FORMS: Mapping[str, str] = {"seksuell": "sex", "arbeid": "labour"}
# The TIP report's own key figures (seed 000) are the receiver's text: they are never
# returned to TIP or given to Eurostat. Prosecuted and convicted persons come from the
# justice-statistics input (``justice.py``). Investigations are police figures the TIP
# report quotes; they stay, marked with the report as their source, until police
# statistics give them.
_KEY_FIGURES: Mapping[str, str] = {
    "tip-etterforskede-saker": "tip_investigations",
    "tip-etterforskede-saker-seksuell": "tip_investigations_sex",
    "tip-etterforskede-saker-arbeid": "tip_investigations_labour",
}


def registry_figures(registry: RegistryDataset, year: int) -> list[dict[str, str]]:
    """Offences, judgments and residence decisions, as the registries publish them (no
    disclosure control: marked kind="registry"). Persons in the justice system come from
    ``justice.justice_figures``."""
    out: list[dict[str, str]] = []

    def add(indicator: str, value: int, unit: str, source: str) -> None:
        out.append({"indicator": indicator, "value": str(value), "unit": unit, "kind": "registry", "source": source})

    if any(r.year == year for r in registry.police_reports):
        # Years before 2020 hold two published margins (by form, by district) of the same
        # reports: take each figure from one margin, never their sum.
        add("eurostat_offences_reported", year_totals(registry.police_reports)[year], "reports",
            "Strasak (police reports)")
        forms = by_form(registry.police_reports)
        for form, label in _POLICE_FORMS.items():
            add(f"tip_police_reports_{label}", forms[(year, form)], "reports", "Strasak (police reports)")
    for k in registry.key_figures:
        if k.period == str(year) and k.indicator in _KEY_FIGURES:
            add(_KEY_FIGURES[k.indicator], k.value, k.unit, k.source)
    judgments = [j for j in registry.judgments if j.year == year and j.outcome == "fellende"]
    if judgments:
        add("eurostat_convictions_judgments", sum(j.judgments for j in judgments), "judgments", "judgments registry")
    for decision_type, indicator in (("refleksjonsperiode", "tip_reflection_periods_granted"),
                                     ("begrenset-opphold", "tip_permits_granted")):
        rows = [d for d in registry.decisions if d.year == year and d.decision_type == decision_type and d.outcome == "innvilget"]
        if rows:
            add(indicator, sum(d.decisions for d in rows), "decisions", "; ".join(sorted({d.source.split(":")[0] for d in rows})))
    return out
