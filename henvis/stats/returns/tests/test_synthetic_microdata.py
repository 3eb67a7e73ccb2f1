"""The public synthetic microdata (issue 18 item 5): differentially private, and attacked.

The attack's logic. Differential privacy with epsilon bounds what any attacker can learn
about one person from the file: for two datasets that differ by that person, every
outcome is at most e^epsilon times likelier under one than under the other. So in the
game "was the person with this rare combination in the data?", with the two answers
equally likely a priori, no attacker guesses right with probability above
e^epsilon / (1 + e^epsilon) (0.73 at epsilon 1). The attacker below looks for the rare
person's exact combination among the synthetic rows and answers "in" when it is there;
on a release without noise (the true table as rows) the same attacker is always right,
so the test can fail. On the DP file its accuracy over many releases must stay within
the bound (plus three standard errors of the estimate)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from henvis.stats.returns.synthetic_microdata import COLUMNS, person_frame, synthesise

RARE = {"sex": "M", "child": "child", "citizenship": "NG", "exploitation_forms": "begging"}


def _base() -> pd.DataFrame:
    rows = ([{"sex": "F", "child": "adult", "citizenship": "RO", "exploitation_forms": "prostitution"}] * 40
            + [{"sex": "M", "child": "adult", "citizenship": "LT", "exploitation_forms": "forced_labour"}] * 25
            + [{"sex": "F", "child": "child", "citizenship": "NO", "exploitation_forms": "prostitution"}] * 6)
    return pd.DataFrame(rows)


def _rare_in(rows: pd.DataFrame) -> bool:
    target = person_frame(pd.DataFrame([RARE])).iloc[0]
    hit = np.ones(len(rows), dtype=bool)
    for column in ("sex", "age_group", "citizenship_group", "form_group"):
        hit &= (rows[column] == target[column]).to_numpy()
    return bool(hit.any())


def _accuracy(release: object, runs: int) -> float:
    with_rare = pd.concat([_base(), pd.DataFrame([RARE])], ignore_index=True)
    right = 0
    for _ in range(runs):
        right += _rare_in(release(with_rare))  # type: ignore[operator]
        right += not _rare_in(release(_base()))  # type: ignore[operator]
    return right / (2 * runs)


def test_the_file_has_the_columns_and_states_its_budget() -> None:
    release = synthesise(_base(), 2025, epsilon=1.0)
    assert tuple(release.rows.columns) == COLUMNS
    assert release.epsilon == pytest.approx(1.0)
    text = release.to_csv().decode()
    assert "# epsilon: 1.0" in text
    back = pd.read_csv(__import__("io").StringIO(text), comment="#")
    assert len(back) == len(release.rows)


def test_membership_attack_gains_no_more_than_epsilon_allows() -> None:
    epsilon, runs = 1.0, 150
    bound = math.exp(epsilon) / (1 + math.exp(epsilon))
    accuracy = _accuracy(lambda f: synthesise(f, 2025, epsilon=epsilon).rows, runs)
    assert accuracy <= bound + 3 * math.sqrt(0.25 / (2 * runs)), accuracy


def test_the_same_attack_wins_against_a_release_without_noise() -> None:
    exact = _accuracy(lambda f: person_frame(f), 5)
    assert exact == 1.0


def test_an_epsilon_out_of_range_is_refused() -> None:
    with pytest.raises(ValueError):
        synthesise(_base(), 2025, epsilon=0)
