"""Words for the codes the statistics tables and records carry (``eastern_europe``, ``F``,
``forced_labour``, ``NG``), in the reader's language: what a person reads on a page is
never an internal code. Used through the ``word`` filter (``henvis.web.display``).

The pure core (henvis/stats) labels its report in Bokmål only; the web pages need both
languages, so the words live here, through Django's translation."""

from __future__ import annotations

import re

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django_countries import countries

CODE_WORDS: dict[str, Promise] = {
    # dimensions (a table's row header)
    "sex": _("Sex"), "region": _("Region of origin"), "citizenship": _("Citizenship"),
    "exploitation_form": _("Form of exploitation"), "organisation_kind": _("Kind of organisation"),
    "organisations": _("Registered by"), "persons": _("Persons"), "Total": _("Total"),
    "sex/adult/child": _("Sex"),
    # sex and age
    "F": _("Women"), "M": _("Men"), "X": _("Other"), "unknown": _("Unknown"),
    "adult": _("Adults"), "child": _("Children (under 18)"),
    # regions
    "eastern_europe": _("Eastern Europe"), "western_europe": _("Western Europe"), "africa": _("Africa"),
    "asia": _("Asia"), "south_america": _("South America"), "middle_east": _("Middle East"),
    "north_america": _("North America"), "oceania": _("Oceania"), "norway": _("Norway"),
    # forms of exploitation
    "prostitution": _("Prostitution"), "other_sexual": _("Other sexual exploitation"),
    "forced_labour": _("Forced labour"), "forced_criminality": _("Forced criminality"),
    "begging": _("Begging"), "organ_removal": _("Organ removal"), "unclear": _("Unclear"),
    "war": _("Military service abroad"),
    # kinds of organisation
    "ngo": _("Voluntary organisation"), "police_district": _("Police district"),
    "police_national": _("National police unit"), "immigration": _("Immigration authorities"),
    "welfare": _("NAV / social services"), "health": _("Health services"), "labour": _("Labour Inspection"),
    "child_welfare_municipal": _("Municipal child welfare"), "child_welfare_state": _("State child welfare (Bufetat)"),
    "international": _("International organisation"), "victim_support": _("Support centre"),
    # organisations per person
    "1": _("1 organisation"), "2": _("2 organisations"), "3+": _("3 or more"),
}

_COUNTRY = re.compile(r"^[A-Z]{2}$")


def word(code: object) -> str:
    """The word for a code in the active language; a two-letter country code as the
    country's name (django-countries, in Bokmål or English); anything else unchanged."""
    text = str(code)
    if text in CODE_WORDS:
        return str(CODE_WORDS[text])
    if _COUNTRY.match(text) and text in countries:
        return str(countries.name(text))
    return text


# Audit log: an action is "<object>.<verb>" (case.read, measure.create, login.failed).
ACTION_OBJECTS: dict[str, Promise] = {
    "case": _("Case"), "person": _("Person"), "referral": _("Referral"), "consent": _("Consent"),
    "measure": _("Measure"), "decision": _("Decision"), "proceeding": _("Criminal proceedings"),
    "non_punishment": _("Non-punishment assessment"), "screening": _("Screening"), "deadline": _("Deadlines"),
    "user": _("User"), "organisation": _("Organisation"), "login": _("Log-in"), "logout": _("Log-out"),
    "token": _("API token"), "api": _("API"), "audit": _("Audit log"), "statistics": _("Statistics"),
    "demo": _("Demo data"), "transfer": _("Transfer of ownership"),
    # Data protection (issue 23): the person's rights and the retention job.
    "dataprotection": _("Data protection"), "retentionrun": _("Retention run"),
    "receivernotice": _("Notice to receivers"), "identitycorrection": _("Corrections"),
    # Refused accesses, reach (issue 18), notifications, and the objects entries name.
    "access": _("Access"), "contact": _("Anonymous contact"), "crossborder": _("Cross-border referral"),
    "crossborder_consent": _("Consent to cross-border referral"), "procedure": _("Removal procedure"),
    "hold": _("Removal hold"), "notification": _("Notifications"), "api_token": _("API token"),
    "path": _("Address"), "person_extract": _("Statistics extract"), "registry_import": _("Registry figures"),
}
ACTION_VERBS: dict[str, Promise] = {
    "read": _("read"), "list": _("list read"), "create": _("created"), "update": _("changed"),
    "close": _("closed"), "transfer": _("ownership transferred"), "accept": _("accepted"),
    "decline": _("declined"), "withdraw": _("withdrawn"), "attach": _("attached to a case"),
    "duplicate_check": _("checked for duplicates"), "failed": _("failed"), "lockout": _("locked out"),
    "search": _("searched"), "view": _("figures viewed"), "download": _("downloaded"),
    "extract_import": _("extract imported"), "registry_import": _("registry figures imported"),
    "issue": _("issued"), "token_failed": _("token refused"), "deactivate": _("deactivated"),
    "reactivate": _("reactivated"), "unlock": _("unlocked"), "load": _("loaded"), "export": _("exported"),
    "access_request": _("access request answered"), "erasure": _("erased on request"),
    "erasure_refused": _("erasure refused"), "retention": _("retention run"),
    "retention_dry_run": _("retention dry run"), "notices_read": _("notices read"),
    "corrections_read": _("corrections read"), "person_corrections": _("a person's corrections read"),
    "refused": _("refused"), "link_contact": _("anonymous contact linked"), "restrict": _("restricted"),
    "link": _("linked to a case"), "remind": _("reminder sent"), "remind_refused": _("reminder refused"),
    "hold": _("removal held"), "hold_list": _("removal holds read"), "lift_hold": _("removal hold lifted"),
    "revoked": _("revoked"), "crossborder_import": _("imported from abroad"), "api": _("read through the API"),
    "password_changed": _("password changed"), "password_reset": _("password reset"),
}


def action_words(action: str) -> str:
    """``case.read`` as "Case: read" (Bokmål "Sak: lest"); an unknown part stays as it is."""
    obj, _sep, verb = action.partition(".")
    if not verb:
        return str(ACTION_OBJECTS.get(obj, obj))
    return f"{ACTION_OBJECTS.get(obj, obj)}: {ACTION_VERBS.get(verb, verb)}"


# Audit log: an entry's detail is short technical text ("rows=16 referrals=4", "home rows=0",
# "edit form", "dark figure"); the page shows its words and figures in the reader's language.
DETAIL_WORDS: dict[str, Promise] = {
    "rows": _("rows"), "referrals": _("referrals"), "answers": _("answers"), "cases": _("cases"),
    "home": _("home page"), "edit form": _("edit form"), "withdraw confirmation": _("confirmation of a withdrawal"),
    "figures": _("figures"), "dark figure": _("dark figure"),
    "procedure screenings": _("screening in asylum and return procedures"),
    "assistance without criminal case": _("assistance without a criminal case"),
}
_DETAIL_PAIR = re.compile(r"^([a-z_]+)=(\S+)$")


def detail_words(detail: str) -> str:
    """``"home rows=0 referrals=2"`` -> ``"forside, rader: 0, henvisninger: 2"``; a part it
    does not know is left as it is."""
    phrase: list[str] = []
    parts: list[str] = []
    for token in detail.split():
        pair = _DETAIL_PAIR.match(token)
        if pair is None:
            phrase.append(token)
            continue
        if phrase:
            parts.append(" ".join(phrase))
            phrase = []
        key, value = pair.groups()
        parts.append(f"{DETAIL_WORDS[key]}: {value}" if key in DETAIL_WORDS else token)
    if phrase:
        parts.append(" ".join(phrase))
    return ", ".join(str(DETAIL_WORDS.get(p, p)) for p in parts)
