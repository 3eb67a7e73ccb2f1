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
from henvis.cli.language import language, say, text_of

if TYPE_CHECKING:
    from henvis.stats.mse import MSEResult

REFUSAL_EXIT_CODE = EXIT_REFUSED


@click.group(help=say("Multippel systemestimering: hvor mange ofre det er, registrert eller ikke.",
                      "Multiple systems estimation: how many victims there are, recorded or not."))
def mse() -> None:
    pass


@mse.command(help=say(
    "Anslå hele populasjonen fra TABLE.csv (én 0/1-kolonne per liste, en kolonne med antall). Avslutter med "
    "kode 2 og en melding når dataene ikke kan gi et anslag.",
    "Estimate the total population from TABLE.csv (one 0/1 column per list, a count column). Exits with code "
    "2 and a message when the data cannot support an estimate."))
@click.argument("table", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--bootstrap", "replicates", type=click.IntRange(min=0), default=1000, show_default=True,
              help=say("Bootstrap-replikater for BCa-intervallet (0: modellbasert intervall).",
                       "Bootstrap replicates for the BCa interval (0: model-based interval)."))
@click.option("--seed", type=int, default=0, show_default=True, help=say("Frø for bootstrap.", "Seed of the bootstrap."))
@click.option("--pthresh", type=click.FloatRange(0, 1, max_open=True), default=0.02, show_default=True,
              help=say("p-verdigrensen for det trinnvise modellvalget.", "p-value threshold of the stepwise model choice."))
@click.option("--model", "terms", default=None, metavar="A:B,C:D",
              help=say("Tilpass denne modellen i stedet for å velge en (samspill skilt med komma; '' = bare hovedeffekter).",
                       "Fit this model instead of choosing one (comma-separated interactions; '' = main effects)."))
@click.option("--json", "as_json", is_flag=True, help=say("Skriv ett JSON-objekt.", "Print one JSON object."))
@click.option("--lang", type=click.Choice(["nb", "en"]), default=None,
              help=say("Språket i sammendraget: nb (norsk bokmål) eller en (engelsk); standard: kommandoens språk.",
                       "Language of the readable summary: nb (Norwegian Bokmål) or en (English); default: the "
                       "command's language."))
@click.option("--progress/--no-progress", default=True, show_default=True,
              help=say("Fremdriftslinje på standard feil.", "Progress bar on stderr."))
def estimate(
    table: Path, replicates: int, seed: int, pthresh: float, terms: str | None,
    as_json: bool, lang: str | None, progress: bool,
) -> None:
    lang = lang or language()
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
        raise Refused(text_of(refusal)) from refusal
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
        "estimate_column": "anslag",
        "interval_column": "95 % (modell)",
        "model_column": "modell",
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
        "estimate_column": "estimate",
        "interval_column": "95 % (model)",
        "model_column": "model",
    },
}


# The core's labels of the sensitivity rows (henvis/stats/mse/sensitivity.py), word by word.
_LABEL_WORDS_NB = {"main effects": "bare hovedeffekter", "best": "beste", "(forward)": "(framover)",
                   "(stepwise)": "(trinnvis)", "step": "trinn", "chosen": "valgt", "given model": "gitt modell"}


def _label(label: str, lang: str) -> str:
    if lang == "en":
        return label
    for english, bokmal in _LABEL_WORDS_NB.items():
        label = label.replace(english, bokmal)
    return label


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
    lines.append(f"  {'AIC':>9} {'BIC':>9} {t['estimate_column']:>9}  {t['interval_column']:>17}  {t['model_column']}")
    for row in result.sensitivity:
        data: dict[str, Any] = row.to_dict()
        model = t["main"] if data["model"] == "main effects" else data["model"]
        labels = [_label(label, lang) for label in row.labels]
        lines.append(
            f"  {row.aic:9.1f} {row.bic:9.1f} {row.estimate:9.0f}  "
            f"{row.wald_low:8.0f}-{row.wald_high:<8.0f}  {model}"
            + (f"  [{', '.join(labels)}]" if labels else "")
        )
    return "\n".join(lines)
