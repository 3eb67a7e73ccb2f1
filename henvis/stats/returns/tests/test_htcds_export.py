"""The HTCDS export uses the standard's field names (HTCDS 2.0) and is k-anonymous."""

from __future__ import annotations

import pytest

from henvis.stats.disclosure import smallest_class
from henvis.stats.persons import PersonStatistics
from henvis.stats.returns import HTCDS_FIELDS, QUASI_IDENTIFIERS, htcds_export


@pytest.mark.parametrize("k", [5, 11, 25])
def test_every_quasi_identifier_combination_occurs_at_least_k_times(stats: PersonStatistics, k: int) -> None:
    facts = stats.person_facts()
    result = htcds_export(facts, k=k, under_agreement=True)
    assert list(result.frame.columns) == list(HTCDS_FIELDS)
    assert smallest_class(result.frame, list(QUASI_IDENTIFIERS)) >= k
    assert len(result.frame) + result.dropped_rows == len(facts)
    assert result.dropped_rows <= 0.05 * len(facts)


def test_export_carries_no_identifier_or_linkage_key(stats: PersonStatistics) -> None:
    frame = htcds_export(stats.person_facts(), k=11, under_agreement=True).frame
    assert not {"person", "person_id", "record_id", "source", "_region"} & set(frame.columns)
    # HTCDS 2.0 prs_Gender picklist value names ("HTCDS Field Standards 2.0.ods")
    assert set(frame["prs_Gender"]) <= {"Feminine", "Masculine", "NonSpecifiedUnknown"}
    assert set(frame["vic_TraffickingStatus"]) == {"PossibleVictimOfTrafficking"}


def test_flags_follow_the_forms(stats: PersonStatistics) -> None:
    facts = stats.person_facts()
    frame = htcds_export(facts, k=1, under_agreement=True).frame  # k=1: nothing generalised or dropped
    assert len(frame) == len(facts)
    sexual = facts["exploitation_forms"].str.contains("prostitution|other_sexual")
    types = frame["vic_TypeOfExploitation"].str.split(";")
    assert (types.map(lambda t: "SexualExploitation" in t) == sexual.to_numpy()).all()
    labour = facts["exploitation_forms"].str.contains("forced_labour|forced_criminality")
    assert (types.map(lambda t: "ForcedLabour" in t) == labour.to_numpy()).all()
    # every value is one of the standard's vic_TypeOfExploitation value names
    standard = {"ForcedLabour", "SexualExploitation", "ChildLabour", "ForcedMarriage", "Servitude",
                "ForcedMilitaryByNonStateActors", "OrganRemoval", "ForcedBegging", "ForcedAdoption",
                "Surrogacy", "Other"}
    assert set().union(*types) - {""} <= standard
    # no form given (or a form recorded as unclear) is the standard's missing value, not "Other"
    none = facts["exploitation_forms"].fillna("").map(lambda f: not set(f.split(";")) - {"", "unclear"})
    assert none.any(), "the synthetic year has no person without a form: nothing to check"
    assert (frame["vic_TypeOfExploitation"][none.to_numpy()] == "").all()
    prostitution = facts["exploitation_forms"].str.split(";").map(lambda f: "prostitution" in f)
    assert ((frame["vic_TypeOfSexExploitation"] == "Prostitution") == prostitution.to_numpy()).all()


def test_only_the_standards_values_and_its_missing_value_are_written(stats: PersonStatistics) -> None:
    # k=25 generalises: what was "*" (not an HTCDS value), a region name (not ISO 3166)
    # or the band "18+" (not CTDC's) before is now empty, the standard's missing value
    frame = htcds_export(stats.person_facts(), k=25, under_agreement=True).frame
    text = frame.to_csv(index=False)
    assert "*" not in text and "18+" not in text
    assert frame["prs_Citizenship"].str.fullmatch(r"([A-Z]{2})?").all()
    bands = {"", "0--8", "9--17", "18--20", "21--23", "24--26", "27--29", "30--38", "39--47", "48+"}
    assert set(frame["hnv_AgeBroad"]) <= bands
    assert set(frame["hnv_MajorityStatus"]) <= {"", "Minor", "Adult"}
    assert (frame["prs_Citizenship"] == "").any() or (frame["hnv_AgeBroad"] == "").any()
