"""What the analysts' pages show, ready to render: the figures of a year and the dark
figure, with disclosure control applied here (through the core's rule) so that the
views only ask and render, and every output shows the same cells."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from henvis.apps.statistics.figures import (
    TABLE_TITLES,
    dark_figure_for,
    page_figures,
    persons_of_year,
)
from henvis.apps.statistics.models import PersonExtract
from henvis.apps.statistics.sources import person_statistics
from henvis.stats.disclosure import SUPPRESSED, DisclosureRule
from henvis.stats.disclosure.disclosure_rule import Language
from henvis.web.words import word

RULE = DisclosureRule()

# The dark figure's lists (henvis.stats.report.darkfigure.LIST_GROUPS) as the page names
# them; the core's names are codes in Bokmål.
LIST_LABELS = {
    "politi": gettext_lazy("Police (districts and national units)"),
    "utlendingsforvaltningen": gettext_lazy("Immigration authorities"),
    "frivillige": gettext_lazy("Voluntary organisations"),
    "barnevern": gettext_lazy("Child welfare (municipal and state)"),
    "andre-offentlige": gettext_lazy("Other public services"),
}


def extract_years(extract: PersonExtract) -> list[int]:
    """The years of an extract, as stored at its import (no counting needed)."""
    return sorted(int(y) for y in extract.years) or person_statistics(extract).years


def method_note(language: Language) -> str:
    return RULE.method_note(language)


# Tables whose rows are names a reader looks up (regions, countries): shown in the
# alphabetical order of the words in the page's language, "unknown" and the total last.
ALPHABETICAL_TABLES = ("region", "citizenship")
_LAST = ("unknown", "Total")
_NORWEGIAN_ORDER = str.maketrans({"æ": "z\u0001", "ø": "z\u0002", "å": "z\u0003"})


def _in_word_order(rows: list[list[Any]]) -> list[list[Any]]:
    named = [r for r in rows if str(r[0]) not in _LAST]
    last = [r for r in rows if str(r[0]) in _LAST]
    return sorted(named, key=lambda r: word(r[0]).lower().translate(_NORWEGIAN_ORDER)) + last


def figures_of_year(extract: PersonExtract, year: int) -> dict[str, Any]:
    """The figures page's summary and protected tables of ``year`` (computed at import)."""
    figures = page_figures(extract, year)  # shared by every worker, computed once
    return {
        "samples": figures["samples"], "summary": figures["summary"],
        "tables": [{**t, "title": TABLE_TITLES.get(t["name"], t["name"]),
                    "rows": _in_word_order(t["rows"]) if t["name"] in ALPHABETICAL_TABLES else t["rows"]}
                   for t in figures["tables"]],
        "suppressed": SUPPRESSED,
    }


def _list_label(name: str) -> str:
    return str(LIST_LABELS.get(name, name))


def _interaction_label(term: str) -> str:
    """A two-list term of the model ("politi:frivillige") in the page's language."""
    return " × ".join(_list_label(name) for name in term.split(":"))


def dark_figure_of_year(extract: PersonExtract, year: int, language: Language) -> dict[str, Any]:
    """The dark-figure page of ``year``: the estimate pooled over the linkage samples
    (so its interval includes linkage errors), its texts in ``language``, and the known
    persons through the same disclosure control as every other count."""
    from henvis.stats.report.darkfigure import method_note as dark_method_note

    dark = dark_figure_for(extract, year)
    # the figures page's unique persons of the year (the linkage's own clustering): when
    # the estimate's known persons are another count, the page says why (not when the
    # figures page suppresses the figure)
    persons = persons_of_year(extract, year)
    gap = None if RULE.is_small(persons) else dark.observed_gap(persons)
    return {
        "dark": dark,
        "refusal": dark.refusal_in(language), "model_warnings": dark.model_warnings_in(language),
        "method_note": dark_method_note(language),
        "lists": [_list_label(name) for name in dark.lists],
        "interactions": [_interaction_label(term) for term in dark.interactions],
        "persons": persons, "gap": gap, "threshold": RULE.threshold,
        "known": RULE.released(dark.observed), "known_low": RULE.released(dark.observed_low),
        "known_high": RULE.released(dark.observed_high),
        "gap_unlisted_small": gap is not None and RULE.is_small(gap.unlisted),
        "gap_left_out_small": gap is not None and RULE.is_small(gap.left_out),
    }


SUMMARY = "persons-per-year"  # the name of the summary table's CSV


def _summary_columns() -> list[tuple[str, str]]:
    columns = [("year", _("Year")), ("registrations", _("Sum over organisations"))]
    for key, label in (("persons", _("Unique persons")), ("first_time", _("Identified for the first time")),
                       ("assisted", _("Assisted")), ("difference", _("Counted more than once"))):
        columns += [(key, label), (f"{key}_low", _("%(figure)s, interval low") % {"figure": label}),
                    (f"{key}_high", _("%(figure)s, interval high") % {"figure": label})]
    return columns


def _number(cell: object) -> str:
    """A cell as one number (or ":" where suppressed), whatever the page prints around it."""
    text = str(cell).replace("\u00a0", "").replace(" ", "")
    if text == SUPPRESSED:
        return text
    try:
        return str(int(float(text)))
    except ValueError:
        return text


def table_names(extract: PersonExtract, year: int) -> list[str]:
    return [SUMMARY, *(t["name"] for t in page_figures(extract, year)["tables"])]


def table_csv(extract: PersonExtract, year: int, name: str) -> bytes:
    """One table of the figures page as a tidy CSV in the reader's language: one row per
    category, one number per cell (":" where suppressed), the very cells the page shows
    (the year's shared release). LookupError for a table the page does not have."""
    from henvis.web.words import word

    figures = page_figures(extract, year)
    if name == SUMMARY:
        columns = _summary_columns()
        rows = [[label for _key, label in columns]]
        rows += [[_number(record[key]) for key, _label in columns] for record in figures["summary"]]
    else:
        table = next((t for t in figures["tables"] if t["name"] == name), None)
        if table is None:
            raise LookupError(name)
        rows = [[word(h) for h in table["header"]]]
        rows += [[word(row[0]), *(_number(c) for c in row[1:])] for row in table["rows"]]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")
