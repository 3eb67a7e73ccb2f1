"""Benchmark of henvis.stats.mse: published figures, all shipped tables, coverage, speed.

    .venv/bin/python bench/mse_bench.py                         # everything (long)
    .venv/bin/python bench/mse_bench.py --reps 20 --coverage-boot 50 --uk-boot 200   # quick

1. UK 2013 five- and six-list tables against the reference implementation (SparseMSE
   2.0.1 ``estimatepopulation.0(z, method="stepwise", pthresh=0.02)``: 11,313.0 and
   11,418.0; Home Office range 10,000-13,000), with the BCa interval and its time.
2. Speed: bootstrap replicates per second as built (warm-started fits, remembered
   existence checks) against a baseline measured in the same run on the same resamples
   (cold fits, every linear programme solved again, as the reference does).
3. Every table in henvis/stats/mse/data: estimate, interval, model.
4. Coverage and bias of the 95 % interval on synthetic populations of known size
   (henvis.synthetic.capture.coverage_scenario), seeded, the number of repetitions and
   bootstrap replicates printed with the result.

Figures are printed (and written as JSON with --json); nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from tqdm import tqdm

from henvis.stats.mse import MSERefusal, estimate_population
from henvis.stats.mse import identifiability as ident
from henvis.stats.mse.bootstrap import replicate_estimate
from henvis.stats.mse.stepwise import stepwise_fit
from henvis.stats.mse.table import CaptureTable
from henvis.synthetic.capture import coverage_scenario, simulate_capture

DATA = Path(__file__).resolve().parent.parent / "henvis" / "stats" / "mse" / "data"
REFERENCE = {"uk_2013_five_lists": 11313.0, "uk_2013_six_lists": 11418.0}
REFERENCE_INTERACTIONS = ["LA:NG", "NG:GP", "PFNCA:GP", "LA:PFNCA", "GO:GP", "NG:GO"]
HOME_OFFICE = (10_000, 13_000)


def _fmt(value: float | None) -> str:
    return "inf" if value is None else f"{value:,.0f}"


def reference_tables(boot: int) -> list[dict[str, Any]]:
    print(f"\n== 1. UK 2013 against the reference implementation ({boot} BCa replicates)")
    rows = []
    for name, reference in REFERENCE.items():
        table = pd.read_csv(DATA / f"{name}.csv")
        start, cpu = time.perf_counter(), time.process_time()
        result = estimate_population(table, bootstrap=boot, seed=0, progress=True)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        ratio = result.estimate / reference
        inside = HOME_OFFICE[0] <= result.estimate <= HOME_OFFICE[1]
        print(
            f"{name:22s} observed {result.observed}  estimate {result.estimate:,.1f}  "
            f"reference {reference:,.1f}  ratio {ratio:.5f}  "
            f"95% BCa {_fmt(result.ci95_low)}-{_fmt(result.ci95_high)}  "
            f"inside Home Office range: {inside}  ({seconds:.1f} s wall, {cpu:.1f} s CPU)"
        )
        print(f"{'':22s} model: {', '.join(result.interactions)}")
        if name == "uk_2013_five_lists":
            print(f"{'':22s} same terms as reference: {result.interactions == REFERENCE_INTERACTIONS}")
        rows.append({"table": name, "reference": reference, "ratio": ratio, "seconds": seconds,
                     "cpu_seconds": cpu,
                     **{k: v for k, v in result.to_dict().items() if k != "sensitivity"}})
    return rows


def speed(replicates: int) -> dict[str, float]:
    print(f"\n== 2. Speed on uk_2013_five_lists ({replicates} identical resamples each way)")
    table = CaptureTable.from_csv(DATA / "uk_2013_five_lists.csv")
    path = stepwise_fit(table)
    starts = {tuple(sorted(f.pairs)): f.params_by_name() for f in path}
    draws = np.random.default_rng(0).multinomial(
        table.observed, table.counts / table.observed, size=replicates
    )
    # CPU time of this process: wall time on a shared machine measures the neighbours.
    ident._MEMO.clear()
    start = time.process_time()
    built = [replicate_estimate(table.with_counts(d), 0.02, starts) for d in draws]
    built_s = time.process_time() - start
    start = time.process_time()
    base = []
    for d in draws:
        ident._MEMO.clear()  # the reference solves every linear programme again
        base.append(stepwise_fit(table.with_counts(d), 0.02)[-1].estimate)
    base_s = time.process_time() - start
    same = bool(np.allclose(built, base, rtol=1e-6))
    print(f"as built : {built_s / replicates * 1000:7.1f} ms CPU per replicate")
    print(f"baseline : {base_s / replicates * 1000:7.1f} ms CPU per replicate (cold fits, no memory)")
    print(f"speed-up : {base_s / built_s:.2f}x   same estimates: {same}")
    print(f"=> 1,000 replicates as built take about {built_s / replicates * 1000:.0f} s of CPU")
    return {"built_ms": built_s / replicates * 1000, "baseline_ms": base_s / replicates * 1000,
            "speedup": base_s / built_s, "same_estimates": same}


def all_tables(boot: int) -> list[dict[str, Any]]:
    print(f"\n== 3. Every shipped table ({boot} BCa replicates, seed 0)")
    rows: list[dict[str, Any]] = []
    for path in sorted(DATA.glob("*.csv")):
        start = time.perf_counter()
        try:
            result = estimate_population(pd.read_csv(path), bootstrap=boot, seed=0, progress=False)
        except MSERefusal as refusal:
            print(f"{path.stem:28s} refused: {refusal}")
            rows.append({"table": path.stem, "error": refusal.to_dict()})
            continue
        seconds = time.perf_counter() - start
        print(
            f"{path.stem:28s} observed {result.observed:5d}  estimate {result.estimate:10,.1f}  "
            f"95% {_fmt(result.ci95_low):>8s}-{_fmt(result.ci95_high):<8s} "
            f"model: {', '.join(result.interactions) or 'main effects'}  ({seconds:.1f} s)"
        )
        for warning in result.warnings:
            print(f"{'':28s} note: {warning.en}")
        rows.append({"table": path.stem, "seconds": seconds,
                     **{k: v for k, v in result.to_dict().items() if k != "sensitivity"}})
    return rows


def coverage(reps: int, boot: int, population: int) -> dict[str, Any]:
    scenario = coverage_scenario(population)
    print(
        f"\n== 4. Coverage on synthetic populations: {reps} repetitions x {boot} bootstrap "
        f"replicates (fewer than the default 1,000 to spare the shared machine)"
    )
    print(
        f"N = {population}, capture probabilities {scenario.capture_probabilities}, "
        f"dependence (log odds ratios) {dict(scenario.dependence)}"
    )
    hits = 0
    estimates: list[float] = []
    widths: list[float] = []
    observed: list[int] = []
    refused = 0
    start = time.perf_counter()
    for rep in tqdm(range(reps), desc="coverage", file=sys.stderr):
        sim = simulate_capture(scenario, seed=rep)
        observed.append(sim.observed)
        try:
            result = estimate_population(
                sim.table, bootstrap=boot, seed=100_000 + rep, sensitivity=False, progress=False
            )
        except MSERefusal:
            refused += 1
            continue
        estimates.append(result.estimate)
        low = result.ci95_low if result.ci95_low is not None else -np.inf
        high = result.ci95_high if result.ci95_high is not None else np.inf
        hits += int(low <= population <= high)
        if result.ci95_high is not None and result.ci95_low is not None:
            widths.append(result.ci95_high - result.ci95_low)
    seconds = time.perf_counter() - start
    done = reps - refused
    cover = hits / done if done else float("nan")
    mean_est = statistics.fmean(estimates) if estimates else float("nan")
    summary = {
        "repetitions": reps, "bootstrap": boot, "population": population,
        "mean_observed": statistics.fmean(observed), "refused": refused,
        "coverage": cover, "target": 0.90,
        "mean_estimate": mean_est, "median_estimate": statistics.median(estimates),
        "bias": mean_est - population, "relative_bias": (mean_est - population) / population,
        "rmse": float(np.sqrt(np.mean((np.array(estimates) - population) ** 2))),
        "mean_interval_width": statistics.fmean(widths) if widths else None,
        "seconds": seconds,
    }
    print(f"persons observed on average: {summary['mean_observed']:.0f} of {population}")
    print(f"coverage of the 95% BCa interval: {cover:.3f} ({hits}/{done}; target >= 0.90)"
          f"  -> {'MET' if cover >= 0.90 else 'NOT MET'}")
    print(f"bias: mean estimate {mean_est:,.1f} vs N {population} "
          f"({summary['relative_bias']:+.2%}); median {summary['median_estimate']:,.1f}; "
          f"RMSE {summary['rmse']:,.1f}")
    print(f"mean interval width {summary['mean_interval_width']:,.0f}; refused {refused}; "
          f"{seconds:.0f} s ({seconds / reps:.1f} s per repetition)")
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--uk-boot", type=int, default=1000)
    parser.add_argument("--tables-boot", type=int, default=200)
    parser.add_argument("--speed-reps", type=int, default=100)
    parser.add_argument("--reps", type=int, default=200)
    parser.add_argument("--coverage-boot", type=int, default=100)
    parser.add_argument("--population", type=int, default=1500)
    parser.add_argument("--skip", nargs="*", default=[], choices=["uk", "speed", "tables", "coverage"])
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    out: dict[str, Any] = {}
    total = time.perf_counter()
    if "uk" not in args.skip:
        out["uk"] = reference_tables(args.uk_boot)
    if "speed" not in args.skip:
        out["speed"] = speed(args.speed_reps)
    if "tables" not in args.skip:
        out["tables"] = all_tables(args.tables_boot)
    if "coverage" not in args.skip:
        out["coverage"] = coverage(args.reps, args.coverage_boot, args.population)
    print(f"\ntotal {time.perf_counter() - total:.0f} s")
    if args.json:
        args.json.write_text(json.dumps(out, indent=2, default=float), encoding="utf-8")


if __name__ == "__main__":
    main()
