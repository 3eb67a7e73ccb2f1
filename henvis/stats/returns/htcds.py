"""Case data in the field names and codes of the Human Trafficking Case Data Standard
(HTCDS 2.0, IOM, github.com/UNMigration/HTCDS, "HTCDS Field Standards 2.0.ods", version
2.0 of 24 December 2021), anonymised and k-anonymous (CTDC publishes its global dataset
with k = 11).

**Exchange under agreement only.** The rows are microdata: they are k-anonymous in their
quasi-identifiers, but cross-counts of the rows (rows with ForcedBegging, masculine
minors, ...) are cells the year's protected tables may suppress, and the rows are not in
the year release's linear system. So the export is never part of a publication: it is
made only when the caller says it is for exchange under an agreement
(``under_agreement=True``; the command's ``--under-agreement``, the download's
``?agreement=exchange``), every row carries ``hnv_Release = ExchangeUnderAgreement``
and a refusal (:class:`ExchangeNotAgreed`) answers any other call.

One row per unique person (from linkage) and year of registration. HTCDS fields carry the
standard's table prefix (``prs_`` person, ``vic_`` person victim context) and its picklist
value names; the standard has no field for the year of registration or an age band (only
``prs_Birthdate``, which is identifying, and ``vic_AgeWhenTrafficked``, the age when first
trafficked, which Henvis does not record), so those are Henvis extensions under the prefix
``hnv_``:

========================== ===============================================================
field                      Henvis source
========================== ===============================================================
hnv_YearOfRegistration     the year (generalised to a 5-year period "2015-2019" if needed)
hnv_AgeBroad               age at identification in CTDC's bands 0--8, 9--17, 18--20,
                           21--23, 24--26, 27--29, 30--38, 39--47, 48+ (empty if needed)
hnv_MajorityStatus         "Minor" (child) / "Adult" at identification
prs_Gender                 F -> "Feminine", M -> "Masculine", else "NonSpecifiedUnknown"
prs_Citizenship            ISO 3166-1 alpha-2
vic_TraffickingStatus      "PossibleVictimOfTrafficking" (Henvis registers presumed victims)
vic_TypeOfExploitation     multi-select, ";"-joined: SexualExploitation (§ 257 a),
                           ForcedLabour (forced labour or services, forced criminality,
                           § 257 b), ForcedBegging (begging, § 257 b), OrganRemoval
                           (§ 257 c), Other (military service abroad § 257 d, other)
vic_TypeOfSexExploitation  "Prostitution" when prostitution is recorded, else empty
hnv_Release                "ExchangeUnderAgreement" (never published)
========================== ===============================================================

Missing values follow the standard: it defines no code for "unknown" except
``prs_Gender``'s ``NonSpecifiedUnknown``, so an unknown or generalised-away value of any
other field is left empty (no "*"): no form given, or a form recorded as unclear, is an
empty ``vic_TypeOfExploitation``, never "Other"; an unknown citizenship is empty. A value
the standard's picklist does not hold (a region name, an age band "18+") is never written.

Quasi-identifiers (generalised, then rows suppressed, until every combination occurs at
least k times): hnv_YearOfRegistration, prs_Gender, hnv_AgeBroad, hnv_MajorityStatus,
prs_Citizenship. The exploitation fields are not quasi-identifiers here.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from henvis.stats.disclosure.kanon import (
    ANY,
    KAnonymityResult,
    Step,
    everything,
    k_anonymise,
)

HTCDS_FIELDS = (
    "hnv_YearOfRegistration", "prs_Gender", "hnv_AgeBroad", "hnv_MajorityStatus", "prs_Citizenship",
    "vic_TraffickingStatus", "vic_TypeOfExploitation", "vic_TypeOfSexExploitation", "hnv_Release",
)
QUASI_IDENTIFIERS = ("hnv_YearOfRegistration", "prs_Gender", "hnv_AgeBroad", "hnv_MajorityStatus", "prs_Citizenship")
EXCHANGE_MARK = "ExchangeUnderAgreement"
# HTCDS 2.0 prs_Gender picklist: the one field with its own "unknown" value name
GENDER_UNKNOWN = "NonSpecifiedUnknown"
# HTCDS 2.0 vic_TypeOfExploitation value names, from Henvis's exploitation form codes
# (order: the standard's picklist order). "unclear" is not a form: it stays empty.
EXPLOITATION_TYPES: tuple[tuple[str, frozenset[str]], ...] = (
    ("ForcedLabour", frozenset({"forced_labour", "forced_criminality"})),
    ("SexualExploitation", frozenset({"prostitution", "other_sexual"})),
    ("OrganRemoval", frozenset({"organ_removal"})),
    ("ForcedBegging", frozenset({"begging"})),
    ("Other", frozenset({"military_service", "other"})),
)
AGE_BANDS = ((0, 8), (9, 17), (18, 20), (21, 23), (24, 26), (27, 29), (30, 38), (39, 47), (48, 200))


class ExchangeNotAgreed(PermissionError):
    """The HTCDS rows were asked for without saying they go to a receiver under agreement."""

    def __init__(self) -> None:
        super().__init__(
            "HTCDS-radene er mikrodata for utveksling etter avtale, ikke for publisering / "
            "the HTCDS rows are microdata for exchange under agreement, not for publication"
        )


def age_broad(age: float | None) -> str:
    """Example:

    >>> age_broad(16), age_broad(25), age_broad(60), age_broad(None)
    ('9--17', '24--26', '48+', '*')
    """
    if age is None or pd.isna(age):
        return ANY
    for lo, hi in AGE_BANDS:
        if lo <= age <= hi:
            return f"{lo}+" if hi == 200 else f"{lo}--{hi}"
    return ANY


def exploitation_types(forms: str) -> str:
    """Example:

    >>> exploitation_types("prostitution;begging"), exploitation_types(""), exploitation_types("unclear")
    ('SexualExploitation;ForcedBegging', '', '')
    """
    codes = set(str(forms).split(";")) - {""}
    return ";".join(name for name, group in EXPLOITATION_TYPES if codes & group)


def htcds_records(facts: pd.DataFrame) -> pd.DataFrame:
    """HTCDS rows (not yet anonymised; "*" marks an unknown quasi-identifier until
    ``htcds_export`` writes the standard's missing values) from person facts."""
    forms = facts["exploitation_forms"].fillna("")
    citizenship = facts["citizenship"].fillna("").astype(str).str.strip().str.upper()
    out = pd.DataFrame({
        "hnv_YearOfRegistration": facts["year"].astype(int).astype(str),
        "prs_Gender": facts["sex"].map({"F": "Feminine", "M": "Masculine"}).fillna(GENDER_UNKNOWN),
        "hnv_AgeBroad": [age_broad(a) for a in facts["age"]],
        "hnv_MajorityStatus": facts["child"].map({"child": "Minor", "adult": "Adult"}).fillna(ANY),
        # ISO 3166-1 alpha-2 or unknown
        "prs_Citizenship": citizenship.where(citizenship.str.fullmatch(r"[A-Z]{2}"), ANY),
        "vic_TraffickingStatus": "PossibleVictimOfTrafficking",
        "vic_TypeOfExploitation": forms.map(exploitation_types),
        "vic_TypeOfSexExploitation": forms.map(lambda v: "Prostitution" if "prostitution" in str(v).split(";") else ""),
    })
    return out


def _period(width: int) -> Step:
    def step(frame: pd.DataFrame, column: str) -> pd.Series:
        year = pd.to_numeric(frame[column], errors="coerce")
        lo = (year // width) * width
        return pd.Series(np.where(year.isna(), ANY, lo.astype("Int64").astype(str) + "-" + (lo + width - 1).astype("Int64").astype(str)),
                         index=frame.index)
    return step


# Every step ends in a value the standard holds: a 5-year period is still a year field of
# Henvis's own, and "*" becomes the standard's missing value on output. No "0--17"/"18+"
# band (not CTDC's) and no region name (not ISO 3166): hnv_MajorityStatus already says
# minor or adult.
HIERARCHIES: dict[str, list[Step]] = {
    "hnv_YearOfRegistration": [_period(5), everything()],
    "prs_Gender": [everything()],
    "hnv_AgeBroad": [everything()],
    "hnv_MajorityStatus": [everything()],
    "prs_Citizenship": [everything()],
}


def _missing(frame: pd.DataFrame) -> pd.DataFrame:
    """The standard's missing values: NonSpecifiedUnknown for prs_Gender, else empty."""
    out = frame.copy()
    out["prs_Gender"] = out["prs_Gender"].replace({ANY: GENDER_UNKNOWN})
    for column in ("hnv_YearOfRegistration", "hnv_AgeBroad", "hnv_MajorityStatus", "prs_Citizenship"):
        out[column] = out[column].replace({ANY: ""})
    return out


def htcds_export(facts: pd.DataFrame, k: int = 11, country: str = "NO",
                 max_dropped: float = 0.05, *, under_agreement: bool = False) -> KAnonymityResult:
    """k-anonymous HTCDS rows for exchange under agreement: every combination of the
    quasi-identifiers occurs at least k times (``result.frame``); ``result.dropped_rows``
    rows were left out. Raises :class:`ExchangeNotAgreed` unless ``under_agreement``."""
    # ``country`` is kept for callers; HTCDS 2.0 records no country of exploitation on the
    # victim (only on historic trafficking events, which Henvis does not record).
    del country
    if not under_agreement:
        raise ExchangeNotAgreed()
    records = htcds_records(facts)
    result = k_anonymise(records, HIERARCHIES, k=k, max_dropped=max_dropped)
    frame = _missing(result.frame).assign(hnv_Release=EXCHANGE_MARK)[list(HTCDS_FIELDS)]
    return KAnonymityResult(frame, result.k, result.levels, result.dropped_rows)
