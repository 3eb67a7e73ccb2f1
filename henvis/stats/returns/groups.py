"""Groupings the international returns ask for, from Henvis' codes.

Forms of exploitation (straffeloven § 257 a-d, codes of ``henvis.synthetic.vocabulary``
and the linkage extract) to the three groups of Eurostat and UNODC:

* sexual: prostitution, other_sexual
* forced labour or services: forced_labour, forced_criminality, begging (§ 257 b names
  "tvangsarbeid eller tvangstjenester, herunder tigging"; criminal activity is a forced
  service in Norwegian law)
* other: organ_removal, military_service, other, unclear, and persons with no form given

A person with forms in several groups is counted in each (so a table by form does not
add up to the persons; its total is the number of persons).

Citizenship group of Eurostat: the reporting country, other EU member states, non-EU.
"""

from __future__ import annotations

from typing import Final

SEXUAL: Final = frozenset({"prostitution", "other_sexual"})
LABOUR: Final = frozenset({"forced_labour", "forced_criminality", "begging"})
FORM_GROUPS: Final[tuple[str, ...]] = ("sexual", "forced_labour_services", "other")

# EU member states (ISO 3166-1 alpha-2) since 1 February 2020.
EU: Final = frozenset({
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
    "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
})
CITIZENSHIP_GROUPS: Final[tuple[str, ...]] = ("reporting_country", "other_eu", "non_eu", "unknown")


def form_groups(forms: str) -> list[str]:
    """Example:

    >>> form_groups("begging;prostitution")
    ['sexual', 'forced_labour_services']
    >>> form_groups("")
    ['other']
    """
    present = {f for f in forms.split(";") if f}
    out = []
    if present & SEXUAL:
        out.append("sexual")
    if present & LABOUR:
        out.append("forced_labour_services")
    if not present or present - SEXUAL - LABOUR:
        out.append("other")
    return out


def citizenship_group(citizenship: str, reporting_country: str = "NO") -> str:
    """Example:

    >>> citizenship_group("RO"), citizenship_group("NG"), citizenship_group("NO")
    ('other_eu', 'non_eu', 'reporting_country')
    """
    code = citizenship.strip().upper()
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
