"""What a referral or hand-over must rest on (seed 004 Del 6, "Om taushetsplikt og
samarbeid"): the person's consent to share with the receiver, or a legal duty that lifts
the duty of confidentiality (duty to notify child welfare, duty to avert)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import get_language

from henvis.apps.cases.models import Case
from henvis.apps.organisations.models import Organisation, OrganisationKind
from henvis.apps.referrals.models import Consent, LegalBasis

CHILD_WELFARE_KINDS = (OrganisationKind.CHILD_WELFARE_MUNICIPAL, OrganisationKind.CHILD_WELFARE_STATE)
AVERT_RECEIVERS = (OrganisationKind.POLICE_DISTRICT, OrganisationKind.POLICE_NATIONAL, *CHILD_WELFARE_KINDS)

NO_BASIS_EN = (
    "The referral cannot be sent: it must rest on the person's consent to share with the receiving "
    "organisation, or on a legal basis (duty to notify child welfare, duty to avert)."
)
NO_BASIS_NB = (
    "Henvisningen kan ikke sendes: den må bygge på personens samtykke til å dele med mottakeren, "
    "eller på et rettslig grunnlag (meldeplikt til barnevernet, avvergingsplikt)."
)


class NoLegalBasis(ValueError):
    """Refused: the reason in both languages (``message_nb``/``message_en``)."""

    def __init__(self, message_en: str, message_nb: str) -> None:
        super().__init__(message_en)
        self.message_en = message_en
        self.message_nb = message_nb

    def localised(self) -> str:
        """The message in the active language (Bokmål unless English is chosen)."""
        return self.message_en if (get_language() or "nb").startswith("en") else self.message_nb


def check_basis(case: Case, receiver: Organisation, basis: str, consent: Consent | None) -> None:
    """Raise ``NoLegalBasis`` unless sharing ``case`` with ``receiver`` is lawful."""
    if basis == LegalBasis.CONSENT:
        if (
            consent is None or consent.case_id != case.pk or consent.given_to_id != receiver.pk
            or consent.withdrawn_on is not None
        ):
            raise NoLegalBasis(NO_BASIS_EN, NO_BASIS_NB)
        if consent.given_on > timezone.localdate():  # recorded before such dates were refused
            raise NoLegalBasis(
                "A consent dated in the future is no legal basis.",
                "Et samtykke datert fram i tid er ikke et rettslig grunnlag.",
            )
        return
    if basis == LegalBasis.DUTY_TO_NOTIFY:
        # A child by the date of birth, or while the age is in doubt (seed 004 Del 6).
        if receiver.kind not in CHILD_WELFARE_KINDS or not case.person.age().treat_as_child:
            raise NoLegalBasis(
                "The duty to notify applies to child welfare services when a child (or a person whose age is in "
                "doubt) may be exploited.",
                "Meldeplikten gjelder til barnevernet når et barn (eller en person med uavklart alder) kan være utnyttet.",
            )
        return
    if basis == LegalBasis.DUTY_TO_AVERT:
        if receiver.kind not in AVERT_RECEIVERS:
            raise NoLegalBasis(
                "The duty to avert is fulfilled by notifying the police or child welfare.",
                "Avvergingsplikten oppfylles ved å varsle politiet eller barnevernet.",
            )
        return
    raise NoLegalBasis(NO_BASIS_EN, NO_BASIS_NB)
