"""Comparisons of encoded records, written as SQL that runs on DuckDB and Spark.

Bloom filters are stored as int64 words, so the Dice coefficient of two filters is
``2 * sum(bit_count(a_i & b_i)) / (|a| + |b|)``; ``bit_count`` and ``&`` exist in both
engines and sqlglot carries them across unchanged. DuckDB's ``bit_count`` returns a
TINYINT, so each count is cast to INTEGER before the sum (256 bits overflow 127). Every comparison has several levels
so that the Fellegi-Sunter model learns from the data (by EM) how much each degree of
agreement is worth, instead of one hand-set Dice threshold.
"""

from __future__ import annotations

from typing import Any

from henvis.linkage.schema import EncodingParams

# Dice levels for names. The BLIP noise lowers the Dice of two equal names to about
# 0.95 (see docs/linkage.md), hence the top level at 0.9, not 1.0.
NAME_DICE_LEVELS: tuple[float, ...] = (0.9, 0.8, 0.7, 0.55)
SWAP_DICE = 0.85


def dice_sql(left: str, right: str, params: EncodingParams) -> str:
    """Dice of filter ``left`` on the left record and ``right`` on the right one."""
    inter = " + ".join(
        f"CAST(bit_count({left}{i}_l & {right}{i}_r) AS INTEGER)" for i in range(params.words)
    )
    return f"(2.0 * ({inter}) / ({left}c_l + {right}c_r))"


def _level(sql: str, label: str, *, null: bool = False) -> dict[str, Any]:
    level: dict[str, Any] = {"sql_condition": sql, "label_for_charts": label}
    if null:
        level["is_null_level"] = True
    return level


def name_comparison(prefix: str, label: str, params: EncodingParams) -> dict[str, Any]:
    """Given or family name: Dice levels, then a level for names moved between fields."""
    dice = dice_sql(prefix, prefix, params)
    levels = [_level(f"{prefix}c_l IS NULL OR {prefix}c_r IS NULL", "null", null=True)]
    # Same min-hash signature: nearly always the same name. Its weight is adjusted for
    # how common the signature is in the data (Splink's term-frequency adjustment), so
    # a match on a rare name counts for more than a match on a common one. The exact
    # names stay hidden: only the frequency of the keyed signature is used.
    same = _level(f"{prefix}sig_l = {prefix}sig_r", "same name signature")
    same["tf_adjustment_column"] = f"{prefix}sig"
    same["tf_adjustment_weight"] = 1.0
    levels.append(same)
    levels += [_level(f"{dice} >= {t}", f"Dice >= {t}") for t in NAME_DICE_LEVELS]
    levels.append(
        _level(
            f"nc_l IS NOT NULL AND nc_r IS NOT NULL AND {dice_sql('n', 'n', params)} >= {SWAP_DICE}",
            "whole name agrees (swapped or moved parts)",
        )
    )
    levels.append(_level("ELSE", "all other"))
    return {"output_column_name": label, "comparison_levels": levels}


# With the birth-year salt (EncodingParams.year_salt) the given- and family-name filters
# of two records are comparable only when they carry the same salt: the same birth year,
# or no year on either side. The name comparisons then have two groups of levels: the
# salted Dice levels when the salts agree, and levels on the unsalted whole-name filter
# when they differ (given name; the family name has one neutral level there, so the whole
# name is not counted twice). Agreeing salts imply an agreeing year, which the birth-date
# comparison counts already: train.condition_on_salt turns each group's m and u into
# probabilities conditional on the group, so the names add only what they say beyond
# the year (see docs/linkage.md, Model).
# ``ys`` is a copy of ``dy`` made at link time: Splink leaves a comparison out of an EM
# session whose blocking rule names one of its columns, and the date-blocked session
# names ``dy`` but must still train the names.
SAME_SALT = "(ys_l = ys_r OR (ys_l IS NULL AND ys_r IS NULL))"
SAME_SALT_TAG = "same birth-year salt: "
OTHER_SALT_TAG = "other birth-year salt: "


def _cross_count(params: EncodingParams, left: str, right: str) -> str:
    """How many min-hashes of name ``left`` on the left record equal those of name
    ``right`` on the right record (the given- and family-name min-hashes share a key)."""
    return "(" + " + ".join(f"CAST(mh{left}{i}_l = mh{right}{i}_r AS INTEGER)" for i in range(1, params.minhashes + 1)) + ")"


def swapped_sql(params: EncodingParams) -> str:
    """Given and family name swapped, a typo allowed: three quarters of the min-hashes
    agree across the fields, both ways counted together. A single agreeing min-hash says
    little (two different names share a bigram's min-hash about as often as their
    bigram sets overlap)."""
    both = f"{_cross_count(params, 'g', 'f')} + {_cross_count(params, 'f', 'g')}"
    return f"({both} >= {(3 * 2 * params.minhashes + 3) // 4})"


def moved_sql(params: EncodingParams) -> str:
    """One name in the other field: every min-hash of one record's given name equals the
    other record's family name's, or the other way round."""
    return (f"({_cross_count(params, 'g', 'f')} = {params.minhashes} "
            f"OR {_cross_count(params, 'f', 'g')} = {params.minhashes})")


def salted_name_comparison(prefix: str, label: str, params: EncodingParams, *, whole_name: bool) -> dict[str, Any]:
    """Given or family name encoded with the birth-year salt (levels conditional on the salt)."""
    dice = dice_sql(prefix, prefix, params)
    whole = dice_sql("n", "n", params)
    levels = [_level(f"{prefix}c_l IS NULL OR {prefix}c_r IS NULL", "null", null=True)]
    levels.append(_level(f"{SAME_SALT} AND {prefix}sig_l = {prefix}sig_r", SAME_SALT_TAG + "same name signature"))
    levels += [_level(f"{SAME_SALT} AND {dice} >= {t}", f"{SAME_SALT_TAG}Dice >= {t}") for t in NAME_DICE_LEVELS]
    levels.append(_level(f"{SAME_SALT} AND {whole} >= {SWAP_DICE}", SAME_SALT_TAG + "whole name agrees (swapped or moved parts)"))
    # Given and family name swapped, with a typo: the given and family min-hashes share
    # one key and one salt, so a swap shows as min-hashes that agree across the fields,
    # in both directions. Counted once, in the given name: the family name's level is a
    # null level (Bayes factor 1), else the two comparisons would hold the same event
    # and the latent model (independent comparisons within a class) takes it for a class.
    levels.append(_level(f"{SAME_SALT} AND {swapped_sql(params)}", SAME_SALT_TAG + "given and family name swapped",
                         null=whole_name is False))
    if whole_name:
        # One name in the other field, the other part different or missing ("chloe
        # tennent" / "tennent alannah"): in the given name's levels only.
        levels.append(_level(f"{SAME_SALT} AND {moved_sql(params)}", SAME_SALT_TAG + "one name in the other field"))
    levels.append(_level(SAME_SALT, SAME_SALT_TAG + "all other"))
    if whole_name:
        levels += [_level(f"{whole} >= {t}", f"{OTHER_SALT_TAG}whole-name Dice >= {t}") for t in NAME_DICE_LEVELS]
    levels.append(_level("ELSE", OTHER_SALT_TAG + ("all other" if whole_name else "not compared")))
    return {"output_column_name": label, "comparison_levels": levels}


def whole_name_comparison(params: EncodingParams) -> dict[str, Any]:
    """The unsalted whole-name filter alone (the latent models of the salted training)."""
    whole = dice_sql("n", "n", params)
    levels = [_level("nc_l IS NULL OR nc_r IS NULL", "null", null=True)]
    levels += [_level(f"{whole} >= {t}", f"{OTHER_SALT_TAG}whole-name Dice >= {t}") for t in NAME_DICE_LEVELS]
    levels.append(_level("ELSE", OTHER_SALT_TAG + "all other"))
    return {"output_column_name": "whole_name", "comparison_levels": levels}


def birth_date_comparison() -> dict[str, Any]:
    """Birth date from keyed hashes of year, month and day (month and day share a salt).

    A year-only (or year-and-month) date that agrees on what it has is not the same
    evidence as two full dates of the same year that disagree on day and month: the
    first is what a true match with a partly known date looks like, the second mostly
    two different persons born the same year. Each has its level (issue #14: on a
    realistic population 1,280 false links came from sharing one)."""
    partial_md = "(dm_l IS NULL OR dm_r IS NULL)"
    partial_d = "(dd_l IS NULL OR dd_r IS NULL)"
    levels = [
        _level("dy_l IS NULL OR dy_r IS NULL", "null", null=True),
        _level("dy_l = dy_r AND dm_l = dm_r AND dd_l = dd_r", "exact"),
        _level(f"dy_l = dy_r AND dm_l = dm_r AND {partial_d}", "year and month, a day unknown"),
        _level("dy_l = dy_r AND dm_l = dm_r", "year and month, days differ"),
        _level("dy_l = dy_r AND dm_l = dd_r AND dd_l = dm_r", "day and month transposed"),
        _level("(dy_l = dy_r AND dd_l = dd_r) OR (dm_l = dm_r AND dd_l = dd_r)", "two of three parts"),
        _level(f"dy_l = dy_r AND {partial_md}", "same year, month or day unknown"),
        _level("dy_l = dy_r", "same year, full dates disagree"),
        _level("dyp_l = dy_r OR dy_l = dyp_r", "year within one"),
        _level("ELSE", "all other"),
    ]
    return {"output_column_name": "birth_date", "comparison_levels": levels}


def exact_comparison(column: str, label: str) -> dict[str, Any]:
    return {
        "output_column_name": label,
        "comparison_levels": [
            _level(f"{column}_l IS NULL OR {column}_r IS NULL", "null", null=True),
            _level(f"{column}_l = {column}_r", "exact"),
            _level("ELSE", "all other"),
        ],
    }


# Optional exact comparisons: encoded column -> name in the model.
EXACT_FIELDS: dict[str, str] = {
    "nid": "national_id",
    "duf": "duf_number",
}

# Sex and citizenship (keyed codes): three levels each (agree, disagree, one missing),
# their m learnt by the EM sessions like every other comparison's (the date-blocked
# session, or the identity-number session when the data hold enough numbers) and their
# u from random pairs. Disagreeing sex is strong evidence of two persons (a match
# disagrees only through a data-entry error); agreeing citizenship is weak evidence
# (most persons of a population share a few), disagreeing citizenship stronger. No list
# of codes is assumed: any code the organisations enter is compared as it is.
ATTRIBUTE_FIELDS: dict[str, str] = {
    "sx": "sex",
    "ct": "citizenship",
}


def attribute_comparison(column: str, label: str) -> dict[str, Any]:
    return {
        "output_column_name": label,
        "comparison_levels": [
            _level(f"{column}_l IS NULL OR {column}_r IS NULL", "null", null=True),
            _level(f"{column}_l = {column}_r", "agree"),
            _level("ELSE", "disagree"),
        ],
    }


def comparisons(params: EncodingParams, present: set[str]) -> list[dict[str, Any]]:
    """The model's comparisons; exact fields only when the data hold values for them."""
    if params.year_salt:
        out = [
            salted_name_comparison("g", "given_name", params, whole_name=True),
            salted_name_comparison("f", "family_name", params, whole_name=False),
        ]
    else:
        out = [name_comparison("g", "given_name", params), name_comparison("f", "family_name", params)]
    out.append(birth_date_comparison())
    out += [exact_comparison(col, label) for col, label in EXACT_FIELDS.items() if col in present]
    if params.year_salt:  # trained on the salted model's whole-name blocks (train._attributes_among_similar_names)
        out += [attribute_comparison(col, label) for col, label in ATTRIBUTE_FIELDS.items() if col in present]
    return out
