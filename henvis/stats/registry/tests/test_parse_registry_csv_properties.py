"""Property-based tests of the registry CSV parser: valid records survive a round trip,
and any text either parses or fails with row-level errors - never another exception."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from henvis.stats.registry import RegistryValidationError, parse_csv, to_csv
from henvis.stats.registry import code_lists as v
from henvis.stats.registry.formats import (
    FORMATS,
    JUDGMENTS,
    POLICE_REPORTS,
    JudgmentCount,
    PoliceReportCount,
)

text_cell = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30).filter(
    lambda s: s.strip() == s and s != ""
)

# a row gives a district and a form exactly as its breakdown says (the other is "")
police = st.sampled_from(list(v.POLICE_BREAKDOWNS)).flatmap(lambda breakdown: st.builds(
    PoliceReportCount,
    year=st.integers(1990, 2100),
    police_district=st.sampled_from(list(v.POLICE_DISTRICTS)) if breakdown != "form" else st.just(""),
    exploitation_form=st.sampled_from(list(v.REPORT_FORMS)) if breakdown != "distrikt" else st.just(""),
    grov=st.booleans(),
    reports=st.integers(0, 10_000_000),
    source=text_cell,
    breakdown=st.just(breakdown),
))
judgments = st.builds(
    JudgmentCount,
    year=st.integers(1990, 2100),
    court=st.sampled_from(list(v.COURTS)),
    outcome=st.sampled_from(list(v.JUDGMENT_OUTCOMES)),
    exploitation_forms=st.sets(st.sampled_from(list(v.JUDGMENT_FORMS)), min_size=1).map(lambda s: tuple(sorted(s))),
    minor_victims=st.none() | st.booleans(),
    final=st.none() | st.booleans(),
    judgments=st.integers(0, 1000),
    source=text_cell,
)


def _unique(records: list, fmt) -> list:  # type: ignore[no-untyped-def,type-arg]
    """Drop repeated keys, and margin rows of a year that also has district x form cells
    (both are refused by the parser)."""
    cross = {r.year for r in records if getattr(r, "breakdown", "") == "distrikt-form"}
    seen, out = set(), []
    for r in records:
        key = tuple(getattr(r, k) for k in fmt.key)
        if getattr(r, "breakdown", "distrikt-form") != "distrikt-form" and r.year in cross:
            continue
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


@settings(max_examples=150, deadline=None)
@given(st.lists(police, max_size=20))
def test_police_reports_round_trip(records: list[PoliceReportCount]) -> None:
    records = _unique(records, POLICE_REPORTS)
    assert parse_csv(to_csv(records, POLICE_REPORTS), POLICE_REPORTS) == records


@settings(max_examples=150, deadline=None)
@given(st.lists(judgments, max_size=10))
def test_judgments_round_trip(records: list[JudgmentCount]) -> None:
    records = _unique(records, JUDGMENTS)
    assert parse_csv(to_csv(records, JUDGMENTS), JUDGMENTS) == records


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(FORMATS), st.text(max_size=300))
def test_any_text_parses_or_fails_with_located_errors(fmt, text: str) -> None:  # type: ignore[no-untyped-def]
    try:
        parse_csv(text, fmt)
    except RegistryValidationError as exc:
        assert exc.errors
        for error in exc.errors:
            assert " / " in str(error)  # Norwegian / English
            assert error.row is None or error.row >= 1


@settings(max_examples=200, deadline=None)
@given(st.lists(police, min_size=1, max_size=8), st.data())
def test_a_corrupted_cell_is_reported_at_its_row(records: list[PoliceReportCount], data: st.DataObject) -> None:
    records = _unique(records, POLICE_REPORTS)
    lines = to_csv(records, POLICE_REPORTS).splitlines()
    row = data.draw(st.integers(1, len(lines) - 1))
    column = data.draw(st.sampled_from(["year", "reports", "grov", "police_district"]))
    junk = data.draw(st.sampled_from(["x", "-1", "1.5", "2O21", "kanskje"]))
    header = lines[0].split(",")
    import csv
    import io

    cells = next(csv.reader(io.StringIO(lines[row])))
    cells[header.index(column)] = junk
    buf = io.StringIO()
    csv.writer(buf, lineterminator="").writerow(cells)
    lines[row] = buf.getvalue()
    try:
        parse_csv("\n".join(lines) + "\n", POLICE_REPORTS)
    except RegistryValidationError as exc:
        assert any(e.row == row + 1 and e.column == column for e in exc.errors)
    else:
        raise AssertionError(f"{junk!r} in {column} was accepted")
