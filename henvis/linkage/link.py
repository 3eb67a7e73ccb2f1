"""Linking encoded files at the statistics unit: train, score pairs, cluster."""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from henvis.linkage.block import add_block_keys
from henvis.linkage.cluster import CANNOT_LINK_BELOW, cluster, sample_constraints
from henvis.linkage.compare import ATTRIBUTE_FIELDS, EXACT_FIELDS
from henvis.linkage.encode import schema_of
from henvis.linkage.errors import LinkageError
from henvis.linkage.schema import EncodedSchema
from henvis.linkage.train import settings, train

MIN_PAIR_PROBABILITY = CANNOT_LINK_BELOW  # pairs below this are not links (nor clustered)
# DuckDB: bounded memory (it spills to a temporary directory beyond this) so that a
# million records stay within a few GiB on a shared machine.
DUCKDB_MEMORY_LIMIT = "4GB"


@dataclass
class LinkResult:
    """``clusters``: record_id, source, person_id, match_probability (one row per record).
    ``pairs``: record_id_l, source_l, record_id_r, source_r, match_probability: the links
    (probability >= MIN_PAIR_PROBABILITY) and the cannot-links the linkage samples need
    (below it; see cluster.sample_constraints).
    ``model``: the trained Splink model (m, u, lambda) as a dict.
    ``within_source_prior``: the prior used for pairs of records from one source."""

    clusters: pd.DataFrame
    pairs: pd.DataFrame
    model: dict[str, Any]
    within_source_prior: float


def _check_schemas(schemas: Sequence[EncodedSchema], allow_mixed_keys: bool) -> EncodedSchema:
    first = schemas[0]
    for other in schemas[1:]:
        if other.params != first.params or other.version != first.version:
            raise LinkageError(
                "filene er kodet med ulike parametere", "the files were encoded with different parameters"
            )
        if other.key_fingerprint != first.key_fingerprint and not allow_mixed_keys:
            raise LinkageError(
                "filene er kodet med ulike nøkler og kan ikke kobles",
                "the files were encoded with different keys and cannot be linked",
            )
    return first


class _Progress:
    """Bilingual progress lines on standard error with the seconds since the start."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.start = time.perf_counter()

    def __call__(self, message: str) -> None:
        if not self.quiet:
            print(f"linkage [{time.perf_counter() - self.start:6.1f} s]: {message}", file=sys.stderr, flush=True)


def _spark_session() -> Any:
    from pyspark.sql import SparkSession

    return (
        SparkSession.builder.master("local[2]")
        .appName("henvis-linkage")
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )


def _db_api(engine: str, spark: Any = None, temp_dir: str | None = None) -> Any:
    if engine == "duckdb":
        import duckdb
        from splink import DuckDBAPI

        config: dict[str, str | bool | int | float | list[str]] = {
            "memory_limit": DUCKDB_MEMORY_LIMIT,
            "preserve_insertion_order": False,
        }
        if temp_dir:
            config["temp_directory"] = temp_dir
        return DuckDBAPI(connection=duckdb.connect(":memory:", config=config))
    if engine == "spark":
        from splink import SparkAPI

        # persist instead of checkpoint: a local session has no checkpoint directory.
        return SparkAPI(spark_session=spark or _spark_session(), break_lineage_method="persist")
    raise LinkageError(f"ukjent motor {engine}", f"unknown engine {engine}")


def within_source_prior(
    prob: np.ndarray, within: np.ndarray, source_sizes: np.ndarray, lam: float,
    iterations: int = 50,
) -> tuple[np.ndarray, float]:
    """Give pairs of records from one source their own prior, estimated from the data.

    An organisation often recognises its own returning clients, so two of its records
    are the same person less often than Splink's single prior (for all pairs) assumes;
    how much less differs between data sets (FEBRL's files hold no duplicates, the
    synthetic organisations re-register people across years). The prior is the
    expected number of within-source matches over the number of within-source pairs,
    iterated to a fixed point like EM's lambda step; Bayes factors stay as Splink
    computed them, and pairs across sources keep Splink's prior. The within-source
    prior is never raised above Splink's.

    >>> p, prior = within_source_prior(np.array([0.9, 0.6]), np.array([False, True]), np.array([50, 50]), 1e-3)
    >>> bool(p[0] == 0.9 and p[1] < 0.6)
    True
    """
    n_within = max(float((source_sizes * (source_sizes - 1) // 2).sum()), 1.0)
    clipped = np.clip(prob, 1e-12, 1 - 1e-12)
    log_bf = np.log(clipped / (1 - clipped)) - np.log(lam / (1 - lam))
    adjusted = prob.copy()
    prior = lam
    for _ in range(iterations):
        # Only ever lowered: the fixed point counts false links too and would feed on
        # them when within-source pairs look alike (seen on the synthetic data).
        prior = float(np.clip(adjusted[within].sum() / n_within, 1e-12, lam))
        adjusted[within] = 1.0 / (1.0 + np.exp(-(log_bf[within] + np.log(prior / (1 - prior)))))
    return adjusted, prior


def _signature(data: pd.DataFrame, prefix: str, minhashes: int) -> pd.Series:
    """One 64-bit value per name from its keyed min-hashes (for term frequencies)."""
    cols = [f"mh{prefix}{i}" for i in range(1, minhashes + 1)]
    missing = data[cols[0]].isna()
    hashed = pd.util.hash_pandas_object(data[cols].fillna(0).astype("int64"), index=False)
    sig = pd.Series(hashed.to_numpy().view(np.int64), index=data.index).astype("Int64")
    sig[missing] = pd.NA
    return sig


SAME_SIGNATURE = "same birth-year salt: same name signature"


def _level_u(model: dict[str, Any], name: str, label: str) -> float | None:
    comparison = next((c for c in model["comparisons"] if c["output_column_name"] == name), None)
    level = next((lv for lv in (comparison or {}).get("comparison_levels", [])
                  if lv.get("label_for_charts") == label), None)
    u = None if level is None else level.get("u_probability")
    return float(u) if u else None


def _whole_name_dice(data: pd.DataFrame, left: np.ndarray, right: np.ndarray, words: int) -> np.ndarray:
    inter = np.zeros(len(left))
    for i in range(words):
        w = data[f"n{i}"].fillna(0).to_numpy(dtype=np.int64)
        inter += np.bitwise_count(w[left] & w[right])
    count = data["nc"].fillna(0).to_numpy(dtype=float)
    total = count[left] + count[right]
    return np.where(total > 0, 2.0 * inter / np.maximum(total, 1.0), 0.0)


def salted_name_frequency(
    data: pd.DataFrame, left: np.ndarray, right: np.ndarray, model: dict[str, Any], words: int = 4,
) -> np.ndarray:
    """Log Bayes-factor correction for how common each agreeing name is *within its
    salt* (birth year, or no year), added to the pairs' log-odds.

    The salted model's name levels have one u for every name: the chance that two
    different persons share a name. A pair sharing a name that many records carry is
    weaker evidence, one sharing a rare name stronger. Each record's name gets a rate
    among the *other* records of its own salt, shrunk towards u by one pseudo-occurrence:
    ``r = c_others + 1) / (n_others + 1/u)`` (c_others = other records of the salt with
    that salted signature, n_others = other records of the salt).

    * Same salt, signatures agree: the factor is u / r (c_others counts the partner).
    * Different salts (years differ or one is missing), whole names nearly equal
      (Dice >= 0.9): u_g u_f / (sqrt(r_g(a) r_g(b)) sqrt(r_f(a) r_f(b))), each record's
      rate measured in its own salt.

    Nothing here crosses salts: the counts are those of (salted signature, salt) groups,
    which anyone holding the file can count anyway (the per-year attacks of
    docs/linkage.md, Threat model, use exactly these groups), so no term frequency over
    the whole file is computed or handed on.

    >>> d = pd.DataFrame({"ysk": [1] * 6, "gsig": [7, 7, 7, 7, 8, 8], "fsig": [pd.NA] * 6,
    ...                   "n0": [0] * 6, "nc": [0] * 6}).astype("Int64")
    >>> lvl = {"label_for_charts": SAME_SIGNATURE, "u_probability": 0.2}
    >>> m = {"comparisons": [{"output_column_name": "given_name", "comparison_levels": [lvl]}]}
    >>> adj = salted_name_frequency(d, np.array([0, 4]), np.array([1, 5]), m, words=1)
    >>> bool(adj[0] < 0 < adj[1])
    True
    """
    out = np.zeros(len(left))
    salt = data["ysk"].to_numpy(dtype=np.int64)
    n_salt = pd.Series(salt).map(pd.Series(salt).value_counts()).to_numpy(dtype=float)
    same_salt = salt[left] == salt[right]
    whole = (~same_salt) & (_whole_name_dice(data, left, right, words) >= 0.9)
    across_rate = np.ones(int(whole.sum()))
    across_u = 1.0
    for prefix, name in (("g", "given_name"), ("f", "family_name")):
        u = _level_u(model, name, SAME_SIGNATURE)
        if u is None:
            continue
        sig = data[f"{prefix}sig"]
        known = sig.notna().to_numpy()
        sig_values = sig.fillna(0).to_numpy(dtype=np.int64)
        keys = pd.Series(list(zip(salt, sig_values, strict=True)))
        count = keys.map(keys.value_counts()).to_numpy(dtype=float)
        rate = np.where(known, count / (n_salt - 1.0 + 1.0 / u), u)  # (c - 1 + 1) / (n - 1 + 1/u)
        agree = known[left] & known[right] & same_salt & (sig_values[left] == sig_values[right])
        # Within one salt both records are in the count: the partner is not an "other".
        pair_rate = (count[left[agree]] - 1.0) / (n_salt[left[agree]] - 2.0 + 1.0 / u)
        out[agree] += np.log(u / np.maximum(pair_rate, 1e-12))
        across_rate *= np.sqrt(rate[left[whole]] * rate[right[whole]])
        across_u *= u
    if across_u < 1.0:
        out[whole] += np.log(across_u / np.maximum(across_rate, 1e-300))
    return out


def _shift(prob: np.ndarray, log_bf: np.ndarray) -> np.ndarray:
    clipped = np.clip(prob, 1e-12, 1 - 1e-12)
    return 1.0 / (1.0 + np.exp(-(np.log(clipped / (1 - clipped)) + log_bf)))


@contextmanager
def _single_thread_ctx(con: Any) -> Iterator[None]:
    threads = con.execute("SELECT current_setting('threads')").fetchone()[0]
    con.execute("SET threads = 1")
    try:
        yield
    finally:
        con.execute(f"SET threads = {int(threads)}")


def _single_thread(db_api: Any) -> Any:
    """EM sums match probabilities per comparison level; DuckDB adds a column's values
    in an order that depends on its threads, so the last bits of m (and so of every
    probability) would vary from run to run. Training runs on one thread."""
    return lambda: _single_thread_ctx(db_api.duckdb_con)


def _pair_arrays(predictions: Any, engine: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """uid_l, uid_r and match_probability of the scored pairs, as numpy arrays sorted by
    (uid_l, uid_r): the engines return rows in no fixed order, and the sums and ties
    downstream must not depend on it."""
    if engine == "duckdb":
        cols = predictions.db_api.duckdb_con.execute(
            f"SELECT uid_l, uid_r, match_probability FROM {predictions.physical_name}"  # noqa: S608 - Splink table name
        ).fetchnumpy()
        left = np.asarray(cols["uid_l"], dtype=np.int64)
        right = np.asarray(cols["uid_r"], dtype=np.int64)
        prob = np.asarray(cols["match_probability"], dtype=float)
    else:
        frame = predictions.as_spark_dataframe().select("uid_l", "uid_r", "match_probability").toPandas()
        left = frame["uid_l"].to_numpy(dtype=np.int64)
        right = frame["uid_r"].to_numpy(dtype=np.int64)
        prob = frame["match_probability"].to_numpy(dtype=float)
    order = np.lexsort((right, left))
    return left[order], right[order], prob[order]


def link_frames(
    frames: Sequence[pd.DataFrame],
    engine: str = "duckdb",
    *,
    threshold: float = 0.5,
    allow_mixed_keys: bool = False,
    model: dict[str, Any] | None = None,
    spark: Any = None,
    quiet: bool = False,
) -> LinkResult:
    """Link encoded frames (from :func:`henvis.linkage.encode.encode_frame`) into persons.

    Any number of frames, each from one or more sources; records are deduplicated within
    and linked across sources. Pass ``model`` (a previous ``LinkResult.model``) to score
    with a trained model instead of training on these data.

    >>> from henvis.linkage.encode import encode_frame
    >>> # result = link_frames([encode_frame(a, key), encode_frame(b, key)])
    >>> # result.clusters.groupby("person_id").size()
    """
    if not frames:
        raise LinkageError("ingen filer å koble", "no files to link")
    progress = _Progress(quiet)
    schema = _check_schemas([schema_of(f) for f in frames], allow_mixed_keys)
    params = schema.params
    data = pd.concat(list(frames), ignore_index=True)
    data = data.drop(columns=list(schema.kept_columns), errors="ignore")
    if data.duplicated(["source", "record_id"]).any():
        raise LinkageError(
            "samme record_id finnes to ganger i samme kilde",
            "the same record_id appears twice within one source",
        )
    # Every encoded column is a 64-bit integer; a column with no value in a file comes
    # back from Parquet without a type, which the engines cannot compute on.
    for col in data.columns:
        if col not in ("record_id", "source"):
            data[col] = data[col].astype("Int64")
    for prefix in ("g", "f"):
        data[f"{prefix}sig"] = _signature(data, prefix, params.minhashes)
    if params.year_salt:
        salt = data["dy"]
        if params.name_salt == "date":
            # The salt is the whole date as given: one value per (year, month, day),
            # an unknown part counting as a value of its own; no year = no salt.
            parts = data[["dy", "dm", "dd"]].fillna(0).astype("int64")
            hashed = pd.util.hash_pandas_object(parts, index=False).to_numpy().view(np.int64)
            salt = pd.Series(hashed, index=data.index, dtype="Int64").where(data["dy"].notna())
        if params.yearless_salt == "record":
            # Each record without a year has a salt of its own: a value no year hash
            # takes (up to a 2**-64 chance), so that it shares its salt with no record.
            salt = salt.fillna(pd.Series(-1 - np.arange(len(data), dtype=np.int64), index=data.index))
        data["ys"] = salt  # the salt of the name filters (see compare.SAME_SALT)
        data["ysk"] = salt.fillna(-1)  # the same salt as a block key (no year = one salt)
    data = add_block_keys(data, params)
    n = len(data)
    data.insert(0, "uid", np.arange(n, dtype=np.int64))
    present = {col for col in EXACT_FIELDS if col in data and data[col].notna().sum() >= 2}
    identity_columns = set(present)
    # Sex and citizenship enter the model when they vary in the data (one value for
    # every record says nothing).
    present |= {col for col in ATTRIBUTE_FIELDS if col in data and data[col].nunique() >= 2}

    from splink import Linker

    with tempfile.TemporaryDirectory(prefix="henvis-linkage-") as temp_dir:
        db_api = _db_api(engine, spark, temp_dir)
        linker_input = data.drop(columns=["record_id", "source"])
        if engine == "spark":
            sdf = db_api.register(db_api.spark.createDataFrame(linker_input.astype(object).where(linker_input.notna(), None)))
        else:
            # A DuckDB table instead of a registered pandas frame: every Splink query
            # starts from the input, and scanning nullable pandas columns each time
            # is slow at a million records.
            con = db_api.duckdb_con
            con.register("henvis_input_frame", pa.Table.from_pandas(linker_input, preserve_index=False))
            con.execute("CREATE TABLE henvis_input AS SELECT * FROM henvis_input_frame")
            con.unregister("henvis_input_frame")
            sdf = db_api.register("henvis_input")
        del linker_input
        if model is None:
            progress(f"trener modell på {n} poster / training the model on {n} records")
            linker = Linker(sdf, settings(params, present))
            model = train(linker, n, {col: int(data[col].notna().sum()) for col in identity_columns}, progress=progress,
                          deterministic=_single_thread(db_api) if engine == "duckdb" else None,
                          records=data if params.year_salt else None, params=params)
        progress("sammenligner par / scoring blocked pairs")
        linker = Linker(sdf, model)
        # Every blocked pair: those below MIN_PAIR_PROBABILITY are not reported but
        # serve the clustering as evidence that two records are different persons.
        predictions = linker.inference.predict()
        left, right, splink_prob = _pair_arrays(predictions, engine)
        predictions.drop_table_from_database_and_remove_from_cache()
    if params.year_salt:
        splink_prob = _shift(splink_prob, salted_name_frequency(data, left, right, model, params.words))
    progress(f"{len(left)} par, grupperer / {len(left)} pairs, clustering")

    source_codes, _ = pd.factorize(data["source"])
    # Blocked pairs the model scored below the reporting floor: the clustering does not
    # join two groups across such a pair (a record without a birth date must not chain
    # two persons whose dates disagree). Measured in docs/linkage.md (synthetic
    # precision up, recall slightly down, FEBRL4 unchanged).
    low = splink_prob < MIN_PAIR_PROBABILITY
    cannot = (left[low], right[low])
    splink_prob_low = splink_prob[low]
    left, right, splink_prob = left[~low], right[~low], splink_prob[~low]
    prob, within_prior = within_source_prior(
        splink_prob,
        source_codes[left] == source_codes[right],
        np.bincount(source_codes),
        model["probability_two_random_records_match"],
    )
    keep = prob >= MIN_PAIR_PROBABILITY
    left, right, prob = left[keep], right[keep], prob[keep]
    identity = np.stack([data[col].fillna(0).to_numpy(dtype=np.int64) if col in data else np.zeros(n, dtype=np.int64)
                         for col in ("nid", "duf")])
    years = (data["dy"].fillna(0).to_numpy(dtype=np.int64), data["dyp"].fillna(0).to_numpy(dtype=np.int64))
    result = cluster(n, left, right, prob, source_codes, threshold=threshold, cannot_link=cannot,
                     identity=identity, years=years)
    # The cannot-links the linkage samples need to keep apart what the point keeps
    # apart (cluster.sample_constraints); reported beside the links with their score
    # (below MIN_PAIR_PROBABILITY), or 0 for different identity numbers or birth years.
    scored_below = dict(zip(zip(cannot[0].tolist(), cannot[1].tolist(), strict=True), splink_prob_low.tolist(), strict=True))
    c_left, c_right = sample_constraints(n, left, right, result.labels, cannot, identity, years)
    c_prob = np.array([scored_below.get((a, b), scored_below.get((b, a), 0.0))
                       for a, b in zip(c_left.tolist(), c_right.tolist(), strict=True)], dtype=float)
    c_prob = np.minimum(np.round(c_prob, 6), MIN_PAIR_PROBABILITY - 1e-6)  # still below after rounding

    record_id = data["record_id"].to_numpy()
    source = data["source"].to_numpy()
    _, person = np.unique(result.labels, return_inverse=True)
    clusters = pd.DataFrame(
        {
            "record_id": record_id,
            "source": source,
            "person_id": [f"P{p + 1:07d}" for p in person],
            "match_probability": np.round(result.probability, 6),
        }
    )
    all_left, all_right = np.concatenate([left, c_left]), np.concatenate([right, c_right])
    pair_frame = pd.DataFrame(
        {
            "record_id_l": record_id[all_left],
            "source_l": source[all_left],
            "record_id_r": record_id[all_right],
            "source_r": source[all_right],
            "match_probability": np.round(np.concatenate([prob, c_prob]), 6),
        }
    ).sort_values(["match_probability", "source_l", "record_id_l", "source_r", "record_id_r"],
                  ascending=[False, True, True, True, True], ignore_index=True)
    return LinkResult(clusters=clusters, pairs=pair_frame, model=model, within_source_prior=within_prior)
