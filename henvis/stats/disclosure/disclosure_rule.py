"""The disclosure rule applied to a released table, and its method note.

A rule is plain data (a frozen dataclass) so that the report can print exactly what was
applied to each table, in Norwegian and English.

>>> rule = DisclosureRule()            # Statistics Norway style: counts 1 and 2 suppressed
>>> rule.is_small(2), rule.is_small(0), rule.is_small(3)
(True, False, False)
>>> "3" in rule.method_note("en")
True
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

Language = Literal["nb", "en"]

SUPPRESSED = ":"  # the symbol Statistics Norway and Eurostat use for a suppressed cell


@dataclass(frozen=True)
class DisclosureRule:
    """How a table of persons is protected before release.

    threshold:  counts 1 .. threshold-1 are suppressed (primary suppression); 0 is
                published, because 0 means "known none". ``threshold=3`` is Statistics
                Norway's "fewer than 3". ``threshold=0`` turns suppression off.
    protection: how far the attacker's feasible interval must reach on each side of a
                primary-suppressed value (secondary suppression guarantees that the value
                could be ``protection`` lower and higher, given every published figure of
                the release). 1 means: a 1 could be 0 and a 2 could be 3.
    rounding_base: if set (3 or 5), cells are instead rounded to multiples of the base by
                controlled rounding, with totals additive (see ``rounding.py``); no cell
                is suppressed then.
    registry:   the table copies a registry that already publishes it (police reports,
                judgments): released as the registry gives it, and marked so.
    """

    threshold: int = 3
    protection: int = 1
    rounding_base: int | None = None
    registry: bool = False

    def __post_init__(self) -> None:
        if self.threshold < 0:
            raise ValueError("terskel kan ikke være negativ / threshold cannot be negative")
        if self.protection < 1:
            raise ValueError("beskyttelse må være minst 1 / protection must be at least 1")
        if self.rounding_base is not None and self.rounding_base < 2:
            raise ValueError("avrundingsbasis må være minst 2 / rounding base must be at least 2")

    @classmethod
    def off(cls) -> DisclosureRule:
        """No disclosure control (for checking against published tables only)."""
        return cls(threshold=0)

    @classmethod
    def from_registry(cls) -> DisclosureRule:
        """A table copied from a registry that publishes it already."""
        return cls(threshold=0, registry=True)

    @classmethod
    def rounding(cls, base: int = 3) -> DisclosureRule:
        return cls(threshold=0, rounding_base=base)

    def with_(self, **changes: int | bool | None) -> DisclosureRule:
        return replace(self, **changes)  # type: ignore[arg-type]

    @property
    def suppresses(self) -> bool:
        return self.threshold > 1 and self.rounding_base is None and not self.registry

    def is_small(self, value: int) -> bool:
        """A count that primary suppression hides."""
        return self.suppresses and 0 < value < self.threshold

    def released(self, value: int | None) -> int | str | None:
        """A single count as it may be shown: ``SUPPRESSED`` when primary suppression
        hides it (a count standing alone has no table to protect it further).

        >>> DisclosureRule().released(2), DisclosureRule().released(40), DisclosureRule().released(None)
        (':', 40, None)
        """
        if value is None:
            return None
        return SUPPRESSED if self.is_small(int(value)) else int(value)

    def method_note(self, language: Language = "nb") -> str:
        """The sentence(s) the report prints for tables released under this rule."""
        return _NOTES[language](self)


def _note_nb(rule: DisclosureRule) -> str:
    if rule.registry:
        return (
            "Tabellen gjengir tall som registeret selv publiserer (for eksempel anmeldelser "
            "og dommer), og er ikke endret."
        )
    if rule.rounding_base is not None:
        b = rule.rounding_base
        return (
            f"Alle tall er avrundet til et multiplum av {b} (kontrollert avrunding): hvert tall "
            "er rundet opp eller ned, ikke alltid til nærmeste, slik at rader, kolonner og "
            f"summer fortsatt stemmer. Et tall vist som r er egentlig mellom r − {b - 1} og "
            f"r + {b - 1}. Et virkelig antall 0 vises alltid som 0, så 0 betyr 0 til {b - 1} og {b} betyr 1 til "
            f"{2 * b - 1}."
        )
    if not rule.suppresses:
        return "Tabellen er publisert uten konfidensialitetsbehandling."
    small = ", ".join(str(v) for v in range(1, rule.threshold))
    return (
        f"Antall under {rule.threshold} personer ({small}) er prikket og vist som «{SUPPRESSED}» "
        "(primærprikking). Andre celler er i tillegg prikket der det trengs for at et prikket "
        "tall ikke kan regnes ut fra summer, fra andre celler eller fra andre tabeller i "
        "samme publisering (sekundærprikking, valgt ved heltallsoptimering som prikker så "
        f"lite som mulig; hvert prikket tall kan være minst {rule.protection} lavere og "
        f"{rule.protection} høyere gitt alle publiserte tall). 0 betyr at det er kjent at "
        "det ikke er noen."
    )


def _note_en(rule: DisclosureRule) -> str:
    if rule.registry:
        return (
            "The table reproduces figures the registry publishes itself (for example police "
            "reports and judgments) and is unchanged."
        )
    if rule.rounding_base is not None:
        b = rule.rounding_base
        return (
            f"Every count is rounded to a multiple of {b} (controlled rounding): each is "
            "rounded up or down, not always to the nearest, so that rows, columns and totals "
            f"still add up. A count shown as r is a true count from r − {b - 1} to r + {b - 1}. "
            f"A true 0 is always shown as 0, so 0 means 0 to {b - 1} and {b} means 1 to {2 * b - 1}."
        )
    if not rule.suppresses:
        return "The table is released without disclosure control."
    small = ", ".join(str(v) for v in range(1, rule.threshold))
    return (
        f"Counts below {rule.threshold} persons ({small}) are suppressed and shown as "
        f"'{SUPPRESSED}' (primary suppression). Further cells are suppressed where needed so "
        "that no suppressed count can be derived from totals, from other cells or from other "
        "tables of the same release (secondary suppression, chosen by integer programming "
        "to suppress as little as possible; each suppressed count could be at least "
        f"{rule.protection} lower and {rule.protection} higher given all published figures). "
        "0 means known none."
    )


_NOTES = {"nb": _note_nb, "en": _note_en}
