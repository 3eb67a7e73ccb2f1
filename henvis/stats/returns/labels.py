"""Words for the returns workbook: one language per file (issue #21).

Every sheet name, title, row and column label of ``returns.xlsx`` is written in words in
the file's language, Bokmål (``nb``) or English (``en``, the receivers' language):
never an internal code (``eurostat-victims-sex-age``, ``non_eu``) or a receiver's code
(``Y_LT18``), which belong in the long CSV. Each entry is ``(Bokmål, English)``.

>>> sheet_name("glotip-victims", "en"), row_label("sex", "unknown", "nb", "NO")
('Victims by purpose (UNODC)', 'Ukjent kjønn')
>>> row_label("country", "EL", "en", "NO"), row_label("country", "STLS", "nb", "NO")
('Greece', 'Statsløs')
>>> figure_label("eurostat_convicted_persons|sex=M|age=child|citizenship=total|form=total", "en")
'Convicted persons: male, under 18'
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from henvis.stats.disclosure.disclosure_rule import Language
from henvis.stats.receivers.groups import EUROSTAT_GEO

Pair = tuple[str, str]

SHEETS: dict[str, Pair] = {
    "about": ("Om filen", "About this file"),
    "eurostat-victims-sex-age": ("Kjønn og alder (Eurostat)", "Sex and age (Eurostat)"),
    "eurostat-victims-citizenship": ("Statsborgerskap (Eurostat)", "Citizenship (Eurostat)"),
    "eurostat-victims-country": ("Statsborgerskap etter land", "Citizenship by country"),
    "eurostat-victims-form": ("Utnyttingsform (Eurostat)", "Form of exploitation (Eurostat)"),
    "eurostat-victims-organisation": ("Registrerende organisasjon", "Registering organisation"),
    "glotip-victims": ("Ofre etter formål (UNODC)", "Victims by purpose (UNODC)"),
    "figures": ("Enkelttall", "Single figures"),
}

TITLES: dict[str, Pair] = {
    "eurostat-victims-sex-age": ("Registrerte antatte ofre etter kjønn og alder",
                                 "Registered presumed victims by sex and age"),
    "eurostat-victims-citizenship": ("Registrerte antatte ofre etter statsborgerskap og kjønn",
                                     "Registered presumed victims by citizenship and sex"),
    "eurostat-victims-country": ("Registrerte antatte ofre etter statsborgerskap (land)",
                                 "Registered presumed victims by country of citizenship"),
    "eurostat-victims-form": ("Registrerte antatte ofre etter utnyttingsform (én per person) og kjønn",
                              "Registered presumed victims by form of exploitation (one per person) and sex"),
    "eurostat-victims-organisation": ("Registrerte antatte ofre etter registrerende organisasjon og kjønn "
                                      "(en person kan være registrert av flere)",
                                      "Registered presumed victims by registering organisation and sex "
                                      "(a person may be registered by several)"),
    "glotip-victims": ("Registrerte antatte ofre: kvinner, menn, jenter og gutter etter formål med utnyttingen",
                       "Registered presumed victims: women, men, girls and boys by purpose of exploitation"),
    "figures": ("Enkelttall fra Henvis, registre og rettsstatistikk",
                "Single figures from Henvis, registries and justice statistics"),
}

# the row dimension of each table (its header cell) and the words for its codes
_TOTAL: Pair = ("I alt", "Total")
_SEX: dict[str, Pair] = {"F": ("Kvinner", "Female"), "M": ("Menn", "Male"),
                         "unknown": ("Ukjent kjønn", "Sex unknown")}
_AGE: dict[str, Pair] = {"adult": ("18 år og over", "18 or over"), "child": ("Under 18 år", "Under 18"),
                         "unknown": ("Ukjent alder", "Age unknown")}
_CITIZENSHIP: dict[str, Pair] = {
    "reporting_country": ("Rapporterende land ({country})", "Reporting country ({country})"),
    "other_eu": ("Annet EU-land", "Other EU country"), "non_eu": ("Land utenfor EU", "Non-EU country"),
    "stateless": ("Statsløs", "Stateless"), "unknown": ("Ukjent statsborgerskap", "Citizenship unknown"),
}
_COUNTRY_SPECIAL: dict[str, Pair] = {"STLS": ("Statsløs", "Stateless"), "UNK": ("Ukjent", "Unknown")}
_FORM: dict[str, Pair] = {
    "sexual": ("Seksuell utnytting", "Sexual exploitation"), "forced_labour": ("Tvangsarbeid", "Forced labour"),
    "other": ("Andre former", "Other forms"), "multiple": ("Flere former", "More than one form"),
    "unknown": ("Ukjent form", "Form unknown"),
}
_GLOTIP_ROWS: dict[str, Pair] = {
    "women": ("Kvinner", "Women"), "men": ("Menn", "Men"), "girls": ("Jenter", "Girls"), "boys": ("Gutter", "Boys"),
    "unknown": ("Ukjent kjønn eller alder", "Sex or age unknown"),
}
_GLOTIP_FORMS: dict[str, Pair] = {
    "sexual": ("Seksuell utnytting", "Sexual exploitation"), "forced_labour": ("Tvangsarbeid", "Forced labour"),
    "forced_criminality": ("Tvungen kriminalitet", "Forced criminal activity"), "begging": ("Tigging", "Begging"),
    "organ_removal": ("Fjerning av organer", "Organ removal"), "other": ("Andre formål", "Other purposes"),
    "forced_marriage": ("Tvangsekteskap", "Forced marriage"), "multiple": ("Flere formål", "More than one purpose"),
    "unknown": ("Ukjent formål", "Purpose unknown"),
}
_ORGANISATION: dict[str, Pair] = {
    "ngo": ("Frivillig organisasjon", "Voluntary organisation"), "police_district": ("Politidistrikt", "Police district"),
    "police_national": ("Nasjonal politienhet", "National police unit"),
    "immigration": ("Utlendingsforvaltningen", "Immigration authorities"),
    "welfare": ("NAV/sosialtjeneste", "NAV / social services"), "health": ("Helsetjeneste", "Health services"),
    "labour": ("Arbeidstilsynet", "Labour Inspection"),
    "child_welfare_municipal": ("Kommunalt barnevern", "Municipal child welfare"),
    "child_welfare_state": ("Statlig barnevern (Bufetat)", "State child welfare (Bufetat)"),
    "international": ("Internasjonal organisasjon", "International organisation"),
    "victim_support": ("Støttesenter", "Support centre"),
}
# table -> (row header, row words, column words)
_DIMENSIONS: dict[str, tuple[Pair, str, str]] = {
    "eurostat-victims-sex-age": (("Kjønn", "Sex"), "sex", "age"),
    "eurostat-victims-citizenship": (("Statsborgerskap", "Citizenship"), "citizenship", "sex"),
    "eurostat-victims-country": (("Statsborgerskap", "Citizenship"), "country", "persons"),
    "eurostat-victims-form": (("Utnyttingsform", "Form of exploitation"), "form", "sex"),
    "eurostat-victims-organisation": (("Organisasjon", "Organisation"), "organisation", "sex"),
    "glotip-victims": (("Offer", "Victims"), "glotip", "glotip_form"),
}
_WORDS: dict[str, dict[str, Pair]] = {
    "sex": _SEX, "age": _AGE, "citizenship": _CITIZENSHIP, "form": _FORM, "organisation": _ORGANISATION,
    "glotip": _GLOTIP_ROWS, "glotip_form": _GLOTIP_FORMS, "persons": {"persons": ("Personer", "Persons")},
}

# the single figures (figures.csv's indicator) in words
_FIGURES: dict[str, Pair] = {
    "registered_presumed_victims": ("Registrerte antatte ofre (unike personer med en registrering i året)",
                                    "Registered presumed victims (unique persons with a registration in the year)"),
    "registered_presumed_victims_first_registered": (
        "Av dem første gang registrert i året (ingen registrering i et tidligere år)",
        "Of them first registered this year (no registration in an earlier year)"),
    "registered_presumed_victims_assisted": ("Av dem med et hjelpetiltak i året",
                                             "Of them with an assistance measure in the year"),
    "tip_reflection_periods_granted": ("Innvilgede refleksjonsperioder", "Reflection periods granted"),
    "tip_permits_granted": ("Innvilgede begrensede oppholdstillatelser", "Limited residence permits granted"),
    "eurostat_offences_reported": ("Anmeldte forhold om menneskehandel", "Trafficking offences reported to the police"),
    "tip_police_reports_sex": ("Anmeldelser, seksuell utnytting", "Police reports, sexual exploitation"),
    "tip_police_reports_labour": ("Anmeldelser, tvangsarbeid", "Police reports, forced labour"),
    "tip_investigations": ("Etterforskede saker", "Cases investigated"),
    "tip_investigations_sex": ("Etterforskede saker, seksuell utnytting", "Cases investigated, sexual exploitation"),
    "tip_investigations_labour": ("Etterforskede saker, tvangsarbeid", "Cases investigated, forced labour"),
    "eurostat_convictions_judgments": ("Fellende dommer", "Convictions (judgments)"),
    "eurostat_suspected_persons": ("Mistenkte personer", "Suspected persons"),
    "eurostat_prosecuted_persons": ("Påtalte personer", "Prosecuted persons"),
    "eurostat_convicted_persons": ("Domfelte personer", "Convicted persons"),
}
_UNITS: dict[str, Pair] = {"persons": ("personer", "persons"), "reports": ("anmeldelser", "reports"),
                           "judgments": ("dommer", "judgments"), "decisions": ("vedtak", "decisions"),
                           "cases": ("saker", "cases"), "saker": ("saker", "cases")}
_JUSTICE_DIMENSIONS: dict[str, dict[str, Pair]] = {"sex": _SEX, "age": _AGE, "citizenship": _CITIZENSHIP, "form": _FORM}
# sources Henvis itself names; a registry's or a publication's own name is cited as it is
_SOURCES: dict[str, Pair] = {
    "Strasak (police reports)": ("Strasak (politiets anmeldelser)", "Strasak (police reports)"),
    "judgments registry": ("Domsregisteret", "Judgments register"),
}
NOT_IMPORTED: Pair = ("Ingen påtale- eller rettsstatistikk for året er lest inn",
                      "No prosecution or court statistics for the year were imported")
LINKAGE_SOURCE: Pair = ("Henvis: koblede registreringer, hver person telt én gang",
                        "Henvis: linked registrations, each person counted once")

FIGURE_COLUMNS: dict[str, Pair] = {"indicator": ("Tall", "Figure"), "value": ("Verdi", "Value"),
                                   "flag": ("Merknad", "Flag"), "unit": ("Enhet", "Unit"),
                                   "source": ("Kilde", "Source")}
ABOUT_COLUMNS: tuple[Pair, Pair] = (("Punkt", "Item"), ("Tekst", "Text"))
ABOUT: dict[str, Pair] = {
    "country": ("Land", "Country"), "year": ("År", "Year"), "sheets": ("Ark", "Sheet"),
    "counted": ("Hva som telles", "What is counted"), "flags": ("Tegn", "Signs"),
    "method": ("Konfidensialitet", "Disclosure control"), "forms": ("Utnyttingsform", "Form of exploitation"),
    "glotip": ("UNODC GLOTIP", "UNODC GLOTIP"),
}
ABOUT_TEXT: dict[str, Pair] = {
    "counted": ("Registrerte antatte ofre for menneskehandel: unike personer med minst én registrering i året "
                "hos en organisasjon som deltar i Henvis, hver person telt én gang. Norge har ingen offisiell "
                "telling av identifiserte ofre, så ingen tall her kalles «identifiserte».",
                "Registered presumed victims of trafficking: unique persons with at least one registration in "
                "the year by an organisation taking part in Henvis, each person counted once. Norway has no "
                "official count of identified victims, so no figure here is called 'identified'."),
    "flags": ("c = holdt tilbake av hensyn til konfidensialitet (Eurostats tegn); : = ikke tilgjengelig "
              "(Eurostats tegn); 0 = det er kjent at det ikke er noen.",
              "c = withheld for confidentiality (Eurostat's flag); : = not available (Eurostat's sign); "
              "0 = known to be none."),
    "glotip": ("Tvangsekteskap er en kolonne i UNODCs tabell som Henvis ikke har noen kode for: vist som "
               "«:» (ikke tilgjengelig), aldri 0.",
               "Forced marriage is a column of UNODC's table that Henvis has no code for: shown as ':' "
               "(not available), never 0."),
}
UNIT_LINE: Pair = ("Antall personer", "Number of persons")
NOTE_LINE: Pair = ("c = holdt tilbake av hensyn til konfidensialitet; : = ikke tilgjengelig. Se arket «Om filen».",
                   "c = withheld for confidentiality; : = not available. See the sheet 'About this file'.")


def pick(pair: Pair, language: Language) -> str:
    return pair[0] if language == "nb" else pair[1]


@cache
def _country_names() -> dict[str, Pair]:
    path = Path(__file__).parents[1] / "tables" / "data" / "country_names.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {code: (names["nb"], names["en"]) for code, names in data.items()}


def country_name(code: str, language: Language) -> str:
    """A country (ISO 3166-1 alpha-2 or Eurostat's code) in words; the code if unknown."""
    iso = {v: k for k, v in EUROSTAT_GEO.items()}.get(code, code)
    names = _country_names().get(iso)
    return pick(names, language) if names else code


def sheet_name(table: str, language: Language) -> str:
    return pick(SHEETS[table], language)


def title(table: str, language: Language, country: str, year: int) -> str:
    return f"{pick(TITLES[table], language)}, {country_name(country, language)}, {year}"


def row_header(table: str, language: Language) -> str:
    return pick(_DIMENSIONS[table][0], language)


def _word(dimension: str, code: str, language: Language, country: str) -> str:
    if code == "Total":
        return pick(_TOTAL, language)
    if dimension == "country":
        return pick(_COUNTRY_SPECIAL[code], language) if code in _COUNTRY_SPECIAL else country_name(code, language)
    words = _WORDS[dimension].get(code)
    return pick(words, language).format(country=country_name(country, language)) if words else code


def row_label(table_or_dimension: str, code: str, language: Language, country: str) -> str:
    dimension = _DIMENSIONS[table_or_dimension][1] if table_or_dimension in _DIMENSIONS else table_or_dimension
    return _word(dimension, str(code), language, country)


def column_label(table: str, code: str, language: Language, country: str) -> str:
    return _word(_DIMENSIONS[table][2], str(code), language, country)


def figure_label(indicator: str, language: Language, country: str = "NO") -> str:
    """A single figure in words; a justice breakdown names its cell, leaving out totals."""
    name, *parts = indicator.split("|")
    label = pick(_FIGURES[name], language) if name in _FIGURES else name
    cell = [_word(dim, value, language, country) for dim, value in (p.split("=", 1) for p in parts)
            if value != "total" and dim in _JUSTICE_DIMENSIONS]
    return f"{label}: {', '.join(c[0].lower() + c[1:] for c in cell)}" if cell else label


def unit_label(unit: str, language: Language) -> str:
    return pick(_UNITS[unit], language) if unit in _UNITS else unit


def source_label(source: str, kind: str, language: Language) -> str:
    if kind == "persons":
        return pick(LINKAGE_SOURCE, language)
    if kind == "not-available":
        return pick(NOT_IMPORTED, language)
    return pick(_SOURCES[source], language) if source in _SOURCES else source
