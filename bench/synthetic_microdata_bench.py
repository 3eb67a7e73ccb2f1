"""Utility of the public synthetic microdata (issue 18 item 5) against the year's
protected tables.

Generates synthetic registrations with the project's generator, counts unique persons
from the generator's true clusters, protects the year's tables as one release
(``year_release``) and, for each epsilon, draws --repeat DP releases
(``henvis.stats.returns.synthetic_microdata.synthesise``). For each compared table
(returns: sex x age, citizenship group x sex, form group x sex) it prints the largest
absolute difference between a synthetic count and the published cell (suppressed cells
have no published value), as the median and the worst over the repeats.

Baseline, measured in the same run: a release that knows only the published grand total
and spreads it evenly over the cells of each table (no information about the persons
beyond the total). The DP file is useful where its differences are well below that.

    .venv/bin/python bench/synthetic_microdata_bench.py [--persons 2000] [--repeat 20] [--epsilon 0.5 1 2]
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np
import pandas as pd


def _baseline(tables: dict[str, object]) -> dict[str, int]:
    from henvis.stats.receivers.victim_tables import TOTAL
    from henvis.stats.returns.synthetic_microdata import COMPARED

    out: dict[str, int] = {}
    for name in COMPARED:
        table = tables.get(name)
        if table is None:
            continue
        values: pd.DataFrame = table.values  # type: ignore[attr-defined]
        total = values.loc[TOTAL, TOTAL]
        if pd.isna(total):
            continue
        rows = [r for r in values.index if r != TOTAL]
        cols = [c for c in values.columns if c != TOTAL]
        worst = 0.0
        for r in values.index:
            for c in values.columns:
                published = values.loc[r, c]
                if pd.isna(published):
                    continue
                share = (1 if r == TOTAL else 1 / len(rows)) * (1 if c == TOTAL else 1 / len(cols))
                worst = max(worst, abs(float(total) * share - float(published)))
        out[name] = round(worst)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--epsilon", type=float, nargs="+", default=[0.5, 1.0, 2.0])
    args = parser.parse_args()

    from henvis.stats.persons import pseudonymised_extract, unique_persons, validate_extract
    from henvis.stats.persons.year_release import year_release
    from henvis.stats.returns.synthetic_microdata import largest_differences, synthesise
    from henvis.synthetic import generate

    ds = generate(persons=args.persons, seed=args.seed)
    regs = ds.registrations.merge(ds.truth, on="record_id", validate="one_to_one")
    extract = validate_extract(pseudonymised_extract(ds.registrations))
    clusters = regs[["record_id", "source", "person_id"]].assign(match_probability=1.0)
    stats = unique_persons(extract, clusters, samples=0)
    year = stats.years[-1]
    facts = stats.person_facts(year)
    release = year_release(stats, year)
    print(f"year {year}: {len(facts)} persons; compared tables: published cells only")
    print(f"baseline (grand total spread evenly): {_baseline(release.returns)}")
    rng = np.random.default_rng(args.seed)
    for eps in args.epsilon:
        started = time.perf_counter()
        runs = [largest_differences(synthesise(facts, year, epsilon=eps, rng=rng), release.returns)
                for _ in range(args.repeat)]
        took = (time.perf_counter() - started) / args.repeat
        for name in runs[0]:
            values = [r[name] for r in runs]
            print(f"epsilon {eps:g}  {name:32s} largest cell difference: median {statistics.median(values):g}, "
                  f"worst {max(values)} over {args.repeat} releases  ({took * 1000:.0f} ms per release)")


if __name__ == "__main__":
    main()
