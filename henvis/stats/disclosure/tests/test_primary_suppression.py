"""Primary suppression: counts 1 and 2 are hidden, 0 is published as known none, and
tables outside disclosure control are released as given."""

from __future__ import annotations

import pandas as pd
import pytest

from henvis.stats.disclosure import DisclosureError, DisclosureRule, protect, protect_release


def table(rows: list[list[int]]) -> pd.DataFrame:
    t = pd.DataFrame(rows, index=[f"r{i}" for i in range(len(rows))], columns=[f"c{j}" for j in range(len(rows[0]))])
    t["I alt"] = t.sum(axis=1)
    t.loc["I alt"] = t.sum(axis=0)
    return t


def test_small_counts_are_shown_as_colon_and_zero_stays_zero() -> None:
    out = protect(table([[0, 1, 9], [4, 5, 6], [7, 8, 9]]))
    shown = out.display()
    assert shown.loc["r0", "c1"] == ":"
    assert shown.loc["r0", "c0"] in {"0", ":"}
    assert (out.status == "primary").to_numpy().sum() == 1
    assert out.suppressed_count >= 4  # a lone hidden cell is always derivable


def test_threshold_is_configurable() -> None:
    out = protect(table([[4, 9], [8, 7]]), DisclosureRule(threshold=5))
    assert out.display().loc["r0", "c0"] == ":"


def test_off_and_registry_rules_release_the_table_unchanged() -> None:
    t = table([[1, 2], [3, 4]])
    for rule in (DisclosureRule.off(), DisclosureRule.from_registry()):
        out = protect(t, rule)
        assert out.suppressed_count == 0
        assert out.values.astype("int64").to_numpy().tolist() == t.to_numpy().tolist()


def test_a_registry_table_that_pins_a_small_cell_is_refused() -> None:
    # The registry already publishes the same persons by sex with a 1 in it.
    persons = pd.DataFrame({"n": [1, 9, 10]}, index=pd.Index(["Mann", "Kvinne", "I alt"], name="sex"))
    with pytest.raises(DisclosureError, match="cannot protect|can be derived"):
        protect_release({"registry": persons, "ours": persons.copy()},
                        {"registry": DisclosureRule.from_registry(), "ours": DisclosureRule()})


@pytest.mark.parametrize("bad", [
    pd.DataFrame({"n": [1, -1, 0]}), pd.DataFrame({"n": [1.5, 1, 2.5]}), pd.DataFrame({"n": [None, 1, 1]}),
    pd.DataFrame({"n": [3]}),
])
def test_bad_tables_are_refused_with_a_bilingual_message(bad: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match=r" / "):
        protect(bad)


def test_a_typed_table_with_to_frame_is_accepted() -> None:
    class Typed:
        def to_frame(self) -> pd.DataFrame:
            return table([[1, 5], [6, 7]])

    assert protect(Typed()).display().loc["r0", "c0"] == ":"
