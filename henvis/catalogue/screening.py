"""What a first-line worker tells the screening: ``ScreeningInput``.

It holds no identifying data (no name, no birth date, no free text), so a screening can
be done anonymously, as seed 004 Del 6 allows ("drøfte saken anonymt").

>>> from henvis.catalogue import load_catalogue
>>> s = ScreeningInput.from_dict({"reporter_kind": "health", "age": 16, "sex": "female",
...                               "indicators": ["bg-02"]}, load_catalogue())
>>> s.to_dict()["age"], s.catalogue_version
(16, 'kom-2024.3')
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

from henvis.catalogue.guide_types import Catalogue

ADULT_AGE = 18
MAX_AGE = 120
# "oppgir å være voksen, men fremstår som mindreårig" (seed 004 line 428): ticking it means
# the age is in doubt, and a person whose age is in doubt is treated as a child (line 716).
SAYS_ADULT_LOOKS_MINOR = "be-m01"


class ScreeningError(ValueError):
    """Invalid screening input. ``field`` names the offending field."""

    def __init__(self, field: str, message_nb: str, message_en: str) -> None:
        self.field = field
        self.message_nb = f"{field}: {message_nb}"
        self.message_en = f"{field}: {message_en}"
        super().__init__(f"{self.message_nb} / {self.message_en}")


@dataclass(frozen=True)
class ScreeningInput:
    """Facts and observations about one person, without identifying data.

    ``public_tasks`` matters only for kinds of organisation where the catalogue says
    ``public: ask`` (voluntary organisations, private businesses): it says whether the
    reporter does tasks for the public sector (seed 004 Del 6, meldeplikt)."""

    reporter_kind: str
    catalogue_version: str = ""
    public_tasks: bool = False
    age: int | None = None
    age_in_doubt: bool = False
    sex: str = "unknown"
    danger_now: bool = False
    life_threatening: bool = False
    urgent_health: bool = False
    needs_safe_place: bool = False
    accompanying_children: bool = False
    indicators: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()
    arenas: tuple[str, ...] = ()
    abroad: bool = False
    gross_violence_or_coercion: bool = False
    significant_profit: bool = False
    # The worker's own judgement, which the law makes the trigger of a duty (seed 004 Del 6
    # punkt 1): "grunn til å tro" for the duty to notify child welfare (line 714), and
    # "tror at det er mest sannsynlig" for the duty to avert (line 694). Indicators alone
    # never decide it (line 353).
    reason_to_believe: bool = False
    most_likely: bool = False
    # The person's own wishes: help from the police or to report (line 644), and to go
    # home (lines 653, 942, 944).
    wants_police: bool = False
    wants_to_go_home: bool = False

    @property
    def age_doubted(self) -> bool:
        """Age in doubt: ticked, or the indicator "says adult, looks a minor" given (line 428)."""
        return self.age_in_doubt or SAYS_ADULT_LOOKS_MINOR in self.indicators

    @property
    def is_minor_or_in_doubt(self) -> bool:
        """Treat as a child while the age is in doubt (seed 004 Del 6 punkt 1 and 3)."""
        return self.age_doubted or (self.age is not None and self.age < ADULT_AGE)

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe; ``from_dict(to_dict())`` gives the same input back."""
        data = asdict(self)
        for key in ("indicators", "forms", "arenas"):
            data[key] = list(data[key])
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any], catalogue: Catalogue | None = None) -> ScreeningInput:
        """Validate ``data`` against ``catalogue`` (default: the installed one); raise
        ScreeningError naming the field."""
        if catalogue is None:
            from henvis.catalogue.load import load_catalogue

            catalogue = load_catalogue()
        if not isinstance(data, dict):
            raise ScreeningError("screening", "forventet et JSON-objekt", "expected a JSON object")
        known = {f.name for f in fields(cls)}
        for key in data:
            if key not in known:
                raise ScreeningError(str(key), "ukjent felt", "unknown field")
        version = data.get("catalogue_version") or catalogue.version
        if version != catalogue.version:
            raise ScreeningError(
                "catalogue_version",
                f"screeningen bruker katalogversjon {version!r}, men denne installasjonen har {catalogue.version!r}",
                f"the screening uses catalogue version {version!r}, but this installation has {catalogue.version!r}",
            )
        kind = _string(data, "reporter_kind", required=True)
        if kind not in {k.id for k in catalogue.reporter_kinds}:
            raise ScreeningError("reporter_kind", f"ukjent virksomhetstype {kind!r}", f"unknown kind of organisation {kind!r}")
        age = data.get("age")
        if age is not None and (isinstance(age, bool) or not isinstance(age, int) or not 0 <= age <= MAX_AGE):
            raise ScreeningError("age", f"må være et helt tall fra 0 til {MAX_AGE}", f"must be a whole number from 0 to {MAX_AGE}")
        age_in_doubt = _bool(data, "age_in_doubt")
        if age is None and not age_in_doubt:
            raise ScreeningError(
                "age", "oppgi alder, eller at det er tvil om alderen", "give the age, or say that the age is in doubt"
            )
        sex = _string(data, "sex") or "unknown"
        if sex not in {s.id for s in catalogue.sexes}:
            raise ScreeningError("sex", f"ukjent verdi {sex!r}", f"unknown value {sex!r}")
        screening = cls(
            reporter_kind=kind,
            catalogue_version=version,
            public_tasks=_bool(data, "public_tasks"),
            age=age,
            age_in_doubt=age_in_doubt,
            sex=sex,
            danger_now=_bool(data, "danger_now"),
            life_threatening=_bool(data, "life_threatening"),
            urgent_health=_bool(data, "urgent_health"),
            needs_safe_place=_bool(data, "needs_safe_place"),
            accompanying_children=_bool(data, "accompanying_children"),
            indicators=_ids(data, "indicators", {i.id for i in catalogue.indicators}, "indikator", "indicator"),
            forms=_ids(data, "forms", {f.id for f in catalogue.forms}, "utnyttelsesform", "exploitation form"),
            arenas=_ids(data, "arenas", {a.id for a in catalogue.arenas}, "arena", "arena"),
            abroad=_bool(data, "abroad"),
            gross_violence_or_coercion=_bool(data, "gross_violence_or_coercion"),
            significant_profit=_bool(data, "significant_profit"),
            reason_to_believe=_bool(data, "reason_to_believe"),
            most_likely=_bool(data, "most_likely"),
            wants_police=_bool(data, "wants_police"),
            wants_to_go_home=_bool(data, "wants_to_go_home"),
        )
        for indicator_id in screening.indicators:
            if catalogue.indicator(indicator_id).advice:
                raise ScreeningError(
                    "indicators",
                    f"{indicator_id} er et råd til deg i veilederen, ikke en indikator som kan krysses av",
                    f"{indicator_id} is advice to you in the guide, not an indicator that can be ticked",
                )
        if not screening.is_minor_or_in_doubt:
            for indicator_id in screening.indicators:
                if catalogue.indicator(indicator_id).applies_to == "minor":
                    raise ScreeningError(
                        "indicators",
                        f"{indicator_id} gjelder bare mindreårige, men personen er oppgitt å være {age} år (kryss av for tvil om alderen)",
                        f"{indicator_id} applies to minors only, but the person is given as {age} (tick 'age in doubt')",
                    )
        return screening


def _bool(data: dict[str, Any], key: str) -> bool:
    value = data.get(key, False)
    if not isinstance(value, bool):
        raise ScreeningError(key, "må være true eller false", "must be true or false")
    return value


def _string(data: dict[str, Any], key: str, *, required: bool = False) -> str:
    value = data.get(key)
    if value is None or value == "":
        if required:
            raise ScreeningError(key, "mangler", "is missing")
        return ""
    if not isinstance(value, str):
        raise ScreeningError(key, "må være tekst", "must be a string")
    return value


def _ids(data: dict[str, Any], key: str, valid: set[str], what_nb: str, what_en: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ScreeningError(key, "må være en liste med id-er", "must be a list of ids")
    for item in value:
        if item not in valid:
            raise ScreeningError(key, f"ukjent {what_nb} {item!r}", f"unknown {what_en} {item!r}")
    # Keep the first occurrence only, in the given order: the same input gives the same guidance.
    return tuple(dict.fromkeys(value))
