"""Groupings the international returns ask for, from Henvis' codes.

Forms of exploitation are made **mutually exclusive at person level** first, then
grouped into the receiver's categories (issue #21): a person's detailed forms are the
codes of ``henvis.synthetic.attribute_codes`` recorded on any of their registrations, less
"unclear" (a form recorded as unclear says no form); then

* no detailed form: "unknown";
* every detailed form in one of the receivers' groups: that group;
* forms in more than one group: "multiple" (counted once, never in each group).

The receivers' groups (Eurostat's sexual / forced labour / other forms; GLOTIP shows
forced criminality, begging and organ removal among the other purposes):

* sexual: prostitution, other_sexual (§ 257 a)
* forced_labour: forced_labour (§ 257 b)
* other: forced_criminality, begging (both forced services under § 257 b, but "other
  forms" to the receivers), organ_removal (§ 257 c), military_service (§ 257 d), other

So each table by form adds up to the persons. Citizenship group of Eurostat: the
reporting country, other EU member states, non-EU, stateless; by country in Eurostat's
country codes (``eurostat_geo``).
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from typing import Final

SEXUAL: Final = frozenset({"prostitution", "other_sexual"})
FORCED_LABOUR: Final = frozenset({"forced_labour"})
OTHER: Final = frozenset({"forced_criminality", "begging", "organ_removal", "military_service", "other"})
GROUP_FORMS: Final[dict[str, frozenset[str]]] = {"sexual": SEXUAL, "forced_labour": FORCED_LABOUR, "other": OTHER}
KNOWN_FORMS: Final = SEXUAL | FORCED_LABOUR | OTHER
FORM_GROUPS: Final[tuple[str, ...]] = ("sexual", "forced_labour", "other", "multiple", "unknown")
# UNODC GLOTIP shows the other purposes apart: each column one per person, "multiple"
# when a person's forms lie in more than one column. Forced marriage is a GLOTIP column
# Henvis has no code for (not available, never 0): see ``GLOTIP_NOT_RECORDED``.
GLOTIP_COLUMN_FORMS: Final[dict[str, frozenset[str]]] = {
    "sexual": SEXUAL,
    "forced_labour": FORCED_LABOUR,
    "forced_criminality": frozenset({"forced_criminality"}),
    "begging": frozenset({"begging"}),
    "organ_removal": frozenset({"organ_removal"}),
    "other": frozenset({"military_service", "other"}),
}
GLOTIP_FORMS: Final[tuple[str, ...]] = (*GLOTIP_COLUMN_FORMS, "multiple", "unknown")
GLOTIP_NOT_RECORDED: Final[tuple[str, ...]] = ("forced_marriage",)
FORM_RULE: Final = {
    "nb": ("Utnyttingsform teller hver person én gang: personens former (fra alle registreringer, "
           "«uklart» regnes som ingen form) gir gruppen når alle ligger i samme gruppe (seksuell; "
           "tvangsarbeid; andre former: tvungen kriminalitet, tigging, organfjerning, militærtjeneste, "
           "annet), «flere former» når de ligger i flere grupper, og «ukjent form» når ingen form er oppgitt."),
    "en": ("Form of exploitation counts each person once: the person's forms (from all registrations; "
           "'unclear' counts as no form) give the group when all lie in one group (sexual; forced labour; "
           "other forms: forced criminality, begging, organ removal, military service, other), "
           "'more than one form' when they lie in more than one group, and 'form unknown' when no form is given."),
}

# EU member states (ISO 3166-1 alpha-2) since 1 February 2020.
EU: Final = frozenset({
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
    "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
})
CITIZENSHIP_GROUPS: Final[tuple[str, ...]] = ("reporting_country", "other_eu", "non_eu", "stateless", "unknown")
# Codes a register may use for a stateless person: ISO 3166's user-assigned "XX" and
# ICAO 9303's "XXA" (travel documents).
STATELESS: Final = frozenset({"XX", "XXA", "STATELESS"})
# Eurostat's country codes differ from ISO 3166-1 alpha-2 for Greece and the United
# Kingdom (Eurostat glossary "Country codes").
EUROSTAT_GEO: Final = {"GR": "EL", "GB": "UK"}


def eurostat_geo(citizenship: str) -> str:
    """A citizenship as Eurostat writes it: its country code, STLS or UNK.

    >>> eurostat_geo("GR"), eurostat_geo("ro"), eurostat_geo("XX"), eurostat_geo("unknown")
    ('EL', 'RO', 'STLS', 'UNK')
    """
    code = str(citizenship).strip().upper()
    if code in STATELESS:
        return "STLS"
    if len(code) != 2 or not code.isalpha():
        return "UNK"
    return EUROSTAT_GEO.get(code, code)


def detailed_forms(forms: str) -> frozenset[str]:
    """The forms that say a form: "unclear" and codes of no group are left out.

    >>> sorted(detailed_forms("begging;unclear;prostitution"))
    ['begging', 'prostitution']
    """
    return frozenset(f for f in str(forms).split(";") if f) & KNOWN_FORMS


def _the_one(forms: str, classes: Mapping[str, AbstractSet[str]]) -> str:
    """The one class of ``classes`` (name -> its detailed forms) the person's forms fall
    in: "unknown" with no known form, "multiple" when they fall in more than one."""
    present = detailed_forms(forms)
    if not present:
        return "unknown"
    found = [name for name, members in classes.items() if present & members]
    return found[0] if len(found) == 1 else "multiple"


def form_group(forms: str) -> str:
    """The one group a person counts in. Example:

    >>> form_group("begging;forced_criminality"), form_group("begging;prostitution")
    ('other', 'multiple')
    >>> form_group(""), form_group("unclear"), form_group("forced_labour")
    ('unknown', 'unknown', 'forced_labour')
    """
    return _the_one(forms, GROUP_FORMS)


def glotip_form(forms: str) -> str:
    """The one GLOTIP column a person counts in. Example:

    >>> glotip_form("begging"), glotip_form("begging;forced_criminality"), glotip_form("military_service;other")
    ('begging', 'multiple', 'other')
    >>> glotip_form("unclear"), glotip_form("prostitution;other_sexual")
    ('unknown', 'sexual')
    """
    return _the_one(forms, GLOTIP_COLUMN_FORMS)


def form_class(forms: str) -> str:
    """GLOTIP column and receivers' group of a person, ``"<glotip form>|<group>"``: the
    finest one-per-person class both tables by form are sums of (a person with begging
    and forced criminality is "multiple" to GLOTIP but "other" to Eurostat).

    >>> form_class("begging;forced_criminality"), form_class("begging"), form_class("")
    ('multiple|other', 'begging|other', 'unknown|unknown')
    """
    return f"{glotip_form(forms)}|{form_group(forms)}"


def _form_classes() -> tuple[str, ...]:
    single = [f"{c}|{g}" for c, members in GLOTIP_COLUMN_FORMS.items()
              for g, group in GROUP_FORMS.items() if members <= group]
    return (*single, "multiple|other", "multiple|multiple", "unknown|unknown")


FORM_CLASSES: Final[tuple[str, ...]] = _form_classes()


def citizenship_group(citizenship: str, reporting_country: str = "NO") -> str:
    """Example:

    >>> citizenship_group("RO"), citizenship_group("NG"), citizenship_group("NO"), citizenship_group("XX")
    ('other_eu', 'non_eu', 'reporting_country', 'stateless')
    """
    code = citizenship.strip().upper()
    if code in STATELESS:
        return "stateless"
    if not code or code == "UNKNOWN":
        return "unknown"
    if code == reporting_country:
        return "reporting_country"
    return "other_eu" if code in EU else "non_eu"


def glotip_group(sex: str, child: str) -> str:
    """UNODC GLOTIP: women, men, girls, boys (unknown when sex or age is unknown)."""
    female, male = sex.upper() in {"F", "K", "KVINNE", "FEMALE"}, sex.upper() in {"M", "MANN", "MALE"}
    if child == "child":
        return "girls" if female else "boys" if male else "unknown"
    if child == "adult":
        return "women" if female else "men" if male else "unknown"
    return "unknown"
