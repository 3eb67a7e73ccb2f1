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
SEED = 20261125


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


def train(linker: Any, n_records: int) -> dict[str, Any]:
    """Estimate u, m and lambda on ``linker``; return the trained model as a dict."""
    logging.getLogger("splink").setLevel(logging.ERROR)
    linker.training.estimate_u_using_random_sampling(
        max_pairs=min(U_SAMPLE_PAIRS, max(n_records * (n_records - 1) // 2, 1)), seed=SEED
    )
    date_session = linker.training.estimate_parameters_using_expectation_maximisation(
        DATE_TRAINING_RULE, estimate_without_term_frequencies=True
    )
    after_date: dict[str, Any] = linker.misc.save_model_to_json()
    # Blocked on both names' min-hashes, every comparison stays free, so EM can see that
    # a true match may carry an unrelated birth date (sessions with only two free
    # comparisons drove that chance to zero). Its name estimates are biased by the
    # blocking, so the names keep the m values of the date-blocked session.
    for rule in (NAMES_TRAINING_RULE, FAMILY_TRAINING_RULE, GIVEN_TRAINING_RULE):
        linker.training.estimate_parameters_using_expectation_maximisation(
            rule, estimate_without_term_frequencies=True
        )
    model: dict[str, Any] = linker.misc.save_model_to_json()
    names = {"given_name", "family_name"}
    kept = {c["output_column_name"]: c for c in after_date["comparisons"] if c["output_column_name"] in names}
    model["comparisons"] = [kept.get(c["output_column_name"], c) for c in model["comparisons"]]
    session_lambda = date_session.core_model_settings.probability_two_random_records_match
    date = next(c for c in model["comparisons"] if c["output_column_name"] == "birth_date")
    exact = next(lv for lv in date["comparison_levels"] if lv.get("label_for_charts") == "exact")
    bf_exact = exact["m_probability"] / exact["u_probability"]
    model["probability_two_random_records_match"] = _prob(_bf(session_lambda) / bf_exact)
    return model
