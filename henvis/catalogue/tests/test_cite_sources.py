"""Every source the data cite is shown by the document's title in Bokmål and English,
never by its seed number; the data keep the seed ids (the traceable citation)."""

from __future__ import annotations

import doctest
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from henvis.catalogue import citations
from henvis.catalogue.citations import DOCUMENTS, cite
from henvis.catalogue.guide_rules import RULES
from henvis.catalogue.load import DATA_DIR

SEEDS_README = Path("/work/shared/seeds/README.md")


def _sources(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "source" and isinstance(value, str):
                yield value
            else:
                yield from _sources(value)
    elif isinstance(node, list):
        for item in node:
            yield from _sources(item)


SOURCES = sorted({s for path in DATA_DIR.glob("*.yaml") for s in _sources(yaml.safe_load(path.read_text("utf-8")))})


def test_the_examples_in_the_module_hold() -> None:
    result = doctest.testmod(citations)
    assert result.attempted and not result.failed


def test_the_data_keep_the_seed_ids() -> None:
    assert sum("seed 004" in s for s in SOURCES) > 50
    assert any("seed 001 Tabell 2" in s for s in SOURCES)


@pytest.mark.parametrize("source", SOURCES + [r.section for r in RULES])
def test_every_source_is_shown_by_title_in_both_languages(source: str) -> None:
    shown = cite(source)
    for language, text in (("nb", shown.nb), ("en", shown.en)):
        assert "seed" not in text.lower(), (language, text)
        assert not re.search(r"\b00\d\b", text), (language, text)
        for number in re.findall(r"seed (\d{3})", source):
            assert DOCUMENTS[number].in_language(language) in text
    assert not re.search(r"\b(Del|punkt|kapittel|Tabell) \d", shown.en), shown.en


def test_the_guide_is_cited_by_its_real_title() -> None:
    shown = cite("seed 004 Del 6 punkt 1, Meldeplikt til barnevernet")
    assert "«Identifisering av mulige ofre for menneskehandel» (2024), Del 6 punkt 1" in shown.nb
    assert '"Identifisering av mulige ofre for menneskehandel" (2024), Part 6 point 1' in shown.en
    assert "tilstandsrapport for 2020, Tabell 2" in cite("seed 001 Tabell 2").nb


def test_there_is_a_title_for_every_seed_document() -> None:
    numbers = {"000", "001", "002", "003", "004"}
    if SEEDS_README.exists():
        numbers = set(re.findall(r"^\| (\d{3})_", SEEDS_README.read_text("utf-8"), re.M))
    assert numbers and numbers <= set(DOCUMENTS)


def test_every_rule_has_a_name_in_both_languages() -> None:
    for r in RULES:
        assert r.name.nb and r.name.en and r.name.nb != r.id and r.name.en != r.id, r.id
    assert len({r.name.nb for r in RULES}) == len(RULES) == len({r.name.en for r in RULES})


def test_line_numbers_of_the_guide_are_cited_in_both_languages() -> None:
    from henvis.catalogue.citations import cite

    cited = cite("seed 004 Del 7, Barnevernstiltak (linje 896-899)")
    assert cited.nb.endswith("Del 7, Barnevernstiltak (linje 896-899)")
    assert cited.en.endswith("Part 7, Barnevernstiltak (line 896-899)")


def test_line_numbers_written_in_english_read_linje_in_bokmal() -> None:
    from henvis.catalogue.citations import cite

    text = cite("seed 004 Del 2 (tvangstjenester; under 18), lines 168-170; Del 7, line 924")
    assert "linje 168-170" in text.nb and "linje 924" in text.nb and "line" not in text.nb.replace("linje", "")
    assert "lines 168-170" in text.en and "line 924" in text.en
