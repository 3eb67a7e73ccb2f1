"""The year's person tables go through disclosure control as one release, and an
attacker cannot recover a suppressed cell across them."""

from __future__ import annotations

from henvis.stats.disclosure import DisclosureRule, LinearSystem, feasible_ranges, protect_release
from henvis.stats.persons import person_tables, unique_persons


def test_person_tables_are_protected_together(synthetic: tuple) -> None:
    regs, extract, clusters = synthetic
    stats = unique_persons(extract, clusters, samples=0)
    year = int(regs.year.mode()[0])
    tables = person_tables(stats, year)
    persons = regs[regs.year == year].person_id.nunique()
    assert {t.iloc[-1, -1] for t in tables.values()} == {persons}
    protected = protect_release(tables, DisclosureRule())
    assert any(p.suppressed_count for p in protected.values())
    for p in protected.values():
        shown = p.values.to_numpy()
        assert not ({1, 2} & {int(v) for v in shown[~p.suppressed.to_numpy()]})
    # The library's own attacker over the whole release finds no exact value.
    system = LinearSystem.build(tables)
    hidden = [bool(protected[c.table].suppressed.at[c.row, c.col]) for c in system.cells]
    import numpy as np

    ranges = feasible_ranges(system, np.array(hidden))
    assert ranges and all(lo < hi for lo, hi in ranges.values())
