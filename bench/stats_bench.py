"""Benchmark: unique-person statistics on 10 years of synthetic data.

Generates about 200,000 registrations (10 years, many organisations), writes the
pseudonymised extract, links the registrations with the real linkage (``henvis.linkage``,
a fresh key) into clusters and pairwise links with match probabilities, then measures, each in its own process so
that peak memory (max RSS, which includes DuckDB's native memory) is per phase:

* baseline: reading and validating the three input files;
* persons:  the same reading + unique persons per year with intervals from S linkage
            samples (DuckDB) + capture histories + protected tables for every year
            written to disk (``write_person_outputs``).

Prints time, peak memory and the ratio against the baseline, and the error of the
unique-person count against the generator's truth. Medians over --repeat runs.

    .venv/bin/python bench/stats_bench.py [--registrations 200000] [--samples 50] [--repeat 1]

The report benchmark (6a, bench/report_bench.py) builds the whole report on the same
kind of data; this one isolates the unique-person statistics.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any


def _prepare(registrations: int, seed: int, folder: Path) -> dict[str, Any]:
    import secrets

    from henvis.linkage import encode_frame, link_frames
    from henvis.stats.persons import pseudonymised_extract
    from henvis.synthetic import generate

    persons = int(registrations / 2.56)
    ds = generate(persons=persons, seed=seed, years=(2016, 2025), progress=True)
    regs = ds.registrations.merge(ds.truth, on="record_id")
    pseudonymised_extract(ds.registrations).to_csv(folder / "extract.csv", index=False)
    # The real linkage (a fresh key, as an organisation would make one), so that the
    # count error printed below is the error the statistics would really carry.
    started = time.perf_counter()
    result = link_frames([encode_frame(ds.registrations.iloc[:, :9], secrets.token_bytes(32))], quiet=True)
    print(f"linkage (encode + link_frames): {len(result.clusters):,} records -> "
          f"{result.clusters['person_id'].nunique():,} persons, {len(result.pairs):,} scored pairs, "
          f"{time.perf_counter() - started:.1f} s (not part of the figures below)", flush=True)
    result.clusters.to_csv(folder / "clusters.csv", index=False)
    result.pairs.to_csv(folder / "pairs.csv", index=False)
    truth = regs.groupby("year")["person_id"].nunique().to_dict()
    return {"registrations": len(regs), "persons": persons, "truth": truth}


def _phase(name: str, folder: str, samples: int, queue: Any) -> None:
    from henvis.stats.persons import read_clusters, read_extract, read_pairs

    started = time.perf_counter()
    extract = read_extract(Path(folder) / "extract.csv")
    clusters = read_clusters(Path(folder) / "clusters.csv")
    pairs = read_pairs(Path(folder) / "pairs.csv")
    result: dict[str, Any] = {}
    if name == "persons":
        from henvis.stats.persons import unique_persons
        from henvis.stats.persons.output import write_person_outputs

        stats = unique_persons(extract, clusters, pairs, samples=samples, seed=1, progress=True)
        with tempfile.TemporaryDirectory() as out:
            write_person_outputs(stats, out)
        result["summary"] = stats.summary[["year", "persons", "persons_low", "persons_high"]].to_dict("records")
    result["seconds"] = time.perf_counter() - started
    result["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put(result)


def _prepare_in_child(registrations: int, seed: int, folder: str, queue: Any) -> None:
    queue.put(_prepare(registrations, seed, Path(folder)))


def _prepare_apart(registrations: int, seed: int, folder: Path) -> dict[str, Any]:
    """_prepare in its own process: Linux keeps a process's peak memory across fork and
    exec, so a parent that had generated and linked 200,000 registrations would pass
    its peak on to every measured phase."""
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_prepare_in_child, args=(registrations, seed, str(folder), queue))
    proc.start()
    result: dict[str, Any] = queue.get()
    proc.join()
    return result


def _run(name: str, folder: Path, samples: int) -> dict[str, Any]:
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_phase, args=(name, str(folder), samples, queue))
    proc.start()
    result: dict[str, Any] = queue.get()
    proc.join()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--registrations", type=int, default=200_000)
    parser.add_argument("--samples", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(f"generating ~{args.registrations:,} registrations ...", file=sys.stderr)
        info = _prepare_apart(args.registrations, args.seed, folder)
        base = [_run("baseline", folder, 0) for _ in range(args.repeat)]
        full = [_run("persons", folder, args.samples) for _ in range(args.repeat)]
    b_time = statistics.median(r["seconds"] for r in base)
    f_time = statistics.median(r["seconds"] for r in full)
    b_mem = max(r["peak_mib"] for r in base)
    f_mem = max(r["peak_mib"] for r in full)
    print(f"registrations: {info['registrations']:,}  true persons: {info['persons']:,}  years: 10  "
          f"linkage samples: {args.samples}")
    print(f"baseline (read + validate inputs): {b_time:8.1f} s   peak {b_mem:8.0f} MiB")
    print(f"unique-person statistics (incl. read, intervals, tables, disclosure control, write): "
          f"{f_time:8.1f} s   peak {f_mem:8.0f} MiB")
    print(f"ratio against baseline: time x{f_time / b_time:.1f}, memory x{f_mem / b_mem:.1f}")
    print("year  true  point  interval")
    for row in full[0]["summary"]:
        true = info["truth"].get(row["year"])
        inside = "inside" if row["persons_low"] <= true <= row["persons_high"] else "OUTSIDE"
        print(f"{row['year']}  {true:5d}  {row['persons']:5d}  {row['persons_low']}-{row['persons_high']}  {inside}")


if __name__ == "__main__":
    main()
