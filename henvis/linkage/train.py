"""Building and training the Fellegi-Sunter model with Splink.

u probabilities come from random sampling of pairs; m probabilities from two EM
sessions: one blocked on the exact birth date (gives the names' m), one blocked on
min-hashes of both names with every comparison free (gives the birth date's and the
identity numbers' m). The prior probability that two records
match (lambda) comes from the date-blocked session, corrected for its blocking with the
Bayes factor of an exact date, as Splink does for exact-match blocking rules.

With the birth-year salt (off by default) the name levels are conditional on the salt
(:func:`condition_on_salt`) and the birth date's m comes from an auxiliary model of the
whole name and the birth date (:func:`auxiliary_settings`); see docs/linkage.md, Model.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from typing import Any

from henvis.linkage.block import (
    DATE_TRAINING_RULE,
    FAMILY_TRAINING_RULE,
    GIVEN_TRAINING_RULE,
    NAMES_TRAINING_RULE,
    SALTED_TRAINING_RULES,
    prediction_rules,
)
from henvis.linkage.compare import (
    OTHER_SALT_TAG,
    SAME_SALT_TAG,
    birth_date_comparison,
    comparisons,
    whole_name_comparison,
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


# Where EM starts in the auxiliary model (two free comparisons only): non-null levels
# in order, on the side of "matches agree".
AUX_START_M = {
    "whole_name": (0.7, 0.1, 0.08, 0.06, 0.06),
    "birth_date": (0.7, 0.05, 0.01, 0.05, 0.1, 0.04, 0.05),
}


def _start(comparison: dict[str, Any]) -> dict[str, Any]:
    levels = [lv for lv in comparison["comparison_levels"] if not lv.get("is_null_level")]
    for level, value in zip(levels, AUX_START_M[comparison["output_column_name"]], strict=True):
        level["m_probability"] = value
    return comparison


def auxiliary_settings(params: EncodingParams) -> dict[str, Any]:
    """Year salt: a model of the unsalted whole name and the birth date only, trained on
    sessions blocked on whole-name min-hashes (where birth years may differ). It gives
    the birth date's m and the given name's other-salt levels, without the salted names
    counting the year again inside EM. (Its date m are biased: see docs/linkage.md.)"""
    return {
        "link_type": "dedupe_only",
        "unique_id_column_name": "uid",
        "comparisons": [_start(whole_name_comparison(params)), _start(birth_date_comparison())],
        "blocking_rules_to_generate_predictions": [],
        "retain_matching_columns": False,
        "retain_intermediate_calculation_columns": False,
        "probability_two_random_records_match": 1e-4,
        "em_convergence": 0.0005,
        "max_iterations": 40,
    }


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
            group = [lv for lv in comparison["comparison_levels"] if lv.get("label_for_charts", "").startswith(tag)]
            for key in ("m_probability", "u_probability"):
                total = sum(float(lv.get(key) or 0.0) for lv in group)
                if total > 0:
                    for lv in group:
                        lv[key] = float(lv.get(key) or 0.0) / total


def _borrow_other(model: dict[str, Any]) -> None:
    """The whole-name sessions are blocked on whole-name min-hashes, so their matches
    almost never fall in "all other"; the given name's other-salt "all other" level takes
    the share that the date-blocked session (not blocked on names) gives its same-salt
    "all other" level, and the other other-salt levels share the rest as estimated."""
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
    auxiliary: Any = None,
) -> dict[str, Any]:
    """Estimate u, m and lambda on ``linker``; return the trained model as a dict.

    ``deterministic`` (a context manager factory) wraps the training, e.g. to run the
    engine on one thread so that EM's sums come out the same on every run."""
    with (deterministic or nullcontext)():
        return _train(linker, n_records, id_counts, progress or (lambda _m: None), auxiliary)


def _train(
    linker: Any, n_records: int, id_counts: dict[str, int] | None, progress: Callable[[str], None], auxiliary: Any
) -> dict[str, Any]:
    year_salt = auxiliary is not None
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
                group = [lv for lv in comparison.comparison_levels if lv.label_for_charts.startswith(tag)]
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
    if year_salt:
        auxiliary.training.estimate_u_using_random_sampling(
            max_pairs=min(U_SAMPLE_PAIRS, max(n_records * (n_records - 1) // 2, 1)), seed=SEED
        )
    for number, rule in enumerate(SALTED_TRAINING_RULES if year_salt else DATE_FREE_SESSIONS, start=2):
        progress(f"EM-økt {number}: navn / EM session {number}: names")
        try:
            _em(auxiliary if year_salt else linker, rule)
        except ValueError as exc:
            # Splink 5 refuses an m that EM drove below 1e-300 in its own maximisation
            # step (seen when no pair in the block is a match, e.g. files made with
            # different keys); the session then adds nothing and is skipped.
            print(f"linkage: EM-økt hoppet over / EM session skipped ({exc.__class__.__name__})", file=sys.stderr)
    model: dict[str, Any] = linker.misc.save_model_to_json()
    names = {"given_name", "family_name"}
    kept = {c["output_column_name"]: c for c in after_date["comparisons"] if c["output_column_name"] in names}
    if year_salt:
        # The date-blocked session gives the names' same-salt levels; the auxiliary
        # whole-name sessions give the birth date and the other-salt levels.
        aux = {c["output_column_name"]: c for c in auxiliary.misc.save_model_to_json()["comparisons"]}
        aux_m = {lv.get("label_for_charts"): lv.get("m_probability") for lv in aux["whole_name"]["comparison_levels"]
                 if lv.get("label_for_charts", "").startswith(OTHER_SALT_TAG)}
        model["comparisons"] = [kept.get(c["output_column_name"], c) for c in model["comparisons"]]
        for comparison in model["comparisons"]:
            for level in comparison["comparison_levels"]:
                label = level.get("label_for_charts", "")
                if comparison["output_column_name"] == "given_name" and label in aux_m:
                    level["m_probability"] = aux_m[label]
                elif comparison["output_column_name"] == "family_name" and label.startswith(OTHER_SALT_TAG):
                    level["m_probability"] = 1.0
        # The birth date's m from the auxiliary model, its u from this one's sample.
        aux_date = {lv.get("label_for_charts"): lv.get("m_probability") for lv in aux["birth_date"]["comparison_levels"]}
        for comparison in model["comparisons"]:
            if comparison["output_column_name"] == "birth_date":
                for level in comparison["comparison_levels"]:
                    if aux_date.get(level.get("label_for_charts")) is not None:
                        level["m_probability"] = aux_date[level["label_for_charts"]]
    else:
        model["comparisons"] = [kept.get(c["output_column_name"], c) for c in model["comparisons"]]
    id_col = max((id_counts or {}).items(), key=lambda kv: kv[1], default=(None, 0))
    if id_col[0] is not None and id_col[1] >= MIN_ID_RECORDS:
        progress("EM-økt: identitetsnummer / EM session: identity number")
        by_id = _id_session(linker, ID_TRAINING_RULE[id_col[0]])
        for comparison in model["comparisons"]:
            for level in comparison["comparison_levels"]:
                m = (by_id or {}).get(comparison["output_column_name"], {}).get(level.get("label_for_charts", ""))
                if m is not None:
                    level["m_probability"] = m
    _clamp(model)
    if year_salt:
        # (Splink does not keep a u set by hand on a level its sample never saw.)
        for comparison in model["comparisons"]:
            for level in comparison["comparison_levels"]:
                cond_u = conditional_u.get((comparison["output_column_name"], level.get("label_for_charts", "")))
                if cond_u is not None:
                    level["u_probability"] = cond_u
        condition_on_salt(model)
        _borrow_other(model)
        _clamp(model)  # the auxiliary model's m may hold zeros (FEBRL2/3 did)
    session_lambda = date_session.core_model_settings.probability_two_random_records_match
    date = next(c for c in model["comparisons"] if c["output_column_name"] == "birth_date")
    exact = next(lv for lv in date["comparison_levels"] if lv.get("label_for_charts") == "exact")
    bf_exact = exact["m_probability"] / exact["u_probability"]
    model["probability_two_random_records_match"] = _prob(_bf(session_lambda) / bf_exact)
    return model
