"""A set of registry figures, loaded all-or-nothing.

``load_directory`` reads every known file of a folder, validates all of them, and only
then builds the dataset; ``RegistryDataset.with_files`` does the same for an import on
top of an existing dataset and returns a new one, so a bad file changes nothing.

>>> ds = load_kom_seed()
>>> sum(r.reports for r in ds.police_reports if r.year == 2020)
39
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from henvis.stats.registry.formats import (
    DECISIONS,
    FORMATS,
    FORMATS_BY_FILENAME,
    JUDGMENTS,
    KEY_FIGURES,
    MEASURE_PERSONS,
    PLACEMENTS,
    POLICE_REPORTS,
    RETURNS,
    DecisionCount,
    JudgmentCount,
    KeyFigure,
    MeasurePersonCount,
    PlacementCount,
    PoliceReportCount,
    RegistryFormat,
    ReturnCount,
)
from henvis.stats.registry.parse import RegistryValidationError, RowError, parse_csv

KOM_SEED_DIR = Path(__file__).parent / "data" / "kom2020"

# Format name -> attribute of RegistryDataset
_ATTRIBUTE = {
    POLICE_REPORTS.name: "police_reports",
    DECISIONS.name: "decisions",
    PLACEMENTS.name: "placements",
    RETURNS.name: "returns",
    MEASURE_PERSONS.name: "measure_persons",
    JUDGMENTS.name: "judgments",
    KEY_FIGURES.name: "key_figures",
}


@dataclass(frozen=True)
class RegistryDataset:
    """All registry figures known to one report run. Immutable: imports return a new one."""

    police_reports: tuple[PoliceReportCount, ...] = ()
    decisions: tuple[DecisionCount, ...] = ()
    placements: tuple[PlacementCount, ...] = ()
    returns: tuple[ReturnCount, ...] = ()
    measure_persons: tuple[MeasurePersonCount, ...] = ()
    judgments: tuple[JudgmentCount, ...] = ()
    key_figures: tuple[KeyFigure, ...] = ()
    label: str = ""

    def records(self, fmt: RegistryFormat) -> tuple[Any, ...]:
        result: tuple[Any, ...] = getattr(self, _ATTRIBUTE[fmt.name])
        return result

    def years(self) -> list[int]:
        """Every year any figure is about."""
        found: set[int] = set()
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, tuple):
                found.update(r.year for r in value if hasattr(r, "year"))
        return sorted(found)

    def key_figure(self, period: str, indicator: str) -> KeyFigure | None:
        return next((k for k in self.key_figures
                     if k.period == period and k.indicator == indicator), None)

    def with_records(self, parsed: Mapping[str, Iterable[Any]]) -> RegistryDataset:
        """A new dataset where the given formats (by name) replace the rows of the same
        years: an import of 2021 police reports replaces 2021 and keeps 2016-2020."""
        changes: dict[str, tuple[Any, ...]] = {}
        for name, new in parsed.items():
            new = tuple(new)
            attr = _ATTRIBUTE[name]
            new_periods = {_period(r) for r in new}
            kept = tuple(r for r in getattr(self, attr) if _period(r) not in new_periods)
            changes[attr] = kept + new
        return replace(self, **changes)  # type: ignore[arg-type]

    def with_files(self, files: Mapping[str, str]) -> RegistryDataset:
        """Validate every file (name -> text) first; raise with all errors, else import.

        A file's name says its format (``police_reports.csv`` ...)."""
        return self.with_records(parse_files(files))


def _period(record: Any) -> Any:
    return getattr(record, "year", None) or getattr(record, "period", None)


def parse_files(files: Mapping[str, str]) -> dict[str, list[Any]]:
    """Parse several files; collect the errors of all of them before raising."""
    errors: list[RowError] = []
    parsed: dict[str, list[Any]] = {}
    for filename, text in files.items():
        fmt = FORMATS_BY_FILENAME.get(Path(filename).name)
        if fmt is None:
            known = ", ".join(f.filename for f in FORMATS)
            errors.append(RowError(None, None, f"ukjent filnavn (kjente: {known})",
                                   f"unknown file name (known: {known})", filename))
            continue
        try:
            parsed[fmt.name] = parse_csv(text, fmt, filename=Path(filename).name)
        except RegistryValidationError as exc:
            errors.extend(exc.errors)
    if errors:
        raise RegistryValidationError(errors)
    return parsed


def load_directory(path: Path | str, *, label: str = "") -> RegistryDataset:
    """Load every registry file in a folder (files of unknown names are an error)."""
    folder = Path(path)
    files = {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.csv"))}
    return RegistryDataset(label=label or folder.name).with_files(files)


def load_kom_seed() -> RegistryDataset:
    """The figures transcribed from KOM's report for 2020 (seed 001) and TIP 2022 (seed 000)."""
    return load_directory(KOM_SEED_DIR, label="KOM tilstandsrapport 2020 og TIP 2022 (transkribert)")
