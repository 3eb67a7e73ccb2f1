"""Parse the tables and figures KOM published (seed 001) straight from the report's text,
so that the tests compare Henvis's regenerated tables with the publication itself and
never with figures typed in by the same hand that transcribed the dataset."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

SOURCES = Path(__file__).resolve().parents[2] / "registry" / "sources"
SEED_001 = SOURCES / "001_1ef38f92433efd4a.txt"
SEED_000 = SOURCES / "000_798c55a1b79cae00.txt"


@cache
def seed_lines() -> list[str]:
    return SEED_001.read_text(encoding="utf-8").splitlines()


@cache
def seed_text() -> str:
    return SEED_001.read_text(encoding="utf-8")


def tab_table(number: int) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the tab-separated "Tabell N" (cells stripped, "" kept)."""
    lines = seed_lines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"Tabell {number}:"))
    i = start + 1
    while not lines[i].strip():
        i += 1
    block = []
    while i < len(lines) and lines[i].strip():
        block.append([c.strip() for c in lines[i].split("\t")])
        i += 1
    return block[0], block[1:]


def normalise_header(text: str) -> str:
    """'Organ- handel' -> 'Organhandel', '(Tvangs)arbeid/-tjenester' -> '(Tvangs)arbeid/tjenester'."""
    return re.sub(r"[\s\-]", "", text)


def tabell_1() -> dict[int, int]:
    header, rows = tab_table(1)
    return {int(y): int(n) for y, n in zip(header, rows[0], strict=True)}


def _section(start: str, end: str) -> str:
    text = seed_text()
    # The second occurrence: the first is the table of contents.
    a = text.index(start, text.index(start) + 1)
    return text[a:text.index(end, a)]


def _one(pattern: str, text: str) -> int:
    m = re.search(pattern, text)
    assert m, f"not in the seed: {pattern}"
    return int(m.group(1))


FORM_PATTERNS = {
    "seksuell": r"(\d+) var antatt utnyttet til prostitusjon",
    "arbeid": r"(\d+) til arbeid eller tjenester",
    "kombinasjon": r"(\d+) i en kombinasjon",
    "organ": r"(\d+) til organhøsting",
    "uavklart": r"i (\d+) sak var utnyttingsform ikke avklart",
}
REGION_WORDS = {
    "østeuropeiske": "ost-europa", "vesteuropeiske": "vest-europa", "afrikanske": "afrika",
    "asiatiske": "asia", "søramerikanske": "sor-amerika",
}


def _breakdown(block: str) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    m = re.search(r"(\d+) var nye i tiltakene i 2020, mens (\d+) var under oppfølging", block)
    assert m
    out["status"] = {"ny": int(m.group(1)), "fortsatt": int(m.group(2))}
    m = re.search(r"(\d+) var kvinner og (\d+) menn", block)
    assert m
    out["kjonn"] = {"kvinne": int(m.group(1)), "mann": int(m.group(2))}
    form_line = next(line for line in block.splitlines() if "var antatt utnyttet" in line)
    out["utnyttingsform"] = {
        code: int(m.group(1)) for code, pat in FORM_PATTERNS.items() if (m := re.search(pat, form_line))
    }
    region_line = next(line for line in block.splitlines() if "østeuropeiske land" in line)
    regions = {REGION_WORDS[w]: int(n) for n, w in re.findall(r"(\d+) (?:var )?fra (\w+) land", region_line)}
    if m := re.search(r"(\d+) fra Midtøsten", region_line):
        regions["midtosten"] = int(m.group(1))
    out["region"] = regions
    return out


def chapter_7_3() -> dict[str, tuple[int, dict[str, dict[str, int]]]]:
    """group ("alle", "botiltak", "andre") -> (persons, breakdowns by dimension)."""
    section = _section("7.3 Personer i bo- og oppfølgings", "7.4 Erfaringer")
    total = _one(r"til sammen \*\*(\d+)\*\* voksne antatte ofre", section)
    i_bo = section.index("voksne antatte ofre har mottatt oppfølgingstilbud fra aktører som også har botiltak")
    i_andre = section.index("voksne antatte ofre for menneskehandel har mottatt andre oppfølgingstilbud")
    bo = _one(r"\*\*(\d+) voksne antatte ofre har mottatt oppfølgingstilbud", section)
    andre = _one(r"\*\*(\d+) voksne antatte ofre for menneskehandel har mottatt andre", section)
    return {
        "alle": (total, _breakdown(section[:i_bo])),
        "botiltak": (bo, _breakdown(section[i_bo:i_andre])),
        "andre": (andre, _breakdown(section[i_andre:])),
    }


def chapter_3_2() -> dict[str, int]:
    s = _section("3.2 Refleksjonsperiode og begrenset", "3.3 Asylvedtak")
    reflection = s[s.index("vedtakene gjaldt **refleksjonsperiode"):s.index("vedtakene gjaldt **begrenset")]
    return {
        "total": _one(r"UDI (\d+) vedtak i medhold av utf\. § 8-3", s),
        "refleksjon": _one(r"(\d+) av vedtakene gjaldt \*\*refleksjonsperiode", s),
        "refleksjon-innvilget": _one(r"(\d+) av sakene ble innvilget", reflection),
        "refleksjon-avslag": _one(r"(\d+) av sakene ble avslått\n", reflection),
        "avslag-ikke-holdepunkter": _one(r"(\d+) av sakene ble avslått fordi UDI mente det ikke forelå holdepunkter", s),
        "avslag-ikke-i-norge": _one(r"(\d+) sak ble avslått fordi vilkåret om å være i Norge", s),
        "avslag-utenfor-formalet": _one(r"(\d+) sak ble avslått da søknaden falt utenfor formålet", s),
        "begrenset": _one(r"(\d+) av vedtakene gjaldt \*\*begrenset", s),
        "begrenset-innvilget": _one(r"Totalt ble (\d+) av sakene innvilget", s),
        "begrenset-innvilget-forstegang": _one(r"innvilget, (\d+) var førstegangsvedtak", s),
        "begrenset-innvilget-fornyelse": _one(r"(\d+) var en fornyelse", s),
        "begrenset-avslag-forstegang": _one(r"(\d+) av sakene ble avslått, og dette var et førstegangsvedtak", s),
    }


def chapter_3_3() -> dict[str, int]:
    s = _section("3.3 Asylvedtak der", "3.4 Asylsøkere")
    return {
        "total": _one(r"UDI fattet vedtak i (\d+) \*\*asylsaker", s),
        "utl-28": _one(r"(\d+) fikk tillatelse etter utl\. § 28", s),
        "vitne": _one(r"(\d+) fikk tillatelse etter vitnebestemmelsen", s),
        "dublin": _one(r"(\d+) fikk avslag etter Dublinregelverket", s),
    }


def chapter_4_2() -> dict[str, int]:
    s = _section("4.2 Omfang av assisterte", "5 Barnevernstiltak")
    m = re.search(r"(\d+) fra asiatiske land, (\d+) fra europeiske land og (\d+) fra afrikanske land", s)
    assert m
    return {
        "innvilget": _one(r"I alt (\d+) voksne personer fikk innvilget", s),
        "reist": _one(r"og (\d+) reiste med IOM", s),
        "utsatt": _one(r"(\d+) personer rakk ikke å reise", s),
        "kvinne": _one(r"(\d+) kvinner og \d+ menn, ingen", s),
        "mann": _one(r"\d+ kvinner og (\d+) menn, ingen", s),
        "asia": int(m.group(1)), "europa": int(m.group(2)), "afrika": int(m.group(3)),
        "seksuell": _one(r"(\d+) antatt utnyttet til prostitusjon", s),
        "arbeid": _one(r"og (\d+) til arbeid eller tjenester", s),
        "innvilget-2019": _one(r"fra 2019 \((\d+) personer\)", s),
    }


def chapter_8_4() -> dict[str, int]:
    s = _section("8.4 Domfellelser", "Formålet med oversikten")
    return {
        "fellende-lagmannsrett": _one(r"resulterte (\d+) straffesak i fellende dom for menneskehandel \(lagmannsrettsdom", s),
        "frifinnelse-hoyesterett": _one(r"(\d+) lagmannsrettsdom fra 2020 \([^)]*\) i frifinnelse i Høyesterett", s),
        "frifinnelse-lagmannsrett": _one(r"(\d+) tingrettsdom fra 2020 \([^)]*\) i frifinnelse i lagmannsretten", s),
    }
