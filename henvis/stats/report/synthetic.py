"""A report source from the project's synthetic generator (``henvis.synthetic``).

Registrations are turned into the two kinds of input a real report has:

* registry figures, derived as the registries would count them: police reports from the
  police districts' registrations (district from the registering unit, form from the
  exploitation forms, grov when the victim is a child - straffeloven § 258 second
  paragraph), UDI decisions and assisted returns from UDI's registrations, § 4-29 cases
  from child welfare's, and the measures' own reports (the KOM-style sum over measures);
* unique persons: the pseudonymised extract linked into persons
  (``henvis.stats.persons``), with the capture histories for the dark figure.

``linkage="truth"`` uses the generator's ground truth as the linkage result (an ideal
linkage, for benchmarks of the statistics and report steps); ``linkage="splink"`` runs
the project's linkage engine on keyed encodings.

>>> inputs = synthetic_inputs(2020, persons=300, seed=1, linkage="truth", samples=0)
>>> bool(inputs.person_frames["sex-child"].loc["Total", "Total"] > 0)
True
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from henvis.stats.registry.dataset import RegistryDataset
from henvis.stats.registry.formats import (
    DecisionCount,
    MeasurePersonCount,
    PlacementCount,
    PoliceReportCount,
    ReturnCount,
)
from henvis.stats.report.inputs import ReportInputs

SOURCE = "Syntetisk (henvis.synthetic): avledet fra syntetiske registreringer, ikke virkelige tall"
SEXUAL = {"prostitution", "other_sexual"}
LABOUR = {"forced_labour", "forced_criminality", "begging"}
REGIONS = {"eastern_europe": "ost-europa", "western_europe": "vest-europa", "africa": "afrika",
           "asia": "asia", "south_america": "sor-amerika", "middle_east": "midtosten"}
HOUSING_MEASURES = {"rosa", "lauras-hus", "safe-house-filemon", "maritastiftelsen", "nav-htso"}
DECISIONS = {
    # code -> (decision_type, legal_basis, outcome)
    "reflection_period_granted": ("refleksjonsperiode", "utf. § 8-3 første ledd", "innvilget"),
    "reflection_period_refused": ("refleksjonsperiode", "utf. § 8-3 første ledd", "avslag"),
    "limited_permit_granted": ("begrenset-opphold", "utf. § 8-3 annet ledd", "innvilget"),
    "limited_permit_refused": ("begrenset-opphold", "utf. § 8-3 annet ledd", "avslag"),
    "asylum_protection": ("asyl", "utl. § 28 første ledd a", "innvilget"),
    "asylum_witness_permit": ("asyl", "utf. § 8-4 første ledd", "innvilget"),
    "asylum_refused": ("asyl", "", "avslag"),
    "utl53_1b_granted": ("mishandling", "utl. § 53 første ledd b", "innvilget"),
}


def _codes(value: object) -> list[str]:
    return [c for c in str(value or "").split(";") if c]


def _form(forms: Iterable[str], *, combination: bool) -> str | None:
    present = set(forms)
    sexual, labour = bool(present & SEXUAL), bool(present & LABOUR)
    if sexual and labour:
        return "kombinasjon" if combination else "seksuell"
    if sexual:
        return "seksuell"
    if labour:
        return "arbeid"
    if "organ_removal" in present:
        return "organ"
    return "uavklart" if combination else None


def registry_from_registrations(regs: pd.DataFrame) -> RegistryDataset:
    """Aggregate registry figures from synthetic registrations (see the module docstring)."""
    regs = regs.assign(year=regs["year"].astype(int))
    child = regs["child"].astype(str).str.lower().isin({"true", "1"})

    police = regs[regs["organisation_kind"] == "police_district"].assign(
        district=lambda f: f["source"].str.removeprefix("politi-"),
        form=lambda f: [_form(_codes(v), combination=False) or "tilrettelegging" for v in f["exploitation_forms"]],
        grov=child[regs["organisation_kind"] == "police_district"].to_numpy(),
    )
    reports = police.groupby(["year", "district", "form", "grov"]).size()
    police_reports = tuple(PoliceReportCount(int(y), d, f, bool(g), int(n), SOURCE)
                           for (y, d, f, g), n in reports.items())

    udi = regs[regs["source"] == "udi"]
    decided = udi.assign(code=udi["decisions"].map(_codes)).explode("code")
    decided = decided[decided["code"].isin(set(DECISIONS))]
    counts = decided.groupby(["year", "code"]).size()
    decisions = tuple(
        DecisionCount(int(y), "UDI", DECISIONS[c][0], "", DECISIONS[c][1], DECISIONS[c][2], "", int(n), SOURCE)
        for (y, c), n in counts.items()
    )

    returned = udi[udi["decisions"].map(lambda v: "assisted_return" in _codes(v))]
    returns: list[ReturnCount] = []
    for year, group in returned.groupby("year"):
        y = int(year)  # type: ignore[call-overload]
        returns.append(ReturnCount(y, "innvilget", "total", "alle", len(group), SOURCE))
        for sex, code in (("F", "kvinne"), ("M", "mann")):
            if n := int((group["sex"] == sex).sum()):
                returns.append(ReturnCount(y, "innvilget", "kjonn", code, n, SOURCE))
        for region, n in group["region"].map(REGIONS).value_counts().items():
            returns.append(ReturnCount(y, "innvilget", "region", str(region), int(n), SOURCE))
        forms = group["exploitation_forms"].map(lambda v: _form(_codes(v), combination=True))
        for form, n in forms.value_counts().items():
            returns.append(ReturnCount(y, "innvilget", "utnyttingsform", str(form), int(n), SOURCE))

    welfare = regs[regs["organisation_kind"].str.startswith("child_welfare")]
    placed = welfare[welfare["decisions"].map(lambda v: "child_welfare_placement" in _codes(v))]
    years = range(int(regs["year"].min()), int(regs["year"].max()) + 1)
    per_year = placed.groupby("year").size()
    placements = tuple(PlacementCount(y, "fylkesnemnd", "bvl § 4-29", int(per_year.get(y, 0)), False, SOURCE)
                       for y in years)

    measures = regs[(regs["organisation_kind"] == "ngo") & ~child & (regs["measures"].astype(str) != "")]
    measures = measures.assign(
        group=measures["source"].map(lambda s: "botiltak" if s in HOUSING_MEASURES else "andre"),
        status=measures["new_in_year"].astype(str).str.lower().map(
            lambda v: "ny" if v in {"true", "1"} else "fortsatt"),
        kjonn=measures["sex"].map({"F": "kvinne", "M": "mann"}),
        utnyttingsform=measures["exploitation_forms"].map(lambda v: _form(_codes(v), combination=True)),
        region=measures["region"].map(REGIONS),
    )
    measure_rows: list[MeasurePersonCount] = []
    for (year, group), n in measures.groupby(["year", "group"]).size().items():
        measure_rows.append(MeasurePersonCount(int(year), str(group), "total", "alle", int(n), SOURCE))
    for dim in ("status", "kjonn", "utnyttingsform", "region"):
        for (year, group, cat), n in measures.dropna(subset=[dim]).groupby(["year", "group", dim]).size().items():
            measure_rows.append(MeasurePersonCount(int(year), str(group), dim, str(cat), int(n), SOURCE))

    return RegistryDataset(
        police_reports=police_reports, decisions=decisions, placements=placements,
        returns=tuple(returns), measure_persons=tuple(measure_rows), label="syntetisk",
    )


def _clusters(registrations: pd.DataFrame, truth: pd.DataFrame, linkage: str, seed: int) -> pd.DataFrame:
    if linkage == "truth":
        merged = registrations[["record_id", "source"]].merge(truth, on="record_id", validate="one_to_one")
        return merged.assign(match_probability=1.0)
    from henvis.linkage.encode import encode_frame
    from henvis.linkage.link import link_frames

    # synthetic data: the organisations' key and the encoding's noise come from the seed,
    # so that the same seed gives the same report (a real key is random and never stored)
    key = hashlib.sha256(f"henvis synthetic report linkage key, seed {seed}".encode()).digest()
    encoded = encode_frame(registrations, key, rng=np.random.default_rng([seed, 14]))
    clusters: pd.DataFrame = link_frames([encoded], quiet=True).clusters
    return clusters


def synthetic_inputs(
    year: int, *, persons: int, seed: int, years: int = 10, linkage: str = "splink",
    samples: int = 20, registrations: Any = None,
) -> ReportInputs:
    """Generate ``persons`` synthetic persons over the ``years`` years up to ``year`` and
    build every input of the report from their registrations."""
    from henvis.stats.persons import (
        person_tables,
        pseudonymised_extract,
        unique_persons,
        validate_extract,
    )
    from henvis.synthetic import generate

    ds = registrations if registrations is not None else generate(
        persons=persons, seed=seed, years=(year - years + 1, year))
    regs = ds.registrations
    registry = registry_from_registrations(regs)
    extract = validate_extract(pseudonymised_extract(regs))
    stats = unique_persons(extract, _clusters(regs, ds.truth, linkage, seed), samples=samples, seed=seed)
    capture = stats.capture_histories(year, samples=samples > 0) if year in stats.years else None
    return ReportInputs(
        dataset=registry,
        label=f"Syntetiske data ({persons} personer, {len(regs)} registreringer, frø {seed})",
        person_frames=person_tables(stats, year) if year in stats.years else None,
        person_summary=stats.summary, capture=capture, person_stats=stats,
    )
