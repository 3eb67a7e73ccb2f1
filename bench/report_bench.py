"""Benchmark: the full yearly report from 10 years of synthetic data (~200,000 registrations).

    .venv/bin/python bench/report_bench.py                  # ~200,000 registrations
    .venv/bin/python bench/report_bench.py --registrations 20000 --samples 5   # quick
    .venv/bin/python bench/report_bench.py --profile report.prof   # cProfile of the report

Four processes, so that each peak memory figure is its own:

1. generate the registrations with ``henvis.synthetic`` and write them (and the ground
   truth, kept only to print the true count) as CSV (not part of the report);
2. linkage: the real linkage engine (``henvis.linkage``: ``encode_frame`` with a fresh
   key, ``link_frames``) on the registrations, writing ``clusters.csv`` and ``pairs.csv``
   as an organisation-side run would; timed and printed separately, as the step before
   "report from linked data" (bench/linkage_bench.py benchmarks the engine itself);
3. baseline: read the registrations CSV, nothing else;
4. report: read the registrations and the linkage output and build everything
   ``henvis report`` builds - registry aggregates, the pseudonymised extract, unique
   persons with linkage-sample intervals drawn from the linkage's pairs
   (``henvis.stats.persons``), person tables, capture histories of the clustering and of
   every linkage sample, all tables with disclosure control as one release, the
   dark-figure estimate pooled over the linkage samples (``henvis.stats.mse``, as the
   command does), charts, HTML, PDF and the CSV tables.

Prints time, CPU and peak RSS per step and the ratio against the baseline. Target: report
< 30 s and < 2 GiB.
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


def _read(folder: Path, name: str = "registrations.csv"):  # type: ignore[no-untyped-def]
    import pandas as pd

    return pd.read_csv(folder / name, dtype=str, keep_default_na=False)


def linkage(folder: Path) -> dict[str, float]:
    """The real linkage engine on the registrations (what the organisations' linkage run
    produces before any report): clusters.csv and pairs.csv."""
    import secrets

    started, cpu = time.perf_counter(), _cpu()
    from henvis.linkage import encode_frame, link_frames

    regs = _read(folder)
    result = link_frames([encode_frame(regs, secrets.token_bytes(32))], quiet=True)
    result.clusters.to_csv(folder / "clusters.csv", index=False)
    result.pairs.to_csv(folder / "pairs.csv", index=False)
    return {"records": len(result.clusters), "persons": int(result.clusters["person_id"].nunique()),
            "pairs": len(result.pairs), "seconds": time.perf_counter() - started, "cpu": _cpu() - cpu,
            "peak_mib": _peak_mib()}


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

    import pandas as pd

    regs = _read(folder)
    step("import pandas + read registrations")
    clusters = pd.read_csv(folder / "clusters.csv", dtype={"record_id": str, "source": str, "person_id": str})
    pairs = pd.read_csv(folder / "pairs.csv", dtype={"record_id_l": str, "source_l": str,
                                                     "record_id_r": str, "source_r": str})
    step("read linkage output (clusters, pairs)")

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
    stats = unique_persons(extract, clusters, pairs, samples=samples, seed=seed)
    step(f"unique persons ({samples} linkage samples from pairs)")
    frames = person_tables(stats, YEAR)
    capture = stats.capture_histories(YEAR, samples=samples > 0)
    step("person tables + capture histories")
    release = build_release(registry, YEAR, rule=DisclosureRule(),
                            person_tables=unique_person_tables(frames, YEAR))
    step("tables + disclosure control")
    dark = dark_figure(capture, bootstrap=bootstrap, seed=seed, samples=samples)
    step(f"dark figure (MSE, {dark.linkage_samples} samples, {bootstrap} pooled replicates)")
    out = folder / "report"
    files = write_report(release, out, source_label="benchmark", dark=dark, person_summary=stats.summary)
    step("charts + HTML + PDF + CSV")
    summary = stats.summary[stats.summary.year == YEAR].iloc[0]
    truth = pd.read_csv(folder / "truth.csv", dtype=str)  # after the timing: only to print the true count
    true_persons = int(regs[regs["year"] == str(YEAR)][["record_id"]].merge(truth, on="record_id")["person_id"].nunique())
    return {
        "steps": steps, "seconds": sum(steps.values()), "cpu": _cpu() - cpu, "peak_mib": _peak_mib(),
        "tables": len(files.tables), "suppressed": sum(x.suppressed_cells for x in release.tables),
        "registrations_in_year": int(summary.registrations), "persons_in_year": int(summary.persons),
        "persons_low": int(summary.persons_low), "persons_high": int(summary.persons_high),
        "true_persons_in_year": true_persons,
        "pdf_bytes": files.pdf.stat().st_size, "estimate": dark.estimate,
    }


def warmup() -> dict[str, float]:
    """Import what the report imports, once: with bytecode caching on, this compiles the
    modules (as ``pip install`` does at installation), so the report is timed as it runs
    on an installed system."""
    started = time.perf_counter()
    import weasyprint  # noqa: F401

    import henvis.stats.report  # noqa: F401
    import henvis.stats.tables  # noqa: F401
    return {"seconds": time.perf_counter() - started}


def _env(folder: Path) -> dict[str, str]:
    """The environment of the children: bytecode caching on (this machine sets
    PYTHONDONTWRITEBYTECODE, which makes every process compile every module it imports,
    10-15 s for the report's libraries), cached under the run's folder."""
    import os

    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    return env


def _child(phase: str, folder: Path, args: argparse.Namespace) -> dict:  # type: ignore[type-arg]
    cmd = [sys.executable, __file__, "--phase", phase, "--dir", str(folder), "--samples", str(args.samples),
           "--bootstrap", str(args.bootstrap), "--seed", str(args.seed)]
    if args.profile and phase == "report":
        cmd += ["--profile", str(args.profile)]
    done = subprocess.run(cmd, check=True, capture_output=True, text=True, env=_env(folder))
    result: dict = json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[type-arg]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--registrations", type=int, default=200_000)
    parser.add_argument("--samples", type=int, default=20, help="linkage samples for the intervals")
    parser.add_argument("--bootstrap", type=int, default=200,
                        help="MSE bootstrap replicates (henvis report's default)")
    parser.add_argument("--profile", type=Path, help="write a cProfile of the report phase to this file")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--phase", choices=["generate", "linkage", "warmup", "baseline", "report"],
                        help=argparse.SUPPRESS)
    parser.add_argument("--dir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.phase == "baseline":
        print(json.dumps(baseline(args.dir)))
        return
    if args.phase == "report":
        if args.profile:
            import cProfile

            profiler = cProfile.Profile()
            result = profiler.runcall(report, args.dir, args.samples, args.bootstrap, args.seed)
            profiler.dump_stats(args.profile)
        else:
            result = report(args.dir, args.samples, args.bootstrap, args.seed)
        print(json.dumps(result))
        return
    if args.phase == "linkage":
        print(json.dumps(linkage(args.dir)))
        return
    if args.phase == "warmup":
        print(json.dumps(warmup()))
        return
    if args.phase == "generate":
        print(json.dumps(generate(args.dir, args.registrations, args.seed)))
        return

    import os
    from datetime import UTC, datetime

    print(f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, load average at start: "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory(prefix="henvis-report-bench-") as tmp:
        folder = Path(tmp)
        cmd = [sys.executable, __file__, "--phase", "generate", "--dir", str(folder),
               "--registrations", str(args.registrations), "--seed", str(args.seed)]
        gen = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True,
                                        env=_env(folder)).stdout.strip().splitlines()[-1])
        print(f"generated {gen['registrations']:,} registrations of {gen['persons']:,} persons over "
              f"{YEARS} years in {gen['seconds']:.1f} s (not part of the report)")
        link = _child("linkage", folder, args)
        print(f"linkage (henvis.linkage: encode + link_frames, fresh key): {link['records']:,} records -> "
              f"{link['persons']:,} persons, {link['pairs']:,} scored pairs in {link['seconds']:.1f} s wall, "
              f"{link['cpu']:.1f} s CPU, peak {link['peak_mib']:.0f} MiB (not part of the report)")
        warm = _child("warmup", folder, args)
        print(f"first import of the report's modules (compiling bytecode, once per installation): "
              f"{warm['seconds']:.1f} s (not part of the report)")
        base = _child("baseline", folder, args)
        rep = _child("report", folder, args)
        print(f"\nbaseline: import pandas, read {base['rows']:,} registrations from CSV: "
              f"{base['seconds']:.2f} s wall, {base['cpu']:.2f} s CPU, peak {base['peak_mib']:.0f} MiB")
        print("report steps:")
        for name, seconds in rep["steps"].items():
            print(f"  {name:<42} {seconds:7.2f} s")
        print(f"report total: {rep['seconds']:.1f} s wall, {rep['cpu']:.1f} s CPU, peak {rep['peak_mib']:.0f} MiB "
              f"({rep['tables']} tables, {rep['suppressed']} suppressed cells, PDF {rep['pdf_bytes'] / 1e6:.1f} MB; "
              f"{YEAR}: {rep['registrations_in_year']:,} registrations = {rep['persons_in_year']:,} persons "
              f"[{rep['persons_low']:,}-{rep['persons_high']:,}], true {rep['true_persons_in_year']:,}, "
              f"MSE estimate {rep['estimate'] and round(rep['estimate'])})")
        print(f"ratio report/baseline: wall {rep['seconds'] / base['seconds']:.1f}x, "
              f"CPU {rep['cpu'] / base['cpu']:.1f}x, "
              f"memory {rep['peak_mib'] / base['peak_mib']:.1f}x")
        ok_time, ok_mem = rep["seconds"] < 30, rep["peak_mib"] < 2048
        print(f"load average during the run: {' '.join(f'{x:.1f}' for x in os.getloadavg())} "
              "(2 cores; wall time is inflated when other work runs)")
        print(f"target < 30 s: {'met' if ok_time else 'NOT met'}; target < 2 GiB: {'met' if ok_mem else 'NOT met'}")


if __name__ == "__main__":
    main()
