"""Choice labels are made from a dict kept per field (henvis/web/choice_display.py) and
still follow the user's language; a value outside the choices is shown as it is."""

from __future__ import annotations

from django.utils import translation

from henvis.apps.referrals.models import Referral, ReferralStatus


def test_labels_follow_the_language_and_unknown_values_show_as_they_are() -> None:
    referral = Referral(status=ReferralStatus.ACCEPTED)
    with translation.override("en"):
        english = referral.get_status_display()
    with translation.override("nb"):
        norwegian = referral.get_status_display()
        again = referral.get_status_display()
    with translation.override("en"):
        assert english == str(ReferralStatus.ACCEPTED.label)
    with translation.override("nb"):
        assert norwegian == again == str(ReferralStatus.ACCEPTED.label)
    assert norwegian != english
    referral.status = "no-such-status"
    assert referral.get_status_display() == "no-such-status"
