"""Every text of the catalogue arrives whole from its YAML file: no value is split by an
unquoted comma in a flow mapping (``{name_nb: A (B, C), ...}`` reads as ``A (B`` plus two
stray keys), none is cut by an inline ``#``, none is cut short of the guide's own text."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from henvis.catalogue import load_catalogue
from henvis.catalogue.guide_types import Text
from henvis.catalogue.load import DATA_DIR

SOURCES = Path(__file__).resolve().parents[1] / "sources"
FIELD_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
PAIRS = (("(", ")"), ("[", "]"), ("«", "»"), ("{", "}"))


def _texts(node: Any, path: str = "catalogue") -> Iterator[tuple[str, Text]]:
    if isinstance(node, Text):
        yield path, node
    elif dataclasses.is_dataclass(node) and not isinstance(node, type):
        for f in dataclasses.fields(node):
            yield from _texts(getattr(node, f.name), f"{path}.{f.name}")
    elif isinstance(node, tuple | list):
        for i, item in enumerate(node):
            yield from _texts(item, f"{path}[{i}]")
    elif isinstance(node, dict):
        for key, item in node.items():
            yield from _texts(item, f"{path}[{key}]")


def _mapping_problems(node: Any, where: str) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if not (isinstance(key, str) and FIELD_NAME.match(key)):
                yield f"{where}: key {key!r} is not a field name (an unquoted comma or colon in a value?)"
            elif value is None:
                yield f"{where}.{key}: empty value"
            yield from _mapping_problems(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from _mapping_problems(item, f"{where}[{i}]")


DATA_FILES = sorted(DATA_DIR.glob("*.yaml"))
ALL_TEXTS = list(_texts(load_catalogue()))


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.name)
def test_every_key_is_a_field_and_every_value_is_there(path: Path) -> None:
    problems = list(_mapping_problems(yaml.safe_load(path.read_text(encoding="utf-8")), path.name))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.name)
def test_no_value_is_cut_by_an_inline_comment(path: Path) -> None:
    # YAML drops " #..." after a plain value without a word; comments stand on their own line.
    cut = [f"{path.name}:{n}" for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
           if not line.lstrip().startswith("#") and re.search(r"^[^\"']*:\s.*\s#", line)]
    assert not cut, cut


def test_every_text_in_both_languages_is_whole() -> None:
    problems = []
    for where, text in ALL_TEXTS:
        for language, value in (("nb", text.nb), ("en", text.en)):
            if not value.strip():
                problems.append(f"{where} ({language}): empty")
            if value != value.strip() or value.endswith((",", ";")):
                problems.append(f"{where} ({language}): ends in {value[-1:]!r}: {value!r}")
            for opening, closing in PAIRS:
                if value.count(opening) != value.count(closing):
                    problems.append(f"{where} ({language}): unbalanced {opening}{closing}: {value!r}")
            if value.count('"') % 2:
                problems.append(f"{where} ({language}): odd number of quotes: {value!r}")
    assert not problems, "\n".join(problems)


def _item_bodies() -> list[str]:
    """The guide's lines without bullet and bold markers: its items and paragraphs."""
    text = (SOURCES / "004_149b71bd822522b7.txt").read_text(encoding="utf-8")
    return [re.sub(r"^(- )?(\*\*)?", "", line.strip()) for line in text.splitlines()]


def test_texts_quoted_from_the_guide_run_as_far_as_the_guide() -> None:
    """A text citing seed 004 that begins an item or paragraph of the guide goes on to the
    end of that item, or at least of a sentence or heading in it (never stops at a comma
    or inside a word)."""
    bodies = _item_bodies()
    cut = []
    checked = 0
    for where, text in ALL_TEXTS:
        if "seed 004" not in text.source:
            continue
        rests = [body[len(text.nb):] for body in bodies if body.startswith(text.nb)]
        if not rests:
            continue  # abridged or composed from several places: nothing to compare with
        checked += 1
        ends_sentence = text.nb.endswith((".", "!", "?"))
        if not any(r == "" or r.startswith(("**", ":")) or (ends_sentence and r.startswith(" ")) for r in rests):
            cut.append(f"{where}: {text.nb!r} stops before {rests[0][:30]!r}")
    assert checked > 150  # the comparison really runs over the quoted texts
    assert not cut, "\n".join(cut)


def test_reporter_kinds_name_every_authority_they_cover() -> None:
    kinds = {k.id: k for k in load_catalogue().reporter_kinds}
    assert kinds["immigration"].name.nb == "Utlendingsforvaltningen (UDI, UNE, asylmottak)"
    assert kinds["immigration"].name.en == "Immigration authorities (UDI, UNE, asylum reception)"
    assert kinds["labour"].name.nb == "Arbeidstilsynet, SUA eller andre kontrolletater"
