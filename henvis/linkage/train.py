"""Building and training the Fellegi-Sunter model with Splink.

u probabilities come from random sampling of pairs; m probabilities from two EM
sessions: one blocked on the exact birth date (gives the names' m), one blocked on
min-hashes of both names with every comparison free (gives the birth date's and the
identity numbers' m). The prior probability that two records
match (lambda) comes from the date-blocked session, corrected for its blocking with the
Bayes factor of an exact date, as Splink does for exact-match blocking rules.

With the birth-year salt (off by default) the name levels are conditional on the salt
(:func:`condition_on_salt`), and what Splink's sessions cannot estimate under the salt
comes from latent models on sampled pairs (:mod:`henvis.linkage.latent`): the names
within a salt (:func:`_same_salt_names`) and the birth date across birth years
(:func:`_across_years`); see docs/linkage.md, Model.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from typing import Any

import numpy as np
import pandas as pd

from henvis.linkage.block import (
    DATE_TRAINING_RULE,
    FAMILY_TRAINING_RULE,
    GIVEN_TRAINING_RULE,
    NAMES_TRAINING_RULE,
    SALTED_TRAINING_KEYS,
    prediction_rules,
)
from henvis.linkage.compare import (
    ATTRIBUTE_FIELDS,
    OTHER_SALT_TAG,
    SAME_SALT_TAG,
    comparisons,
    whole_name_comparison,
)
from henvis.linkage.latent import (
    count_patterns,
    fit_latent_classes,
    match_posterior,
    non_null_levels,
)
from henvis.linkage.schema import EncodingParams

U_SAMPLE_PAIRS = 2_000_000
DATE_FREE_SESSIONS = (NAMES_TRAINING_RULE, FAMILY_TRAINING_RULE, GIVEN_TRAINING_RULE)
# Pairs sharing an identity number are almost all true matches and leave every other
# comparison free: when the data hold enough of them, they alone give the m values.
ID_TRAINING_RULE = {"nid": "l.nid = r.nid", "duf": "l.duf = r.duf"}
MIN_ID_RECORDS = 200
SEED = 20261125
# Each EM session sees at most this many of its blocked pairs, sampled uniformly by
# Splink (a keyed hash of each record, independently on either side, so the same pairs
# every run). Uniform sampling keeps the share of matches among the pairs, so lambda is
# not biased; without it the session blocked on the exact birth date grows with the
# square of the input (about 100 records per date at a million registrations).
EM_MAX_PAIRS = 2_000_000


def settings(params: EncodingParams, present: set[str]) -> dict[str, Any]:
    """A Splink settings dictionary for the encoded columns that hold values."""
    return {
        "link_type": "dedupe_only",  # one table of all sources: dedupe and link at once
        "unique_id_column_name": "uid",
        "comparisons": comparisons(params, present),
        "blocking_rules_to_generate_predictions": prediction_rules(params, present),
        "retain_matching_columns": False,
        "retain_intermediate_calculation_columns": False,
        "probability_two_random_records_match": 1e-4,
        "em_convergence": 0.0005,
        "max_iterations": 40,
    }


# Where the latent models start: non-null levels in order, on the side of "matches
# agree".
AUX_START_M = {
    "whole_name": (0.7, 0.1, 0.08, 0.06, 0.06),
    "birth_date": (0.65, 0.03, 0.01, 0.03, 0.04, 0.12, 0.02, 0.05, 0.05),
}


def _same_salt_names(model: dict[str, Any], records: pd.DataFrame, params: EncodingParams, *, keep_m: bool) -> np.ndarray:
    """The salted names' same-salt m and u from pairs of records with the same salt (same
    birth year, or none), sampled uniformly: a latent model of the birth date and both
    names, every m and u free. Splink's u sample has too few such pairs (about one random
    pair in fifty shares a birth year) to resolve the rare agreeing levels, and among
    them true matches are far more common than among all pairs, so its u would count
    matches as chance agreement."""
    by_name = {c["output_column_name"]: c for c in model["comparisons"]}
    chosen = [by_name["birth_date"], by_name["given_name"], by_name["family_name"]]
    sizes = [len(non_null_levels(c)) for c in chosen]
    whole = whole_name_comparison(params)
    counts = count_patterns(records, ["ysk"], [*chosen, whole, IN_WHOLE_NAME_BLOCK], EM_MAX_PAIRS, SEED)
    starts = [np.asarray(AUX_START_M["birth_date"])]
    for size in sizes[1:]:
        start = np.full(size, 0.01)
        start[0] = 0.7  # same signature
        starts.append(start)
    m, u, share = fit_latent_classes(counts, sizes, starts, {})
    # How often two different persons of one salt fall in each birth-date level: the u of
    # a date comparison among the pairs the salted model scores (see _date_within_year).
    for level, u_level in zip(non_null_levels(chosen[0]), u[0], strict=True):
        level[WITHIN_SALT_U] = float(u_level)
    for comparison, m_i, u_i in zip(chosen[1:], m[1:], u[1:], strict=True):
        for level, m_level, u_level in zip(non_null_levels(comparison), m_i, u_i, strict=True):
            if level.get("label_for_charts", "").startswith(SAME_SALT_TAG):
                if not keep_m:
                    level["m_probability"] = float(m_level)
                level["u_probability"] = max(float(u_level), 1.0 / EM_MAX_PAIRS)
                level["latent"] = True
    # How alike different persons' whole names are, from the same pairs (names do not
    # depend on the birth year), each weighted by how surely its birth date and its two
    # names say it is not a match: the u of the given name's other-salt levels. Splink's
    # random pairs would count true matches among them (a random pair is a match about
    # as often as two different persons have nearly the same full name).
    different = counts["n"].to_numpy() * (1.0 - match_posterior(counts, sizes, m, u, share))
    whole_level = counts[f"c{len(chosen)}"].to_numpy(dtype=float)
    known = ~np.isnan(whole_level)
    total = max(float(different[known].sum()), 1e-300)
    whole_u = {lv["label_for_charts"]: float(different[known & (whole_level == i)].sum()) / total
               for i, lv in enumerate(non_null_levels(whole))}
    for level in by_name["given_name"]["comparison_levels"]:
        if level.get("label_for_charts") in whole_u:
            level["u_probability"] = max(whole_u[level["label_for_charts"]], 1.0 / EM_MAX_PAIRS)
            level["latent"] = True
    # How alike the same person's whole names are, from the same pairs weighted by how
    # surely they are a match: the m of the given name's other-salt levels. How a name
    # is misspelt does not depend on whether the birth years agree, and within one salt
    # the model has three comparisons, so this is identified where the across-years
    # model (two comparisons) is not (on 1,000 realistic persons it put half of the
    # matches' mass on "all other").
    same = counts["n"].to_numpy() * match_posterior(counts, sizes, m, u, share)
    total_same = max(float(same[known].sum()), 1e-300)
    whole_m = {lv["label_for_charts"]: float(same[known & (whole_level == i)].sum()) / total_same
               for i, lv in enumerate(non_null_levels(whole))}
    for level in by_name["given_name"]["comparison_levels"]:
        if level.get("label_for_charts") in whole_m:
            level["m_probability"] = max(whole_m[level["label_for_charts"]], PROBABILITY_FLOOR)
            level["whole_m"] = True
    # The same among the pairs that share three of the four whole-name min-hashes: how
    # alike different persons' whole names are in the blocks of _across_years.
    in_block = known & (counts[f"c{len(chosen) + 1}"].to_numpy() == 0)
    return np.asarray([different[in_block & (whole_level == i)].sum() for i in range(len(whole_u))])


# Pairs that share three of the four unsalted whole-name min-hashes (a pattern counted
# beside the latent model's comparisons).
IN_WHOLE_NAME_BLOCK: dict[str, Any] = {"comparison_levels": [
    {"sql_condition": " OR ".join(f"{k.column}_l = {k.column}_r" for k in SALTED_TRAINING_KEYS)},
    {"sql_condition": "ELSE"},
]}


U_DRAWS = 40


def _across_years(model: dict[str, Any], records: pd.DataFrame, params: EncodingParams, in_block: np.ndarray) -> None:
    """The birth date's m and the given name's other-salt m, from the pairs that share
    three of the four whole-name min-hashes (where birth years may differ), sampled
    uniformly: a latent model of the date and the whole name with both u held fixed,
    the date's at the random pairs' and the whole name's at that of different persons
    in these blocks (from pairs of one salt, :func:`_same_salt_names`). With the whole
    name's u free the model is not identifiable there: a pair with unrelated dates and
    similar names is a match with a wrong date or two persons with similar names, and
    the likelihood is flat between the two. This assumes that how alike two different
    persons' names are does not depend on whether they share a birth year.

    ``in_block`` holds how many different persons (weighted) of the one-salt sample fell
    in each whole-name level in these blocks: few, since about one pair in fifty shares
    a year. The fit is repeated over draws of the whole name's u from that evidence
    (Dirichlet) and m is the mean over the draws. A single fit at the point estimate
    would set the m of dates that disagree entirely to zero whenever the estimate
    happens to explain all such pairs by different persons (seen on FEBRL4), as if a
    true match never had an unrelated date."""
    by_name = {c["output_column_name"]: c for c in model["comparisons"]}
    date, whole = by_name["birth_date"], whole_name_comparison(params)
    counts = count_patterns(records, [k.column for k in SALTED_TRAINING_KEYS], [date, whole], EM_MAX_PAIRS, SEED)
    date_levels = non_null_levels(date)
    sizes = (len(date_levels), len(non_null_levels(whole)))
    # A level no random pair fell into (e.g. "month or day unknown" where every date is
    # full) gets the sample's resolution.
    date_u = np.asarray([float(lv.get("u_probability") or 1.0 / U_SAMPLE_PAIRS) for lv in date_levels])
    starts = (np.asarray(AUX_START_M["birth_date"]), np.asarray(AUX_START_M["whole_name"]))
    rng = np.random.default_rng(SEED)
    m_date, m_whole = np.zeros(sizes[0]), np.zeros(sizes[1])
    for _ in range(U_DRAWS):
        whole_u = rng.dirichlet(in_block + 0.5)
        m, _u, _share = fit_latent_classes(counts, sizes, starts, {0: date_u, 1: whole_u}, iterations=500, tolerance=1e-8)
        m_date += m[0] / U_DRAWS
        m_whole += m[1] / U_DRAWS
    for level, m_level in zip(date_levels, m_date, strict=True):
        level["m_probability"] = float(m_level)
    whole_m = {lv["label_for_charts"]: float(x) for lv, x in zip(non_null_levels(whole), m_whole, strict=True)}
    for level in by_name["given_name"]["comparison_levels"]:
        if level.get("label_for_charts") in whole_m and not level.get("whole_m"):
            level["m_probability"] = whole_m[level["label_for_charts"]]


ATTRIBUTE_START_M = (0.95, 0.05)
# Smallest m of a disagreeing sex or citizenship: a match disagrees only through a
# data-entry error, which EM on a sample may never see (it then sets m to zero and
# every such pair would become a cannot-link).
ATTRIBUTE_M_FLOOR = 0.005


def _attributes_among_similar_names(model: dict[str, Any], records: pd.DataFrame) -> None:
    """Sex and citizenship: m and u from a latent model of the birth date, sex and
    citizenship on the pairs sharing three of the four whole-name min-hashes, sampled
    uniformly, the date's u held at the random pairs'. The pairs the model scores are
    pairs with similar names, and two different persons with similar names mostly share
    a citizenship and a sex (names belong to a country and to a sex), far more often
    than two random records: u from random pairs would count every such agreement as
    evidence of a match (EM then took "same citizenship" for "same person"). Fitted on
    pairs like those it scores, the model weighs an agreement by what it adds beyond
    the name."""
    by_name = {c["output_column_name"]: c for c in model["comparisons"]}
    attributes = [by_name[label] for label in ATTRIBUTE_FIELDS.values() if label in by_name]
    if not attributes:
        return
    date = by_name["birth_date"]
    counts = count_patterns(records, [k.column for k in SALTED_TRAINING_KEYS], [date, *attributes], EM_MAX_PAIRS, SEED)
    date_levels = non_null_levels(date)
    date_u = np.asarray([float(lv.get("u_probability") or 1.0 / U_SAMPLE_PAIRS) for lv in date_levels])
    sizes = [len(date_levels), *(len(non_null_levels(c)) for c in attributes)]
    starts = [np.asarray(AUX_START_M["birth_date"]), *(np.asarray(ATTRIBUTE_START_M) for _ in attributes)]
    m, u, _share = fit_latent_classes(counts, sizes, starts, {0: date_u})
    for comparison, m_i, u_i in zip(attributes, m[1:], u[1:], strict=True):
        m_i = np.maximum(m_i, ATTRIBUTE_M_FLOOR)
        m_i = m_i / m_i.sum()
        for level, m_level, u_level in zip(non_null_levels(comparison), m_i, u_i, strict=True):
            level["m_probability"] = float(m_level)
            level["u_probability"] = max(float(u_level), 1.0 / EM_MAX_PAIRS)


WITHIN_SALT_U = "u_within_salt"
# Birth-date levels that must never count as evidence for a match. Under the birth-year
# salt every pair the model scores within a salt already shares its birth year; two full
# dates of that year that disagree on day and month are then what two different persons
# of one year look like (u among pairs of one salt near the share of full dates among
# them), not the rare coincidence of random pairs (about one in fifty shares a year).
# With the random pairs' u the level counted FOR a match (Bayes factor 1.7 on the
# independent population, docs/linkage.md). The same holds for full dates of one year
# and month whose days differ (Bayes factor 3.1 there, 6.9 on FEBRL4). The swapped day
# and month keep a level of their own.
DISAGREEING_WITHIN_YEAR = ("same year, full dates disagree", "year and month, days differ")


def _date_within_year(model: dict[str, Any]) -> None:
    """Where the u among pairs of one salt says a level of :data:`DISAGREEING_WITHIN_YEAR`
    is evidence against a match (u above m), the level counts at most as no evidence
    (u raised to m, Bayes factor at most 1); otherwise it keeps the smaller of the two
    estimates' Bayes factors. u is never lowered. Taking the full within-salt u
    (Bayes factor about 0.01) was tried and not kept: FEBRL4 lost 9 true pairs whose
    date typo crosses the month and day (F1 0.9595 -> 0.9586) and every population's
    person count rose (docs/linkage.md, Session 2026-12-08)."""
    for comparison in model["comparisons"]:
        for level in comparison["comparison_levels"]:
            within = level.pop(WITHIN_SALT_U, None)
            if within is None or level.get("label_for_charts") not in DISAGREEING_WITHIN_YEAR:
                continue
            m = float(level.get("m_probability") or 0.0)
            raised = max(float(level.get("u_probability") or 0.0), min(within, m))
            if raised > 0.0:  # a level with neither u nor m (not seen in training) keeps what it had
                level["u_probability"] = max(raised, PROBABILITY_FLOOR)


def _bf(p: float) -> float:
    return p / (1.0 - p)


def _prob(bf: float) -> float:
    return bf / (1.0 + bf)


PROBABILITY_FLOOR = 1e-12


def _clamp(model: dict[str, Any]) -> None:
    """EM can drive a level's m or u to a denormal (e.g. 5e-324) that Splink then refuses
    to load; a floor far below any real probability keeps the model loadable."""
    for comp in model["comparisons"]:
        for level in comp["comparison_levels"]:
            for key in ("m_probability", "u_probability"):
                if key in level and level[key] is not None:
                    level[key] = max(float(level[key]), PROBABILITY_FLOOR)


# Smallest m of a disagreeing birth-date level. An EM fit or an identity-number session
# can find no true match with a year one apart or an unrelated date in its sample and set
# that level's m to zero; every such pair would then score zero and, as a cannot-link,
# keep its records apart for good. A data-entry error in the year is always possible
# (FEBRL3: 7 % of the true pairs have years that differ), so it keeps a small chance.
DATE_M_FLOOR = 0.005
DATE_DISAGREEING = ("same year, full dates disagree", "year within one", "all other", "two of three parts",
                    "year and month, days differ")


def _floor_date_m(model: dict[str, Any]) -> None:
    date = next(c for c in model["comparisons"] if c["output_column_name"] == "birth_date")
    levels = [lv for lv in date["comparison_levels"] if not lv.get("is_null_level")]
    for level in levels:
        if level.get("label_for_charts") in DATE_DISAGREEING:
            level["m_probability"] = max(float(level.get("m_probability") or 0.0), DATE_M_FLOOR)
    total = sum(float(lv.get("m_probability") or 0.0) for lv in levels)
    for level in levels:
        if level.get("m_probability") is not None:
            level["m_probability"] = float(level["m_probability"]) / total


def _id_session(linker: Any, rule: str) -> dict[str, dict[str, float]] | None:
    """m per comparison and level label from one EM session blocked on an identity
    number (the session's own estimates, not Splink's median over all sessions)."""
    try:
        session = _em(linker, rule)
    except ValueError:
        return None
    out: dict[str, dict[str, float]] = {}
    for comparison in session.core_model_settings.comparisons:
        out[comparison.output_column_name] = {
            level.label_for_charts: float(level.m_probability)
            for level in comparison.comparison_levels
            if not level.is_null_level and level.m_probability is not None
        }
    return out


def _em(linker: Any, rule: str) -> Any:
    """One EM session on at most EM_MAX_PAIRS pairs of ``rule``, sampled uniformly."""
    return linker.training.estimate_parameters_using_expectation_maximisation(
        rule, estimate_without_term_frequencies=True, max_pairs=EM_MAX_PAIRS
    )


def condition_on_salt(model: dict[str, Any]) -> None:
    """Year-salted name comparisons: divide each level's m and u by the sum over its group
    (same salt / other salt), so the levels give P(level | group) and the Bayes factor
    says what the names add beyond the birth year, which the birth-date comparison
    counts already (same salt = same year). Both groups together then sum to 2, which
    Splink's scoring does not mind: it uses only m / u."""
    for comparison in model["comparisons"]:
        for tag in (SAME_SALT_TAG, OTHER_SALT_TAG):
            group = [lv for lv in comparison["comparison_levels"]
                     if lv.get("label_for_charts", "").startswith(tag) and not lv.get("is_null_level")]
            for key in ("m_probability", "u_probability"):
                total = sum(float(lv.get(key) or 0.0) for lv in group)
                if total > 0:
                    for lv in group:
                        lv[key] = float(lv.get(key) or 0.0) / total


def _borrow_other(model: dict[str, Any]) -> None:
    """The whole-name blocks of :func:`_across_years` hold almost no match whose whole
    names differ, so their "all other" share is too low; the given name's other-salt
    "all other" level takes the share of its same-salt "all other" level (estimated on
    pairs not chosen by name), and the other other-salt levels share the rest."""
    given = next(c for c in model["comparisons"] if c["output_column_name"] == "given_name")
    levels = {lv.get("label_for_charts", ""): lv for lv in given["comparison_levels"]}
    share = float(levels[SAME_SALT_TAG + "all other"]["m_probability"])
    other = [lv for label, lv in levels.items() if label.startswith(OTHER_SALT_TAG) and label != OTHER_SALT_TAG + "all other"]
    total = sum(float(lv["m_probability"]) for lv in other)
    for lv in other:
        lv["m_probability"] = float(lv["m_probability"]) / total * (1.0 - share)
    levels[OTHER_SALT_TAG + "all other"]["m_probability"] = share


def train(
    linker: Any,
    n_records: int,
    id_counts: dict[str, int] | None = None,
    *,
    progress: Callable[[str], None] | None = None,
    deterministic: Callable[[], AbstractContextManager[Any]] | None = None,
    records: pd.DataFrame | None = None,
    params: EncodingParams | None = None,
) -> dict[str, Any]:
    """Estimate u, m and lambda on ``linker``; return the trained model as a dict.

    ``deterministic`` (a context manager factory) wraps the training, e.g. to run the
    engine on one thread so that EM's sums come out the same on every run."""
    with (deterministic or nullcontext)():
        return _train(linker, n_records, id_counts, progress or (lambda _m: None), records, params)


def _train(
    linker: Any,
    n_records: int,
    id_counts: dict[str, int] | None,
    progress: Callable[[str], None],
    records: pd.DataFrame | None,
    params: EncodingParams | None,
) -> dict[str, Any]:
    year_salt = params is not None and params.year_salt
    logging.getLogger("splink").setLevel(logging.ERROR)
    progress("u ved tilfeldige par / u from random pairs")
    linker.training.estimate_u_using_random_sampling(
        max_pairs=min(U_SAMPLE_PAIRS, max(n_records * (n_records - 1) // 2, 1)), seed=SEED
    )
    conditional_u: dict[tuple[str, str], float] = {}
    if year_salt:
        # Conditional u before EM, so that the E-steps do not count the year three times.
        for comparison in linker._settings_obj.comparisons:  # noqa: SLF001 - no public setter for u
            for tag in (SAME_SALT_TAG, OTHER_SALT_TAG):
                group = [lv for lv in comparison.comparison_levels
                         if lv.label_for_charts.startswith(tag) and not lv.is_null_level]
                # A level no sampled pair fell into gets the sample's resolution.
                raw = [float(lv._u_probability) if isinstance(lv._u_probability, float) else 1.0 / U_SAMPLE_PAIRS  # noqa: SLF001
                       for lv in group]
                for lv, u in zip(group, raw, strict=True):
                    lv.u_probability = u / sum(raw)
                    conditional_u[(comparison.output_column_name, lv.label_for_charts)] = u / sum(raw)
    progress("EM-økt 1: lik fødselsdato / EM session 1: same birth date")
    date_session = _em(linker, DATE_TRAINING_RULE)
    after_date: dict[str, Any] = linker.misc.save_model_to_json()
    # Blocked on both names' min-hashes, every comparison stays free, so EM can see that
    # a true match may carry an unrelated birth date (sessions with only two free
    # comparisons drove that chance to zero). Its name estimates are biased by the
    # blocking, so the names keep the m values of the date-blocked session.
    # The family- and given-blocked sessions (two free comparisons each) pull the other
    # way; Splink keeps the median over sessions.
    for number, rule in enumerate(() if year_salt else DATE_FREE_SESSIONS, start=2):
        progress(f"EM-økt {number}: navn / EM session {number}: names")
        try:
            _em(linker, rule)
        except ValueError as exc:
            # Splink 5 refuses an m that EM drove below 1e-300 in its own maximisation
            # step (seen when no pair in the block is a match, e.g. files made with
            # different keys); the session then adds nothing and is skipped.
            print(f"linkage: EM-økt hoppet over / EM session skipped ({exc.__class__.__name__})", file=sys.stderr)
    model: dict[str, Any] = linker.misc.save_model_to_json()
    names = {"given_name", "family_name"}
    kept = {c["output_column_name"]: c for c in after_date["comparisons"] if c["output_column_name"] in names}
    if year_salt:
        model["comparisons"] = [kept.get(c["output_column_name"], c) for c in model["comparisons"]]
        for comparison in model["comparisons"]:
            for level in comparison["comparison_levels"]:
                if comparison["output_column_name"] == "family_name" and level.get("label_for_charts", "").startswith(OTHER_SALT_TAG):
                    level["m_probability"] = 1.0  # the whole name counts once, in the given name's levels
    else:
        model["comparisons"] = [kept.get(c["output_column_name"], c) for c in model["comparisons"]]
    id_col = max((id_counts or {}).items(), key=lambda kv: kv[1], default=(None, 0))
    by_id_session = id_col[0] is not None and id_col[1] >= MIN_ID_RECORDS
    if by_id_session:
        progress("EM-økt: identitetsnummer / EM session: identity number")
        by_id = _id_session(linker, ID_TRAINING_RULE[str(id_col[0])])
        # A session Splink refused (an m driven to zero, e.g. a date level no pair of
        # the session falls into) gives nothing: the other sessions must then give m.
        by_id_session = by_id is not None
        for comparison in model["comparisons"]:
            for level in comparison["comparison_levels"]:
                m = (by_id or {}).get(comparison["output_column_name"], {}).get(level.get("label_for_charts", ""))
                if m is not None:
                    level["m_probability"] = m
    _clamp(model)
    if year_salt:
        if records is None or params is None:
            raise ValueError("the year-salted model needs the records and the encoding parameters")
        progress("navn innen fødselsår / names within a birth year")
        in_block_u = _same_salt_names(model, records, params, keep_m=by_id_session)
        if not by_id_session:  # pairs sharing an identity number gave the date's m already
            progress("fødselsdato over fødselsår / birth date across birth years")
            _across_years(model, records, params, in_block_u)
        progress("kjønn og statsborgerskap / sex and citizenship")
        _attributes_among_similar_names(model, records)
        # (Splink does not keep a u set by hand on a level its sample never saw.)
        for comparison in model["comparisons"]:
            for level in comparison["comparison_levels"]:
                cond_u = conditional_u.get((comparison["output_column_name"], level.get("label_for_charts", "")))
                if cond_u is not None and not level.pop("latent", False):
                    level["u_probability"] = cond_u
        from_same_salt = any([lv.pop("whole_m", False) for c in model["comparisons"] for lv in c["comparison_levels"]])
        condition_on_salt(model)
        if not by_id_session and not from_same_salt:
            _borrow_other(model)
        _clamp(model)  # a latent model's m may hold zeros
    _floor_date_m(model)
    if year_salt:
        _date_within_year(model)  # after the floor, which may raise m
    session_lambda = date_session.core_model_settings.probability_two_random_records_match
    date = next(c for c in model["comparisons"] if c["output_column_name"] == "birth_date")
    exact = next(lv for lv in date["comparison_levels"] if lv.get("label_for_charts") == "exact")
    bf_exact = exact["m_probability"] / exact["u_probability"]
    model["probability_two_random_records_match"] = _prob(_bf(session_lambda) / bf_exact)
    return model
