"""With the true clusters, the statistics give exactly the true unique-person counts
(computed here independently, with plain pandas on the generator's ground truth)."""

from __future__ import annotations

import pandas as pd

from henvis.stats.persons import unique_persons


def test_persons_per_year_equal_the_truth(synthetic: tuple) -> None:
    regs, extract, clusters = synthetic
    stats = unique_persons(extract, clusters, samples=0)
    truth = regs.groupby("year")["person_id"].nunique()
    got = stats.summary.set_index("year")["persons"]
    assert got.to_dict() == truth.to_dict()
    assert (stats.summary.set_index("year")["registrations"] == regs.groupby("year").size()).all()
    assert (stats.summary["difference"] > 0).any()  # the same persons are registered twice


def test_first_time_and_assisted_equal_the_truth(synthetic: tuple) -> None:
    regs, extract, clusters = synthetic
    stats = unique_persons(extract, clusters, samples=0)
    first_year = regs.groupby("person_id")["year"].transform("min")
    first = regs[(regs.year == first_year) & regs.new_in_year].groupby("year")["person_id"].nunique()
    assisted = regs[regs.measures != ""].groupby("year")["person_id"].nunique()
    s = stats.summary.set_index("year")
    assert s["first_time"][s["first_time"] > 0].to_dict() == first.to_dict()
    assert s["assisted"][s["assisted"] > 0].to_dict() == assisted.to_dict()


def test_breakdowns_by_organisation_kind_and_form_equal_the_truth(synthetic: tuple) -> None:
    regs, extract, clusters = synthetic
    stats = unique_persons(extract, clusters, samples=0)
    year = int(regs.year.mode()[0])
    in_year = regs[regs.year == year]
    for kind, n in in_year.groupby("organisation_kind")["person_id"].nunique().items():
        assert stats.figure(year, "registered", "organisation_kind", str(kind))[0] == n
    forms = in_year.assign(form=in_year.exploitation_forms.str.split(";")).explode("form")
    forms = forms[forms.form != ""]
    for form, n in forms.groupby("form")["person_id"].nunique().items():
        assert stats.figure(year, "registered", "exploitation_form", str(form))[0] == n


def test_overlap_counts_persons_by_number_of_organisations(synthetic: tuple) -> None:
    regs, extract, clusters = synthetic
    stats = unique_persons(extract, clusters, samples=0)
    per = regs.groupby(["year", "person_id"])["source"].nunique().clip(upper=3)
    expected = per.groupby(level="year").value_counts()
    got = stats.overlap.set_index(["year", "organisations"])["point"]
    for (year, k), n in expected.items():
        assert got[(year, "3+" if k == 3 else str(k))] == n
    assert (got.groupby(level="year").sum() == regs.groupby("year")["person_id"].nunique()).all()


def test_sex_child_cells_add_up_to_the_persons(synthetic: tuple) -> None:
    regs, extract, clusters = synthetic
    stats = unique_persons(extract, clusters, samples=0)
    b = stats.breakdown
    for year, persons in stats.summary.set_index("year")["persons"].items():
        cells = b[(b.year == year) & (b.measure == "registered") & (b.dimension == "sex_child")]
        assert int(cells.point.sum()) == persons
    assert isinstance(b, pd.DataFrame)
