"""Every guidance rule cites a part of the guide, and docs/catalogue.md lists every rule."""

from __future__ import annotations

from pathlib import Path

from henvis.catalogue.guide_rules import RULES

DOC = Path(__file__).resolve().parents[3] / "docs" / "catalogue.md"


def test_every_rule_cites_a_part_of_the_guide() -> None:
    assert len({r.id for r in RULES}) == len(RULES)
    for r in RULES:
        assert "Del " in r.section, r.id


def test_the_rule_table_in_the_docs_lists_every_rule_with_its_section() -> None:
    text = DOC.read_text(encoding="utf-8")
    for r in RULES:
        assert f"| `{r.id}` | {r.section} |" in text, r.id
