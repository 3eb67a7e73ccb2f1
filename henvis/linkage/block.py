"""Blocking: which pairs of encoded records are compared at all.

No rule compares all pairs. Each rule is an equi-join on one *capped block key*, a
value computed at link time from keyed columns:

* keyed min-hashes of the given and family name bigrams (one key per min-hash, both
  names must share it; a record with a typo in one name still shares most min-hashes),
* the first min-hash of both names in either order (names swapped between fields),
* an exact birth date,
* one min-hash of one name together with the birth year,
* exact identity numbers (not capped: they are nearly unique).

A block larger than ``BLOCK_CAP`` records (a common name, a common birth date) is split
by the next key of its refinement chain (birth year, then month and day, or sex), and
a block still too large after the last refinement is dropped from that rule: its
records still meet through the other rules. Each record then joins at most
``BLOCK_CAP - 1`` others per rule, so the number of scored pairs grows linearly with
the input instead of with the square of the largest blocks. Records that lack the
refining value (no birth date) leave the rule for that block: on common names a name
alone says little, which is also where false links came from.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from henvis.linkage.schema import EncodingParams

# Records per block before it is refined: at most BLOCK_CAP - 1 partners per record and
# rule. Measured 2026-11-25 (docs/linkage.md): caps 10 / 15 / 20 / 50 gave FEBRL4 F1
# 0.963 / 0.965 / 0.9645 / 0.965 and synthetic 10k-person precision 0.82 / 0.76 / 0.73 /
# 0.69; 15 keeps FEBRL4 within 0.0005 of the uncapped rules.
BLOCK_CAP = 15

_DATE = ("dy", "dm", "dd")


@dataclass(frozen=True)
class BlockKey:
    """A capped block key: ``column`` is computed from ``chain[0]``, refined by the
    later entries of ``chain`` when a block is larger than the cap. ``unordered``
    makes the first level's two columns an unordered pair (for swapped names)."""

    column: str
    chain: tuple[tuple[str, ...], ...]
    unordered: bool = False


def block_keys(params: EncodingParams) -> list[BlockKey]:
    keys = [
        BlockKey(f"bk{i}", ((f"mhg{i}", f"mhf{i}"), (f"mhg{i}", f"mhf{i}", "dy"), (f"mhg{i}", f"mhf{i}", *_DATE)))
        for i in range(1, params.minhashes + 1)
    ]
    keys += [
        BlockKey("bksw", (("mhg1", "mhf1"), ("mhg1", "mhf1", "dy"), ("mhg1", "mhf1", *_DATE)), unordered=True),
        BlockKey("bkd", (_DATE, (*_DATE, "sx"))),
        BlockKey("bkfy", (("mhf2", "dy"), ("mhf2", *_DATE))),
        BlockKey("bkgy", (("mhg2", "dy"), ("mhg2", *_DATE))),
    ]
    if params.year_salt:
        # With the birth-year salt (EncodingParams.year_salt, off by default) the name
        # min-hashes above are then salted with the birth year and only meet within one
        # year; the unsalted whole-name min-hashes block records whose years differ or
        # are missing (refined by month and day).
        keys += [
            BlockKey(f"bkn{i}{j}", ((f"mhn{i}", f"mhn{j}"), (f"mhn{i}", f"mhn{j}", "dm", "dd")))
            for i in range(1, params.minhashes + 1)
            for j in range(i + 1, params.minhashes + 1)
        ]
    return keys


def capped_key(data: pd.DataFrame, key: BlockKey, cap: int = BLOCK_CAP) -> pd.Series:
    """One Int64 value per record: equal for records in the same (refined) block, NA
    for records outside every block of at most ``cap`` records.

    >>> df = pd.DataFrame({"a": [1, 1, 1, 2], "b": [5, 5, 6, 7]}).astype("Int64")
    >>> k = capped_key(df, BlockKey("k", (("a",), ("a", "b"))), cap=2)
    >>> bool(k[0] == k[1] and k[0] != k[2] and pd.isna(k[3]) is False)
    True
    """
    frame = data[list(dict.fromkeys(c for level in key.chain for c in level))].copy()
    if key.unordered:
        a, b = key.chain[0][:2]
        lo = frame[[a, b]].min(axis=1)
        hi = frame[[a, b]].max(axis=1)
        frame[a], frame[b] = lo, hi
    out = pd.Series(pd.NA, index=data.index, dtype="Int64")
    todo = np.ones(len(data), dtype=bool)
    for depth, cols in enumerate(key.chain):
        part = frame.loc[todo, list(cols)]
        complete = part.notna().all(axis=1).to_numpy()
        part = part[complete].astype("int64")
        if part.empty:
            break
        hashed = pd.util.hash_pandas_object(part, index=False).to_numpy()
        sizes = pd.Series(hashed).map(pd.Series(hashed).value_counts()).to_numpy()
        small = sizes <= cap
        # The depth goes into the value so that a refined key never equals a coarse one.
        tag = np.uint64((depth + 1) * 0x9E3779B97F4A7C15 % 2**64)
        values = (hashed ^ tag).view(np.int64)
        idx = part.index.to_numpy()
        out.loc[idx[small]] = values[small]
        # Only records of oversized blocks go on to be refined; records lacking a value
        # of this level stay out of the rule.
        todo[:] = False
        todo[data.index.get_indexer(idx[~small])] = True
        if not todo.any():
            break
    return out


# EM sessions blocked on one name alone: a common family or given name would make a
# block of thousands of records (11 million pairs per session at 30,000 synthetic
# persons), so blocks above TRAINING_CAP records are left out of training. No
# refinement: refining by birth date would bias the date's m, which these sessions give.
TRAINING_CAP = 200
TRAINING_KEYS = (
    BlockKey("tkf", (("mhf1", "mhf2", "mhf3"),)),
    BlockKey("tkg", (("mhg1", "mhg2", "mhg3"),)),
)


# With the salt, pairs whose birth years differ by one (an estimated year) meet on the
# whole name's min-hashes and the year: one record's (name, year) equals the other's
# (name, year - 1). Two pairs of min-hashes, so a typo in the name still meets.
YEAR_APART_KEYS = (("mhn1", "mhn2"), ("mhn3", "mhn4"))


def year_apart_keys(data: pd.DataFrame, cap: int = BLOCK_CAP) -> dict[str, pd.Series]:
    """Columns ``bya{k}`` (whole name + birth year) and ``byb{k}`` (whole name + the
    year before): the rule ``l.bya = r.byb`` pairs records one year apart. A value
    held by more than ``cap`` records on either side is left out (a common name):
    linear growth, as for the other keys.

    >>> d = pd.DataFrame({"mhn1": [1, 1], "mhn2": [2, 2], "mhn3": [3, 3], "mhn4": [4, 4],
    ...                   "dy": [1990, 1991], "dyp": [1989, 1990]}).astype("Int64")
    >>> k = year_apart_keys(d)
    >>> bool(k["bya1"][0] == k["byb1"][1])
    True
    """
    out: dict[str, pd.Series] = {}
    for number, (a, b) in enumerate(YEAR_APART_KEYS, start=1):
        values = {}
        for side, year in (("a", "dy"), ("b", "dyp")):
            part = data[[a, b, year]]
            complete = part.notna().all(axis=1).to_numpy()
            hashed = pd.util.hash_pandas_object(part[complete].astype("int64").set_axis(["x", "y", "z"], axis=1), index=False)
            column = pd.Series(pd.NA, index=data.index, dtype="Int64")
            column[complete] = hashed.to_numpy().view(np.int64)
            values[side] = column
        sizes_a, sizes_b = values["a"].value_counts(), values["b"].value_counts()
        for side, column in values.items():
            too_big = column.map(sizes_a).fillna(0).gt(cap) | column.map(sizes_b).fillna(0).gt(cap)
            column[too_big.to_numpy()] = pd.NA
            out[f"by{side}{number}"] = column
    return out


def add_block_keys(data: pd.DataFrame, params: EncodingParams, cap: int = BLOCK_CAP) -> pd.DataFrame:
    """``data`` with one capped block-key column per rule (see :func:`block_keys`) and
    the capped keys of the single-name training sessions."""
    out = data.copy()
    for key in block_keys(params):
        out[key.column] = capped_key(data, key, cap)
    if params.year_salt:
        for column, values in year_apart_keys(data, cap).items():
            out[column] = values
    for key in TRAINING_KEYS:
        out[key.column] = capped_key(data, key, TRAINING_CAP)
    for key in SALTED_TRAINING_KEYS if params.year_salt else ():
        out[key.column] = capped_key(data, key, max(len(data), 2))  # not capped: sampled in training
    return out


def prediction_rules(params: EncodingParams, present: Sequence[str] | set[str]) -> list[str]:
    rules = [f"l.{key.column} = r.{key.column}" for key in block_keys(params)]
    if params.year_salt:
        for number in range(1, len(YEAR_APART_KEYS) + 1):
            rules += [f"l.bya{number} = r.byb{number}", f"l.byb{number} = r.bya{number}"]
    rules += [f"l.{col} = r.{col}" for col in ("nid", "duf") if col in present]
    return rules


# EM needs blocks where many but not all pairs match, and at least two comparisons left
# free in each. Naming a filter count in a rule makes Splink leave that comparison out
# of the session (pairs picked for sharing a name's min-hashes say nothing fair about
# that name), and asks for the name to be present.
DATE_TRAINING_RULE = "l.dy = r.dy AND l.dm = r.dm AND l.dd = r.dd"
NAMES_TRAINING_RULE = "l.mhg1 = r.mhg1 AND l.mhf1 = r.mhf1 AND l.mhg2 = r.mhg2 AND l.mhf2 = r.mhf2"
FAMILY_TRAINING_RULE = "l.tkf = r.tkf AND l.fc > 0 AND r.fc > 0"
GIVEN_TRAINING_RULE = "l.tkg = r.tkg AND l.gc > 0 AND r.gc > 0"
# With the birth-year salt the name min-hashes only meet within one birth year, so
# sessions blocked on them would teach EM that a true match always has the same year.
# The birth date's m then comes from a latent model (train._across_years) on the pairs
# sharing three of the four unsalted whole-name min-hashes (not capped: sampled).
SALTED_TRAINING_KEYS = (
    BlockKey("tkn1", (("mhn1", "mhn2", "mhn3"),)),
    BlockKey("tkn2", (("mhn2", "mhn3", "mhn4"),)),
    BlockKey("tkn3", (("mhn1", "mhn3", "mhn4"),)),
)
