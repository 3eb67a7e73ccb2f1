"""Building and training the Fellegi-Sunter model with Splink.

u probabilities come from random sampling of pairs; m probabilities from two EM
sessions: one blocked on the exact birth date (gives the names' m), one blocked on
min-hashes of both names with every comparison free (gives the birth date's and the
identity numbers' m). The prior probability that two records
match (lambda) comes from the date-blocked session, corrected for its blocking with the
Bayes factor of an exact date, as Splink does for exact-match blocking rules.
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
    prediction_rules,
)
from henvis.linkage.compare import comparisons
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


def train(
    linker: Any,
    n_records: int,
    id_counts: dict[str, int] | None = None,
    *,
    progress: Callable[[str], None] | None = None,
    deterministic: Callable[[], AbstractContextManager[Any]] | None = None,
) -> dict[str, Any]:
    """Estimate u, m and lambda on ``linker``; return the trained model as a dict.

    ``deterministic`` (a context manager factory) wraps the training, e.g. to run the
    engine on one thread so that EM's sums come out the same on every run."""
    with (deterministic or nullcontext)():
        return _train(linker, n_records, id_counts, progress or (lambda _m: None))


def _train(linker: Any, n_records: int, id_counts: dict[str, int] | None, progress: Callable[[str], None]) -> dict[str, Any]:
    logging.getLogger("splink").setLevel(logging.ERROR)
    progress("u ved tilfeldige par / u from random pairs")
    linker.training.estimate_u_using_random_sampling(
        max_pairs=min(U_SAMPLE_PAIRS, max(n_records * (n_records - 1) // 2, 1)), seed=SEED
    )
    progress("EM-økt 1: lik fødselsdato / EM session 1: same birth date")
    date_session = _em(linker, DATE_TRAINING_RULE)
    after_date: dict[str, Any] = linker.misc.save_model_to_json()
    # Blocked on both names' min-hashes, every comparison stays free, so EM can see that
    # a true match may carry an unrelated birth date (sessions with only two free
    # comparisons drove that chance to zero). Its name estimates are biased by the
    # blocking, so the names keep the m values of the date-blocked session.
    # The family- and given-blocked sessions (two free comparisons each) pull the other
    # way; Splink keeps the median over sessions.
    for number, rule in enumerate(DATE_FREE_SESSIONS, start=2):
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
    session_lambda = date_session.core_model_settings.probability_two_random_records_match
    date = next(c for c in model["comparisons"] if c["output_column_name"] == "birth_date")
    exact = next(lv for lv in date["comparison_levels"] if lv.get("label_for_charts") == "exact")
    bf_exact = exact["m_probability"] / exact["u_probability"]
    model["probability_two_random_records_match"] = _prob(_bf(session_lambda) / bf_exact)
    return model
