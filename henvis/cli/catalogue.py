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


@click.group()
def catalogue() -> None:
    """KOM's identification guide (seed 004): indicators, directory, guidance."""


@catalogue.command()
@click.option("--json", "as_json", is_flag=True, help="JSON list of objects (id, category, applies_to, text_nb, text_en, source).")
@click.option("--category", help="Only this category (background, place, behaviour, controlled, prostitution, forced_labour).")
@click.option("--applies-to", type=click.Choice(APPLIES_TO), help="Only indicators for this group: all (everyone), minor (children under 18), "
              "prostitution (persons in prostitution), forced_labour (persons in forced labour).")
@click.option("--lang", type=click.Choice(["nb", "en"]), default="nb", show_default=True, help="Language of the text listing: nb (Norwegian Bokmål) or en (English).")
def indicators(as_json: bool, category: str | None, applies_to: str | None, lang: str) -> None:
    """Every indicator of Del 4 with its id, category and source."""
    cat = load_catalogue()
    if category is not None and category not in {c.id for c in cat.categories}:
        raise click.BadParameter(
            f"ukjent kategori {category!r} / unknown category {category!r}", param_hint="--category"
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


@catalogue.command()
@click.option("--json", "as_json", is_flag=True, help="JSON list of services.")
@click.option("--lang", type=click.Choice(["nb", "en"]), default="nb", show_default=True,
              help="Language of the listing: nb (Norwegian Bokmål) or en (English).")
def directory(as_json: bool, lang: str) -> None:
    """The directory of services of Del 8: phone numbers, opening hours, web addresses."""
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


@catalogue.command()
def version() -> None:
    """The catalogue version every screening records."""
    click.echo(load_catalogue().version)


@catalogue.command()
@click.argument("source", type=click.File("r", encoding="utf-8"), default="-")
def screen(source: TextIO) -> None:
    """Guidance (JSON) for a screening given as JSON: SOURCE is a file, or - for standard input."""
    cat = load_catalogue()
    try:
        data = json.load(source)
    except json.JSONDecodeError as exc:
        raise Refused(f"Ugyldig JSON (linje {exc.lineno}) / Invalid JSON (line {exc.lineno})") from exc
    try:
        screening = ScreeningInput.from_dict(data, cat)
    except ScreeningError as exc:
        raise Refused(str(exc)) from exc
    click.echo(json.dumps(guide(screening, cat).to_dict(), ensure_ascii=False, indent=2))
