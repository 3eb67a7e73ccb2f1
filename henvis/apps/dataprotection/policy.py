"""Retention periods per kind of record: the defaults and why, read by the settings.

No Django here: ``henvis.web.settings`` imports it before Django is set up. The periods
are the project's defaults, not legal rules; each organisation, as controller, sets its
own (``HENVIS_RETENTION_DAYS``) after its archive duties and sector law. Each period
runs from the day the record stopped being needed (see ``START``)."""

from __future__ import annotations

from dataclasses import dataclass

YEAR = 365


@dataclass(frozen=True)
class Period:
    days: int
    starts: str  # when the period starts, in words (English; the doc gives Bokmål)
    reason: str


DEFAULTS: dict[str, Period] = {
    "screening_unattached": Period(
        90, "the screening was saved",
        "A screening saved without a case serves only the follow-up of that conversation; if no case is "
        "opened within three months there is no purpose left to keep observations about a person.",
    ),
    "case": Period(
        5 * YEAR, "the case was closed",
        "A person may be exploited again or come back for help, and claims for compensation and appeals "
        "run for years after the assistance ends; five years covers a limited permit's renewals and a "
        "criminal case's appeals without keeping closed cases for ever.",
    ),
    "referral": Period(
        5 * YEAR, "the referral was answered, revoked or completed",
        "Who the person was referred to and on which basis must be answerable to the person (access) and "
        "to the auditor as long as the case is kept; the same period as the case.",
    ),
    "consent": Period(
        5 * YEAR, "the consent was withdrawn",
        "A withdrawn consent documents that earlier sharing was lawful; kept as long as the referrals it "
        "covered.",
    ),
    "measure": Period(
        5 * YEAR, "the measure ended",
        "Measures are the assistance given; kept with the case they belong to.",
    ),
    "decision": Period(
        5 * YEAR, "the decision's validity ended (or it was decided, when it has no end)",
        "Decisions are renewed and appealed; a new application needs the history of the earlier ones.",
    ),
    "criminal_case": Period(
        5 * YEAR, "the judgment became final (or the case was dropped)",
        "A final judgment may be followed by claims for compensation and a reopening; kept with the case.",
    ),
    "contact_unlinked": Period(
        2 * YEAR, "the date of the contact",
        "An anonymous contact never linked to a case holds no identity; it serves the yearly count of "
        "contacts, published the following year. Two years covers that year, its report and a correction; "
        "a contact linked to a case goes with the case.",
    ),
    "audit_entry": Period(
        10 * YEAR, "the entry was written",
        "The log is how a person learns who read their data and how misuse is found; it must outlive the "
        "records it describes (they are kept five years after closing).",
    ),
}
KINDS = tuple(DEFAULTS)


def retention_days(overrides: str) -> dict[str, int]:
    """The periods in days: the defaults, with ``kind=days`` pairs (comma separated)
    replacing some. An unknown kind or a negative number is an error at start-up."""
    days = {kind: period.days for kind, period in DEFAULTS.items()}
    for item in filter(None, (part.strip() for part in overrides.split(","))):
        kind, _sep, value = item.partition("=")
        kind = kind.strip()
        if kind not in days:
            raise ValueError(f"HENVIS_RETENTION_DAYS: unknown kind of record {kind!r} (known: {', '.join(KINDS)})")
        if not value.strip().isdigit():
            raise ValueError(f"HENVIS_RETENTION_DAYS: {kind} needs a whole number of days, not {value!r}")
        days[kind] = int(value)
    return days
