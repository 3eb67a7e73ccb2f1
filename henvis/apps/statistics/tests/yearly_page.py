"""Reading the yearly tables that ``statistics/yearly_tables.py`` renders for the areas'
statistics pages (asylum and return procedures, assistance, ...) in tests."""

from __future__ import annotations

import re


def yearly_column(page: str, measure: str) -> dict[str, str]:
    """The figures of one measure's table on ``page``: year (and the total row) -> the
    cell as shown (a count, or ":" where it is suppressed)."""
    body = page.split(f'data-measure="{measure}"')[1].split("</table>")[0]
    return dict(re.findall(r'<tr data-year="([^"]+)"><td>[^<]*</td><td>([^<]+)</td>', body))
