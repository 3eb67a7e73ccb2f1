"""``henvis catalogue``: KOM's identification guide from the command line (pure core, no
Django).

    henvis catalogue indicators --json
    henvis catalogue directory
    henvis catalogue version
    henvis catalogue screen screening.json     # guidance as JSON
"""

from __future__ import annotations

import json
from typing import TextIO

import click

from henvis.catalogue import ScreeningError, ScreeningInput, guide, load_catalogue
from henvis.catalogue.guide_types import APPLIES_TO
from henvis.cli.errors import Refused
from henvis.cli.language import language, say, text_of


@click.group(help=say("KOMs identifiseringsveileder (seed 004): indikatorer, tjenesteoversikt, veiledning.",
                      "KOM's identification guide (seed 004): indicators, directory, guidance."))
def catalogue() -> None:
    pass


@catalogue.command(help=say("Alle indikatorene i del 4 med id, kategori og kilde.",
                            "Every indicator of Del 4 with its id, category and source."))
@click.option("--json", "as_json", is_flag=True, help=say(
    "JSON-liste med objekter (id, category, applies_to, text_nb, text_en, source).",
    "JSON list of objects (id, category, applies_to, text_nb, text_en, source)."))
@click.option("--category", help=say(
    "Bare denne kategorien (background, place, behaviour, controlled, prostitution, forced_labour).",
    "Only this category (background, place, behaviour, controlled, prostitution, forced_labour)."))
@click.option("--applies-to", type=click.Choice(APPLIES_TO), help=say(
    "Bare indikatorer for denne gruppen: all (alle), minor (barn under 18), prostitution (personer i "
    "prostitusjon), forced_labour (personer i tvangsarbeid).",
    "Only indicators for this group: all (everyone), minor (children under 18), "
    "prostitution (persons in prostitution), forced_labour (persons in forced labour)."))
@click.option("--lang", type=click.Choice(["nb", "en"]), default=None, help=say(
    "Språket i listen: nb (norsk bokmål) eller en (engelsk); standard: kommandoens språk.",
    "Language of the text listing: nb (Norwegian Bokmål) or en (English); default: the command's language."))
def indicators(as_json: bool, category: str | None, applies_to: str | None, lang: str | None) -> None:
    lang = lang or language()
    cat = load_catalogue()
    if category is not None and category not in {c.id for c in cat.categories}:
        raise click.BadParameter(
            say(f"ukjent kategori {category!r}", f"unknown category {category!r}"), param_hint="--category"
        )
    chosen = [
        i for i in cat.indicators
        if (category is None or i.category == category) and (applies_to is None or i.applies_to == applies_to)
    ]
    if as_json:
        click.echo(json.dumps([i.as_dict() for i in chosen], ensure_ascii=False, indent=2))
        return
    for i in chosen:
        click.echo(f"{i.id:7} {i.category:13} {i.applies_to:13} {i.text.in_language(lang)}")


@catalogue.command(help=say("Tjenesteoversikten i del 8: telefonnumre, åpningstider, nettadresser.",
                            "The directory of services of Del 8: phone numbers, opening hours, web addresses."))
@click.option("--json", "as_json", is_flag=True, help=say("JSON-liste over tjenestene.", "JSON list of services."))
@click.option("--lang", type=click.Choice(["nb", "en"]), default=None, help=say(
    "Språket i listen: nb (norsk bokmål) eller en (engelsk); standard: kommandoens språk.",
    "Language of the listing: nb (Norwegian Bokmål) or en (English); default: the command's language."))
def directory(as_json: bool, lang: str | None) -> None:
    lang = lang or language()
    services = load_catalogue().directory
    if as_json:
        click.echo(json.dumps(
            [
                {
                    "id": s.id, "name_nb": s.name.nb, "name_en": s.name.en, "phone": s.phone,
                    "hours_nb": s.hours.nb if s.hours else "", "hours_en": s.hours.en if s.hours else "",
                    "web": s.web, "email": s.email, "organisation": s.organisation, "group": s.group,
                    "source": s.source,
                }
                for s in services
            ],
            ensure_ascii=False, indent=2,
        ))
        return
    for s in services:
        hours = f" ({s.hours.in_language(lang)})" if s.hours else ""
        contact = "  ".join(x for x in (s.phone + hours, s.web, s.email) if x.strip())
        click.echo(f"{s.name.in_language(lang)}\n    {contact}")


@catalogue.command(help=say("Katalogversjonen som hver kartlegging registrerer.",
                            "The catalogue version every screening records."))
def version() -> None:
    click.echo(load_catalogue().version)


@catalogue.command(help=say(
    "Veiledning (JSON) for en kartlegging gitt som JSON: SOURCE er en fil, eller - for standard inn.",
    "Guidance (JSON) for a screening given as JSON: SOURCE is a file, or - for standard input."))
@click.argument("source", type=click.File("r", encoding="utf-8"), default="-")
def screen(source: TextIO) -> None:
    cat = load_catalogue()
    try:
        data = json.load(source)
    except json.JSONDecodeError as exc:
        raise Refused(say(f"Ugyldig JSON (linje {exc.lineno})", f"Invalid JSON (line {exc.lineno})")) from exc
    try:
        screening = ScreeningInput.from_dict(data, cat)
    except ScreeningError as exc:
        raise Refused(text_of(exc)) from exc
    click.echo(json.dumps(guide(screening, cat).to_dict(), ensure_ascii=False, indent=2))
