"""Demo data: one person and one case per synthetic registration (``henvis.synthetic``),
in the registering organisation, with measures, decisions (and so deadlines), consents
and referrals between organisations. Synthetic data only; bulk inserts keep 300
persons to a few seconds.

Example::

    load(persons=300, seed=1)   # -> "812 cases, 140 referrals, ..."
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from henvis.apps.accounts.models import User
from henvis.apps.audit.log import record
from henvis.apps.cases import blind_index
from henvis.apps.cases.choices import (
    BirthPrecision,
    CaseStatus,
    ClosingReason,
    DecisionKind,
    IdentifiedHow,
    Outcome,
    RefusalReason,
)
from henvis.apps.cases.models import Case, Decision, Measure, Person, PersonIndex
from henvis.apps.organisations.models import Organisation, OrganisationKind
from henvis.apps.referrals.models import Consent, LegalBasis, Referral, ReferralStatus

FORMS = {
    "prostitution": "sexual", "other_sexual": "sexual", "forced_labour": "labour", "begging": "labour",
    "forced_criminality": "criminal", "organ_removal": "organs", "military_service": "military", "unclear": "unknown",
}
ARENAS = {"sexual": "prostitution", "labour": "construction", "criminal": "theft"}
MEASURES = {"education": "schooling"}
SEX = {"F": "female", "M": "male"}
# synthetic decision code -> (kind, outcome, refusal reason, decided by)
DECISIONS: dict[str, tuple[str, str, str, str]] = {
    "reflection_period_granted": (DecisionKind.REFLECTION_PERIOD, Outcome.GRANTED, "", "udi"),
    "reflection_period_refused": (DecisionKind.REFLECTION_PERIOD, Outcome.REFUSED, RefusalReason.NO_INDICATION, "udi"),
    "limited_permit_granted": (DecisionKind.LIMITED_PERMIT, Outcome.GRANTED, "", "udi"),
    "limited_permit_refused": (DecisionKind.LIMITED_PERMIT, Outcome.REFUSED, RefusalReason.NO_INVESTIGATION, "udi"),
    "asylum_protection": (DecisionKind.ASYLUM_PROTECTION, Outcome.GRANTED, "", "udi"),
    "asylum_witness_permit": (DecisionKind.ASYLUM_WITNESS, Outcome.GRANTED, "", "udi"),
    "asylum_refused": (DecisionKind.ASYLUM_PROTECTION, Outcome.REFUSED, RefusalReason.DUBLIN, "udi"),
    "assisted_return": (DecisionKind.ASSISTED_RETURN, Outcome.GRANTED, "", "iom-norway"),
    "utl53_1b_granted": (DecisionKind.RESIDENCE_53_1B, Outcome.GRANTED, "", "udi"),
    "child_welfare_placement": (DecisionKind.CW_INSTITUTION_PLACEMENT, Outcome.GRANTED, "", "barnevern-oslo"),
}
# Where police, immigration and health services refer adults and children.
# ROSA coordinates safe housing for adults (seed 004 Del 6), so it receives most.
RECEIVERS_ADULT = ("rosa", "rosa", "rosa", "safe-house-filemon", "nav-htso", "kirkens-bymisjon-nadheim")
RECEIVER_CHILD = "barnevern-oslo"
# Kinds of organisation that provide measures themselves (the others arrange them).
PROVIDER_KINDS = {OrganisationKind.NGO, OrganisationKind.WELFARE, OrganisationKind.HEALTH, OrganisationKind.INTERNATIONAL}
REFERRING_KINDS = {
    OrganisationKind.POLICE_DISTRICT, OrganisationKind.POLICE_NATIONAL, OrganisationKind.IMMIGRATION,
    OrganisationKind.HEALTH, OrganisationKind.LABOUR, OrganisationKind.WELFARE,
}


def _split(value: Any) -> list[str]:
    return [v for v in str(value or "").split(";") if v]


def _birth(text: str) -> tuple[str, str]:
    if len(text) == 10:
        return BirthPrecision.EXACT, text
    if len(text) >= 4:
        return BirthPrecision.YEAR, text[:4]
    return BirthPrecision.UNKNOWN, ""


def _demo_user(org: Organisation, cache: dict[int, User]) -> User:
    """The user recorded as author: a demo user of the organisation, or an inactive one."""
    if org.pk not in cache:
        user = User.objects.filter(organisation=org, is_active=True).order_by("id").first()
        if user is None:
            user, created = User.objects.get_or_create(username=f"demo-{org.slug}"[:150],
                                                       defaults={"organisation": org, "is_active": False})
            if created:
                user.set_unusable_password()
                user.save(update_fields=["password"])
        cache[org.pk] = user
    return cache[org.pk]


@transaction.atomic
def load(persons: int, seed: int) -> str:
    """Fill the demo database; returns a one-line summary (no personal data)."""
    from henvis.synthetic import generate

    rng = random.Random(seed)
    today = timezone.localdate()
    registrations = generate(persons, seed).registrations
    orgs = {o.slug: o for o in Organisation.objects.all()}
    users: dict[int, User] = {}
    latest_year = int(registrations["year"].max())
    counts: Counter[str] = Counter()

    rows = [r for r in registrations.to_dict("records") if r["source"] in orgs]
    counts["skipped"] = len(registrations) - len(rows)
    people: list[Person] = []
    for r in rows:
        precision, birth = _birth(str(r.get("birth_date") or ""))
        people.append(Person(
            organisation=orgs[r["source"]], given_names=str(r["given_name"] or ""),
            family_name=str(r["family_name"] or ""), birth_precision=precision, birth=birth,
            sex=SEX.get(str(r["sex"]), "unknown"), citizenships=[str(r["citizenship"])] if r["citizenship"] else [],
            national_id=str(r["national_id"] or ""), duf_number=str(r["duf_number"] or ""),
            # A date of birth decides by itself (``Person.age``); the flag is for the rest.
            minor=bool(r["child"]) and precision == BirthPrecision.UNKNOWN,
        ))
    Person.objects.bulk_create(people, batch_size=500)
    PersonIndex.objects.bulk_create(
        (PersonIndex(person=p, organisation_id=p.organisation_id, kind=kind, digest=blind_index.digest(kind, value))
         for p in people for kind, value in p.index_entries()),
        batch_size=2000,
    )

    cases: list[Case] = []
    for r, person in zip(rows, people, strict=True):
        org = orgs[r["source"]]
        year = int(r["year"])
        current = year >= latest_year - 1  # the last two years are still being followed up
        opened = today - timedelta(days=rng.randint(10, 240)) if current else date(year, rng.randint(1, 12), rng.randint(1, 28))
        forms = sorted({FORMS.get(f, "unknown") for f in _split(r["exploitation_forms"])})
        closed = None if current else opened + timedelta(days=rng.randint(60, 500))
        cases.append(Case(
            person=person, organisation=org, opened=opened, exploitation_forms=forms,
            arenas=sorted({ARENAS[f] for f in forms if f in ARENAS}),
            status=rng.choice([CaseStatus.PRESUMED_VICTIM, CaseStatus.IN_ASSISTANCE]) if current else CaseStatus.CLOSED,
            closed=closed, closing_reason="" if current else rng.choice(
                [ClosingReason.ASSISTANCE_COMPLETED, ClosingReason.RETURNED, ClosingReason.LOST_CONTACT]),
            identified_how=IdentifiedHow.SCREENING if org.kind in REFERRING_KINDS else IdentifiedHow.REFERRAL,
            identified_by_kind=str(r["organisation_kind"] or "")[:40] if r["organisation_kind"] in OrganisationKind.values else org.kind,
            municipality="Oslo" if rng.random() < 0.5 else "", created_by=_demo_user(org, users),
        ))
    Case.objects.bulk_create(cases, batch_size=500)
    counts["cases"] = len(cases)

    measures: list[Measure] = []
    decisions: list[Decision] = []
    for r, case in zip(rows, cases, strict=True):
        author = _demo_user(case.organisation, users)
        for code in _split(r["measures"]):
            kind = MEASURES.get(code, code)
            start = case.opened + timedelta(days=rng.randint(0, 20))
            measures.append(Measure(
                case=case, organisation=case.organisation, created_by=author, kind=kind, start=start,
                provider=case.organisation if case.organisation.kind in PROVIDER_KINDS else None, end=case.closed,
                legal_aid_hours=3 if kind == "legal_aid" else None,
                risk_assessed_on=start if kind == "safety" else None,
            ))
        for code in _split(r["decisions"]):
            if code not in DECISIONS:
                continue
            kind, outcome, reason, decider = DECISIONS[code]
            start = case.opened + timedelta(days=rng.randint(5, 30))
            if kind == DecisionKind.CW_INSTITUTION_PLACEMENT and case.status != CaseStatus.CLOSED:
                start = today - timedelta(days=rng.randint(0, 45))  # placements are short: keep them current
            d = Decision(
                case=case, organisation=case.organisation, created_by=author, kind=kind, outcome=outcome,
                refusal_reason=reason, decided_by=orgs.get(decider), decided_on=min(start, today),
                valid_from=start if outcome == Outcome.GRANTED else None,
                reintegration_support=kind == DecisionKind.ASSISTED_RETURN,
            )
            d.valid_to = d.default_valid_to()
            decisions.append(d)
    counts["measures"], counts["decisions"] = len(measures), len(decisions)

    consents: list[Consent] = []
    referrals: list[Referral] = []
    for case in cases:
        if case.organisation.kind not in REFERRING_KINDS or rng.random() < 0.4:
            continue
        child = case.person.age(on=case.opened).treat_as_child  # a child when referred
        receiver = orgs.get(RECEIVER_CHILD if child else rng.choice(RECEIVERS_ADULT))
        if receiver is None or receiver.pk == case.organisation_id:
            continue
        author = _demo_user(case.organisation, users)
        sent = timezone.make_aware(datetime.combine(case.opened + timedelta(days=1), time(10)))
        status = ReferralStatus.ACCEPTED
        if case.status == CaseStatus.CLOSED:
            status = ReferralStatus.COMPLETED
        elif rng.random() < 0.3:
            status = ReferralStatus.SENT
        if child:
            basis, consent = LegalBasis.DUTY_TO_NOTIFY, None
        else:
            basis = LegalBasis.CONSENT
            consent = Consent(case=case, organisation=case.organisation, given_to=receiver, given_on=case.opened,
                              created_by=author)
            consents.append(consent)
        referrals.append(Referral(
            case=case, from_organisation=case.organisation, to_organisation=receiver,
            purpose="child_welfare" if child else "housing", status=status, legal_basis=basis,
            consent=consent, sent_by=author, sent=sent,
            answered=None if status == ReferralStatus.SENT else sent + timedelta(days=1),
            answered_by=None if status == ReferralStatus.SENT else _demo_user(receiver, users),
        ))
        if status == ReferralStatus.ACCEPTED and not child:
            # The receiver's own records: housing and, for current cases, a reflection period.
            rosa_author = _demo_user(receiver, users)
            start = case.opened + timedelta(days=rng.randint(2, 10))
            measures.append(Measure(case=case, organisation=receiver, created_by=rosa_author, kind="housing",
                                    provider=receiver, start=start))
            d = Decision(case=case, organisation=receiver, created_by=rosa_author, kind=DecisionKind.REFLECTION_PERIOD,
                         outcome=Outcome.GRANTED, decided_by=orgs.get("udi"), decided_on=min(start, today),
                         valid_from=start)
            d.valid_to = d.default_valid_to()
            decisions.append(d)
    Consent.objects.bulk_create(consents, batch_size=500)
    for referral in referrals:
        referral.consent_id = referral.consent.pk if referral.consent is not None else None
    Referral.objects.bulk_create(referrals, batch_size=500)
    Measure.objects.bulk_create(measures, batch_size=1000)
    Decision.objects.bulk_create(decisions, batch_size=1000)
    counts["referrals"], counts["consents"] = len(referrals), len(consents)
    counts["measures"], counts["decisions"] = len(measures), len(decisions)
    record("demo.load", object_type="case", detail=f"cases={counts['cases']} referrals={counts['referrals']}")
    return (f"{counts['cases']} cases, {counts['referrals']} referrals, {counts['consents']} consents, "
            f"{counts['measures']} measures, {counts['decisions']} decisions"
            + (f", {counts['skipped']} registrations of unknown organisations skipped" if counts["skipped"] else ""))
