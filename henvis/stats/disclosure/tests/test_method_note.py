"""The rule set prints itself for the report's method note, in Norwegian and English."""

from __future__ import annotations

from henvis.stats.disclosure import DisclosureRule


def test_suppression_note_states_threshold_and_symbol_in_both_languages() -> None:
    rule = DisclosureRule(threshold=4, protection=2)
    nb, en = rule.method_note("nb"), rule.method_note("en")
    assert "under 4" in nb and "1, 2, 3" in nb and "«:»" in nb and "sekundærprikking" in nb
    assert "below 4" in en and "1, 2, 3" in en and "':'" in en and "2 lower" in en


def test_rounding_and_registry_notes_differ() -> None:
    assert "multiplum av 5" in DisclosureRule.rounding(5).method_note("nb")
    assert "registry" in DisclosureRule.from_registry().method_note("en")
    assert DisclosureRule.off().method_note("en").endswith("without disclosure control.")
