"""Case data in the field names and codes of the Human Trafficking Case Data Standard
(HTCDS 2.0, IOM, github.com/UNMigration/HTCDS, "HTCDS Field Standards 2.0.ods", version
2.0 of 24 December 2021), anonymised and k-anonymous (CTDC publishes its global dataset
with k = 11).

One row per unique person (from linkage) and year of registration. HTCDS fields carry the
standard's table prefix (``prs_`` person, ``vic_`` person victim context) and its picklist
value names; the standard has no field for the year of registration or an age band (only
``prs_Birthdate``, which is identifying, and ``vic_AgeWhenTrafficked``, the age when first
trafficked, which Henvis does not record), so those are Henvis extensions under the prefix
``hnv_``:

========================== ===============================================================
field                      Henvis source
========================== ===============================================================
hnv_YearOfRegistration     the year (generalised to a 5-year period if needed)
hnv_AgeBroad               age at identification in bands 0--8, 9--17, 18--20, 21--23,
                           24--26, 27--29, 30--38, 39--47, 48+ (0--17 / 18+ if needed)
hnv_MajorityStatus         "Minor" (child) / "Adult" at identification
prs_Gender                 F -> "Feminine", M -> "Masculine", else "NonSpecifiedUnknown"
prs_Citizenship            ISO 3166-1 alpha-2 (generalised to Henvis's region if needed)
vic_TraffickingStatus      "PossibleVictimOfTrafficking" (Henvis registers presumed victims)
vic_TypeOfExploitation     multi-select, ";"-joined: SexualExploitation (§ 257 a),
                           ForcedLabour (forced labour or services, forced criminality,
                           § 257 b), ForcedBegging (begging, § 257 b), OrganRemoval
                           (§ 257 c), Other (military service abroad § 257 d, other,
                           unclear or none stated)
vic_TypeOfSexExploitation  "Prostitution" when prostitution is recorded, else empty
========================== ===============================================================

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
    from_column,
    k_anonymise,
)

HTCDS_FIELDS = (
    "hnv_YearOfRegistration", "prs_Gender", "hnv_AgeBroad", "hnv_MajorityStatus", "prs_Citizenship",
    "vic_TraffickingStatus", "vic_TypeOfExploitation", "vic_TypeOfSexExploitation",
)
QUASI_IDENTIFIERS = ("hnv_YearOfRegistration", "prs_Gender", "hnv_AgeBroad", "hnv_MajorityStatus", "prs_Citizenship")
# HTCDS 2.0 vic_TypeOfExploitation value names, from Henvis's exploitation form codes
# (order: the standard's picklist order).
EXPLOITATION_TYPES: tuple[tuple[str, frozenset[str]], ...] = (
    ("ForcedLabour", frozenset({"forced_labour", "forced_criminality"})),
    ("SexualExploitation", frozenset({"prostitution", "other_sexual"})),
    ("OrganRemoval", frozenset({"organ_removal"})),
    ("ForcedBegging", frozenset({"begging"})),
    ("Other", frozenset({"military_service", "other", "unclear"})),
)
AGE_BANDS = ((0, 8), (9, 17), (18, 20), (21, 23), (24, 26), (27, 29), (30, 38), (39, 47), (48, 200))


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

    >>> exploitation_types("prostitution;begging"), exploitation_types("")
    ('SexualExploitation;ForcedBegging', 'Other')
    """
    codes = set(str(forms).split(";")) - {""}
    names = [name for name, group in EXPLOITATION_TYPES if codes & group]
    return ";".join(names) or "Other"


def htcds_records(facts: pd.DataFrame) -> pd.DataFrame:
    """HTCDS rows (not yet anonymised) from person facts (``PersonStatistics.person_facts``)."""
    forms = facts["exploitation_forms"].fillna("")
    out = pd.DataFrame({
        "hnv_YearOfRegistration": facts["year"].astype(int).astype(str),
        "prs_Gender": facts["sex"].map({"F": "Feminine", "M": "Masculine"}).fillna("NonSpecifiedUnknown"),
        "hnv_AgeBroad": [age_broad(a) for a in facts["age"]],
        "hnv_MajorityStatus": facts["child"].map({"child": "Minor", "adult": "Adult"}).fillna(ANY),
        "prs_Citizenship": facts["citizenship"].replace({"unknown": ANY}).fillna(ANY),
        "vic_TraffickingStatus": "PossibleVictimOfTrafficking",
        "vic_TypeOfExploitation": forms.map(exploitation_types),
        "vic_TypeOfSexExploitation": forms.map(lambda v: "Prostitution" if "prostitution" in str(v).split(";") else ""),
        "_region": facts["region"].replace({"unknown": ANY}).fillna(ANY),
    })
    return out


def _period(width: int) -> Step:
    def step(frame: pd.DataFrame, column: str) -> pd.Series:
        year = pd.to_numeric(frame[column], errors="coerce")
        lo = (year // width) * width
        return pd.Series(np.where(year.isna(), ANY, lo.astype("Int64").astype(str) + "-" + (lo + width - 1).astype("Int64").astype(str)),
                         index=frame.index)
    return step


def _coarse_age(frame: pd.DataFrame, column: str) -> pd.Series:
    """CTDC's bands -> minor/adult bands 0--17 and 18+."""
    minor = {"0--8", "9--17"}
    return frame[column].map(lambda v: ANY if v == ANY else ("0--17" if v in minor else "18+"))


HIERARCHIES: dict[str, list[Step]] = {
    "hnv_YearOfRegistration": [_period(5), everything()],
    "prs_Gender": [everything()],
    "hnv_AgeBroad": [_coarse_age, everything()],
    "hnv_MajorityStatus": [everything()],
    "prs_Citizenship": [from_column("_region"), everything()],
}


def htcds_export(facts: pd.DataFrame, k: int = 11, country: str = "NO",
                 max_dropped: float = 0.05) -> KAnonymityResult:
    # ``country`` is kept for callers; HTCDS 2.0 records no country of exploitation on the
    # victim (only on historic trafficking events, which Henvis does not record).
    del country
    """k-anonymous HTCDS rows: every combination of the quasi-identifiers occurs at least
    k times (``result.frame``); ``result.dropped_rows`` rows were left out."""
    records = htcds_records(facts)
    result = k_anonymise(records, HIERARCHIES, k=k, max_dropped=max_dropped)
    frame = result.frame.drop(columns=["_region"])[list(HTCDS_FIELDS)]
    return KAnonymityResult(frame, result.k, result.levels, result.dropped_rows)
