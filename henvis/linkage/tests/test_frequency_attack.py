"""Frequency attacks on the name encodings, on what an encoded file really holds.

The attacker (the statistics unit, or a thief of encoded files, without the key) holds
a public name-frequency list and aligns it with frequencies seen in the encoded file:
the most frequent group of encodings is taken to be the most frequent name, and so on.
Groups are formed in the attacker's best ways:

* ``exact``: records with identical filter words (what the BLIP noise defends against);
* ``minhash``: records with the same tuple of keyed min-hashes (``mhg1..mhg4``), which
  are stored for blocking and are deterministic;
* ``cluster``: greedy clustering of the noisy given-name filters by Dice similarity
  (leaders in order of falling neighbour count; thresholds 0.95 to 0.6, the best one
  for the attacker chosen with hindsight), since the same name with 1 % flipped bits
  stays within a few bits of itself;
* each of these over the whole file and separately within each keyed birth-year value
  ``dy`` (so salting names with the birth year cannot be undone by grouping on it);
* against the whole-name filter and its min-hashes (``n*``, ``mhn*``, unsalted) with a
  list of (given, family) pairs built from the public given and family lists;
* ``chained``: with the salt, the per-year groups of one given name joined across
  years through records whose unsalted whole names are nearly equal (the same full
  name implies the same given name), to undo the salt.

The population attacked has a realistic, skewed name distribution: given and family
names from the synthetic generator's name parts with Zipf frequencies (frequency of the
k-th name proportional to 1/k), as published name-frequency tables show. The public
list comes from a *different* population drawn from the same distribution (a census
table is not the attacked register). The generator's own populations are not used as
the attacked population: names are drawn uniformly within each origin group there, so
no frequency attack beats chance by much even on unprotected filters, and a test on them
could not fail.

Success = share of records whose given name the attack gets right. Chance = share of
the most frequent given name (the success of guessing that name for every record, with
a perfect list). **Near chance = at most 1.5 x chance.**
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

import numpy as np
import pandas as pd
import pytest

from henvis.linkage.encode import encode_frame
from henvis.linkage.normalise import normalise_name
from henvis.linkage.schema import EncodingParams
from henvis.linkage.tests.conftest import KEY

NEAR_CHANCE = 1.5
THRESHOLDS = (0.95, 0.9, 0.8, 0.7, 0.6)
PERSONS = 3000


# ----------------------------------------------------------------------------------
# Populations


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[np.ndarray, np.ndarray]:
    from henvis.synthetic.parts import load_name_groups

    given: set[str] = set()
    family: set[str] = set()
    for group in load_name_groups().values():
        for sex in ("F", "M"):
            given.update(normalise_name(p.canonical) for p in group.given(sex))
            family.update(normalise_name(p.canonical) for p in group.family(sex))
    # A fixed shuffle decides which name is the most common one.
    g = np.array(sorted(given - {""}))
    f = np.array(sorted(family - {""}))
    return g[np.random.default_rng(100).permutation(len(g))], f[np.random.default_rng(101).permutation(len(f))]


def _zipf(n: int) -> np.ndarray:
    w = 1.0 / np.arange(1, n + 1)
    return w / w.sum()


def _draw_names(rng: np.random.Generator, size: int) -> tuple[np.ndarray, np.ndarray]:
    g, f = _vocabulary()
    return g[rng.choice(len(g), size, p=_zipf(len(g)))], f[rng.choice(len(f), size, p=_zipf(len(f)))]


@lru_cache(maxsize=1)
def _population() -> tuple[pd.DataFrame, pd.Series, pd.Series, pd.Series]:
    """(records, true given names, public given-name list, public family-name list)."""
    rng = np.random.default_rng(1)
    given, family = _draw_names(rng, PERSONS)
    year = rng.integers(1960, 2008, PERSONS)
    month = rng.integers(1, 13, PERSONS)
    day = rng.integers(1, 29, PERSONS)
    dates = [f"{y}-{m:02d}-{d:02d}" for y, m, d in zip(year, month, day, strict=True)]
    missing = rng.random(PERSONS) < 0.1
    records = pd.DataFrame({
        "record_id": [str(i) for i in range(PERSONS)], "source": "a",
        "given_name": given, "family_name": family,
        "birth_date": np.where(missing, "", dates), "sex": "", "citizenship": "",
        "national_id": "", "duf_number": "",
    })
    public_given, public_family = _draw_names(np.random.default_rng(2), 5 * PERSONS)
    return (
        records,
        pd.Series(given),
        pd.Series(public_given).value_counts(),
        pd.Series(public_family).value_counts(),
    )


@lru_cache(maxsize=4)
def _encode(params: EncodingParams) -> pd.DataFrame:
    records = _population()[0]
    return encode_frame(records, KEY, params=params, rng=np.random.default_rng(3))


# ----------------------------------------------------------------------------------
# The attack


def _align(groups: np.ndarray, public: pd.Index) -> np.ndarray:
    """Largest group -> most frequent public value, and so on."""
    ranked = pd.Series(groups).value_counts()
    guess = dict(zip(ranked.index, public[: len(ranked)], strict=False))
    return pd.Series(groups).map(guess).to_numpy()


def _bits(encoded: pd.DataFrame, prefix: str) -> np.ndarray:
    cols = [c for c in encoded.columns if c[:-1] == prefix and c[-1].isdigit()]
    words = np.ascontiguousarray(encoded[cols].astype("int64").to_numpy())
    return np.unpackbits(words.view(np.uint8), axis=1, bitorder="little")


def _clusters(bits: np.ndarray, threshold: float) -> np.ndarray:
    b = bits.astype(np.float32)
    count = b.sum(axis=1)
    dice = 2 * (b @ b.T) / np.maximum(count[:, None] + count[None, :], 1)
    near = dice >= threshold
    labels = np.full(len(b), -1)
    for i in np.argsort(-near.sum(axis=1), kind="stable"):
        if labels[i] < 0:
            labels[near[i] & (labels < 0)] = i
            labels[i] = i
    return labels


def _groupings(encoded: pd.DataFrame, prefix: str) -> Iterator[tuple[str, np.ndarray]]:
    words = [c for c in encoded.columns if c[:-1] == prefix and c[-1].isdigit()]
    yield "exact", encoded[words].astype(str).agg("|".join, axis=1).to_numpy()
    minhashes = [c for c in encoded.columns if c.startswith(f"mh{prefix}")]
    if minhashes:
        yield "minhash", encoded[minhashes].astype(str).agg("|".join, axis=1).to_numpy()
    bits = _bits(encoded, prefix)
    for t in THRESHOLDS:
        yield f"cluster>={t}", _clusters(bits, t)


def attack(encoded: pd.DataFrame, names: pd.Series, public: pd.Index, prefix: str = "g") -> dict[str, float]:
    """Success of every grouping, over the whole file and within each birth-year value."""
    truth = names.to_numpy()
    years = pd.factorize(encoded["dy"])[0]  # records without a year share -1, as they share a salt
    out: dict[str, float] = {}
    for label, groups in _groupings(encoded, prefix):
        out[label] = float(np.mean(_align(groups, public) == truth))
        guess = np.empty(len(groups), dtype=object)
        for year in np.unique(years):
            sel = years == year
            guess[sel] = _align(groups[sel], public)
        out[f"{label} per year"] = float(np.mean(guess == truth))
    return out


def _chained(encoded: pd.DataFrame) -> Iterator[tuple[str, np.ndarray]]:
    """Per threshold t: Dice clusters (>= t) of the salted given-name filters within
    each birth-year value, joined across years wherever two records' unsalted whole-name
    filters have Dice >= t (connected components of both kinds of edges). Min-hash
    tuples would be a coarser start: four min-hashes are shared by similar names
    (drita, dritan), and the joins would then mix names."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    n = len(encoded)
    years = pd.factorize(encoded["dy"])[0]  # records without a year share -1, as they share a salt
    given = _bits(encoded, "g")
    whole = _bits(encoded, "n").astype(np.float32)
    count = whole.sum(axis=1)
    dice = 2 * (whole @ whole.T) / np.maximum(count[:, None] + count[None, :], 1)
    for t in THRESHOLDS:
        within_year = np.empty(n, dtype=np.int64)
        for year in np.unique(years):
            sel = np.flatnonzero(years == year)
            within_year[sel] = sel[_clusters(given[sel], t)]
        left, right = np.nonzero(np.triu(dice >= t, 1))
        rows = np.concatenate([np.arange(n), left])
        cols = np.concatenate([within_year, right])
        graph = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
        yield f"chained through whole names >= {t}", connected_components(graph, directed=False)[1]


def _joint_given(public_given: pd.Series, public_family: pd.Series) -> pd.Index:
    """Given names of a (given, family) frequency list, most frequent pair first, the
    pair frequencies taken as the product of the public lists (independent names)."""
    g = public_given / public_given.sum()
    f = public_family / public_family.sum()
    joint = np.outer(g.to_numpy(), f.to_numpy()).ravel()
    order = np.argsort(-joint, kind="stable")
    return pd.Index(np.repeat(g.index.to_numpy(), len(f))[order])


@lru_cache(maxsize=4)
def _given_attack(params: EncodingParams) -> dict[str, float]:
    _, names, public, _ = _population()
    return attack(_encode(params), names, public.index)


@lru_cache(maxsize=2)
def _every_attack(params: EncodingParams) -> dict[str, float]:
    """The given-name attacks, the attacks on the whole-name filter with the given-name
    and the (given, family) lists, and the chained attacks."""
    _, names, public_given, public_family = _population()
    encoded = _encode(params)
    results = dict(_given_attack(params))
    whole = attack(encoded, names, public_given.index, prefix="n")
    joint = attack(encoded, names, _joint_given(public_given, public_family), prefix="n")
    results.update({f"whole name, given list: {k}": v for k, v in whole.items()})
    results.update({f"whole name, pair list: {k}": v for k, v in joint.items()})
    for label, groups in _chained(encoded):
        results[label] = float(np.mean(_align(groups, public_given.index) == names.to_numpy()))
    return results


def _chance(names: pd.Series) -> float:
    return float(names.value_counts(normalize=True).iloc[0])


def _best(results: dict[str, float]) -> tuple[str, float]:
    label = max(results, key=lambda k: results[k])
    return label, results[label]


# ----------------------------------------------------------------------------------
# Tests


def test_the_attacks_work_on_unprotected_bloom_filters() -> None:
    """Without noise and salt the exact, min-hash and cluster attacks re-identify at
    least twice the chance level: the attack is strong enough to fail the tests below
    if their defence is removed."""
    names = _population()[1]
    chance = _chance(names)
    results = _given_attack(EncodingParams(flip_probability=0.0, year_salt=False))
    for label in ("exact", "minhash", "cluster>=0.9"):
        assert results[label] >= 2 * chance, (label, results[label], chance)


def test_noise_defeats_counting_identical_filters() -> None:
    names = _population()[1]
    chance = _chance(names)
    protected = _given_attack(EncodingParams(year_salt=False))
    unprotected = _given_attack(EncodingParams(flip_probability=0.0, year_salt=False))
    assert protected["exact"] <= NEAR_CHANCE * chance
    assert unprotected["exact"] >= 2 * chance


def test_year_salt_keeps_whole_file_attacks_near_chance_and_lowers_the_best() -> None:
    """The birth-year salt splits each name's records by year: every attack on the
    whole file (not per year) stays near chance, where the same attacks on the unsalted
    encoding reach twice chance; and the best of all the attacks (per year, on the
    whole name, chained) does clearly less than the best on the unsalted encoding.
    Fails if the salt is removed."""
    names = _population()[1]
    chance = _chance(names)
    salted = _given_attack(EncodingParams(year_salt=True))
    unsalted = _given_attack(EncodingParams(year_salt=False))
    for label in ("minhash", *(f"cluster>={t}" for t in THRESHOLDS)):
        assert salted[label] <= NEAR_CHANCE * chance, (label, salted[label], chance)
    assert max(unsalted["minhash"], unsalted["cluster>=0.9"]) >= 2 * chance
    _, best_salted = _best(_every_attack(EncodingParams(year_salt=True)))
    _, best_unsalted = _best(_every_attack(EncodingParams(year_salt=False)))
    assert best_salted <= 0.75 * best_unsalted, (best_salted, best_unsalted)


# The best attack on the salted encoding at 3,000 records, measured 2026-12-03 when the
# salt was made the default (docs/linkage.md, Threat model): 1.91 x chance. The default
# must never leak more than that (a small margin for the chained attack's thresholds).
SALTED_BEST_AT_3000 = 1.95


def test_default_encoding_is_the_salted_one_and_leaks_no_more_than_it() -> None:
    """Privacy first (issue #14): the default encoding is the one whose best attack
    stays nearest to chance. Fails if the default goes back to the unsalted encoding
    (3.1 x chance) or anything else leaks more than the salted figure."""
    assert EncodingParams().year_salt
    names = _population()[1]
    label, best = _best(_every_attack(EncodingParams()))
    assert best <= SALTED_BEST_AT_3000 * _chance(names), (label, best / _chance(names))
    _, unsalted = _best(_every_attack(EncodingParams(year_salt=False)))
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
    names = _population()[1]
    label, best = _best(_every_attack(params))
    assert best <= NEAR_CHANCE * _chance(names), (label, best)
