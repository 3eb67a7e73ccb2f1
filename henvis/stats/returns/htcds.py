"""Case data in the field names of the Human Trafficking Case Data Standard (HTCDS 2.0),
as published in the Counter Trafficking Data Collaborative's (CTDC) global dataset,
anonymised and k-anonymous (CTDC publishes with k = 11).

One row per unique person (from linkage) and year of registration. Field names and the
mapping from Henvis (see docs/disclosure-control.md):

=========================== =============================================================
HTCDS / CTDC field          Henvis source
=========================== =============================================================
yearOfRegistration          the year (generalised to a 5-year period if needed)
Datasource                  "Case Management" (all Henvis registrations are cases)
gender                      sex F/M -> "Female"/"Male"; otherwise "Unknown"
ageBroad                    age at identification in CTDC's bands (0--8, 9--17, 18--20,
                            21--23, 24--26, 27--29, 30--38, 39--47, 48+)
majorityStatus              "Minor" (child) / "Adult"
citizenship                 ISO 3166-1 alpha-2 (generalised to region if needed)
CountryOfExploitation       the reporting country ("NO")
isSexualExploit             prostitution or other sexual purposes (§ 257 a)
isForcedLabour              forced labour or services incl. begging, criminality (§ 257 b)
isOrganRemoval              removal of organs (§ 257 c)
isForcedMilitary            military service in a foreign country (§ 257 d)
isOtherExploit              other or unclear forms
isSexAndLabour              both sexual exploitation and forced labour
typeOfSexProstitution       prostitution
=========================== =============================================================

Quasi-identifiers (generalised, then rows suppressed, until every combination occurs at
least k times): yearOfRegistration, gender, ageBroad, majorityStatus, citizenship.
Exploitation flags are not quasi-identifiers here; rare flags are coarsened by the
class-size check on the whole row set instead (see ``htcds_export``).
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
    "yearOfRegistration", "Datasource", "gender", "ageBroad", "majorityStatus", "citizenship",
    "CountryOfExploitation", "isSexualExploit", "isForcedLabour", "isOrganRemoval",
    "isForcedMilitary", "isOtherExploit", "isSexAndLabour", "typeOfSexProstitution",
)
QUASI_IDENTIFIERS = ("yearOfRegistration", "gender", "ageBroad", "majorityStatus", "citizenship")
AGE_BANDS = ((0, 8), (9, 17), (18, 20), (21, 23), (24, 26), (27, 29), (30, 38), (39, 47), (48, 200))


def age_broad(age: float | None) -> str:
    """>>> age_broad(16), age_broad(25), age_broad(60), age_broad(None)
    ('9--17', '24--26', '48+', '*')
    """
    if age is None or pd.isna(age):
        return ANY
    for lo, hi in AGE_BANDS:
        if lo <= age <= hi:
            return f"{lo}+" if hi == 200 else f"{lo}--{hi}"
    return ANY


def htcds_records(facts: pd.DataFrame, country: str = "NO") -> pd.DataFrame:
    """HTCDS rows (not yet anonymised) from person facts (``PersonStatistics.person_facts``)."""
    forms = facts["exploitation_forms"].fillna("").str.split(";")
    has = {name: forms.map(lambda fs, codes=codes: bool(set(fs) & codes)) for name, codes in {
        "sexual": {"prostitution", "other_sexual"},
        "labour": {"forced_labour", "forced_criminality", "begging"},
        "organ": {"organ_removal"}, "military": {"military_service"},
        "other": {"other", "unclear"}, "prostitution": {"prostitution"},
    }.items()}
    none = ~(has["sexual"] | has["labour"] | has["organ"] | has["military"] | has["other"])
    gender = facts["sex"].map({"F": "Female", "M": "Male"}).fillna("Unknown")
    majority = facts["child"].map({"child": "Minor", "adult": "Adult"}).fillna(ANY)
    out = pd.DataFrame({
        "yearOfRegistration": facts["year"].astype(int).astype(str),
        "Datasource": "Case Management",
        "gender": gender,
        "ageBroad": [age_broad(a) for a in facts["age"]],
        "majorityStatus": majority,
        "citizenship": facts["citizenship"].replace({"unknown": ANY}).fillna(ANY),
        "CountryOfExploitation": country,
        "isSexualExploit": has["sexual"].astype(int),
        "isForcedLabour": has["labour"].astype(int),
        "isOrganRemoval": has["organ"].astype(int),
        "isForcedMilitary": has["military"].astype(int),
        "isOtherExploit": (has["other"] | none).astype(int),
        "isSexAndLabour": (has["sexual"] & has["labour"]).astype(int),
        "typeOfSexProstitution": has["prostitution"].astype(int),
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
    "yearOfRegistration": [_period(5), everything()],
    "gender": [everything()],
    "ageBroad": [_coarse_age, everything()],
    "majorityStatus": [everything()],
    "citizenship": [from_column("_region"), everything()],
}


def htcds_export(facts: pd.DataFrame, k: int = 11, country: str = "NO",
                 max_dropped: float = 0.05) -> KAnonymityResult:
    """k-anonymous HTCDS rows: every combination of the quasi-identifiers occurs at least
    k times (``result.frame``); ``result.dropped_rows`` rows were left out."""
    records = htcds_records(facts, country)
    result = k_anonymise(records, HIERARCHIES, k=k, max_dropped=max_dropped)
    frame = result.frame.drop(columns=["_region"])[list(HTCDS_FIELDS)]
    return KAnonymityResult(frame, result.k, result.levels, result.dropped_rows)
