"""The same persons, seed and years always give the same data, in any process."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from henvis.synthetic import generate

HENVIS = [sys.executable, "-m", "henvis.cli.main"]


@settings(max_examples=10, deadline=None)
@given(
    persons=st.integers(min_value=1, max_value=120),
    seed=st.integers(min_value=0, max_value=2**63),
    start=st.integers(min_value=2000, max_value=2030),
)
def test_same_seed_same_data(persons: int, seed: int, start: int) -> None:
    years = (start, start + 4)
    a = generate(persons=persons, seed=seed, years=years)
    b = generate(persons=persons, seed=seed, years=years)
    pd.testing.assert_frame_equal(a.registrations, b.registrations)
    pd.testing.assert_frame_equal(a.truth, b.truth)
    pd.testing.assert_frame_equal(a.persons, b.persons)


def test_different_seeds_give_different_data() -> None:
    a = generate(persons=200, seed=1).registrations
    b = generate(persons=200, seed=2).registrations
    assert not a["given_name"].equals(b["given_name"])


def _run(args: list[str], hash_seed: str, cwd: Path) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    result = subprocess.run(HENVIS + args, capture_output=True, check=True, env=env, cwd=cwd)
    return result.stdout


def test_cli_twice_gives_identical_bytes_despite_hash_randomisation(tmp_path: Path) -> None:
    args = ["generate", "--persons", "1000", "--seed", "1"]
    first = _run(args, "1", tmp_path)
    second = _run(args, "4242", tmp_path)
    assert first == second
    assert first.startswith(b"record_id,source,given_name,family_name,birth_date,sex,")
    assert first.count(b"\n") > 1000


def test_cli_files_equal_those_written_in_this_process(tmp_path: Path) -> None:
    """The files of a separate process (its own hash seed) equal this process's."""
    out = tmp_path / "cli"
    _run(["generate", "--persons", "300", "--seed", "9", "--years", "2018-2022",
          "--out", str(out)], "987", tmp_path)
    here = tmp_path / "here"
    generate(persons=300, seed=9, years=(2018, 2022)).write(here)
    for name in ("registrations.csv", "truth.csv", "persons.csv"):
        digest_cli = hashlib.sha256((out / name).read_bytes()).hexdigest()
        digest_here = hashlib.sha256((here / name).read_bytes()).hexdigest()
        assert digest_cli == digest_here, name
