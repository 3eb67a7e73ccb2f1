"""Codes used in the generated attribute columns, and their mapping to seed 001's
categories.

Example:
    >>> exploitation_category("prostitution;forced_labour")
    'combination'
    >>> exploitation_category("begging")
    'labour_services'
    >>> exploitation_category("")
    'unclear'
"""

from __future__ import annotations

from typing import Final

# Exploitation forms (straffeloven § 257 and seed 004 Del 4), in a fixed order: a
# registration's forms are joined with ";" in this order.
FORMS: Final[tuple[str, ...]] = (
    "prostitution", "other_sexual", "forced_labour", "forced_criminality", "begging",
    "organ_removal", "military_service", "other", "unclear",
)
SEXUAL_FORMS: Final[frozenset[str]] = frozenset({"prostitution", "other_sexual"})
LABOUR_FORMS: Final[frozenset[str]] = frozenset({"forced_labour", "forced_criminality", "begging"})

# Seed 001 ch. 7.3 categories (plus military service, reported separately in Tabell 2-3).
CATEGORIES: Final[tuple[str, ...]] = (
    "sexual", "labour_services", "combination", "organ_removal", "military_service", "unclear",
)

MEASURES: Final[tuple[str, ...]] = (
    "housing", "follow_up", "health", "legal_aid", "subsistence", "safety", "interpreter",
    "guardian", "education", "work_training",
)

# Decisions (seed 001 ch. 3-5): UDI residence decisions, assisted return, child welfare.
DECISIONS: Final[tuple[str, ...]] = (
    "reflection_period_granted", "reflection_period_refused", "limited_permit_granted",
    "limited_permit_refused", "asylum_protection", "asylum_witness_permit", "asylum_refused",
    "assisted_return", "utl53_1b_granted", "child_welfare_placement",
)

# Region grouping of seed 001 ch. 7.3.
REGIONS: Final[tuple[str, ...]] = (
    "eastern_europe", "africa", "asia", "western_europe", "south_america", "middle_east",
)


def exploitation_category(forms: str) -> str:
    """Seed 001's category for a ";"-joined list of forms."""
    present = {f for f in forms.split(";") if f}
    sexual = bool(present & SEXUAL_FORMS)
    labour = bool(present & LABOUR_FORMS)
    if sexual and labour:
        return "combination"
    if sexual:
        return "sexual"
    if labour:
        return "labour_services"
    if "organ_removal" in present:
        return "organ_removal"
    if "military_service" in present:
        return "military_service"
    return "unclear"
