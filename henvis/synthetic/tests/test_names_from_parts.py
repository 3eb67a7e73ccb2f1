"""Names are made from the shipped name parts, never taken from a register of persons.

Every name a registration shows must decompose into tokens of the parts lists in
data/name_parts.yaml, up to the documented variant operations (romanisation, dropped
diacritics, digraphs, cedillas, hyphen/space, capitals) and at most one typo per
record. No full name may be that of a well-known real person from the list below.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

import pytest
import yaml

from henvis.synthetic import SyntheticDataset, generate
from henvis.synthetic.parts import avoided_full_names
from henvis.synthetic.transliterate import UK_SYSTEMS, romanise_uk
from henvis.synthetic.variants import cedilla, fold, strip_diacritics

# Well-known real persons from the countries the generator covers (public figures:
# heads of state, athletes, artists). Kept in the test, apart from the generator.
FAMOUS = [
    "Volodymyr Zelenskyy", "Olena Zelenska", "Yulia Tymoshenko", "Vitali Klitschko",
    "Andriy Shevchenko", "Taras Shevchenko", "Petro Poroshenko", "Serhiy Bubka",
    "Jens Stoltenberg", "Erna Solberg", "Jonas Gahr Støre", "Magnus Carlsen",
    "Erling Haaland", "Marit Bjørgen", "Liv Ullmann", "Ole Gunnar Solskjær",
    "Mohamed Salah", "Hakim Ziyech", "Achraf Hakimi", "Saad Lamjarred",
    "Manny Pacquiao", "Rodrigo Duterte", "Ferdinand Marcos", "Maria Ressa", "Jose Rizal",
    "Xi Jinping", "Jackie Chan", "Yao Ming", "Li Na", "Jack Ma", "Wang Wei",
    "Nicolae Ceausescu", "Simona Halep", "Gheorghe Hagi", "Gheorghe Popescu",
    "Nadia Comaneci", "Klaus Iohannis", "Hristo Stoichkov", "Boyko Borisov",
    "Grigor Dimitrov", "Dimitar Berbatov", "Edi Rama", "Dua Lipa", "Enver Hoxha",
    "Sali Berisha", "Robert Lewandowski", "Lech Walesa", "Andrzej Duda", "Donald Tusk",
    "Iga Swiatek", "Chinua Achebe", "Wole Soyinka", "Chimamanda Adichie",
    "Goodluck Jonathan", "Muhammadu Buhari", "Bola Tinubu", "Olusegun Obasanjo",
    "Godwin Obaseki", "Ho Chi Minh", "Nguyen Van Thieu", "Nguyen Tan Dung",
    "Vo Nguyen Giap", "Thaksin Shinawatra", "Yingluck Shinawatra", "Somchai Wongsawat",
    "Isaias Afwerki", "Tedros Adhanom Ghebreyesus", "Meb Keflezighi",
    "Dalia Grybauskaite", "Gitanas Nauseda", "Arvydas Sabonis", "Zydrunas Savickas",
    "Luiz Inacio Lula da Silva", "Thiago Silva", "Anderson Silva", "Diego Costa",
    "Everton Ribeiro", "Luis Diaz", "James Rodriguez", "Gabriel Garcia Marquez",
    "Pablo Escobar", "Juan Manuel Santos", "Bashar al-Assad", "Mahmoud Darwish",
]


@cache
def raw_parts() -> dict[str, Any]:
    text = resources.files("henvis.synthetic").joinpath("data/name_parts.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def spellings(entry: str, script: str) -> list[str]:
    forms = [f for side in str(entry).split("/") for f in side.split("|")]
    if script == "Cyrl":
        forms += [romanise_uk(f, s) for f in list(forms) for s in UK_SYSTEMS]
    return forms


def tokens(text: str) -> list[str]:
    return [fold(t) for t in re.split(r"[ \-]+", text) if t]


def surface_forms(form: str) -> set[str]:
    """The documented diacritic operations applied to one spelling."""
    return {form, strip_diacritics(form), strip_diacritics(form, digraphs=True), cedilla(form)}


@cache
def group_tokens() -> dict[str, dict[str, frozenset[str]]]:
    """Per group: folded tokens of given-type parts and of family parts."""
    out: dict[str, dict[str, frozenset[str]]] = {}
    for code, g in raw_parts()["groups"].items():
        script = g.get("script", "Latn")
        given_entries = [*g["female"], *g["male"], *(g.get("middle_female") or []),
                         *(g.get("middle_male") or [])]
        given_entries += [n for ns in (g.get("nicknames") or {}).values() for n in ns]
        given_entries += [*(g.get("nicknames_female") or []), *(g.get("nicknames_male") or [])]
        sets: dict[str, set[str]] = {"given": set(), "family": set()}
        for kind, entries in (("given", given_entries), ("family", g["family"])):
            for entry in entries:
                for form in spellings(entry, script):
                    for surface in surface_forms(form):
                        sets[kind].update(tokens(surface))
        out[str(code)] = {k: frozenset(v) for k, v in sets.items()}
    return out


@cache
def all_tokens() -> frozenset[str]:
    return frozenset(t for g in group_tokens().values() for s in g.values() for t in s)


def within_one_edit(a: str, b: str) -> bool:
    """Optimal string alignment distance <= 1 (substitution, insertion, deletion,
    adjacent transposition)."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (
            len(diff) == 2 and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
        )
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


@pytest.fixture(scope="module")
def ds() -> SyntheticDataset:
    return generate(persons=6000, seed=77)


def test_every_record_name_decomposes_into_parts(ds: SyntheticDataset) -> None:
    known = all_tokens()
    bad: list[tuple[str, str]] = []
    for given, family in zip(ds.registrations["given_name"], ds.registrations["family_name"],
                             strict=True):
        words = tokens(given) + tokens(family)
        unknown = [w for w in words if w not in known]
        if not unknown:
            continue
        # At most one typo per record: one word, one edit away from a part.
        if len(unknown) > 1 or not any(within_one_edit(unknown[0], k) for k in known):
            bad.append((given, family))
    assert bad == []


def test_true_names_are_exact_parts_of_their_group(ds: SyntheticDataset) -> None:
    parts = group_tokens()
    for row in ds.persons.itertuples():
        g = parts[row.name_group]
        assert set(tokens(row.given_name)) <= g["given"], row.given_name
        assert set(tokens(row.family_name)) <= g["family"], row.family_name
        if row.middle_name:
            assert set(tokens(row.middle_name)) <= g["given"] | g["family"]


def test_all_name_groups_and_scripts_appear(ds: SyntheticDataset) -> None:
    assert set(ds.persons["name_group"]) == set(raw_parts()["groups"])
    given = "".join(ds.registrations["given_name"])
    assert re.search(r"[\u0400-\u04ff]", given)  # Cyrillic
    assert re.search(r"[\u0e00-\u0e7f]", given)  # Thai
    assert re.search(r"[\u4e00-\u9fff]", given)  # Han
    assert re.search(r"[ăâîșțşţ]", "".join(ds.registrations["family_name"]))
    assert re.search(r"[øåæ]", "".join(ds.registrations["family_name"]).lower())


def _composable(name: str) -> bool:
    words = tokens(name)
    for g in group_tokens().values():
        pool = g["given"] | g["family"]
        if all(w in pool for w in words) and any(w in g["family"] for w in words) and any(
            w in g["given"] for w in words
        ):
            return True
    return False


def test_famous_names_cannot_be_made_or_are_avoided() -> None:
    """A famous name that the parts could form must be on the generator's avoid list."""
    avoided = {fold(n) for n in avoided_full_names()}
    composable = [n for n in FAMOUS if _composable(n)]
    assert [n for n in composable if fold(n) not in avoided] == []


def test_no_generated_name_is_a_famous_persons(ds: SyntheticDataset) -> None:
    famous = {" ".join(tokens(n)) for n in FAMOUS}
    people = ds.persons
    full = [" ".join(tokens(f"{g} {f}")) for g, f in zip(people["given_name"], people["family_name"],
                                                         strict=True)]
    full += [" ".join(tokens(f"{g} {m} {f}")) for g, m, f in zip(
        people["given_name"], people["middle_name"], people["family_name"], strict=True)]
    regs = ds.registrations
    full += [" ".join(tokens(f"{g} {f}")) for g, f in zip(regs["given_name"], regs["family_name"],
                                                          strict=True)]
    full += [" ".join(tokens(f"{f} {g}")) for g, f in zip(regs["given_name"], regs["family_name"],
                                                          strict=True)]
    assert famous.isdisjoint(full)


def test_the_checker_catches_a_name_not_made_of_parts() -> None:
    # Guards against a vacuous decomposition check.
    known = all_tokens()
    assert "barack" not in known and "obama" not in known
    assert not any(within_one_edit("obama", k) for k in known)
    assert within_one_edit("tkachneko", "tkachenko") and not within_one_edit("tkchneko", "tkachenko")


def test_generator_never_draws_an_avoided_name() -> None:
    """5000 Chinese men would include ~40 "Wang Wei" (1 in 12 x 1 in 10) without the guard."""
    import numpy as np

    from henvis.synthetic.names import true_name
    from henvis.synthetic.parts import load_name_groups
    from henvis.synthetic.persons import _names

    n = 5000
    idx = _names(np.random.default_rng(0), np.full(n, "CN", dtype=object),
                 np.full(n, "M", dtype=object))
    cn = load_name_groups()["CN"]
    names = {true_name(cn, "M", g, m, f)
             for g, m, f in zip(idx["given_idx"], idx["middle_idx"], idx["family_idx"], strict=True)}
    assert ("Wei", "", "Wang") not in names
    assert ("Ming", "", "Wang") in names  # the family name itself is still used
