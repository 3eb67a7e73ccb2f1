"""Issue 18 item 6 over HTTP: statistics of persons assisted with no criminal case, and the
deadlines page flag for assistance that ended while the criminal case was dropped."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from django.test import Client

from henvis.apps.cases.models import CriminalProceeding, Measure
from henvis.apps.cases.tests.factories import make_case
from henvis.apps.statistics.tests.yearly_page import yearly_column

pytestmark = pytest.mark.django_db


def measure(case: Any, start: date, end: date | None) -> None:
    Measure.objects.create(case=case, organisation=case.organisation, created_by=case.created_by,
                           kind="housing", start=start, end=end)


def proceeding(case: Any, stage: str) -> None:
    CriminalProceeding.objects.create(case=case, organisation=case.organisation, created_by=case.created_by, stage=stage)


def test_the_deadlines_page_flags_assistance_ended_with_a_dropped_case(client: Client, make_user: Any) -> None:
    rosa = make_user("rosa", roles=["coordinator"], org="rosa")
    ended_dropped, running_dropped, ended_investigated, ended_none = (make_case(rosa) for _ in range(4))
    for case in (ended_dropped, ended_investigated, ended_none):
        measure(case, date(2025, 1, 1), date(2025, 6, 30))
    measure(running_dropped, date(2025, 1, 1), None)
    proceeding(ended_dropped, "dropped")
    proceeding(running_dropped, "dropped")
    proceeding(ended_investigated, "investigation")
    client.force_login(rosa)
    page = client.get("/dashboard/").content.decode()
    assert re.findall(r'data-assistance-ended="(\d+)"', page) == [str(ended_dropped.pk)]
    assert "2025-06-30" in page
    other = Client()
    other.force_login(make_user("politi", roles=["first_line"], org="politi-oslo"))
    assert "data-assistance-ended" not in other.get("/dashboard/").content.decode()


def test_statistics_show_persons_assisted_with_no_criminal_case(client: Client, make_user: Any) -> None:
    rosa = make_user("rosa", roles=["first_line"], org="rosa")
    cases = [make_case(rosa, given=f"P{n}") for n in range(9)]
    for case in cases[:5]:  # five persons assisted in 2025 only
        measure(case, date(2025, 2, 1), date(2025, 9, 1))
    for case in cases[5:]:  # four assisted from 2025 into 2026
        measure(case, date(2025, 10, 1), date(2026, 1, 31))
    for case in cases[:2] + cases[5:6]:  # three have a criminal case, whatever its stage
        proceeding(case, "investigation")
    client.force_login(make_user("analyst", roles=["analyst"], org="kom"))
    page = client.get("/assistance/statistics/").content.decode()

    def table(key: str) -> dict[str, str]:
        return yearly_column(page, key)

    assert table("assisted") == {"2025": "9", "2026": "4", "I alt": "13"}
    # 2026: 4 assisted, 3 of them with no criminal case: shown side by side, the two told
    # that one person assisted in 2026 has a criminal case. Protected together (the
    # persons with and without a criminal case as one table), 2026 is hidden, and 2025
    # with it (else 9 - 6 and the sums give it back).
    assert table("no_criminal_case") == {"2025": ":", "2026": ":", "I alt": "9"}
    proceeding(cases[6], "dropped")  # a dropped case is still a criminal case
    proceeding(cases[7], "dropped")
    page = client.get("/assistance/statistics/").content.decode()
    assert table("no_criminal_case") == {"2025": ":", "2026": ":", "I alt": "5"}
    client.force_login(rosa)
    assert client.get("/assistance/statistics/").status_code == 403
