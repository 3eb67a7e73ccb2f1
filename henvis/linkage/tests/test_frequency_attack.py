"""Frequency attacks on the name encodings (the attacks and their population are in
``frequency_attack.py``, shared with the attack curve of ``bench/linkage_bench.py``)."""

from __future__ import annotations

import pytest

from henvis.linkage.schema import EncodingParams
from henvis.linkage.tests.frequency_attack import (
    NEAR_CHANCE,
    THRESHOLDS,
    every_attack,
    given_attack,
    population,
)
from henvis.linkage.tests.frequency_attack import best as best_of
from henvis.linkage.tests.frequency_attack import chance as chance_of

# ----------------------------------------------------------------------------------
# Tests


def test_the_attacks_work_on_unprotected_bloom_filters() -> None:
    """Without noise and salt the exact, min-hash and cluster attacks re-identify at
    least twice the chance level: the attack is strong enough to fail the tests below
    if their defence is removed."""
    names = population()[1]
    chance = chance_of(names)
    results = given_attack(EncodingParams(flip_probability=0.0, year_salt=False))
    for label in ("exact", "minhash", "cluster>=0.9"):
        assert results[label] >= 2 * chance, (label, results[label], chance)


def test_noise_defeats_counting_identical_filters() -> None:
    names = population()[1]
    chance = chance_of(names)
    protected = given_attack(EncodingParams(year_salt=False))
    unprotected = given_attack(EncodingParams(flip_probability=0.0, year_salt=False))
    assert protected["exact"] <= NEAR_CHANCE * chance
    assert unprotected["exact"] >= 2 * chance


def test_year_salt_keeps_whole_file_attacks_near_chance_and_lowers_the_best() -> None:
    """The birth-year salt splits each name's records by year: every attack on the
    whole file (not per year) stays near chance, where the same attacks on the unsalted
    encoding reach twice chance; and the best of all the attacks (per year, on the
    whole name, chained) does clearly less than the best on the unsalted encoding.
    Fails if the salt is removed."""
    names = population()[1]
    chance = chance_of(names)
    salted = given_attack(EncodingParams(year_salt=True))
    unsalted = given_attack(EncodingParams(year_salt=False))
    for label in ("minhash", *(f"cluster>={t}" for t in THRESHOLDS)):
        assert salted[label] <= NEAR_CHANCE * chance, (label, salted[label], chance)
    assert max(unsalted["minhash"], unsalted["cluster>=0.9"]) >= 2 * chance
    _, best_salted = best_of(every_attack(EncodingParams(year_salt=True)))
    _, best_unsalted = best_of(every_attack(EncodingParams(year_salt=False)))
    assert best_salted <= 0.75 * best_unsalted, (best_salted, best_unsalted)


# The best attack on the salted encoding at 3,000 records, measured 2026-12-03 when the
# salt was made the default (docs/linkage.md, Threat model): 1.91 x chance, the same on
# 2026-12-07 evening with the sparse attack. No encoding nearer to chance keeps FEBRL4 at
# F1 >= 0.95 (docs/linkage.md, Session 2026-12-07 evening), so the salt stays the default.
# The default must never leak more than that (a small margin for the chained attack's
# thresholds).
SALTED_BEST_AT_3000 = 1.95


def test_default_encoding_is_the_salted_one_and_leaks_no_more_than_it() -> None:
    """Privacy first (issue #14): the default encoding is the one whose best attack
    stays nearest to chance. Fails if the default goes back to the unsalted encoding
    (3.1 x chance) or anything else leaks more than the salted figure."""
    assert EncodingParams().year_salt
    names = population()[1]
    label, best = best_of(every_attack(EncodingParams()))
    assert best <= SALTED_BEST_AT_3000 * chance_of(names), (label, best / chance_of(names))
    _, unsalted = best_of(every_attack(EncodingParams(year_salt=False)))
    assert best < unsalted


# Known residual risks (docs/linkage.md, Threat model). Each test starts failing, and
# must become a normal test, when its encoding is fixed.
RESIDUAL_RISKS = [
    pytest.param(EncodingParams(year_salt=False), id="unsalted", marks=pytest.mark.xfail(
        strict=True, reason="the unsalted encoding's min-hashes and noisy filters group records by name")),
    pytest.param(EncodingParams(), id="default-salted", marks=pytest.mark.xfail(
        strict=True, reason="within one birth year the salted filters still group records by name "
        "(per-year alignment), and whole names that agree across years join those groups (chained attack)")),
]


@pytest.mark.parametrize("params", RESIDUAL_RISKS)
def test_encoding_keeps_every_attack_near_chance(params: EncodingParams) -> None:
    names = population()[1]
    label, best = best_of(every_attack(params))
    assert best <= NEAR_CHANCE * chance_of(names), (label, best)


def test_month_day_whole_name_salt_with_own_salts_keeps_every_attack_near_chance() -> None:
    """The private option measured this session (docs/linkage.md): with the whole name
    salted by month and day and records without a year salted each on their own, every
    attack here stays near chance at 3,000 records (measured 1.30 x). Fails if either
    part is removed (1.55 x and 2.31 x)."""
    names = population()[1]
    label, best = best_of(every_attack(EncodingParams(whole_name_salt="month-day", yearless_salt="record")))
    assert best <= NEAR_CHANCE * chance_of(names), (label, best / chance_of(names))
