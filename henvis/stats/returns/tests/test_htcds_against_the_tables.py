"""The HTCDS export beside the year's tables (issue #18 item 5).

The export is k-anonymous in its quasi-identifiers, but its exploitation fields are
published row by row, so the number of rows with OrganRemoval or ForcedBegging is the
page's count of organ removal or begging, which the tables suppress (or round, in a
rounded year) when it is 1 or 2.
Such rows cannot be part of the year's protected release, so they are exchange under
agreement only: refused unless the caller says so, and marked on every row. These tests
show both halves: the leak is real in the exchange file (so the gate is needed), and no
export that is made without an agreement gives a hidden count away.
"""

from __future__ import annotations

import pandas as pd
import pytest

from henvis.stats.disclosure import DisclosureRule
from henvis.stats.persons import PersonStatistics
from henvis.stats.persons.year_release import year_release
from henvis.stats.returns import EXCHANGE_MARK, ExchangeNotAgreed, htcds_export

# page form code -> the HTCDS exploitation type that holds that form alone
ALONE = {"organ_removal": "OrganRemoval", "begging": "ForcedBegging"}


def _hidden_forms(stats: PersonStatistics, rule: DisclosureRule) -> tuple[int, dict[str, int]]:
    """The largest year in which the page does not show exactly a small count of a form
    that the export holds alone (suppressed, or rounded when the year is rounded), and
    those forms' true counts."""
    for year in sorted(stats.years, key=lambda y: -len(stats.person_facts(y))):
        release = year_release(stats, year, rule)
        raw, shown = release.raw_page["exploitation_form"], release.page["exploitation_form"]
        hidden = {code: int(raw.iloc[:, 0][code]) for code in ALONE
                  if code in raw.index and rule.is_small(int(raw.iloc[:, 0][code]))
                  and (bool(shown.suppressed.iloc[:, 0][code]) or release.method == "rounding")}
        if hidden:
            return year, hidden
    pytest.fail("no year hides a small count of a form the export holds alone: nothing to check")


def _readable(rows: pd.DataFrame, code: str) -> int:
    return int(rows["vic_TypeOfExploitation"].str.split(";").map(lambda t: ALONE[code] in t).sum())


def test_no_export_without_an_agreement_gives_a_hidden_count_away(stats: PersonStatistics) -> None:
    rule = DisclosureRule()
    year, hidden = _hidden_forms(stats, rule)
    with pytest.raises(ExchangeNotAgreed):
        htcds_export(stats.person_facts(year), k=11)
    # the exchange file does give them away (so the gate above is what protects them),
    # and says on every row that it is not for publication
    rows = htcds_export(stats.person_facts(year), k=11, under_agreement=True).frame
    assert any(_readable(rows, code) > max(true - rule.protection, 0) for code, true in hidden.items())
    assert (rows["hnv_Release"] == EXCHANGE_MARK).all()
