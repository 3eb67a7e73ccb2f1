"""Training scenarios (issue 18 item 2): fictional situations built from seed 004, played
through the same screening, and feedback computed by the same rules (``rules.guide``) on
the scenario's true facts and on the trainee's answers. Pure Python, no Django.

>>> from henvis.catalogue import load_catalogue
>>> catalogue = load_catalogue()
>>> scenario = load_scenarios(catalogue)[0]
>>> result = feedback(scenario, scenario.facts, catalogue)
>>> result.missed_indicators, result.all_duties_reached
((), True)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from henvis.catalogue.guidance import Duty
from henvis.catalogue.guide_rules import guide
from henvis.catalogue.guide_types import Catalogue, Indicator, Text
from henvis.catalogue.load import DATA_DIR, CatalogueError
from henvis.catalogue.screening import ScreeningError, ScreeningInput

SCENARIOS_FILE = DATA_DIR / "scenarios.yaml"


@dataclass(frozen=True)
class Scenario:
    id: str
    title: Text
    story: Text  # what the trainee is told, in the scenario's words (no real person)
    source: str  # the sections and lines of seed 004 the scenario is built on
    facts: ScreeningInput  # the true answers to the identification journey


@dataclass(frozen=True)
class DutyCheck:
    """A duty the rules find on the true facts, and whether the trainee's answers reached it
    the same way (present, and mandatory exactly when it is mandatory on the true facts)."""

    duty: Duty
    reached: bool
    trainee_mandatory: bool | None  # None: the trainee's answers did not show this duty at all


@dataclass(frozen=True)
class Feedback:
    scenario: Scenario
    missed_indicators: tuple[Indicator, ...]  # in the scenario, not ticked
    extra_indicators: tuple[Indicator, ...]  # ticked, not in the scenario
    found_indicators: tuple[Indicator, ...]
    missed_forms: tuple[str, ...]
    duties: tuple[DutyCheck, ...]  # every duty that applied on the true facts
    extra_duties: tuple[Duty, ...]  # mandatory on the trainee's answers, not on the facts
    treated_as_child: bool
    trainee_treated_as_child: bool
    judgement_differs: tuple[str, ...]  # "reason_to_believe" / "most_likely" answered otherwise

    @property
    def all_duties_reached(self) -> bool:
        return all(d.reached for d in self.duties) and not self.extra_duties

    @property
    def perfect(self) -> bool:
        return (self.all_duties_reached and not self.missed_indicators and not self.extra_indicators
                and not self.missed_forms and self.treated_as_child == self.trainee_treated_as_child)


def load_scenarios(catalogue: Catalogue, path: Path = SCENARIOS_FILE) -> tuple[Scenario, ...]:
    """Read and check the scenarios: unique ids, a source citing seed 004, facts that the
    catalogue accepts as a screening (so a scenario can never name an unknown indicator)."""
    with path.open(encoding="utf-8") as handle:
        raw = yaml.safe_load(handle)
    scenarios: list[Scenario] = []
    seen: set[str] = set()
    for item in raw["scenarios"]:
        scenario_id = str(item["id"])
        if scenario_id in seen:
            raise CatalogueError(f"scenarios.yaml: duplicate id {scenario_id!r}")
        seen.add(scenario_id)
        source = str(item.get("source", ""))
        if not source.startswith("seed 004"):
            raise CatalogueError(f"scenarios.yaml: {scenario_id} must cite seed 004 in 'source'")
        facts: dict[str, Any] = dict(item["facts"])
        try:
            screening = ScreeningInput.from_dict({**facts, "catalogue_version": catalogue.version}, catalogue)
        except ScreeningError as exc:
            raise CatalogueError(f"scenarios.yaml: {scenario_id}: {exc.message_en}") from exc
        scenarios.append(Scenario(
            id=scenario_id,
            title=Text(str(item["title_nb"]), str(item["title_en"]), source),
            story=Text(str(item["story_nb"]), str(item["story_en"]), source),
            source=source,
            facts=screening,
        ))
    return tuple(scenarios)


def scenario(scenarios: tuple[Scenario, ...], scenario_id: str) -> Scenario | None:
    return next((s for s in scenarios if s.id == scenario_id), None)


def feedback(scenario: Scenario, answers: ScreeningInput, catalogue: Catalogue) -> Feedback:
    """Compare the trainee's answers with the scenario's facts, both through ``guide``."""
    truth = guide(scenario.facts, catalogue)
    trainee = guide(answers, catalogue)
    given = set(answers.indicators)
    true_ids = set(scenario.facts.indicators)
    trainee_duties = {d.id: d for d in trainee.duties}
    checks = []
    for duty in truth.duties:
        theirs = trainee_duties.get(duty.id)
        checks.append(DutyCheck(
            duty=duty,
            reached=theirs is not None and theirs.mandatory == duty.mandatory,
            trainee_mandatory=None if theirs is None else theirs.mandatory,
        ))
    true_mandatory = {d.id for d in truth.duties if d.mandatory}
    extra = tuple(d for d in trainee.duties if d.mandatory and d.id not in true_mandatory)
    return Feedback(
        scenario=scenario,
        missed_indicators=tuple(catalogue.indicator(i) for i in scenario.facts.indicators if i not in given),
        extra_indicators=tuple(catalogue.indicator(i) for i in answers.indicators if i not in true_ids),
        found_indicators=tuple(catalogue.indicator(i) for i in scenario.facts.indicators if i in given),
        missed_forms=tuple(f for f in scenario.facts.forms if f not in answers.forms),
        duties=tuple(checks),
        extra_duties=extra,
        treated_as_child=truth.treated_as_child,
        trainee_treated_as_child=trainee.treated_as_child,
        judgement_differs=tuple(
            name for name in ("reason_to_believe", "most_likely")
            if getattr(answers, name) != getattr(scenario.facts, name)
        ),
    )
