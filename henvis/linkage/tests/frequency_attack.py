"""Frequency attacks on the name encodings, on what an encoded file really holds.

The attacks and their population, used by ``test_frequency_attack.py`` and by the attack
curve of ``bench/linkage_bench.py --attack-curve``.

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
* each of these over the whole file, separately within each keyed birth-year value
  ``dy`` (so salting names with the birth year cannot be undone by grouping on it) and
  within each unordered pair of keyed month and day values (the month-day salt) and
  within each keyed birth date (the date salt);
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
from scipy import sparse

from henvis.linkage.encode import encode_frame
from henvis.linkage.normalise import normalise_name
from henvis.linkage.schema import EncodingParams

KEY = b"test-only shared key, 32 bytes!!"  # as tests/conftest.py

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


@lru_cache(maxsize=2)
def population(persons: int = PERSONS) -> tuple[pd.DataFrame, pd.Series, pd.Series, pd.Series]:
    """(records, true given names, public given-name list, public family-name list)."""
    rng = np.random.default_rng(1)
    given, family = _draw_names(rng, persons)
    year = rng.integers(1960, 2008, persons)
    month = rng.integers(1, 13, persons)
    day = rng.integers(1, 29, persons)
    dates = [f"{y}-{m:02d}-{d:02d}" for y, m, d in zip(year, month, day, strict=True)]
    missing = rng.random(persons) < 0.1
    records = pd.DataFrame({
        "record_id": [str(i) for i in range(persons)], "source": "a",
        "given_name": given, "family_name": family,
        "birth_date": np.where(missing, "", dates), "sex": "", "citizenship": "",
        "national_id": "", "duf_number": "",
    })
    public_given, public_family = _draw_names(np.random.default_rng(2), 5 * persons)
    return (
        records,
        pd.Series(given),
        pd.Series(public_given).value_counts(),
        pd.Series(public_family).value_counts(),
    )


@lru_cache(maxsize=4)
def encode(params: EncodingParams, persons: int = PERSONS) -> pd.DataFrame:
    records = population(persons)[0]
    return encode_frame(records, KEY, params=params, rng=np.random.default_rng(3))


# ----------------------------------------------------------------------------------
# The attack
#
# The similarity attacks keep only the pairs at Dice >= the lowest threshold, as a
# sparse graph computed in row chunks, instead of the full n x n matrix: the same
# float32 arithmetic, the same greedy order and the same groups, in memory and time
# that grow with the pairs kept (a 30,000-record file fits; the dense version took 35
# minutes at 10,000).

CHUNK = 1024


def _align(groups: np.ndarray, public: pd.Index) -> np.ndarray:
    """Largest group -> most frequent public value, and so on."""
    ranked = pd.Series(groups).value_counts()
    guess = dict(zip(ranked.index, public[: len(ranked)], strict=False))
    return pd.Series(groups).map(guess).to_numpy()


def _bits(encoded: pd.DataFrame, prefix: str) -> np.ndarray:
    cols = [c for c in encoded.columns if c[:-1] == prefix and c[-1].isdigit()]
    words = np.ascontiguousarray(encoded[cols].astype("int64").to_numpy())
    return np.unpackbits(words.view(np.uint8), axis=1, bitorder="little")


def dice_graph(bits: np.ndarray, floor: float = min(THRESHOLDS)) -> sparse.csr_matrix:
    """Dice similarities >= ``floor`` of every pair of filters (the diagonal included
    where a filter is not empty), as a sparse matrix of float32 values."""
    b = bits.astype(np.float32)
    count = b.sum(axis=1)
    rows, cols, values = [], [], []
    for start in range(0, len(b), CHUNK):
        stop = min(start + CHUNK, len(b))
        dice = 2 * (b[start:stop] @ b.T) / np.maximum(count[start:stop, None] + count[None, :], 1)
        r, c = np.nonzero(dice >= floor)
        rows.append(r + start)
        cols.append(c)
        values.append(dice[r, c])
    return sparse.csr_matrix(
        (np.concatenate(values), (np.concatenate(rows), np.concatenate(cols))), shape=(len(b), len(b))
    )


def _near(graph: sparse.csr_matrix, threshold: float) -> sparse.csr_matrix:
    near = graph.copy()
    near.data = (near.data >= threshold).astype(np.int8)
    near.eliminate_zeros()
    return near


def _clusters(near: sparse.csr_matrix) -> np.ndarray:
    """Greedy clusters: leaders in order of falling neighbour count (stable), each
    taking its neighbours not yet taken."""
    indptr, indices = near.indptr, near.indices
    labels = np.full(near.shape[0], -1)
    for i in np.argsort(-near.getnnz(axis=1), kind="stable"):
        if labels[i] < 0:
            neighbours = indices[indptr[i] : indptr[i + 1]]
            labels[neighbours[labels[neighbours] < 0]] = i
            labels[i] = i
    return labels


def _equal_rows(columns: pd.DataFrame) -> np.ndarray:
    """One number per distinct row, numbered in order of first appearance (so that
    ties between equal-sized groups fall as they did with the rows joined as text)."""
    return columns.groupby(list(columns.columns), sort=False, dropna=False).ngroup().to_numpy()


def _groupings(encoded: pd.DataFrame, prefix: str) -> Iterator[tuple[str, np.ndarray]]:
    words = [c for c in encoded.columns if c[:-1] == prefix and c[-1].isdigit()]
    yield "exact", _equal_rows(encoded[words])
    minhashes = [c for c in encoded.columns if c.startswith(f"mh{prefix}")]
    if minhashes:
        yield "minhash", _equal_rows(encoded[minhashes])
    graph = dice_graph(_bits(encoded, prefix))
    for t in THRESHOLDS:
        yield f"cluster>={t}", _clusters(_near(graph, t))


def attack(encoded: pd.DataFrame, names: pd.Series, public: pd.Index, prefix: str = "g") -> dict[str, float]:
    """Success of every grouping, over the whole file and within each birth-year value."""
    truth = names.to_numpy()
    years = pd.factorize(encoded["dy"])[0]  # records without a year share -1, as they share a salt
    # Month and day as an unordered pair of keyed hashes (they share one key), as the
    # month-day salt of the whole name uses them.
    month, day = (encoded[c].fillna(np.iinfo(np.int64).min).to_numpy(dtype=np.int64) for c in ("dm", "dd"))
    month_day = pd.DataFrame({"a": np.minimum(month, day), "b": np.maximum(month, day)})
    month_day = month_day.groupby(["a", "b"], sort=False).ngroup().to_numpy()
    # The whole birth date as given (the date salt of the names), unknown parts included.
    dates = encoded[["dy", "dm", "dd"]].groupby(["dy", "dm", "dd"], sort=False, dropna=False).ngroup().to_numpy()
    out: dict[str, float] = {}
    for label, groups in _groupings(encoded, prefix):
        out[label] = float(np.mean(_align(groups, public) == truth))
        guess = np.empty(len(groups), dtype=object)
        for year in np.unique(years):
            sel = years == year
            guess[sel] = _align(groups[sel], public)
        out[f"{label} per year"] = float(np.mean(guess == truth))
        for within, split in (("per month and day", month_day), ("per date", dates)):
            out[f"{label} {within}"] = float(np.mean(_align_within(groups, split, public) == truth))
    return out


def _align_within(groups: np.ndarray, split: np.ndarray, public: pd.Index) -> np.ndarray:
    """:func:`_align` within each value of ``split`` at once (thousands of small
    groups): equal sizes are ranked by first appearance."""
    frame = pd.DataFrame({"split": split, "group": groups})
    sizes = frame.groupby(["split", "group"], sort=False).size().rename("size").reset_index()
    sizes["first"] = np.arange(len(sizes))
    sizes = sizes.sort_values(["split", "size", "first"], ascending=[True, False, True], kind="stable")
    sizes["rank"] = sizes.groupby("split").cumcount()
    ranked = frame.merge(sizes[["split", "group", "rank"]], on=["split", "group"], how="left")["rank"].to_numpy()
    names = public.to_numpy()
    guess = np.full(len(ranked), None, dtype=object)
    known = ranked < len(names)
    guess[known] = names[ranked[known]]
    return guess


def _chained(encoded: pd.DataFrame) -> Iterator[tuple[str, np.ndarray]]:
    """Per threshold t: Dice clusters (>= t) of the salted given-name filters within
    each birth-year value, joined across years wherever two records' unsalted whole-name
    filters have Dice >= t (connected components of both kinds of edges). Min-hash
    tuples would be a coarser start: four min-hashes are shared by similar names
    (drita, dritan), and the joins would then mix names."""
    from scipy.sparse.csgraph import connected_components

    n = len(encoded)
    years = pd.factorize(encoded["dy"])[0]  # records without a year share -1, as they share a salt
    given = dice_graph(_bits(encoded, "g"))
    whole = dice_graph(_bits(encoded, "n"))
    per_year = [np.flatnonzero(years == year) for year in np.unique(years)]
    for t in THRESHOLDS:
        near_given = _near(given, t)
        within_year = np.empty(n, dtype=np.int64)
        for sel in per_year:
            within_year[sel] = sel[_clusters(near_given[sel][:, sel])]
        upper = sparse.triu(_near(whole, t), 1).tocoo()
        rows = np.concatenate([np.arange(n), upper.row])
        cols = np.concatenate([within_year, upper.col])
        graph = sparse.coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
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
def given_attack(params: EncodingParams, persons: int = PERSONS) -> dict[str, float]:
    _, names, public, _ = population(persons)
    return attack(encode(params, persons), names, public.index)


@lru_cache(maxsize=4)
def every_attack(params: EncodingParams, persons: int = PERSONS) -> dict[str, float]:
    """The given-name attacks, the attacks on the whole-name filter with the given-name
    and the (given, family) lists, and the chained attacks."""
    _, names, public_given, public_family = population(persons)
    encoded = encode(params, persons)
    results = dict(given_attack(params, persons))
    whole = attack(encoded, names, public_given.index, prefix="n")
    joint = attack(encoded, names, _joint_given(public_given, public_family), prefix="n")
    results.update({f"whole name, given list: {k}": v for k, v in whole.items()})
    results.update({f"whole name, pair list: {k}": v for k, v in joint.items()})
    for label, groups in _chained(encoded):
        results[label] = float(np.mean(_align(groups, public_given.index) == names.to_numpy()))
    return results


def chance(names: pd.Series) -> float:
    return float(names.value_counts(normalize=True).iloc[0])


def best(results: dict[str, float]) -> tuple[str, float]:
    label = max(results, key=lambda k: results[k])
    return label, results[label]
