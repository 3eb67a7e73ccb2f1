"""Training scenarios (issue 18 item 2): data checked against the guide, feedback computed
by the real rules on the scenario's facts and on the trainee's answers."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from henvis.catalogue import Catalogue, ScreeningInput, guide
from henvis.catalogue.load import CatalogueError
from henvis.catalogue.training import SCENARIOS_FILE, feedback, load_scenarios, scenario

GUIDE = Path(__file__).resolve().parents[1] / "sources" / "004_149b71bd822522b7.txt"


def _cited_lines(source: str) -> set[int]:
    """Every line number a citation names ("line 714", "lines 142-146, 380")."""
    lines: set[int] = set()
    for chunk in re.findall(r"lines? ([0-9][0-9 ,\-]*)", source):
        for part in chunk.split(","):
            bounds = [int(p) for p in part.strip().split("-") if p.strip()]
            if bounds:
                lines.update(range(bounds[0], bounds[-1] + 1))
    return lines


def test_at_least_eight_scenarios_cover_the_forms_the_issue_names(catalogue: Catalogue) -> None:
    scenarios = load_scenarios(catalogue)
    assert len(scenarios) >= 8
    facts = [s.facts for s in scenarios]
    assert any(f.is_minor_or_in_doubt for f in facts)  # children
    assert any(not f.is_minor_or_in_doubt and "forced_labour" in f.forms for f in facts)  # forced labour
    assert any("prostitution" in f.forms for f in facts)  # sexual exploitation
    assert any({"drugs", "acquisitive_crime"} & set(f.arenas) for f in facts)  # forced criminality


def test_every_indicator_of_a_scenario_is_on_a_line_the_scenario_cites(catalogue: Catalogue) -> None:
    """The citation is checked against the guide's text: each indicator in a scenario's facts
    stands, word for word, on a line inside the ranges its `source` names."""
    guide_lines = GUIDE.read_text(encoding="utf-8").splitlines()
    for item in load_scenarios(catalogue):
        cited = _cited_lines(item.source)
        assert cited and max(cited) <= len(guide_lines), item.id
        for indicator_id in item.facts.indicators:
            text = catalogue.indicator(indicator_id).text.nb
            where = {n for n, line in enumerate(guide_lines, start=1) if line.lstrip("- ").startswith(text[:40])}
            assert where, (item.id, indicator_id)
            assert where & cited, f"{item.id}: {indicator_id} is on line {sorted(where)}, not cited"


def test_the_true_answers_get_full_marks_and_the_duties_of_the_rules(catalogue: Catalogue) -> None:
    for item in load_scenarios(catalogue):
        result = feedback(item, item.facts, catalogue)
        assert result.perfect, item.id
        # The duties are the rules engine's own for the facts, not a list kept in the data.
        assert [c.duty.id for c in result.duties] == [d.id for d in guide(item.facts, catalogue).duties]


def test_a_trainee_who_ticks_nothing_misses_every_indicator_and_the_duty_in_force(catalogue: Catalogue) -> None:
    item = scenario(load_scenarios(catalogue), "child-groomed")
    assert item is not None
    blank = ScreeningInput(reporter_kind="school", catalogue_version=catalogue.version, age=15)
    result = feedback(item, blank, catalogue)
    assert [i.id for i in result.missed_indicators] == list(item.facts.indicators)
    notify = next(c for c in result.duties if c.duty.id == "duty_to_notify_child_welfare")
    assert notify.duty.mandatory and not notify.reached
    assert result.judgement_differs == ("reason_to_believe",)
    assert not result.perfect


def test_missing_the_age_in_doubt_is_told_and_changes_the_duties(catalogue: Catalogue) -> None:
    item = scenario(load_scenarios(catalogue), "child-pickpocket")
    assert item is not None
    # Everything right except be-m01 and the doubt about the age: the boy is treated as an adult.
    answers = replace(item.facts, age_in_doubt=False,
                      indicators=tuple(i for i in item.facts.indicators if not i.endswith("m01") and "-m" not in i))
    result = feedback(item, answers, catalogue)
    assert result.treated_as_child and not result.trainee_treated_as_child
    assert not next(c for c in result.duties if c.duty.id == "duty_to_notify_child_welfare").reached


def test_a_duty_claimed_that_the_facts_do_not_give_is_reported(catalogue: Catalogue) -> None:
    item = scenario(load_scenarios(catalogue), "adult-construction")
    assert item is not None
    answers = replace(item.facts, gross_violence_or_coercion=True, most_likely=True)
    result = feedback(item, answers, catalogue)
    assert [d.id for d in result.extra_duties] == ["duty_to_avert"]
    assert not result.all_duties_reached


def test_the_loader_refuses_unknown_indicators_and_missing_citations(catalogue: Catalogue, tmp_path: Path) -> None:
    text = SCENARIOS_FILE.read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("[bg-m02, ct-05", "[bg-99, ct-05", 1), encoding="utf-8")
    with pytest.raises(CatalogueError, match="bg-99"):
        load_scenarios(catalogue, bad)
    bad.write_text(text.replace('source: "seed 004 Del 2 (Andre', 'source: "Del 2 (Andre', 1), encoding="utf-8")
    with pytest.raises(CatalogueError, match="cite seed 004"):
        load_scenarios(catalogue, bad)
