"""Unique-person statistics with linkage uncertainty carried as an interval.

>>> import pandas as pd
>>> extract = pd.DataFrame({"record_id": ["a", "b", "c"], "source": ["politi", "rosa", "rosa"],
...                         "year": ["2020"] * 3, "organisation_kind": ["police", "ngo", "ngo"]})
>>> clusters = pd.DataFrame({"record_id": ["a", "b", "c"], "source": ["politi", "rosa", "rosa"],
...                          "person_id": ["P1", "P1", "P2"], "match_probability": [1.0, 1.0, 1.0]})
>>> stats = unique_persons(validate_extract(extract), clusters, samples=0)
>>> stats.summary[["year", "registrations", "persons", "difference"]].to_dict("records")
[{'year': 2020, 'registrations': 3, 'persons': 2, 'difference': 1}]
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice

import duckdb
import numpy as np
import pandas as pd
from tqdm import tqdm

from henvis.stats.persons.calibration import ErrorModel
from henvis.stats.persons.counts import capture_masks, count_batch, person_year_facts, register
from henvis.stats.persons.extract import validate_extract
from henvis.stats.persons.headline import Registrations, headline_counts
from henvis.stats.persons.samples import central_sample, linkage_samples

__all__ = ["PersonStatistics", "unique_persons", "validate_extract"]

ROWS_PER_PASS = 4_000_000  # registrations x samples per DuckDB pass: bounds memory, amortises overhead


@dataclass
class PersonStatistics:
    """Figures per year; ``point`` from the linkage's clustering, ``low``/``high`` the
    2.5 and 97.5 percentiles over the linkage samples (widened to include the point).

    summary:   year, registrations (the sum over organisations, as published today),
               persons, first_time, assisted and difference (registrations - persons),
               each with _low and _high
    breakdown: year, measure (registered, first_time, assisted), dimension, category,
               point, low, high
    overlap:   year, organisations (1, 2, 3+), point, low, high
    """

    summary: pd.DataFrame
    breakdown: pd.DataFrame
    overlap: pd.DataFrame
    samples: int
    method: str
    _extract: pd.DataFrame = field(repr=False)
    _labels: list[np.ndarray] = field(repr=False)

    @property
    def years(self) -> list[int]:
        return [int(y) for y in self.summary["year"]]

    def figure(self, year: int, measure: str = "registered", dimension: str = "total",
               category: str = "total") -> tuple[int, int, int]:
        """(point, low, high) of one figure; zeros when nobody is in the category."""
        b = self.breakdown
        row = b[(b.year == year) & (b.measure == measure) & (b.dimension == dimension) & (b.category == category)]
        if row.empty:
            return (0, 0, 0)
        r = row.iloc[0]
        return (int(r.point), int(r.low), int(r.high))

    def person_facts(self, year: int | None = None) -> pd.DataFrame:
        """One row per person and year (from the linkage's clustering) with the resolved
        attributes: person, year, first_year, sex, child, age, citizenship, region,
        exploitation_forms and organisation_kinds (";"-joined), decisions, assisted,
        first_time. For returns and microdata exports; never released as it is."""
        con = duckdb.connect()
        register(con, self._extract)
        facts = person_year_facts(con, self._labels[0])
        con.close()
        return facts if year is None else facts[facts.year == year].reset_index(drop=True)

    def capture_histories(self, year: int, by: str = "organisation_kind",
                          samples: bool = False) -> list[pd.DataFrame]:
        """Capture-history tables for multiple systems estimation: one 0/1 column per list
        (organisation kind, or ``by="source"`` for each organisation) and ``count``.
        The first table is from the linkage's clustering; with ``samples=True`` one table
        follows per linkage sample (for ``henvis.stats.mse.estimate_over_linkage_samples``)."""
        if by not in ("organisation_kind", "source"):
            raise ValueError("by må være organisation_kind eller source / by must be organisation_kind or source")
        lists = sorted(v for v in self._extract.loc[self._extract.year == year, by].unique() if v)
        use = self._labels if samples else self._labels[:1]
        con = duckdb.connect()
        register(con, self._extract)
        masks = pd.concat(
            [capture_masks(con, batch, by, lists) for batch in _batches(enumerate(use), _batch_size(len(self._extract)))], ignore_index=True
        )
        con.close()
        masks = masks[masks.year == year]
        tables = []
        for s in range(len(use)):
            m = masks[masks["sample"] == s].sort_values("mask")
            table = pd.DataFrame({name: ((m["mask"].to_numpy() >> i) & 1).astype(int) for i, name in enumerate(lists)})
            table["count"] = m["count"].to_numpy().astype(int)
            tables.append(table.reset_index(drop=True))
        return tables


def unique_persons(
    extract: pd.DataFrame, clusters: pd.DataFrame, pairs: pd.DataFrame | None = None, *,
    samples: int = 100, seed: int = 0, progress: bool = False, error_model: ErrorModel | None = None,
    intervals: str = "headline",
) -> PersonStatistics:
    """Count unique persons per year from a validated extract and the linkage output.

    ``samples`` linkage samples are drawn (from ``pairs`` if given, else from the
    clusters' match probabilities) to give each figure an interval; 0 gives the point
    figures only. ``error_model`` (from a validation study, see ``calibration.py``)
    widens every interval by the linkage error the model does not state.

    ``intervals="headline"`` (default) recounts only the headline figures (persons,
    first time, assisted per year; organisations per person) in every linkage sample,
    fast, and gives the breakdowns by sex, region, ... as point figures (low = high);
    ``intervals="all"`` recounts every breakdown in every sample (DuckDB; slower).
    """
    if intervals not in ("headline", "all"):
        raise ValueError("intervals må være headline eller all / intervals must be headline or all")
    labels = list(linkage_samples(extract, clusters, pairs, samples=samples, seed=seed))
    estimator = pairs is not None and samples > 0
    if estimator:
        # The published point is the central linkage sample (samples.central_sample): a
        # count from the match probabilities, inside the interval the samples give. The
        # point clustering's own figures go last, so that each interval covers them too
        # (the clustering and the samples are two estimates from one model).
        labels = [labels[1 + central_sample(labels[1:])], *labels[1:], labels[0]]
    con = duckdb.connect()
    register(con, extract)
    counts, overlaps, quick = [], [], []
    full = labels if intervals == "all" else labels[:1]
    bar = tqdm(total=len(labels), desc="persons", unit="sample", file=sys.stderr, disable=not progress)
    for batch in _batches(enumerate(full), _batch_size(len(extract))):
        c, o = count_batch(con, batch)
        counts.append(c)
        overlaps.append(o)
        bar.update(len(batch))
    con.close()
    if intervals == "headline":
        regs = Registrations.of(extract)
        for s, lab in enumerate(labels[1:], start=1):
            c, o = headline_counts(regs, lab, s)
            quick.append(c)
            overlaps.append(o)
            bar.update(1)
    bar.close()
    n = len(labels)
    counts_all = pd.concat(counts, ignore_index=True)
    long = counts_all.melt(id_vars=["sample", "year", "dimension", "category"],
                           value_vars=["registered", "first_time", "assisted"], var_name="measure")
    if quick:
        headline = pd.concat([long[long.dimension == "total"], *(
            q.melt(id_vars=["sample", "year", "dimension", "category"],
                   value_vars=["registered", "first_time", "assisted"], var_name="measure") for q in quick)],
            ignore_index=True)
        breakdown = pd.concat([
            _summarise(headline, ["year", "measure", "dimension", "category"], "value", n, estimator),
            _summarise(long[long.dimension != "total"], ["year", "measure", "dimension", "category"], "value", 1),
        ], ignore_index=True)
    else:
        breakdown = _summarise(long, ["year", "measure", "dimension", "category"], "value", n, estimator)
    breakdown = breakdown[(breakdown[["point", "high"]] > 0).any(axis=1)].reset_index(drop=True)
    overlap = _summarise(pd.concat(overlaps, ignore_index=True), ["year", "organisations"], "persons", n, estimator)
    if error_model is not None:
        breakdown = _widen(breakdown, error_model)
    summary = _summary(extract, breakdown)
    method = "none" if samples == 0 else ("pairs" if pairs is not None else "memberships")
    return PersonStatistics(summary, breakdown, overlap, samples, method, extract, labels[:-1] if estimator else labels)


def _batch_size(records: int) -> int:
    return max(1, ROWS_PER_PASS // max(records, 1))


def _batches(items: Iterator[tuple[int, np.ndarray]], size: int) -> Iterator[list[tuple[int, np.ndarray]]]:
    while batch := list(islice(items, size)):
        yield batch


def _summarise(frame: pd.DataFrame, keys: list[str], value: str, n_samples: int,
               clustering_last: bool = False) -> pd.DataFrame:
    """Point (sample 0) and interval (2.5 and 97.5 percentiles of the samples 1..), the
    interval covering the point; with ``clustering_last`` the last sample is the point
    clustering's figure, which the interval covers too but which is not a draw."""
    wide = frame.pivot_table(index=keys, columns="sample", values=value, aggfunc="sum", fill_value=0)
    wide = wide.reindex(columns=range(n_samples), fill_value=0)
    point = wide[0].to_numpy()
    if n_samples > 1:
        drawn = wide.iloc[:, 1:n_samples - 1 if clustering_last else n_samples].to_numpy()
        cover = np.minimum(point, wide[n_samples - 1].to_numpy()) if clustering_last else point
        cover_high = np.maximum(point, wide[n_samples - 1].to_numpy()) if clustering_last else point
        low = np.minimum(cover, np.floor(np.percentile(drawn, 2.5, axis=1)))
        high = np.maximum(cover_high, np.ceil(np.percentile(drawn, 97.5, axis=1)))
    else:
        low, high = point, point
    out = wide.index.to_frame(index=False)
    out["point"], out["low"], out["high"] = point.astype(int), low.astype(int), high.astype(int)
    return out.sort_values(keys, ignore_index=True)


def _widen(frame: pd.DataFrame, model: ErrorModel) -> pd.DataFrame:
    widened = [model.widen(int(p)) for p in frame["point"]]
    out = frame.copy()
    out["low"] = np.minimum(out["low"], [w[0] for w in widened])
    out["high"] = np.maximum(out["high"], [w[1] for w in widened])
    return out


def _summary(extract: pd.DataFrame, breakdown: pd.DataFrame) -> pd.DataFrame:
    registrations = extract.groupby("year").size().rename("registrations")
    rows = []
    total = breakdown[breakdown.dimension == "total"]
    for year, regs in registrations.items():
        row: dict[str, int] = {"year": int(year), "registrations": int(regs)}
        for measure, name in (("registered", "persons"), ("first_time", "first_time"), ("assisted", "assisted")):
            hit = total[(total.year == year) & (total.measure == measure)]
            p, lo, hi = (int(hit.point.iloc[0]), int(hit.low.iloc[0]), int(hit.high.iloc[0])) if len(hit) else (0, 0, 0)
            row[name], row[f"{name}_low"], row[f"{name}_high"] = p, lo, hi
        row["difference"] = row["registrations"] - row["persons"]
        row["difference_low"] = row["registrations"] - row["persons_high"]
        row["difference_high"] = row["registrations"] - row["persons_low"]
        rows.append(row)
    return pd.DataFrame(rows)
