"""The catalogue holds every indicator bullet of seed 004 Del 4, word for word, under the
heading it appears under, and nothing the guide lacks. The guide is parsed here, from the
text, so that a new edition of the guide shows up as a failing test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from henvis.catalogue import load_catalogue

SOURCES = Path(__file__).resolve().parents[1] / "sources"
SEED_NAME = "004_149b71bd822522b7.txt"
SHARED_SEEDS = Path(os.environ.get("HENVIS_SEEDS_DIR", "/work/shared/seeds"))

MAIN_HEADINGS = {
    "Bakgrunn og særlige sårbarheter": "background",
    "Stedstilknytning eller oppholdssteder": "place",
    "Opptreden": "behaviour",
    "Fremstår som kontrollert av andre": "controlled",
}


def _guide_lines() -> list[str]:
    return (SOURCES / SEED_NAME).read_text(encoding="utf-8").splitlines()


def _del4(lines: list[str]) -> list[str]:
    # "Del 4" appears in the table of contents with a tab and page number; the part itself
    # starts at the line that is exactly "Del 4" and ends at "Del 5".
    start = lines.index("Del 4")
    end = lines.index("Del 5", start)
    return lines[start:end]


def parse_indicators(lines: list[str]) -> list[tuple[str, str, str]]:
    """(category, applies_to, text) for every bullet after the indicator heading."""
    part = _del4(lines)
    begin = part.index("Indikatorer på menneskehandel for voksne og mindreårige:")
    category, applies_to = "", "all"
    found = []
    for line in part[begin + 1:]:
        heading = line.strip()
        if heading in MAIN_HEADINGS:
            category, applies_to = MAIN_HEADINGS[heading], "all"
        elif heading.startswith("Vær i tillegg oppmerksom på disse indikatorene for mindreårige"):
            applies_to = "minor"
        elif heading.startswith("Vær i tillegg oppmerksom på disse indikatorene ved mulig utnyttelse til prostitusjon"):
            category = applies_to = "prostitution"
        elif heading.startswith("Vær i tillegg oppmerksom på disse indikatorene ved mulig utnyttelse til tvangsarbeid"):
            category = applies_to = "forced_labour"
        elif heading and not line.startswith("- ") and applies_to == "minor" and category == "controlled":
            # A sub-group heading of "Fremstår som kontrollert av andre" ends the minors' box.
            applies_to = "all"
        if line.startswith("- "):
            assert category, f"bullet before any category heading: {line!r}"
            found.append((category, applies_to, line[2:].rstrip()))
    return found


def parse_arenas(lines: list[str]) -> list[tuple[bool, str]]:
    """(is_sub_arena, text) for the bullets of "Hvor kan utnyttning skje?"."""
    part = _del4(lines)
    begin = next(i for i, line in enumerate(part) if line.startswith("Dette er noen eksempler hvor myndighetene"))
    end = part.index("Indikatorer på menneskehandel for voksne og mindreårige", begin)
    return [
        (line.startswith(" - "), line.strip()[2:].rstrip())
        for line in part[begin:end]
        if line.startswith(("- ", " - "))
    ]


def test_parser_sees_the_whole_of_del_4() -> None:
    # Guards the parser itself: the guide names four categories and three groups of extras.
    found = parse_indicators(_guide_lines())
    assert {c for c, _, _ in found} == set(MAIN_HEADINGS.values()) | {"prostitution", "forced_labour"}
    assert {a for _, a, _ in found} == {"all", "minor", "prostitution", "forced_labour"}
    for category in MAIN_HEADINGS.values():
        assert any(c == category and a == "minor" for c, a, _ in found), category


def test_every_indicator_of_the_guide_is_in_the_catalogue_word_for_word() -> None:
    in_guide = parse_indicators(_guide_lines())
    in_catalogue = [(i.category, i.applies_to, i.text.nb) for i in load_catalogue().indicators]
    missing = [item for item in in_guide if item not in in_catalogue]
    extra = [item for item in in_catalogue if item not in in_guide]
    assert missing == [], "in the guide but not in the catalogue"
    assert extra == [], "in the catalogue but not in the guide"
    assert len(in_catalogue) == len(in_guide)  # no duplicates either


def test_every_arena_of_the_guide_is_in_the_catalogue_word_for_word() -> None:
    in_guide = parse_arenas(_guide_lines())
    in_catalogue = [(a.parent is not None, a.text.nb) for a in load_catalogue().arenas]
    assert in_catalogue == in_guide


def test_every_indicator_has_an_english_text_and_a_source_in_del_4() -> None:
    for indicator in load_catalogue().indicators:
        assert indicator.text.en.strip() and indicator.text.en != indicator.text.nb, indicator.id
        assert indicator.source.startswith("seed 004 Del 4"), indicator.id


@pytest.mark.skipif(not (SHARED_SEEDS / SEED_NAME).exists(), reason="shared seeds folder not on this machine")
def test_shipped_copy_of_the_guide_is_the_seed() -> None:
    assert (SOURCES / SEED_NAME).read_bytes() == (SHARED_SEEDS / SEED_NAME).read_bytes()
