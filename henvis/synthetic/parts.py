"""The name parts the generator combines, loaded from ``data/name_parts.yaml``.

A :class:`Part` is one given or family name with all the spellings it may take in a
record: for Latin-script groups the canonical spelling and common alternatives; for
Thai and Chinese the original script and its romanisations; for Ukrainian the Cyrillic
original and its romanisations by each system in :mod:`henvis.synthetic.transliterate`.

Example:
    >>> groups = load_name_groups()
    >>> groups["UA"].female[0].latin[0]
    'Olena'
    >>> groups["MA"].male[0].latin[:3]
    ('Mohammed', 'Mohamed', 'Muhammad')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from henvis.synthetic.transliterate import UK_SYSTEMS, romanise_uk

SCRIPTS = ("Latn", "Cyrl", "Thai", "Hani")
MIDDLE_KINDS = ("none", "given", "family", "vn", "patronym")
ORDERS = ("given_family", "family_given")


@dataclass(frozen=True)
class Part:
    """One name part. ``original`` is the form in the group's own script (equal to
    ``latin[0]`` for Latin-script groups); ``latin`` lists Latin spellings, the
    canonical first. For Ukrainian, ``latin[i]`` is the spelling by ``UK_SYSTEMS[i]``
    (duplicates kept so that indices line up)."""

    original: str
    latin: tuple[str, ...]

    @property
    def canonical(self) -> str:
        return self.latin[0]


@dataclass(frozen=True)
class NameGroup:
    code: str
    label: str
    script: str
    order: str
    middle: str
    middle_share: float
    female: tuple[Part, ...]
    male: tuple[Part, ...]
    family_male: tuple[Part, ...]
    family_female: tuple[Part, ...]
    middle_female: tuple[Part, ...]
    middle_male: tuple[Part, ...]
    # canonical given spelling -> nickname parts
    nicknames: dict[str, tuple[Part, ...]] = field(default_factory=dict)
    nicknames_female: tuple[Part, ...] = ()
    nicknames_male: tuple[Part, ...] = ()

    def given(self, sex: str) -> tuple[Part, ...]:
        return self.female if sex == "F" else self.male

    def family(self, sex: str) -> tuple[Part, ...]:
        return self.family_female if sex == "F" else self.family_male

    def all_parts(self) -> list[Part]:
        """Every part of the group, nicknames included (for checking decompositions)."""
        parts = [*self.female, *self.male, *self.family_male, *self.family_female]
        parts += [*self.middle_female, *self.middle_male]
        parts += [*self.nicknames_female, *self.nicknames_male]
        for key in sorted(self.nicknames):
            parts += list(self.nicknames[key])
        return parts


def _part(entry: str, script: str, where: str) -> Part:
    spellings = tuple(s.strip() for s in str(entry).split("|"))
    if not spellings or any(not s for s in spellings):
        raise ValueError(f"{where}: tom navnedel / empty name part in {entry!r}")
    if script == "Cyrl":
        if len(spellings) != 1:
            raise ValueError(
                f"{where}: kyrillisk del skal ha én form / Cyrillic part takes one form: {entry!r}"
            )
        return Part(spellings[0], tuple(romanise_uk(spellings[0], s) for s in UK_SYSTEMS))
    if script in ("Thai", "Hani"):
        if len(spellings) < 2:
            raise ValueError(
                f"{where}: mangler latinsk form / needs at least one romanisation: {entry!r}"
            )
        return Part(spellings[0], spellings[1:])
    return Part(spellings[0], spellings)


def _parts(raw: Any, script: str, where: str) -> tuple[Part, ...]:
    return tuple(_part(e, script, f"{where}[{i}]") for i, e in enumerate(raw or []))


def _family(raw: list[Any], script: str, where: str) -> tuple[tuple[Part, ...], tuple[Part, ...]]:
    male: list[Part] = []
    female: list[Part] = []
    for i, entry in enumerate(raw):
        forms = str(entry).split("/")
        if len(forms) > 2:
            raise ValueError(f"{where}[{i}]: for mange '/' / too many '/' in {entry!r}")
        male.append(_part(forms[0], script, f"{where}[{i}]"))
        female.append(_part(forms[-1], script, f"{where}[{i}]"))
    return tuple(male), tuple(female)


def _group(code: str, raw: dict[str, Any]) -> NameGroup:
    where = f"name_parts.yaml groups.{code}"
    script = raw.get("script", "Latn")
    if script not in SCRIPTS:
        raise ValueError(f"{where}: ukjent skrift / unknown script {script!r}")
    middle = raw.get("middle", "none")
    if middle not in MIDDLE_KINDS:
        raise ValueError(f"{where}: ukjent mellomnavn-type / unknown middle kind {middle!r}")
    order = raw.get("order", "given_family")
    if order not in ORDERS:
        raise ValueError(f"{where}: ukjent rekkefølge / unknown order {order!r}")
    family_male, family_female = _family(raw["family"], script, f"{where}.family")
    nicknames = {
        str(key): _parts(value, script, f"{where}.nicknames.{key}")
        for key, value in (raw.get("nicknames") or {}).items()
    }
    group = NameGroup(
        code=code,
        label=str(raw.get("label", code)),
        script=script,
        order=order,
        middle=middle,
        middle_share=float(raw.get("middle_share", 0.0)),
        female=_parts(raw["female"], script, f"{where}.female"),
        male=_parts(raw["male"], script, f"{where}.male"),
        family_male=family_male,
        family_female=family_female,
        middle_female=_parts(raw.get("middle_female"), script, f"{where}.middle_female"),
        middle_male=_parts(raw.get("middle_male"), script, f"{where}.middle_male"),
        nicknames=nicknames,
        # Generic nicknames (Thai) are written in Latin letters in the data file.
        nicknames_female=_parts(raw.get("nicknames_female"), "Latn", f"{where}.nicknames_female"),
        nicknames_male=_parts(raw.get("nicknames_male"), "Latn", f"{where}.nicknames_male"),
    )
    known = {p.original for p in (*group.female, *group.male)}
    for key in nicknames:
        if key not in known:
            raise ValueError(f"{where}.nicknames: {key!r} er ikke et fornavn / is not a given name")
    if middle == "vn" and not (group.middle_female and group.middle_male):
        raise ValueError(f"{where}: middle vn krever middle_female og middle_male / needs both lists")
    return group


@cache
def _raw() -> dict[str, Any]:
    text = resources.files("henvis.synthetic").joinpath("data/name_parts.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


@cache
def load_name_groups() -> dict[str, NameGroup]:
    """All name groups by code, in the order of the data file."""
    return {str(code): _group(str(code), raw) for code, raw in _raw()["groups"].items()}


@cache
def citizenship_groups() -> dict[str, str]:
    """ISO 3166 alpha-2 citizenship -> name group code."""
    return {str(k): str(v) for k, v in _raw()["citizenship_groups"].items()}


@cache
def avoided_full_names() -> frozenset[str]:
    """Canonical "given family" names the generator never produces (public figures)."""
    return frozenset(str(n) for n in _raw().get("avoid_full_names") or [])
