"""A person's true name, and the name as one registration writes it.

The true name is a combination of parts (:mod:`henvis.synthetic.parts`). A registration
writes it with the variant operations below, each with the probability given here and
in docs/synthetic-data.md:

- original script (Cyrillic, Thai, Han) instead of a romanisation;
- a romanisation/spelling chosen among the part's alternatives (Ukrainian: one system
  per record);
- a nickname for the given name;
- the middle name dropped or placed in the given or family field;
- given and family name swapped (more often for family-first Chinese and Vietnamese);
- diacritics dropped (ă ş ț ø å ...), Scandinavian digraphs (oe, aa), Romanian cedillas;
- hyphen instead of space or the reverse;
- written in capitals;
- one keyboard typo;
- given or family name missing.

Example:
    >>> import random
    >>> from henvis.synthetic.parts import load_name_groups
    >>> g = load_name_groups()["RO"]
    >>> true_name(g, "F", 14, -1, 19)
    ('Ștefania', '', 'Țurcanu')
"""

from __future__ import annotations

import random
from typing import Final

from henvis.synthetic.parts import NameGroup, Part
from henvis.synthetic.transliterate import UK_SYSTEMS
from henvis.synthetic.variants import cedilla, has_diacritics, join_variant, strip_diacritics, typo

P_ORIGINAL_SCRIPT: Final = 0.04
P_CANONICAL_SPELLING: Final = 0.65
UK_SYSTEM_WEIGHTS: Final = (0.5, 0.2, 0.1, 0.1, 0.1)  # national, russian, german, french, english
P_NICKNAME: Final = 0.06
P_SWAP: Final = 0.05
P_SWAP_FAMILY_FIRST: Final = 0.25
P_STRIP_DIACRITICS: Final = 0.4
P_DIGRAPHS: Final = 0.3  # of stripped Scandinavian names
P_CEDILLA: Final = 0.3  # of Romanian names that keep their diacritics
P_JOIN_VARIANT: Final = 0.25
P_UPPER: Final = 0.12
P_TYPO: Final = 0.07
P_NO_FAMILY: Final = 0.015
P_NO_GIVEN: Final = 0.005

# Where a middle part goes, by name group, as (probability, place) options; the rest of
# the probability drops it. given = appended to the given name; family_before /
# family_after = written before/after the family name in the family field.
MIDDLE_PLACES: Final[dict[str, tuple[tuple[float, str], ...]]] = {
    "given": ((0.6, "given"),),
    "patronym": ((0.6, "family_after"),),
    "vn": ((0.7, "given"), (0.1, "family_after")),
}
FAMILY_MIDDLE_PLACES: Final[dict[str, tuple[tuple[float, str], ...]]] = {
    "PH": ((0.35, "given"), (0.15, "family_before")),  # mother's family name
    "ES": ((0.65, "family_after"),),  # paternal then maternal
    "BR": ((0.6, "family_before"),),  # maternal then paternal
}


def _middle_pool(group: NameGroup, sex: str) -> tuple[Part, ...]:
    if group.middle == "given":
        return group.given(sex)
    if group.middle == "family":
        return group.family(sex)
    if group.middle == "patronym":
        return group.male
    if group.middle == "vn":
        return group.middle_female if sex == "F" else group.middle_male
    return ()


def person_parts(
    group: NameGroup, sex: str, gi: int, mi: int, fi: int
) -> tuple[Part, Part | None, Part]:
    """The (given, middle or None, family) parts of a person's true name."""
    middle = _middle_pool(group, sex)[mi] if mi >= 0 and group.middle != "none" else None
    return group.given(sex)[gi], middle, group.family(sex)[fi]


def true_name(group: NameGroup, sex: str, gi: int, mi: int, fi: int) -> tuple[str, str, str]:
    """(given, middle, family) in canonical Latin spelling."""
    given, middle, family = person_parts(group, sex, gi, mi, fi)
    return given.canonical, middle.canonical if middle else "", family.canonical


def original_name(group: NameGroup, sex: str, gi: int, mi: int, fi: int) -> str:
    """The full name in the group's own script ("" for Latin-script groups)."""
    if group.script == "Latn":
        return ""
    given, middle, family = person_parts(group, sex, gi, mi, fi)
    words = [given.original] + ([middle.original] if middle else [])
    if group.order == "family_given":
        return " ".join([family.original, *words])
    return " ".join([*words, family.original])


def _place(options: tuple[tuple[float, str], ...], rng: random.Random) -> str:
    u = rng.random()
    for p, place in options:
        if u < p:
            return place
        u -= p
    return "drop"


def render_name(
    group: NameGroup, sex: str, gi: int, mi: int, fi: int, rng: random.Random
) -> tuple[str, str]:
    """(given_name, family_name) as one registration writes the person's name."""
    return render_parts(group, sex, person_parts(group, sex, gi, mi, fi), rng)


def render_parts(
    group: NameGroup, sex: str, parts: tuple[Part, Part | None, Part], rng: random.Random
) -> tuple[str, str]:
    """As :func:`render_name`, from parts resolved once per person."""
    given, middle, family = parts
    if rng.random() < P_NICKNAME:
        options = group.nicknames.get(given.original) or (
            group.nicknames_female if sex == "F" else group.nicknames_male
        )
        if options:
            given = options[rng.randrange(len(options))]

    original = group.script != "Latn" and rng.random() < P_ORIGINAL_SCRIPT
    if original:
        spell = _original
    elif group.script == "Cyrl":
        system = rng.choices(range(len(UK_SYSTEMS)), weights=UK_SYSTEM_WEIGHTS)[0]

        def spell(part: Part, rng: random.Random) -> str:
            return part.latin[system]
    else:
        spell = _latin

    given_text = spell(given, rng)
    family_text = spell(family, rng)
    if middle is not None:
        places = FAMILY_MIDDLE_PLACES.get(group.code, ()) if group.middle == "family" else (
            MIDDLE_PLACES.get(group.middle, ())
        )
        place = _place(places, rng)
        middle_text = spell(middle, rng)
        if place == "given":
            given_text = f"{given_text} {middle_text}"
        elif place == "family_before":
            family_text = f"{middle_text} {family_text}"
        elif place == "family_after":
            family_text = f"{family_text} {middle_text}"

    swap = P_SWAP_FAMILY_FIRST if group.order == "family_given" else P_SWAP
    if rng.random() < swap:
        given_text, family_text = family_text, given_text

    if not original:
        given_text, family_text = (_diacritics(t, group, rng) for t in (given_text, family_text))
        if rng.random() < P_JOIN_VARIANT:
            given_text, family_text = join_variant(given_text), join_variant(family_text)
        if rng.random() < P_UPPER:
            given_text, family_text = given_text.upper(), family_text.upper()
        if rng.random() < P_TYPO:
            if rng.random() < 0.5:
                given_text = typo(given_text, rng)
            else:
                family_text = typo(family_text, rng)
    u = rng.random()
    if u < P_NO_FAMILY:
        family_text = ""
    elif u < P_NO_FAMILY + P_NO_GIVEN:
        given_text = ""
    return given_text, family_text


def _original(part: Part, rng: random.Random) -> str:
    return part.original


def _latin(part: Part, rng: random.Random) -> str:
    if len(part.latin) == 1 or rng.random() < P_CANONICAL_SPELLING:
        return part.latin[0]
    return part.latin[1 + rng.randrange(len(part.latin) - 1)]


def _diacritics(text: str, group: NameGroup, rng: random.Random) -> str:
    if not has_diacritics(text):
        return text
    if rng.random() < P_STRIP_DIACRITICS:
        digraphs = group.code == "NO" and rng.random() < P_DIGRAPHS
        return strip_diacritics(text, digraphs=digraphs)
    if group.code == "RO" and rng.random() < P_CEDILLA:
        return cedilla(text)
    return text
