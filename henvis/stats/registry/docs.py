"""The registry formats as Markdown, for ``docs/statistics.md``.

The documentation's format section is this function's output (a test checks it), so the
documented columns and code lists are the ones the parser enforces.

>>> print(formats_markdown().splitlines()[0])
### `police_reports.csv`: Anmeldelser (Strasak) etter år, politidistrikt og/eller utnyttingsform, og grov
"""

from __future__ import annotations

from henvis.stats.registry.formats import CATEGORY_CODES, FORMATS, Kind

_KIND = {
    Kind.YEAR: "år (fire sifre, 1990-2100)",
    Kind.PERIOD: "år eller periode «2003-2020»",
    Kind.COUNT: "helt tall ≥ 0",
    Kind.CHOICE: "kode",
    Kind.CHOICES: "koder skilt med «;»",
    Kind.FLAG: "ja / nei",
    Kind.FLAG_OR_UNKNOWN: "ja / nei / ukjent",
    Kind.TEXT: "tekst",
}


def formats_markdown() -> str:
    parts: list[str] = []
    for fmt in FORMATS:
        parts.append(f"### `{fmt.filename}`: {fmt.title_nb}\n")
        parts.append(f"*{fmt.title_en}.* One row per `{'`, `'.join(fmt.key)}` (no duplicates).\n")
        parts.append("| column | type | required | meaning (nb / en) | codes |")
        parts.append("|---|---|---|---|---|")
        for c in fmt.columns:
            codes = ", ".join(f"`{x}`" for x in c.choices if x) if c.choices else ""
            required = "ja" if c.required else "nei"
            parts.append(f"| `{c.name}` | {_KIND[c.kind]} | {required} | {c.nb} / {c.en} | {codes} |")
        parts.append("")
    parts.append("### Codes of the `category` column (`returns.csv`, `measure_persons.csv`)\n")
    parts.append("| dimension | codes |")
    parts.append("|---|---|")
    for dim, dim_codes in CATEGORY_CODES.items():
        parts.append(f"| `{dim}` | {', '.join(f'`{c}`' for c in dim_codes)} |")
    return "\n".join(parts).rstrip() + "\n"
