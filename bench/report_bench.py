"""Benchmark: the full yearly report from 10 years of synthetic data (~200,000 registrations).

    .venv/bin/python bench/report_bench.py                  # ~200,000 registrations
    .venv/bin/python bench/report_bench.py --registrations 20000 --samples 5   # quick

Three processes, so that each peak memory figure is its own:

1. generate the registrations with ``henvis.synthetic`` and write them (and the ground
   truth) as CSV (not timed as part of the report);
2. baseline: read the registrations CSV, nothing else;
3. report: read the same CSV and build everything ``henvis report`` builds - registry
   aggregates, the pseudonymised extract, unique persons with linkage-sample intervals
   (``henvis.stats.persons``), person tables, capture histories, all tables with
   disclosure control as one release, the dark-figure estimate (``henvis.stats.mse``),
   charts, HTML, PDF and the CSV tables.

Linkage itself is benchmarked by the linkage engine (bench/linkage_bench.py); here the
clusters are the generator's ground truth with match probability < 1 for a share of the
records, so that the interval machinery does real work. Prints time and peak RSS per step
and the ratio against the baseline. Target: report < 30 s and < 2 GiB.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

YEAR = 2025
YEARS = 10
REGISTRATIONS_PER_PERSON = 2.56  # measured on the generator's default mix


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def generate(folder: Path, registrations: int, seed: int) -> dict[str, float]:
    from henvis.synthetic import generate as gen

    started = time.perf_counter()
    persons = int(registrations / REGISTRATIONS_PER_PERSON)
    ds = gen(persons=persons, seed=seed, years=(YEAR - YEARS + 1, YEAR), progress=True)
    ds.registrations.to_csv(folder / "registrations.csv", index=False)
    ds.truth.to_csv(folder / "truth.csv", index=False)
    return {"persons": persons, "registrations": len(ds.registrations),
            "seconds": time.perf_counter() - started, "peak_mib": _peak_mib()}


def _read(folder: Path):  # type: ignore[no-untyped-def]
    import pandas as pd

    return pd.read_csv(folder / "registrations.csv", dtype=str, keep_default_na=False)


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def baseline(folder: Path) -> dict[str, float]:
    """Import pandas and read the registrations: the least any report must do."""
    started, cpu = time.perf_counter(), _cpu()
    regs = _read(folder)
    return {"rows": len(regs), "seconds": time.perf_counter() - started, "cpu": _cpu() - cpu,
            "peak_mib": _peak_mib()}


def report(folder: Path, samples: int, bootstrap: int, seed: int) -> dict[str, object]:
    steps: dict[str, float] = {}
    t, cpu = time.perf_counter(), _cpu()

    def step(name: str) -> None:
        nonlocal t
        now = time.perf_counter()
        steps[name] = now - t
        t = now

    regs = _read(folder)
    import numpy as np
    import pandas as pd

    truth = pd.read_csv(folder / "truth.csv", dtype=str)
    step("import pandas + read registrations")

    from henvis.stats.disclosure import DisclosureRule
    from henvis.stats.persons import (
        person_tables,
        pseudonymised_extract,
        unique_persons,
        validate_extract,
    )
    from henvis.stats.report import dark_figure, write_report
    from henvis.stats.report.synthetic import registry_from_registrations
    from henvis.stats.tables import build_release
    from henvis.stats.tables.unique_persons import unique_person_tables

    step("import")
    registry = registry_from_registrations(regs)
    step("registry aggregates")
    extract = validate_extract(pseudonymised_extract(regs))
    step("pseudonymised extract")
    rng = np.random.default_rng(seed)
    clusters = regs[["record_id", "source"]].merge(truth, on="record_id").assign(
        match_probability=np.where(rng.random(len(regs)) < 0.15, 0.8, 1.0))
    stats = unique_persons(extract, clusters, samples=samples, seed=seed)
    step(f"unique persons ({samples} linkage samples)")
    frames = person_tables(stats, YEAR)
    capture = stats.capture_histories(YEAR)[0]
    step("person tables + capture histories")
    release = build_release(registry, YEAR, rule=DisclosureRule(),
                            person_tables=unique_person_tables(frames, YEAR))
    step("tables + disclosure control")
    dark = dark_figure(capture, bootstrap=bootstrap, seed=seed)
    step(f"dark figure (MSE, {bootstrap} bootstrap)")
    out = folder / "report"
    files = write_report(release, out, source_label="benchmark", dark=dark, person_summary=stats.summary)
    step("charts + HTML + PDF + CSV")
    summary = stats.summary[stats.summary.year == YEAR].iloc[0]
    return {
        "steps": steps, "seconds": sum(steps.values()), "cpu": _cpu() - cpu, "peak_mib": _peak_mib(),
        "tables": len(files.tables), "suppressed": sum(x.suppressed_cells for x in release.tables),
        "registrations_in_year": int(summary.registrations), "persons_in_year": int(summary.persons),
        "pdf_bytes": files.pdf.stat().st_size, "estimate": dark.estimate,
    }


def _child(phase: str, folder: Path, args: argparse.Namespace) -> dict:  # type: ignore[type-arg]
    cmd = [sys.executable, __file__, "--phase", phase, "--dir", str(folder), "--samples", str(args.samples),
           "--bootstrap", str(args.bootstrap), "--seed", str(args.seed)]
    done = subprocess.run(cmd, check=True, capture_output=True, text=True)
    result: dict = json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[type-arg]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--registrations", type=int, default=200_000)
    parser.add_argument("--samples", type=int, default=20, help="linkage samples for the intervals")
    parser.add_argument("--bootstrap", type=int, default=100, help="MSE bootstrap replicates")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--phase", choices=["generate", "baseline", "report"], help=argparse.SUPPRESS)
    parser.add_argument("--dir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.phase == "baseline":
        print(json.dumps(baseline(args.dir)))
        return
    if args.phase == "report":
        print(json.dumps(report(args.dir, args.samples, args.bootstrap, args.seed)))
        return
    if args.phase == "generate":
        print(json.dumps(generate(args.dir, args.registrations, args.seed)))
        return

    with tempfile.TemporaryDirectory(prefix="henvis-report-bench-") as tmp:
        folder = Path(tmp)
        cmd = [sys.executable, __file__, "--phase", "generate", "--dir", str(folder),
               "--registrations", str(args.registrations), "--seed", str(args.seed)]
        gen = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1])
        print(f"generated {gen['registrations']:,} registrations of {gen['persons']:,} persons over "
              f"{YEARS} years in {gen['seconds']:.1f} s (not part of the report)")
        base = _child("baseline", folder, args)
        rep = _child("report", folder, args)
        print(f"\nbaseline: import pandas, read {base['rows']:,} registrations from CSV: "
              f"{base['seconds']:.2f} s wall, {base['cpu']:.2f} s CPU, peak {base['peak_mib']:.0f} MiB")
        print("report steps:")
        for name, seconds in rep["steps"].items():
            print(f"  {name:<42} {seconds:7.2f} s")
        print(f"report total: {rep['seconds']:.1f} s wall, {rep['cpu']:.1f} s CPU, peak {rep['peak_mib']:.0f} MiB "
              f"({rep['tables']} tables, {rep['suppressed']} suppressed cells, PDF {rep['pdf_bytes'] / 1e6:.1f} MB; "
              f"{YEAR}: {rep['registrations_in_year']:,} registrations = {rep['persons_in_year']:,} persons, "
              f"MSE estimate {rep['estimate'] and round(rep['estimate'])})")
        print(f"ratio report/baseline: wall {rep['seconds'] / base['seconds']:.1f}x, "
              f"CPU {rep['cpu'] / base['cpu']:.1f}x, "
              f"memory {rep['peak_mib'] / base['peak_mib']:.1f}x")
        ok_time, ok_mem = rep["seconds"] < 30, rep["peak_mib"] < 2048
        print(f"load average during the run: {' '.join(f'{x:.1f}' for x in __import__('os').getloadavg())} "
              "(2 cores; wall time is inflated when other work runs)")
        print(f"target < 30 s: {'met' if ok_time else 'NOT met'}; target < 2 GiB: {'met' if ok_mem else 'NOT met'}")


if __name__ == "__main__":
    main()
