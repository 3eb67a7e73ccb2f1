"""Load the catalogue from ``henvis/catalogue/data``.

>>> from henvis.catalogue import load_catalogue
>>> catalogue = load_catalogue()
>>> catalogue.version
'kom-2024.3'
>>> catalogue.indicator("bg-03").text.nb
'har rusavhengighet'
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from henvis.catalogue.guide_types import (
    APPLIES_TO,
    Aggravation,
    Arena,
    Audience,
    Catalogue,
    Category,
    Conversation,
    ExploitationForm,
    GuidanceText,
    Indicator,
    Law,
    Option,
    Question,
    ReporterKind,
    RightItem,
    Rights,
    Service,
    Subgroup,
    Text,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
# libyaml's parser when PyYAML was built with it (the wheels are): the pure-Python one took
# 0.5-2.5 s for the catalogue, on the first screening answered by each server worker.
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class CatalogueError(ValueError):
    """The data files are inconsistent; the message names the file and item (nb / en)."""


def _read(data_dir: Path, name: str) -> dict[str, Any]:
    path = data_dir / name
    try:
        with path.open(encoding="utf-8") as handle:
            loaded = yaml.load(handle, Loader=_LOADER)  # noqa: S506 - a safe loader
    except (OSError, yaml.YAMLError) as exc:
        raise CatalogueError(f"{name}: kan ikke leses ({exc}) / cannot be read ({exc})") from exc
    if not isinstance(loaded, dict):
        raise CatalogueError(f"{name}: forventet et YAML-kart / expected a YAML mapping")
    return loaded


def _text(item: dict[str, Any], key: str = "text", source: str | None = None) -> Text:
    return Text(nb=str(item[f"{key}_nb"]), en=str(item[f"{key}_en"]), source=str(source or item.get("source", "")))


def _unique(name: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for item_id in ids:
        if item_id in seen:
            raise CatalogueError(f"{name}: id {item_id!r} finnes to ganger / id {item_id!r} appears twice")
        seen.add(item_id)


@lru_cache(maxsize=4)
def load_catalogue(data_dir: Path = DATA_DIR) -> Catalogue:
    """Read and check every data file; the result is cached (it is immutable)."""
    meta = _read(data_dir, "catalogue.yaml")
    guide = meta["guide"]
    categories = tuple(
        Category(
            id=c["id"], kind=c["kind"], name=_text(c, "name"), description=_text(c, "description"),
            subgroups=tuple(Subgroup(s["id"], _text(s, "name", c["source"])) for s in c.get("subgroups", ())),
        )
        for c in meta["categories"]
    )
    category_ids = {c.id for c in categories}
    subgroup_ids = {s.id for c in categories for s in c.subgroups}

    indicators = tuple(
        Indicator(
            id=i["id"], category=i["category"], applies_to=i["applies_to"], text=_text(i), subgroup=i.get("subgroup"),
            advice=bool(i.get("advice", False)),
        )
        for i in _read(data_dir, "indicators.yaml")["indicators"]
    )
    _unique("indicators.yaml", [i.id for i in indicators])
    for ind in indicators:
        if ind.category not in category_ids:
            raise CatalogueError(f"indicators.yaml {ind.id}: ukjent kategori / unknown category {ind.category!r}")
        if ind.applies_to not in APPLIES_TO:
            raise CatalogueError(f"indicators.yaml {ind.id}: ugyldig applies_to / invalid applies_to {ind.applies_to!r}")
        if ind.subgroup is not None and ind.subgroup not in subgroup_ids:
            raise CatalogueError(f"indicators.yaml {ind.id}: ukjent undergruppe / unknown subgroup {ind.subgroup!r}")

    arenas = tuple(Arena(a["id"], _text(a), a.get("parent")) for a in _read(data_dir, "arenas.yaml")["arenas"])
    _unique("arenas.yaml", [a.id for a in arenas])

    forms_data = _read(data_dir, "forms.yaml")
    forms = tuple(ExploitationForm(f["id"], f["letter"], _text(f)) for f in forms_data["forms"])
    s257, s258 = forms_data["section_257"], forms_data["section_258"]
    law = Law(
        section_257=_text(s257), section_257_minors=_text(s257, "minors"), section_258=_text(s258),
        aggravating=tuple(Aggravation(a["id"], _text(a, source=s258["source"])) for a in s258["aggravating"]),
    )
    form_ids = {f.id for f in forms}

    directory = tuple(_service(s, form_ids) for s in _read(data_dir, "directory.yaml")["services"])
    _unique("directory.yaml", [s.id for s in directory])
    _check_organisation_slugs(data_dir, directory)

    conv = _read(data_dir, "conversation.yaml")["conversation"]
    conversation = Conversation(
        purposes=tuple(_text(t) for t in conv["purposes"]),
        tips=tuple(_text(t) for t in conv["tips"]),
        minor_tips=tuple(_text(t) for t in conv["minor_tips"]),
        question_advice=tuple(_text(t) for t in conv["question_advice"]),
        example_questions=tuple(
            Question(q["id"], _text(q, "question"), _text(q, "follow_up"), tuple(q["forms"]))
            for q in conv["example_questions"]
        ),
        interpreter=_text(conv["interpreter"]),
    )
    r = _read(data_dir, "rights.yaml")["rights"]
    rights = Rights(
        tell_the_person=tuple(RightItem(x["id"], _text(x), x.get("audience", "all")) for x in r["tell_the_person"]),
        entitlements_intro=_text(r["entitlements_intro"]),
        entitlements=tuple(RightItem(x["id"], _text(x)) for x in r["entitlements"]),
        minors=_text(r["minors"]),
    )
    reporter_kinds = tuple(
        ReporterKind(k["id"], _text(k, "name"), str(k["public"]), tuple(k.get("own_services", ())))
        for k in meta["reporter_kinds"]
    )
    service_ids = {s.id for s in directory}
    for kind in reporter_kinds:
        if set(kind.own_services) - service_ids:
            raise CatalogueError(
                f"catalogue.yaml {kind.id}: ukjent tjeneste / unknown service {sorted(set(kind.own_services) - service_ids)}"
            )
    texts = {
        key: GuidanceText(
            id=key, text=_text(value),
            title=_text(value, "title") if "title_nb" in value else None,
            legal_basis=str(value.get("legal_basis", "")),
        )
        for key, value in _read(data_dir, "guidance.yaml")["texts"].items()
    }
    return Catalogue(
        version=str(meta["version"]),
        title=Text(guide["title_nb"], guide["title_en"], guide["source"]),
        categories=categories,
        indicators=indicators,
        arenas=arenas,
        forms=forms,
        law=law,
        directory=directory,
        conversation=conversation,
        rights=rights,
        reporter_kinds=reporter_kinds,
        sexes=tuple(Option(s["id"], _text(s, "name")) for s in meta["sexes"]),
        texts=texts,
    )


def _service(item: dict[str, Any], form_ids: set[str]) -> Service:
    aud = item.get("audience", {})
    audience = Audience(
        age=aud.get("age", "all"), sexes=tuple(aud.get("sex", ())), forms=tuple(aud.get("forms", ())),
        housing=bool(aud.get("housing", False)),
    )
    unknown = set(audience.forms) - form_ids
    if unknown:
        raise CatalogueError(f"directory.yaml {item['id']}: ukjent form / unknown form {sorted(unknown)}")
    return Service(
        id=item["id"], name=_text(item, "name"), description=_text(item, "description"), group=item["group"],
        phone=str(item.get("phone", "")),
        hours=_text(item, "hours") if "hours_nb" in item else None,
        web=str(item.get("web", "")), email=str(item.get("email", "")),
        organisation=item.get("organisation"), audience=audience,
    )


def _check_organisation_slugs(data_dir: Path, directory: tuple[Service, ...]) -> None:
    orgs_path = data_dir / "organisations.yaml"
    if not orgs_path.exists():
        return
    slugs = {o["slug"] for o in _read(data_dir, "organisations.yaml")["organisations"]}
    for service in directory:
        if service.organisation and service.organisation not in slugs:
            raise CatalogueError(
                f"directory.yaml {service.id}: organisasjon {service.organisation!r} finnes ikke i organisations.yaml"
                f" / organisation {service.organisation!r} is not in organisations.yaml"
            )
