"""Typed, immutable view of KOM's identification guide (seed 004) as loaded from
``data/*.yaml``. Every item keeps ``source``: the section of the guide it comes from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol, TypeVar

# Whom an indicator applies to (seed 004 Del 4): every person, or only as an extra for
# minors, for possible prostitution or for possible forced labour.
APPLIES_TO = ("all", "minor", "prostitution", "forced_labour")


@dataclass(frozen=True)
class Text:
    """A text in Norwegian Bokmål (the guide's own words) and in English."""

    nb: str
    en: str
    source: str = ""

    def in_language(self, language: str) -> str:
        """``Text("ja", "yes").in_language("en") == "yes"``; anything but English gives Bokmål."""
        return self.en if language.startswith("en") else self.nb


@dataclass(frozen=True)
class Subgroup:
    id: str
    name: Text


@dataclass(frozen=True)
class Category:
    id: str
    kind: str  # "main" (the four categories of Del 4) or "form_specific"
    name: Text
    description: Text
    subgroups: tuple[Subgroup, ...] = ()


@dataclass(frozen=True)
class Indicator:
    id: str
    category: str
    applies_to: str
    text: Text
    subgroup: str | None = None
    # The guide prints two "Vær oppmerksom på ..." sentences among the minors' extras
    # (seed 004 lines 452-453): advice to the worker, shown as a note, never a tick box.
    advice: bool = False

    @property
    def source(self) -> str:
        return self.text.source

    def as_dict(self) -> dict[str, str | bool | None]:
        """The command-line and API contract: id, category, subgroup, applies_to, texts, source."""
        return {
            "id": self.id, "category": self.category, "subgroup": self.subgroup,
            "applies_to": self.applies_to, "text_nb": self.text.nb, "text_en": self.text.en,
            "source": self.source, "advice": self.advice,
        }


@dataclass(frozen=True)
class Arena:
    id: str
    text: Text
    parent: str | None = None


@dataclass(frozen=True)
class ExploitationForm:
    """A form of exploitation in straffeloven § 257 first paragraph (letter a-d)."""

    id: str
    letter: str
    text: Text


@dataclass(frozen=True)
class Aggravation:
    """A circumstance the court weighs for grov menneskehandel (straffeloven § 258)."""

    id: str
    text: Text


@dataclass(frozen=True)
class Law:
    section_257: Text
    section_257_minors: Text
    section_258: Text
    aggravating: tuple[Aggravation, ...]


@dataclass(frozen=True)
class Audience:
    """Whom the guide says a service is for; None/empty means no restriction stated."""

    age: str = "all"  # all | adult | minor
    sexes: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()
    housing: bool = False


@dataclass(frozen=True)
class Service:
    """One entry of the directory (seed 004 Del 8)."""

    id: str
    name: Text
    description: Text
    group: str  # emergency | public | ngo | web
    phone: str = ""
    hours: Text | None = None
    web: str = ""
    email: str = ""
    organisation: str | None = None  # slug in organisations.yaml
    audience: Audience = field(default_factory=Audience)

    @property
    def source(self) -> str:
        return self.name.source


@dataclass(frozen=True)
class Question:
    id: str
    question: Text
    follow_up: Text
    forms: tuple[str, ...]


@dataclass(frozen=True)
class Conversation:
    purposes: tuple[Text, ...]
    tips: tuple[Text, ...]
    minor_tips: tuple[Text, ...]
    question_advice: tuple[Text, ...]
    example_questions: tuple[Question, ...]
    interpreter: Text


@dataclass(frozen=True)
class RightItem:
    id: str
    text: Text
    audience: str = "all"  # all | adult | minor


@dataclass(frozen=True)
class Rights:
    tell_the_person: tuple[RightItem, ...]
    entitlements_intro: Text
    entitlements: tuple[RightItem, ...]
    minors: Text


@dataclass(frozen=True)
class ReporterKind:
    id: str
    name: Text
    public: str  # "yes" | "no" | "ask"
    own_services: tuple[str, ...] = ()  # directory ids that are this role's own service


@dataclass(frozen=True)
class Option:
    id: str
    name: Text


@dataclass(frozen=True)
class Catalogue:
    """The whole guide. ``version`` is recorded with every screening."""

    version: str
    title: Text
    categories: tuple[Category, ...]
    indicators: tuple[Indicator, ...]
    arenas: tuple[Arena, ...]
    forms: tuple[ExploitationForm, ...]
    law: Law
    directory: tuple[Service, ...]
    conversation: Conversation
    rights: Rights
    reporter_kinds: tuple[ReporterKind, ...]
    sexes: tuple[Option, ...]
    texts: dict[str, GuidanceText]

    def indicator(self, indicator_id: str) -> Indicator:
        return _by_id(self.indicators, indicator_id, "indikator", "indicator")

    def category(self, category_id: str) -> Category:
        return _by_id(self.categories, category_id, "kategori", "category")

    def service(self, service_id: str) -> Service:
        return _by_id(self.directory, service_id, "tjeneste", "service")

    def form(self, form_id: str) -> ExploitationForm:
        return _by_id(self.forms, form_id, "utnyttelsesform", "exploitation form")

    def arena(self, arena_id: str) -> Arena:
        return _by_id(self.arenas, arena_id, "arena", "arena")

    def reporter_kind(self, kind_id: str) -> ReporterKind:
        return _by_id(self.reporter_kinds, kind_id, "virksomhetstype", "kind of organisation")

    def indicators_in(self, category_id: str, applies_to: str | None = None) -> tuple[Indicator, ...]:
        return tuple(
            i for i in self.indicators
            if i.category == category_id and (applies_to is None or i.applies_to == applies_to)
        )


@dataclass(frozen=True)
class GuidanceText:
    """A text the guidance rules show (data/guidance.yaml), optionally a titled duty."""

    id: str
    text: Text
    title: Text | None = None
    legal_basis: str = ""


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


_T = TypeVar("_T", bound=_HasId)


def _by_id(items: tuple[_T, ...], item_id: str, what_nb: str, what_en: str) -> _T:
    for item in items:
        if item.id == item_id:
            return item
    raise KeyError(f"ukjent {what_nb}: {item_id!r} / unknown {what_en}: {item_id!r}")
