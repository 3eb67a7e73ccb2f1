"""The answer to a person's access request (innsyn, GDPR art. 15): everything the
requesting organisation holds about the person, to whom the case was referred and on
which basis, and who (organisation and role, never the staff member's name) read or
changed it according to the audit log.

One structure (``build``) serves both documents: the JSON is that structure, the PDF is
the same structure rendered by ``access_report.html``. What the organisation "holds" is
decided by the access rules of ``henvis.apps.cases.access`` for the requesting user:
the person's cases the organisation sees, and in them the records it may see."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from henvis.apps.accounts.roles import ROLE_LABELS, Role
from henvis.apps.audit.models import AuditEntry
from henvis.apps.cases.access import visible_cases, visible_records, visible_referrals
from henvis.apps.cases.models import (
    Case,
    CriminalProceeding,
    Decision,
    Measure,
    NonPunishmentAssessment,
    Person,
    Screening,
)
from henvis.apps.contacts.models import Contact
from henvis.apps.dataprotection.models import IdentityCorrection, Tombstone
from henvis.apps.organisations.models import Organisation
from henvis.apps.referrals.models import (
    Consent,
    CrossBorderConsent,
    CrossBorderExport,
    OwnershipTransfer,
)
from henvis.apps.removals.models import Hold, Procedure, ProcedureScreening

FORMAT = "henvis-access-request/1"
# Fields that are keys or the names of staff members: never in the document.
SKIPPED = {"id", "case", "person", "created_by", "sent_by", "answered_by", "by", "renewal_of"}
CASE_RECORDS: tuple[tuple[str, type[models.Model]], ...] = (
    ("screenings", Screening), ("measures", Measure), ("decisions", Decision),
    ("criminal_proceedings", CriminalProceeding), ("non_punishment", NonPunishmentAssessment),
)


# Fields the models leave without a label of their own.
LABELS = {"created": gettext_lazy("registered"), "organisation": gettext_lazy("recorded by"),
          "sent": gettext_lazy("sent"), "answered": gettext_lazy("answered"), "at": gettext_lazy("when")}
# Lists of codes the models can name.
LABELLED_LISTS = {"exploitation_forms": "exploitation_form_labels", "arenas": "arena_labels"}


def _value(obj: models.Model, field: models.Field, language: str) -> Any:  # type: ignore[type-arg]
    value = getattr(obj, field.name)
    if value is None or value == "" or value == [] or value == {}:
        return None
    if isinstance(value, Organisation):
        return value.in_language("name", language)
    if field.choices:
        return str(getattr(obj, f"get_{field.name}_display")())
    if field.name in LABELLED_LISTS and hasattr(obj, LABELLED_LISTS[field.name]):
        return getattr(obj, LABELLED_LISTS[field.name])()
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat(timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict | list):
        return value
    return value if isinstance(value, bool | int) else str(value)


def _text(value: Any) -> str:
    """The value as the PDF shows it (the JSON keeps ``value`` as it is)."""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list) and all(isinstance(v, str | int) for v in value):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and len(value) == 22 and value[10] == "T":  # a local time, to the minute
        return formats.date_format(datetime.fromisoformat(value), "SHORT_DATETIME_FORMAT")
    return str(value)


def describe(obj: models.Model, language: str) -> dict[str, Any]:
    """Every field of ``obj`` that holds something, with its label in ``language``."""
    fields = []
    for field in obj._meta.concrete_fields:
        if field.name in SKIPPED or (field.is_relation and field.related_model not in (Organisation,)):
            continue  # staff members, keys and linked records (given by their own entries)
        value = _value(obj, field, language)
        if value is None:
            continue
        label = str(field.verbose_name)
        if label == field.name.replace("_", " "):  # the model gave it none
            label = str(LABELS.get(field.name, label))
        fields.append({"name": field.name, "label": label, "value": value, "text": _text(value)})
    return {"type": obj._meta.model_name, "number": obj.pk, "label": str(obj._meta.verbose_name), "fields": fields}


def _refs(person: Person, cases: list[Case], records: list[models.Model]) -> set[tuple[str, str]]:
    refs = {("person", str(person.pk))} | {("case", str(c.pk)) for c in cases}
    return refs | {(r._meta.model_name or "", str(r.pk)) for r in records}


def audit_trail(refs: set[tuple[str, str]], language: str) -> list[dict[str, Any]]:
    """Audit entries about these records: when, what, which organisation and roles.
    Entries written before a record with the same id was erased belong to someone else
    (SQLite can reuse the highest id) and are left out."""
    if not refs:
        return []
    query = Q()
    for object_type, object_id in refs:
        query |= Q(object_type=object_type, object_id=object_id)
    erased = {(t.object_type, t.object_id): t.erased_at for t in Tombstone.objects.filter(query)}
    entries = [e for e in AuditEntry.objects.filter(query).order_by("seq")
               if not ((e.object_type, e.object_id) in erased and e.at <= erased[(e.object_type, e.object_id)])]
    orgs = {o.pk: o.in_language("name", language)
            for o in Organisation.objects.filter(pk__in={e.organisation_id for e in entries})}
    return [
        {"at": timezone.localtime(e.at).isoformat(timespec="minutes"),
         "at_text": formats.date_format(timezone.localtime(e.at), "SHORT_DATETIME_FORMAT"), "action": e.action,
         "what": _what(e.action),
         "record": f"{e.object_type} #{e.object_id}",
         "organisation": orgs.get(e.organisation_id or 0, ""),
         "roles": _role_labels(e.roles)}
        for e in entries
    ]


# What an audit action did, in words the person can read; the code stays beside it.
VERBS = {
    "read": gettext_lazy("read"), "create": gettext_lazy("registered"), "list": gettext_lazy("seen in a list"),
    "update": gettext_lazy("changed"), "export": gettext_lazy("exported"), "revoked": gettext_lazy("revoked"),
    "close": gettext_lazy("closed"), "withdraw": gettext_lazy("withdrawn"), "accept": gettext_lazy("accepted"),
    "decline": gettext_lazy("declined"), "link": gettext_lazy("linked"), "link_contact": gettext_lazy("linked"),
    "transfer": gettext_lazy("handed over"), "screen": gettext_lazy("screened"),
    "lift_hold": gettext_lazy("hold lifted"), "crossborder_import": gettext_lazy("imported from abroad"),
    "access_request": gettext_lazy("access request answered"), "erasure": gettext_lazy("erased"),
    "restrict": gettext_lazy("restricted"), "unrestrict": gettext_lazy("restriction lifted"),
}


def _what(action: str) -> str:
    """``case.read`` -> "read"; an action without a word keeps its code."""
    verb = VERBS.get(action.rpartition(".")[2])
    return str(verb) if verb is not None else action


def _role_labels(slugs: str) -> list[str]:
    """The roles the entry recorded for the reader at the time of reading (see
    ``AuditEntry.roles``); entries from before roles were recorded name none rather than
    the user's roles today, which may differ."""
    known = set(Role)
    return [str(ROLE_LABELS[Role(s)]) for s in slugs.split("+") if s in known]


def build(user: Any, person: Person, language: str) -> dict[str, Any]:
    """The whole answer for ``person`` as ``user``'s organisation holds it."""
    with translation.override(language):
        org = user.organisation
        cases = list(visible_cases(user).filter(person=person).order_by("opened", "pk"))
        all_records: list[models.Model] = []
        case_items = []
        referrals = visible_referrals(user)
        for case in cases:
            item: dict[str, Any] = {"reference": case.reference, **describe(case, language)}
            for key, model in CASE_RECORDS:
                rows = list(visible_records(model.objects.all(), user, case))  # type: ignore[attr-defined]
                all_records += rows
                item[key] = [describe(r, language) for r in rows]
            consents = list(Consent.objects.filter(case=case, organisation_id=org.pk))
            all_records += consents
            item["consents"] = [describe(c, language) for c in consents]
            sent = list(referrals.filter(case=case).order_by("sent", "pk"))
            all_records += sent
            item["referrals"] = [_referral(r, language) for r in sent]
            item["transfers"] = [describe(t, language) for t in OwnershipTransfer.objects.filter(case=case)]
            # Referrals abroad (the consent and each file sent), the anonymous contacts
            # linked to the case and the asylum/return procedures: the organisation's own.
            abroad = list(CrossBorderConsent.objects.filter(case=case, organisation_id=org.pk).order_by("pk"))
            exports = list(CrossBorderExport.objects.filter(consent__in=abroad).order_by("exported", "pk"))
            contacts = list(Contact.objects.filter(case=case, organisation_id=org.pk).order_by("contact_date", "pk"))
            procedures = list(Procedure.objects.filter(case=case, organisation_id=org.pk).order_by("opened", "pk"))
            procedure_screenings = list(ProcedureScreening.objects.filter(procedure__in=procedures).order_by("pk"))
            holds = list(Hold.objects.filter(procedure__in=procedures).order_by("pk"))
            all_records += [*abroad, *contacts, *procedures, *procedure_screenings, *holds]
            item["abroad"] = [describe(c, language) for c in [*abroad, *exports]]
            item["contacts"] = [describe(c, language) for c in contacts]
            item["procedures"] = [describe(r, language) for r in [*procedures, *procedure_screenings, *holds]]
            case_items.append(item)
        corrections = IdentityCorrection.objects.filter(person=person, organisation_id=org.pk).order_by("changed_at")
        return {
            "format": FORMAT,
            "language": language,
            "made_at": timezone.localtime().isoformat(timespec="minutes"),
            "made_at_text": formats.date_format(timezone.localtime(), "SHORT_DATETIME_FORMAT"),
            "organisation": org.in_language("name", language),
            "person": describe(person, language),
            "cases": case_items,
            "corrections": [
                {"at": timezone.localtime(c.changed_at).isoformat(timespec="minutes"),
                 "at_text": formats.date_format(timezone.localtime(c.changed_at), "SHORT_DATETIME_FORMAT"),
                 "field": c.field,
                 "old": c.old_value, "new": c.new_value} for c in corrections
            ],
            "reads": audit_trail(_refs(person, cases, all_records), language),
        }


def _referral(referral: Any, language: str) -> dict[str, Any]:
    """A referral: to whom, why, and what it rested on (the consent's date and form)."""
    out = describe(referral, language)
    if referral.consent_id:
        consent = referral.consent
        out["fields"].append({"name": "consent_given_on", "label": _("consent given"),
                              "value": consent.given_on.isoformat(), "text": consent.given_on.isoformat()})
    return out


def as_json(report: dict[str, Any]) -> bytes:
    return json.dumps(report, ensure_ascii=False, indent=2, default=str).encode("utf-8")


def as_pdf(report: dict[str, Any]) -> bytes:
    from henvis.stats.report.build import render_pdf

    with translation.override(report["language"]):
        html = render_to_string("dataprotection/access_report.html", {"report": report})
    return render_pdf(html)
