# ruff: noqa: S608 -- SQL identifiers come only from the fixed tables in this module.
"""Counting persons with DuckDB: registrations x (linkage sample, person) -> figures.

A person's attributes when several registrations disagree:

* sex, citizenship, region: the most frequent known value over all the person's
  registrations (a person does not change them);
* child: a child in a year if any registration that year says so (the guide says to
  treat the person as a child while the age is in doubt);
* exploitation forms and organisation kinds: every value any registration that year
  gives (a person can fall in several, so those tables do not add up to the total);
* identified for the first time in year Y: Y is the first year the person appears, and
  a registration that year is new in the year (so persons identified before the data
  begin do not count as new);
* assisted in year Y: a registration that year records at least one measure.

All counts are computed for every linkage sample at once (the sample number is one more
grouping key), in batches so memory stays bounded.
"""

from __future__ import annotations

from collections.abc import Iterable

import duckdb
import numpy as np
import pandas as pd

DIMENSIONS = (
    "total", "sex", "child", "sex_child", "region", "citizenship", "exploitation_form", "organisation_kind",
)
MEASURES = ("registered", "first_time", "assisted")
MULTI_VALUED = frozenset({"exploitation_form", "organisation_kind"})
UNKNOWN = "unknown"

_PERSON_YEAR = """
CREATE OR REPLACE TEMP TABLE rl AS
  SELECT l.sample, l.person, r.* FROM lab l JOIN reg r ON l.idx = r.idx;
CREATE OR REPLACE TEMP TABLE person AS
  WITH vals AS (
    SELECT sample, person, 'sex' AS field, sex AS value FROM rl WHERE sex <> ''
    UNION ALL SELECT sample, person, 'citizenship', citizenship FROM rl WHERE citizenship <> ''
    UNION ALL SELECT sample, person, 'region', region FROM rl WHERE region <> ''
  ), counted AS (
    SELECT sample, person, field, value, count(*) AS n FROM vals GROUP BY ALL
  ), chosen AS (
    -- The most common value of each field; a tie goes to the first value in sort
    -- order, so the same registrations give the same person on every run (DuckDB's
    -- mode() breaks ties arbitrarily; issue #14, item 4).
    SELECT sample, person, field, first(value ORDER BY n DESC, value) AS value
    FROM counted GROUP BY ALL
  )
  SELECT y.sample, y.person, y.first_year,
         coalesce(s.value, 'unknown') AS sex,
         coalesce(c.value, 'unknown') AS citizenship,
         coalesce(g.value, 'unknown') AS region
  FROM (SELECT sample, person, min(year) AS first_year FROM rl GROUP BY sample, person) y
  LEFT JOIN chosen s ON s.sample = y.sample AND s.person = y.person AND s.field = 'sex'
  LEFT JOIN chosen c ON c.sample = y.sample AND c.person = y.person AND c.field = 'citizenship'
  LEFT JOIN chosen g ON g.sample = y.sample AND g.person = y.person AND g.field = 'region';
CREATE OR REPLACE TEMP TABLE py AS
  SELECT rl.sample, rl.person, rl.year,
         CASE WHEN bool_or(child) THEN 'child' WHEN bool_and(NOT child) THEN 'adult'
              ELSE 'unknown' END AS child,
         bool_or(measures <> '') AS assisted,
         bool_or(coalesce(new_in_year, TRUE)) AS any_new,
         count(DISTINCT source) AS n_sources
  FROM rl GROUP BY rl.sample, rl.person, rl.year;
CREATE OR REPLACE TEMP TABLE facts AS
  SELECT py.*, p.sex, p.citizenship, p.region,
         (py.year = p.first_year AND py.any_new) AS first_time
  FROM py JOIN person p USING (sample, person);
"""

_CATEGORY = {
    "total": "'total'",
    "sex": "f.sex",
    "child": "f.child",
    "sex_child": "f.sex || '|' || f.child",
    "region": "f.region",
    "citizenship": "f.citizenship",
}

_MULTI = {
    "exploitation_form": "exploitation_forms",
    "organisation_kind": "organisation_kind",
}


_MEASURES = (
    "count(*) AS registered, count(*) FILTER (WHERE f.first_time) AS first_time, "
    "count(*) FILTER (WHERE f.assisted) AS assisted"
)


def _single_valued_sql() -> str:
    """All single-valued dimensions in one scan (one row per person-year in ``facts``,
    so count(*) counts persons)."""
    # Identifiers are interpolated only from the fixed tables above, never from input.
    sets = ", ".join(f"(f.sample, f.year, {expr})" for expr in _CATEGORY.values() if expr != "'total'")
    cases = " ".join(
        f"WHEN grouping({expr}) = 0 THEN '{dim}'" for dim, expr in _CATEGORY.items() if expr != "'total'"
    )
    values = " ".join(
        f"WHEN grouping({expr}) = 0 THEN CAST({expr} AS VARCHAR)" for expr in _CATEGORY.values() if expr != "'total'"
    )
    return (
        f"SELECT f.sample, f.year, CASE {cases} ELSE 'total' END AS dimension, "
        f"CASE {values} ELSE 'total' END AS category, {_MEASURES} "
        f"FROM facts f GROUP BY GROUPING SETS ((f.sample, f.year), {sets})"
    )


def _multi_valued_sql(dimension: str) -> str:
    column = _MULTI[dimension]
    return f"""
        WITH v AS (
          SELECT DISTINCT sample, person, year, coalesce(nullif(trim(value), ''), 'unknown') AS category
          FROM (SELECT sample, person, year, unnest(string_split({column}, ';')) AS value FROM rl)
        )
        SELECT f.sample, f.year, '{dimension}' AS dimension, v.category, {_MEASURES}
        FROM facts f JOIN v USING (sample, person, year) GROUP BY ALL
    """


_OVERLAP = """
SELECT sample, year, CASE WHEN n_sources >= 3 THEN '3+' ELSE CAST(n_sources AS VARCHAR) END
       AS organisations, count(*) AS persons
FROM py GROUP BY ALL
"""


def register(con: duckdb.DuckDBPyConnection, extract: pd.DataFrame) -> None:
    con.execute("SET enable_progress_bar = false")
    reg = extract.copy()
    reg.insert(0, "idx", np.arange(len(reg), dtype=np.int64))
    reg["child"] = reg["child"].astype("boolean")
    reg["new_in_year"] = reg["new_in_year"].astype("boolean")
    for col in ("sex", "citizenship", "region", "exploitation_forms", "organisation_kind", "measures", "source"):
        reg[col] = reg[col].astype(str)
    con.register("reg_frame", reg)
    con.execute("CREATE OR REPLACE TEMP TABLE reg AS SELECT * FROM reg_frame")
    con.unregister("reg_frame")


def count_batch(con: duckdb.DuckDBPyConnection, batch: Iterable[tuple[int, np.ndarray]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Breakdown counts and overlap counts for a batch of (sample number, labels)."""
    parts = [
        pd.DataFrame({"sample": np.full(len(lab), s, dtype=np.int32), "idx": np.arange(len(lab)), "person": lab})
        for s, lab in batch
    ]
    lab = pd.concat(parts, ignore_index=True)
    con.register("lab", lab)
    con.execute(_PERSON_YEAR)
    queries = [_single_valued_sql(), *(_multi_valued_sql(d) for d in _MULTI)]
    counts = pd.concat([con.execute(q).df() for q in queries], ignore_index=True)
    overlap = con.execute(_OVERLAP).df()
    con.unregister("lab")
    return counts, overlap


def capture_masks(con: duckdb.DuckDBPyConnection, batch: Iterable[tuple[int, np.ndarray]],
                  list_column: str, lists: list[str]) -> pd.DataFrame:
    """sample, year, mask (bit i = recorded by lists[i]), count of persons."""
    if list_column not in ("organisation_kind", "source"):
        raise ValueError(f"unknown list column {list_column!r}")
    parts = [
        pd.DataFrame({"sample": np.full(len(lab), s, dtype=np.int32), "idx": np.arange(len(lab)), "person": lab})
        for s, lab in batch
    ]
    con.register("lab", pd.concat(parts, ignore_index=True))
    con.register("list_names", pd.DataFrame({"name": lists, "bit": np.arange(len(lists), dtype=np.int64)}))
    out = con.execute(f"""
        WITH m AS (
          SELECT l.sample, r.year, l.person, bit_or(CAST(1 AS BIGINT) << n.bit) AS mask
          FROM lab l JOIN reg r ON l.idx = r.idx JOIN list_names n ON n.name = r.{list_column}
          GROUP BY ALL
        )
        SELECT sample, year, mask, count(*) AS count FROM m GROUP BY ALL
    """).df()
    con.unregister("lab")
    con.unregister("list_names")
    return out


def person_year_facts(con: duckdb.DuckDBPyConnection, labels: np.ndarray) -> pd.DataFrame:
    """Resolved attributes per person and year for one linkage sample."""
    lab = pd.DataFrame({"sample": np.zeros(len(labels), dtype=np.int32), "idx": np.arange(len(labels)), "person": labels})
    con.register("lab", lab)
    con.execute(_PERSON_YEAR)
    out = con.execute("""
        WITH lists AS (
          SELECT person, year,
                 string_agg(DISTINCT nullif(trim(f), ''), ';' ORDER BY nullif(trim(f), '')) AS exploitation_forms
          FROM (SELECT person, year, unnest(string_split(exploitation_forms, ';')) AS f FROM rl)
          GROUP BY person, year
        ), kinds AS (
          SELECT person, year, string_agg(DISTINCT organisation_kind, ';' ORDER BY organisation_kind) AS organisation_kinds,
                 min(age_at_identification) AS age,
                 string_agg(DISTINCT nullif(decisions, ''), ';') AS decisions
          FROM rl GROUP BY person, year
        )
        SELECT f.person, f.year, p.first_year, f.sex, f.child, k.age, f.citizenship, f.region,
               coalesce(l.exploitation_forms, '') AS exploitation_forms, k.organisation_kinds,
               coalesce(k.decisions, '') AS decisions, f.assisted, f.first_time, f.n_sources
        FROM facts f JOIN person p USING (sample, person)
        LEFT JOIN lists l USING (person, year) JOIN kinds k USING (person, year)
        ORDER BY f.year, f.person
    """).df()
    con.unregister("lab")
    return out
