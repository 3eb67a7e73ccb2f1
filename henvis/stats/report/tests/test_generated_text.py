"""The generated sentences state the figures of the tables, and never a suppressed one."""

from __future__ import annotations

from dataclasses import replace

from henvis.stats.disclosure import DisclosureRule
from henvis.stats.registry import load_kom_seed
from henvis.stats.report import text
from henvis.stats.tables import build_release
from henvis.stats.tables.tests.published import tab_table


def test_police_paragraph_states_the_published_totals() -> None:
    header, rows = tab_table(2)
    total = rows[-1][-1]  # "39 (hvorav 3 grove)"
    n, grov = total.split(" (hvorav ")[0], total.split("hvorav ")[1].split(" ")[0]
    para = text.police_paragraph(build_release(load_kom_seed(), 2020))
    assert para.startswith(f"I 2020 ble det registrert {n} anmeldelser om menneskehandel, {grov} av dem")
    assert "Det er 3 flere enn i 2019 (36)." in para
    assert "8 av 12 politidistrikter hadde anmeldte saker; flest kom fra Oslo politidistrikt (18)." in para


def test_text_about_persons_never_states_a_suppressed_count() -> None:
    ds = load_kom_seed()
    # Make the 2020 placements a small count: with disclosure on, it must not be named.
    placements = tuple(replace(r, cases=2) if (r.year, r.authority) == (2020, "fylkesnemnd") else r
                       for r in ds.placements)
    ds = replace(ds, placements=placements)
    protected = text.placements_paragraph(build_release(ds, 2020, rule=DisclosureRule()))
    assert protected == "Fylkesnemndene mottok færre enn 3 saker etter barnevernloven § 4-29 i 2020."
    open_ = text.placements_paragraph(build_release(ds, 2020, rule=DisclosureRule.off()))
    assert open_ == "Fylkesnemndene mottok 2 saker etter barnevernloven § 4-29 i 2020."


def test_summary_never_states_a_suppressed_count() -> None:
    ds = load_kom_seed()
    placements = tuple(replace(r, cases=2) if (r.year, r.authority) == (2020, "fylkesnemnd") else r
                       for r in ds.placements)
    ds = replace(ds, placements=placements)
    protected = dict(text.headlines(build_release(ds, 2020, rule=DisclosureRule())))
    assert protected["placements"] == "Saker etter barnevernloven § 4-29 mottatt av fylkesnemndene: færre enn 3"
    open_ = dict(text.headlines(build_release(ds, 2020, rule=DisclosureRule.off())))
    assert open_["placements"] == "Saker etter barnevernloven § 4-29 mottatt av fylkesnemndene: 2"
