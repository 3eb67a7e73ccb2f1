"""ScreeningInput validates against the catalogue, names the field in both languages and
round-trips through JSON."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from henvis.catalogue import ScreeningError, ScreeningInput, load_catalogue

CATALOGUE = load_catalogue()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"age": 30}, "reporter_kind"),
        ({"reporter_kind": "bank", "age": 30}, "reporter_kind"),
        ({"reporter_kind": "health"}, "age"),
        ({"reporter_kind": "health", "age": -1}, "age"),
        ({"reporter_kind": "health", "age": "17"}, "age"),
        ({"reporter_kind": "health", "age": True}, "age"),
        ({"reporter_kind": "health", "age": 30, "indicators": ["xx-99"]}, "indicators"),
        ({"reporter_kind": "health", "age": 30, "indicators": "bg-01"}, "indicators"),
        ({"reporter_kind": "health", "age": 30, "forms": ["begging"]}, "forms"),
        ({"reporter_kind": "health", "age": 30, "arenas": ["moon"]}, "arenas"),
        ({"reporter_kind": "health", "age": 30, "sex": "x"}, "sex"),
        ({"reporter_kind": "health", "age": 30, "danger_now": "yes"}, "danger_now"),
        ({"reporter_kind": "health", "age": 30, "name": "Ola"}, "name"),
        ({"reporter_kind": "health", "age": 30, "catalogue_version": "kom-2019.1"}, "catalogue_version"),
        ({"reporter_kind": "health", "age": 30, "indicators": ["bg-m01"]}, "indicators"),
        ({"reporter_kind": "health", "age": 12, "indicators": ["ct-m03"]}, "indicators"),  # advice, lines 452-453
        ({"reporter_kind": "health", "age": 30, "reason_to_believe": "yes"}, "reason_to_believe"),
        ({"reporter_kind": "health", "age": 30, "most_likely": 1}, "most_likely"),
        ({"reporter_kind": "health", "age": 30, "wants_to_go_home": None}, "wants_to_go_home"),
    ],
)
def test_invalid_input_names_the_field_in_norwegian_and_english(data, field) -> None:
    with pytest.raises(ScreeningError) as info:
        ScreeningInput.from_dict(data, CATALOGUE)
    assert info.value.field == field
    assert info.value.message_nb.startswith(field) and info.value.message_en.startswith(field)
    assert info.value.message_nb != info.value.message_en


def test_says_adult_looks_a_minor_is_accepted_for_an_adult_and_puts_the_age_in_doubt() -> None:
    """Seed 004 line 428 is for a person who says they are an adult; line 716: treat as a child."""
    s = ScreeningInput.from_dict({"reporter_kind": "health", "age": 25, "indicators": ["be-m01", "bg-m02"]}, CATALOGUE)
    assert s.age_doubted and s.is_minor_or_in_doubt and not s.age_in_doubt


def test_missing_version_is_recorded_as_the_current_one() -> None:
    s = ScreeningInput.from_dict({"reporter_kind": "health", "age": 30}, CATALOGUE)
    assert s.catalogue_version == CATALOGUE.version


def test_duplicates_are_kept_once_in_order() -> None:
    s = ScreeningInput.from_dict({"reporter_kind": "health", "age": 30, "indicators": ["ct-02", "bg-01", "ct-02"]}, CATALOGUE)
    assert s.indicators == ("ct-02", "bg-01")


answers = st.fixed_dictionaries(
    {
        "reporter_kind": st.sampled_from([k.id for k in CATALOGUE.reporter_kinds]),
        "age": st.integers(min_value=0, max_value=120),
        "age_in_doubt": st.booleans(),
        "sex": st.sampled_from([s.id for s in CATALOGUE.sexes]),
        "indicators": st.lists(st.sampled_from([i.id for i in CATALOGUE.indicators if i.applies_to != "minor" and not i.advice]), unique=True),
        "forms": st.lists(st.sampled_from([f.id for f in CATALOGUE.forms]), unique=True),
        "arenas": st.lists(st.sampled_from([a.id for a in CATALOGUE.arenas]), unique=True),
        "danger_now": st.booleans(), "abroad": st.booleans(), "public_tasks": st.booleans(),
        "gross_violence_or_coercion": st.booleans(), "significant_profit": st.booleans(),
        "reason_to_believe": st.booleans(), "most_likely": st.booleans(), "wants_police": st.booleans(),
        "wants_to_go_home": st.booleans(),
    }
)


@settings(max_examples=60, deadline=None)
@given(answers)
def test_json_round_trip_gives_the_same_screening(data) -> None:
    first = ScreeningInput.from_dict(data, CATALOGUE)
    again = ScreeningInput.from_dict(json.loads(json.dumps(first.to_dict())), CATALOGUE)
    assert again == first


@settings(max_examples=60, deadline=None)
@given(answers)
def test_guidance_is_json_safe_and_cites_a_section_for_every_rule(data) -> None:
    from henvis.catalogue import guide

    g = guide(ScreeningInput.from_dict(data, CATALOGUE), CATALOGUE)
    payload = json.loads(json.dumps(g.to_dict()))
    assert payload["catalogue_version"] == CATALOGUE.version
    assert all("Del " in r["section"] for r in payload["rules"])
    assert payload["rights"]  # the rights information is always given


def test_from_dict_uses_the_installed_catalogue_by_default() -> None:
    # The cases app validates posted screenings with ScreeningInput.from_dict(data).
    assert ScreeningInput.from_dict({"reporter_kind": "ngo", "age": 20}) == ScreeningInput.from_dict(
        {"reporter_kind": "ngo", "age": 20}, CATALOGUE
    )
