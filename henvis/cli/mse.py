"""``henvis mse``: multiple systems estimation of the dark figure from a capture table.

Pure core: no Django. The estimator is imported when a command runs, so that
``henvis --help`` stays fast.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from henvis.cli.errors import EXIT_REFUSED, Refused

if TYPE_CHECKING:
    from henvis.stats.mse import MSEResult

REFUSAL_EXIT_CODE = EXIT_REFUSED


@click.group()
def mse() -> None:
    """Multiple systems estimation: how many victims there are, recorded or not."""


@mse.command()
@click.argument("table", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--bootstrap", "replicates", type=click.IntRange(min=0), default=1000,
              show_default=True, help="Bootstrap replicates for the BCa interval (0: model-based interval).")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the bootstrap.")
@click.option("--pthresh", type=click.FloatRange(0, 1, max_open=True), default=0.02,
              show_default=True, help="p-value threshold of the stepwise model choice.")
@click.option("--model", "terms", default=None, metavar="A:B,C:D",
              help="Fit this model instead of choosing one (comma-separated interactions; '' = main effects).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option("--lang", type=click.Choice(["nb", "en"]), default="nb", show_default=True,
              help="Language of the readable summary: nb (Norwegian Bokmål) or en (English).")
@click.option("--progress/--no-progress", default=True, show_default=True,
              help="Progress bar on stderr.")
def estimate(
    table: Path, replicates: int, seed: int, pthresh: float, terms: str | None,
    as_json: bool, lang: str, progress: bool,
) -> None:
    """Estimate the total population from TABLE.csv (one 0/1 column per list, a count
    column). Exits with code 2 and a message in Norwegian and English when the data
    cannot support an estimate."""
    from henvis.stats.mse import CaptureTable, MSERefusal, estimate_population

    try:
        capture = CaptureTable.from_csv(table)
        model = None if terms is None else [t for t in terms.split(",") if t.strip()]
        result = estimate_population(
            capture, bootstrap=replicates, seed=seed, pthresh=pthresh, model=model,
            progress=progress,
        )
    except MSERefusal as refusal:
        if as_json:
            click.echo(json.dumps({"error": refusal.to_dict()}, ensure_ascii=False))
        raise Refused(str(refusal)) from refusal
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(summary(result, lang))


_LABELS = {
    "nb": {
        "observed": "Kjente personer",
        "estimate": "Anslått totalt",
        "dark": "Anslått mørketall",
        "ci": "95 %-intervall",
        "unbounded": "ikke endelig",
        "lists": "Lister brukt",
        "removed": "Lister utelatt",
        "model": "Modell (samspill mellom lister)",
        "main": "bare hovedeffekter",
        "warnings": "Merknader",
        "sensitivity": "Følsomhet for modellvalget (AIC/BIC)",
        "method": "Metode",
    },
    "en": {
        "observed": "Known persons",
        "estimate": "Estimated total",
        "dark": "Estimated dark figure",
        "ci": "95 % interval",
        "unbounded": "not finite",
        "lists": "Lists used",
        "removed": "Lists left out",
        "model": "Model (interactions between lists)",
        "main": "main effects only",
        "warnings": "Notes",
        "sensitivity": "Sensitivity to the model choice (AIC/BIC)",
        "method": "Method",
    },
}


def _number(value: float | None, label: str) -> str:
    return label if value is None else f"{value:,.0f}".replace(",", " ")


def summary(result: MSEResult, lang: str = "nb") -> str:
    """The readable report of one estimate."""
    t = _LABELS[lang]
    lines = [
        f"{t['observed']}: {_number(result.observed, '')}",
        f"{t['estimate']}: {_number(result.estimate, '')}",
        f"{t['ci']}: {_number(result.ci95_low, t['unbounded'])} – "
        f"{_number(result.ci95_high, t['unbounded'])}",
        f"{t['dark']}: {_number(result.dark_figure, '')}",
        f"{t['lists']}: {', '.join(result.lists_used)}",
    ]
    if result.lists_removed:
        lines.append(f"{t['removed']}: {', '.join(r.name for r in result.lists_removed)}")
    lines.append(f"{t['model']}: {', '.join(result.interactions) or t['main']}")
    from henvis.stats.mse.estimate import INTERVAL_TEXT

    nb, en = INTERVAL_TEXT[result.interval_method]
    lines.append(f"{t['method']}: {en if lang == 'en' else nb}, pthresh {result.pthresh}")
    if result.warnings:
        lines.append(f"{t['warnings']}:")
        lines += [f"  - {w.text(lang)}" for w in result.warnings]
    lines.append(f"{t['sensitivity']}:")
    lines.append(f"  {'AIC':>9} {'BIC':>9} {'estimate':>9}  {'95 % (model)':>17}  model")
    for row in result.sensitivity:
        data: dict[str, Any] = row.to_dict()
        lines.append(
            f"  {row.aic:9.1f} {row.bic:9.1f} {row.estimate:9.0f}  "
            f"{row.wald_low:8.0f}-{row.wald_high:<8.0f}  {data['model']}"
            + (f"  [{', '.join(row.labels)}]" if row.labels else "")
        )
    return "\n".join(lines)
