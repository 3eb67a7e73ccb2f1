"""Cross-border referral (issue 18 item 4): the consent that names a transfer abroad, the
signed export of a referral summary for the receiving country's mechanism (JSON and an
English PDF), and the import of such a file from abroad as an incoming referral.

What leaves is decided here, not by the page: indicators, forms of exploitation, needs,
the consent (scope and date), the contact points and, only when the consent says so,
the name and the date of birth. Every step is audited; a refused import stores nothing."""

from __future__ import annotations

import hashlib
import uuid
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_countries import countries

from henvis.apps.cases.access import audit, can_write, is_owner
from henvis.apps.cases.choices import (
    BirthPrecision,
    ExploitationForm,
    IdentifiedHow,
    MeasureKind,
    Sex,
)
from henvis.apps.cases.models import Case, Measure, Person, Screening
from henvis.apps.organisations.models import Organisation, OrganisationKind
from henvis.apps.referrals import crossborder_file as cbf
from henvis.apps.referrals.models import (
    CONTACT_PERSON_MAX,
    Consent,
    ConsentForm,
    CrossBorderConsent,
    CrossBorderExport,
    CrossBorderImport,
    LegalBasis,
    Purpose,
    Referral,
)
from henvis.catalogue.load import load_catalogue

MECHANISMS_FILE = Path(__file__).resolve().parents[2] / "catalogue" / "data" / "referral_mechanisms_abroad.yaml"


@lru_cache(maxsize=1)
def mechanisms_data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(MECHANISMS_FILE.read_text(encoding="utf-8"))
    return data


def mechanisms() -> list[dict[str, Any]]:
    """The contact points abroad (not this instance's own country), each with its sources."""
    own = settings.HENVIS_CROSSBORDER_COUNTRY
    return [m for m in mechanisms_data()["mechanisms"] if m["country"] != own]


def mechanism(contact_point: str) -> dict[str, Any] | None:
    return next((m for m in mechanisms_data()["mechanisms"] if m["id"] == contact_point), None)


class Refused(cbf.FileRefused):
    """A refused step, with the reason in the user's language (``localised()``)."""

    def localised(self) -> str:
        return self.in_language(translation.get_language() or "nb")


def _check_owner(user: Any, case: Case) -> None:
    # Only the owner sends a case abroad: a receiver in Norway has no leave to pass it on.
    if not can_write(user) or not is_owner(user, case):
        raise PermissionDenied


def record_consent(
    request: HttpRequest, case: Case, contact_point: str, given_on: date, form: str,
    includes_name: bool, includes_birth_date: bool,
) -> CrossBorderConsent:
    user: Any = request.user
    _check_owner(user, case)
    point = mechanism(contact_point)
    if point is None or point["country"] == settings.HENVIS_CROSSBORDER_COUNTRY:
        raise Refused("Choose a contact point abroad.", "Velg et kontaktpunkt i utlandet.")
    if given_on > timezone.localdate():
        raise Refused("A consent cannot be dated in the future.", "Et samtykke kan ikke dateres fram i tid.")
    consent = CrossBorderConsent.objects.create(
        case=case, organisation_id=user.organisation_id, country=point["country"], contact_point=point["id"],
        given_on=given_on, form=form, includes_name=includes_name, includes_birth_date=includes_birth_date,
        created_by=user,
    )
    audit(request, "crossborder_consent.create", consent,
          detail=f"case={case.pk} country={consent.country} name={int(includes_name)} birth={int(includes_birth_date)}")
    return consent


def withdraw_consent(request: HttpRequest, consent: CrossBorderConsent) -> None:
    user: Any = request.user
    _check_owner(user, consent.case)
    if consent.withdrawn_on is None:
        consent.withdrawn_on = timezone.localdate()
        consent.save(update_fields=["withdrawn_on"])
        audit(request, "crossborder_consent.withdraw", consent)


def _labels(choices: Any, codes: list[str]) -> list[dict[str, str]]:
    with translation.override("en"):
        names = {code: str(label) for code, label in choices}
    return [{"code": c, "label": names[c]} for c in codes if c in names]


def payload(consent: CrossBorderConsent, user: Any) -> dict[str, Any]:
    """The referral summary the consent covers (not yet signed)."""
    case = consent.case
    person = case.person
    org = consent.organisation
    screenings = Screening.objects.filter(case=case, organisation=org)
    indicator_ids: list[str] = []
    for s in screenings:
        for i in (s.data or {}).get("indicators", []):
            if i not in indicator_ids:
                indicator_ids.append(i)
    catalogue = load_catalogue()
    indicators = []
    for i in indicator_ids:
        try:
            indicators.append({"code": i, "label": catalogue.indicator(i).text.en})
        except KeyError:
            continue  # an indicator of an older catalogue edition: not sent without its text
    needs = list(dict.fromkeys(Measure.objects.filter(case=case, organisation=org).values_list("kind", flat=True)))
    age = person.age()
    point = mechanism(consent.contact_point) or {"name": consent.contact_point}
    who: dict[str, Any] = {
        "sex": person.sex if person.sex in Sex.values else "unknown",
        "child": "age_in_doubt" if age.status == "in_doubt" else ("yes" if age.status == "minor" else "no"),
        "citizenships": [c for c in (person.citizenships or []) if isinstance(c, str) and len(c) == 2][:5],
    }
    if consent.includes_name and (person.given_names or person.family_name):
        who["given_names"] = person.given_names or "-"
        if person.family_name:
            who["family_name"] = person.family_name
    if consent.includes_birth_date and person.birth:
        who["birth"] = person.birth
    return {
        "id": str(uuid.uuid4()),
        "created": timezone.now().replace(microsecond=0).isoformat(),
        "language": "en",
        "sender": {
            "instance": settings.HENVIS_CROSSBORDER_INSTANCE, "country": settings.HENVIS_CROSSBORDER_COUNTRY,
            "organisation": (org.name_en or org.name)[:200], "case_reference": case.reference,
            "contact_person": str(user.get_full_name() or user.get_username())[:CONTACT_PERSON_MAX],
            "contact_phone": org.phone[:40], "contact_email": org.email[:200],
        },
        "receiver": {"country": consent.country, "contact_point": consent.contact_point,
                     "name": str(point["name"])[:300]},
        "consent": {"cross_border_transfer": True, "given_on": consent.given_on.isoformat(), "form": consent.form,
                    "country": consent.country, "includes_name": consent.includes_name,
                    "includes_birth_date": consent.includes_birth_date},
        "person": who,
        "indicators": indicators,
        "exploitation_forms": _labels(ExploitationForm.choices, list(case.exploitation_forms or [])),
        "needs": _labels(MeasureKind.choices, needs),
    }


def _usable(consent: CrossBorderConsent) -> None:
    if consent.withdrawn_on is not None:
        raise Refused("The consent has been withdrawn; nothing can be sent on it.",
                      "Samtykket er trukket tilbake; ingenting kan sendes på det.")


def export(request: HttpRequest, consent: CrossBorderConsent) -> tuple[bytes, dict[str, Any]]:
    """The signed file (bytes) and its document; recorded and audited."""
    user: Any = request.user
    _check_owner(user, consent.case)
    _usable(consent)
    if not settings.HENVIS_CROSSBORDER_SIGNING_KEY:
        raise Refused("This service has no signing key for referrals abroad "
                      "(HENVIS_CROSSBORDER_SIGNING_KEY); ask the operator.",
                      "Tjenesten har ingen signeringsnøkkel for henvisninger til utlandet "
                      "(HENVIS_CROSSBORDER_SIGNING_KEY); kontakt driften.")
    key = cbf.private_key_from_text(settings.HENVIS_CROSSBORDER_SIGNING_KEY)
    document = cbf.sign(payload(consent, user), key, settings.HENVIS_CROSSBORDER_INSTANCE)
    data = cbf.dumps(document)
    record = CrossBorderExport.objects.create(
        consent=consent, file_id=document["payload"]["id"], digest=hashlib.sha256(data).hexdigest(), exported_by=user,
    )
    audit(request, "crossborder.export", record,
          detail=f"case={consent.case_id} consent={consent.pk} country={consent.country} format=json")
    return data, document


def export_pdf(request: HttpRequest, consent: CrossBorderConsent) -> bytes:
    """The same summary as a PDF in English, for a receiver without a Henvis instance."""
    user: Any = request.user
    _check_owner(user, consent.case)
    _usable(consent)
    summary = payload(consent, user)
    audit(request, "crossborder.export", consent,
          detail=f"case={consent.case_id} consent={consent.pk} country={consent.country} format=pdf")
    from henvis.stats.report.build import render_pdf

    with translation.override("en"):
        # Words, not codes, on the page a person reads.
        words = {
            "sex": str(dict(Sex.choices).get(summary["person"]["sex"], "")),
            "child": {"yes": "Yes", "no": "No", "age_in_doubt": "Age in doubt"}[summary["person"]["child"]],
            "form": str(dict(ConsentForm.choices).get(summary["consent"]["form"], "")),
            "citizenships": ", ".join(str(countries.name(c)) for c in summary["person"]["citizenships"]),
            "receiver_country": str(countries.name(summary["receiver"]["country"])),
            "sender_country": str(countries.name(summary["sender"]["country"])),
        }
        html = render_to_string("referrals/crossborder_pdf.html", {
            "p": summary, "w": words, "point": mechanism(consent.contact_point), "public_key": _own_public_key(),
        })
    return render_pdf(html)


def _own_public_key() -> str:
    return cbf.public_key_text(cbf.private_key_from_text(settings.HENVIS_CROSSBORDER_SIGNING_KEY))


def _birth_precision(birth: str) -> str:
    if "/" in birth:
        return BirthPrecision.RANGE
    return BirthPrecision.EXACT if len(birth) == 10 else BirthPrecision.YEAR


def import_file(request: HttpRequest, data: bytes) -> Referral:
    """Verify a file from abroad and make it an incoming referral to the user's
    organisation. Raises ``Refused`` (and stores nothing) on any bad input."""
    user: Any = request.user
    if not can_write(user) or user.organisation_id is None:
        raise PermissionDenied
    try:
        document = cbf.verify(data, settings.HENVIS_CROSSBORDER_PARTNERS, settings.HENVIS_CROSSBORDER_MAX_BYTES)
    except cbf.FileRefused as exc:
        raise Refused(exc.message_en, exc.message_nb) from None
    p = document["payload"]
    if p["receiver"]["country"] != settings.HENVIS_CROSSBORDER_COUNTRY:
        raise Refused(
            f"The referral is addressed to another country ({p['receiver']['country']}).",
            f"Henvisningen er adressert til et annet land ({p['receiver']['country']}).",
        )
    if CrossBorderImport.objects.filter(file_id=p["id"]).exists():
        raise Refused("This file has already been imported.", "Denne filen er allerede lest inn.")
    try:
        with transaction.atomic():
            referral = _store(user, p)
    except IntegrityError:  # the same file imported at the same moment by someone else
        raise Refused("This file has already been imported.", "Denne filen er allerede lest inn.") from None
    audit(request, "referral.crossborder_import", referral,
          detail=f"case={referral.case_id} from={p['sender']['instance']} country={p['sender']['country']}")
    return referral


def _store(user: Any, p: dict[str, Any]) -> Referral:
    sender = p["sender"]
    # The partner stands in the organisation table as an inactive organisation: it sends,
    # it never receives a referral nor shows in the lists of receivers.
    with translation.override("en"):
        country = str(countries.name(sender["country"]) or sender["country"])
    abroad, _created = Organisation.objects.get_or_create(
        slug=f"abroad-{sender['instance'].lower().replace('.', '-').replace('_', '-')}"[:80],
        defaults={"name": f"{sender['organisation']} ({country})"[:200], "kind": OrganisationKind.INTERNATIONAL,
                  "active": False, "source": f"cross-border referral file from {sender['instance']}"},
    )
    who = p["person"]
    birth = who.get("birth", "")
    person = Person.objects.create(
        organisation=abroad, given_names=who.get("given_names", ""), family_name=who.get("family_name", ""),
        birth=birth, birth_precision=_birth_precision(birth) if birth else BirthPrecision.UNKNOWN,
        sex=who["sex"], citizenships=who["citizenships"],
        minor=who["child"] == "yes", age_in_doubt=who["child"] == "age_in_doubt",
    )
    forms = [f["code"] for f in p["exploitation_forms"] if f["code"] in ExploitationForm.values]
    # The file says who referred, not how the sender identified the person: the case was
    # referred by an organisation abroad (not "screening with the guide", the default).
    case = Case.objects.create(person=person, organisation=abroad, exploitation_forms=forms, created_by=user,
                               identified_how=IdentifiedHow.REFERRAL,
                               identified_by_kind=OrganisationKind.INTERNATIONAL)
    consent = Consent.objects.create(
        case=case, organisation=abroad, given_to_id=user.organisation_id,
        given_on=date.fromisoformat(p["consent"]["given_on"]), form=p["consent"]["form"],
        scope="cross-border referral", created_by=user,
    )
    referral = Referral.objects.create(
        case=case, from_organisation=abroad, to_organisation_id=user.organisation_id, purpose=Purpose.FOLLOW_UP,
        legal_basis=LegalBasis.CONSENT, consent=consent, sent_by=user,
        contact_person=sender["contact_person"][:CONTACT_PERSON_MAX], contact_phone=sender["contact_phone"][:30],
    )
    CrossBorderImport.objects.create(
        referral=referral, file_id=p["id"], sender_instance=sender["instance"], sender_country=sender["country"],
        summary=p,
    )
    return referral
