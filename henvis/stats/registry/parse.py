"""Read one registry CSV file into typed records, collecting every error with its row.

Row numbers are line numbers as a spreadsheet shows them: the header is row 1, the first
data row is row 2. Every error message is in Norwegian and English:

>>> from henvis.stats.registry.formats import PLACEMENTS
>>> text = "year,authority,legal_basis,cases,estimate,source\\n20x0,fylkesnemnd,bvl § 4-29,3,nei,s. 40\\n"
>>> try:
...     parse_csv(text, PLACEMENTS)
... except RegistryValidationError as exc:
...     print(exc.errors[0])
Rad 2, kolonne year: ugyldig år «20x0» (forventet fire sifre) / Row 2, column year: invalid year '20x0' (expected four digits)
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from henvis.stats.registry.formats import CATEGORY_CODES, Column, Kind, RegistryFormat

MAX_COUNT = 10_000_000  # a count above this is a typo, not a figure
_PERIOD = re.compile(r"^(\d{4})(?:-(\d{4}))?$")


@dataclass(frozen=True)
class RowError:
    """One problem in a file: where (file, row, column) and what, in both languages."""

    row: int | None  # None: about the whole file (e.g. the header)
    column: str | None
    nb: str
    en: str
    file: str = ""

    def __str__(self) -> str:
        where_nb, where_en = [], []
        if self.file:
            where_nb.append(self.file)
            where_en.append(self.file)
        if self.row is not None:
            where_nb.append(f"Rad {self.row}")
            where_en.append(f"Row {self.row}")
        if self.column:
            where_nb.append(f"kolonne {self.column}")
            where_en.append(f"column {self.column}")
        prefix_nb = (", ".join(where_nb) + ": ") if where_nb else ""
        prefix_en = (", ".join(where_en) + ": ") if where_en else ""
        return f"{prefix_nb}{self.nb} / {prefix_en}{self.en}"


class RegistryValidationError(ValueError):
    """Raised with every error found; nothing has been loaded when it is raised."""

    def __init__(self, errors: Sequence[RowError]) -> None:
        self.errors: tuple[RowError, ...] = tuple(errors)
        super().__init__("\n".join(str(e) for e in self.errors))


def _read_cell(col: Column, raw: str, row: int) -> tuple[Any, RowError | None]:
    value = raw.strip()
    if value == "":
        if col.required:
            return None, RowError(row, col.name, "verdi mangler", "value missing")
        if col.kind in (Kind.FLAG_OR_UNKNOWN,):
            return None, None
        return "", None

    def err(nb: str, en: str) -> tuple[Any, RowError]:
        return None, RowError(row, col.name, nb, en)

    if col.kind is Kind.YEAR:
        if not (len(value) == 4 and value.isascii() and value.isdigit()):
            return err(f"ugyldig år «{value}» (forventet fire sifre)",
                       f"invalid year '{value}' (expected four digits)")
        year = int(value)
        if not 1990 <= year <= 2100:
            return err(f"år {year} er utenfor 1990-2100", f"year {year} is outside 1990-2100")
        return year, None
    if col.kind is Kind.PERIOD:
        m = _PERIOD.match(value)
        if not m or (m.group(2) and int(m.group(2)) < int(m.group(1))):
            return err(f"ugyldig periode «{value}» (forventet «2020» eller «2003-2020»)",
                       f"invalid period '{value}' (expected '2020' or '2003-2020')")
        return value, None
    if col.kind is Kind.COUNT:
        if not (value.isascii() and value.isdigit()):
            return err(f"«{value}» er ikke et helt tall ≥ 0",
                       f"'{value}' is not a whole number >= 0")
        count = int(value)
        if count > MAX_COUNT:
            return err(f"tallet {count} er urimelig stort", f"the number {count} is implausibly large")
        return count, None
    if col.kind is Kind.CHOICE:
        if value not in col.choices:
            allowed = ", ".join(c for c in col.choices if c)
            return err(f"ukjent kode «{value}» (tillatt: {allowed})",
                       f"unknown code '{value}' (allowed: {allowed})")
        return value, None
    if col.kind is Kind.CHOICES:
        parts = tuple(p.strip() for p in value.split(";"))
        bad = [p for p in parts if p not in col.choices]
        if bad:
            allowed = ", ".join(col.choices)
            return err(f"ukjent kode «{bad[0]}» (tillatt: {allowed}, skilt med «;»)",
                       f"unknown code '{bad[0]}' (allowed: {allowed}, separated by ';')")
        if len(set(parts)) != len(parts):
            return err("samme kode to ganger", "the same code twice")
        return tuple(sorted(parts)), None
    if col.kind in (Kind.FLAG, Kind.FLAG_OR_UNKNOWN):
        lowered = value.lower()
        if lowered == "ja":
            return True, None
        if lowered == "nei":
            return False, None
        if lowered == "ukjent" and col.kind is Kind.FLAG_OR_UNKNOWN:
            return None, None
        allowed = "ja, nei" + (", ukjent" if col.kind is Kind.FLAG_OR_UNKNOWN else "")
        return err(f"«{value}» er ikke {allowed}", f"'{value}' is not one of {allowed}")
    return value, None  # Kind.TEXT


def _check_row(fmt: RegistryFormat, values: dict[str, Any], row: int) -> list[RowError]:
    """Checks across the cells of one row."""
    errors: list[RowError] = []
    if "dimension" in values and "category" in values:
        codes = CATEGORY_CODES.get(values["dimension"], ())
        if values["category"] not in codes:
            errors.append(RowError(
                row, "category",
                f"kategori «{values['category']}» finnes ikke for fordelingen «{values['dimension']}» "
                f"(tillatt: {', '.join(codes)})",
                f"category '{values['category']}' does not exist for breakdown "
                f"'{values['dimension']}' (allowed: {', '.join(codes)})",
            ))
    if fmt.name == "police_reports":
        errors.extend(_check_police_breakdown(values, row))
    if fmt.name == "decisions" and values.get("outcome") == "innvilget" and values.get("refusal_reason"):
        errors.append(RowError(row, "refusal_reason", "avslagsgrunn på et innvilget vedtak",
                               "refusal reason on a granted decision"))
    return errors


# breakdown -> (district given, form given): a row may leave a dimension empty only when
# its breakdown says the source does not break the figure down by it.
_POLICE_DIMENSIONS = {"distrikt-form": (True, True), "form": (False, True), "distrikt": (True, False)}


def _check_police_breakdown(values: dict[str, Any], row: int) -> list[RowError]:
    errors: list[RowError] = []
    want_district, want_form = _POLICE_DIMENSIONS[values["breakdown"]]
    for column, wanted in (("police_district", want_district), ("exploitation_form", want_form)):
        given = bool(values[column])
        if wanted and not given:
            errors.append(RowError(
                row, column, f"verdi mangler (breakdown «{values['breakdown']}» krever den)",
                f"value missing (breakdown '{values['breakdown']}' requires it)"))
        elif given and not wanted:
            errors.append(RowError(
                row, column,
                f"skal være tom når breakdown er «{values['breakdown']}» (kilden fordeler ikke på den)",
                f"must be empty when breakdown is '{values['breakdown']}' (the source does not break it down)"))
    return errors


def _check_police_years(records: Sequence[Any], rows: Sequence[int], filename: str) -> list[RowError]:
    """A year is given either as district x form cells or as margins, never both: the
    margins of a cross-tabulated year follow from its cells, and both together would
    count every report twice."""
    cross = {r.year for r in records if r.breakdown == "distrikt-form"}
    errors: list[RowError] = []
    for record, row in zip(records, rows, strict=True):
        if record.breakdown != "distrikt-form" and record.year in cross:
            errors.append(RowError(
                row, "breakdown",
                f"{record.year} har allerede krysstabell-rader (distrikt-form); marginalene følger av dem",
                f"{record.year} already has cross-tabulation rows (distrikt-form); its margins follow from them",
                filename))
    return errors


def parse_csv(text: str, fmt: RegistryFormat, *, filename: str = "") -> list[Any]:
    """Parse the text of one file in format ``fmt``; raise with all errors, or return records.

    >>> from henvis.stats.registry.formats import KEY_FIGURES
    >>> parse_csv("period,indicator,value,unit,source\\n2021,x,8,personer,seed 000\\n", KEY_FIGURES)
    [KeyFigure(period='2021', indicator='x', value=8, unit='personer', source='seed 000')]
    """
    if text.startswith("\ufeff"):  # a byte-order mark from spreadsheet exports
        text = text[1:]
    errors: list[RowError] = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        rows = list(reader)
    except csv.Error as exc:
        line = reader.line_num
        raise RegistryValidationError([RowError(
            line, None, f"filen er ikke gyldig CSV ({exc})", f"the file is not valid CSV ({exc})",
            filename,
        )]) from None
    if not rows:
        raise RegistryValidationError([RowError(
            None, None, "filen er tom (mangler overskriftsrad)", "the file is empty (no header row)",
            filename)])
    header = [h.strip() for h in rows[0]]
    expected = [c.name for c in fmt.columns]
    missing = [c for c in expected if c not in header]
    unknown = [h for h in header if h not in expected]
    duplicated = sorted({h for h in header if header.count(h) > 1})
    for name in missing:
        errors.append(RowError(1, name, "kolonnen mangler", "the column is missing", filename))
    for name in unknown:
        errors.append(RowError(1, name or "(tom)", f"ukjent kolonne (forventet: {', '.join(expected)})",
                               f"unknown column (expected: {', '.join(expected)})", filename))
    for name in duplicated:
        errors.append(RowError(1, name, "kolonnen står to ganger", "the column appears twice", filename))
    if errors:
        raise RegistryValidationError(errors)

    index = {name: header.index(name) for name in expected}
    records: list[Any] = []
    record_rows: list[int] = []
    seen: dict[tuple[Any, ...], int] = {}
    for row_no, cells in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in cells):
            continue  # blank lines are harmless
        if len(cells) != len(header):
            errors.append(RowError(row_no, None,
                                   f"raden har {len(cells)} celler, overskriften {len(header)}",
                                   f"the row has {len(cells)} cells, the header {len(header)}",
                                   filename))
            continue
        values: dict[str, Any] = {}
        row_errors: list[RowError] = []
        for col in fmt.columns:
            value, error = _read_cell(col, cells[index[col.name]], row_no)
            if error is not None:
                row_errors.append(RowError(error.row, error.column, error.nb, error.en, filename))
            values[col.name] = value
        if not row_errors:
            row_errors = [RowError(e.row, e.column, e.nb, e.en, filename)
                          for e in _check_row(fmt, values, row_no)]
        if row_errors:
            errors.extend(row_errors)
            continue
        key = tuple(values[k] for k in fmt.key)
        if key in seen:
            errors.append(RowError(row_no, None,
                                   f"samme nøkkel ({', '.join(fmt.key)}) som rad {seen[key]}",
                                   f"same key ({', '.join(fmt.key)}) as row {seen[key]}", filename))
            continue
        seen[key] = row_no
        records.append(fmt.record(**values))
        record_rows.append(row_no)
    if fmt.name == "police_reports":
        errors.extend(_check_police_years(records, record_rows, filename))
    if errors:
        raise RegistryValidationError(errors)
    return records


def to_csv(records: Sequence[Any], fmt: RegistryFormat) -> str:
    """Write records back in the format (the inverse of :func:`parse_csv`)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.name for c in fmt.columns])
    for rec in records:
        cells = []
        for col in fmt.columns:
            value = getattr(rec, col.name)
            if col.kind in (Kind.FLAG, Kind.FLAG_OR_UNKNOWN):
                cells.append("ukjent" if value is None else ("ja" if value else "nei"))
            elif col.kind is Kind.CHOICES:
                cells.append(";".join(value))
            else:
                cells.append(str(value))
        writer.writerow(cells)
    return out.getvalue()
