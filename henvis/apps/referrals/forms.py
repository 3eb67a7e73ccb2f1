from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from henvis.apps.cases.idempotency import OnceOnly
from henvis.apps.cases.limits import LimitsShown
from henvis.apps.organisations.models import Organisation
from henvis.apps.referrals.models import (
    CONTACT_PERSON_MAX,
    CONTACT_PHONE_MAX,
    MESSAGE_MAX,
    Consent,
    ConsentForm,
    LegalBasis,
    Purpose,
    ReferralStatus,
)
from henvis.web.lists import ListFilterForm, organisation_filter

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def receivers(exclude_id: int | None) -> Any:
    return Organisation.objects.serving().exclude(pk=exclude_id or 0)


class ConsentChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A recorded consent as the worker knows it: to whom, when and in what form (never
    the free text of what may be shared)."""

    def label_from_instance(self, obj: Any) -> str:
        return str(_("To share with %(organisation)s – given %(date)s (%(form)s)") % {
            "organisation": obj.given_to, "date": obj.given_on.isoformat(), "form": obj.get_form_display(),
        })


class ReferralForm(OnceOnly, LimitsShown, forms.Form):
    to_organisation = forms.ModelChoiceField(label=_("Refer to"), queryset=Organisation.objects.none(),
                                             empty_label=_("Choose…"))
    purpose = forms.ChoiceField(label=_("Purpose"), choices=Purpose.choices)
    legal_basis = forms.ChoiceField(label=_("Legal basis"), choices=LegalBasis.choices, initial=LegalBasis.CONSENT)
    consent = ConsentChoiceField(label=_("Recorded consent"), queryset=Consent.objects.none(), required=False,
                                 empty_label="—")
    consent_now = forms.BooleanField(
        label=_("The person consents now to sharing the case with the receiving organisation"), required=False,
    )
    consent_form = forms.ChoiceField(label=_("Form of consent"), choices=ConsentForm.choices, required=False)
    message = forms.CharField(label=_("Message to the receiver"), required=False, max_length=MESSAGE_MAX,
                              widget=forms.Textarea(attrs={"rows": 3}))
    contact_person = forms.CharField(label=_("Contact person"), required=False, max_length=CONTACT_PERSON_MAX,
                                     help_text=_("Whom the receiver calls; left empty, you."))
    contact_phone = forms.CharField(label=_("Contact phone"), required=False, max_length=CONTACT_PHONE_MAX)
    # Unticked (the default, issue 15 item 4) the receiver sees only this referral until
    # it accepts: the purpose, the message and the kind of case, not the person.
    share_before_accepting = forms.BooleanField(
        label=_("Let the receiver see the person and the case before accepting"), required=False,
        help_text=_("Left unticked, the receiver sees only the purpose, your message and the kind of case until "
                    "it accepts."),
    )
    onward_allowed = forms.BooleanField(
        label=_("The receiver may refer the case onward"), required=False,
        help_text=_("Only after accepting, and only while this referral and its consent last."),
    )

    def __init__(self, *args: Any, organisation_id: int, consents: Any, owner: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_organisation"].queryset = receivers(organisation_id)  # type: ignore[attr-defined]
        self.fields["consent"].queryset = consents  # type: ignore[attr-defined]
        if not owner:  # only the owner lets a case go further
            del self.fields["onward_allowed"]


class ConsentRecordForm(OnceOnly, LimitsShown, forms.Form):
    given_to = forms.ModelChoiceField(label=_("Consent to share with"), queryset=Organisation.objects.none(),
                                      empty_label=_("Choose…"))
    given_on = forms.DateField(label=_("Consent given"), widget=DATE, initial=timezone.localdate)
    form = forms.ChoiceField(label=_("Form"), choices=ConsentForm.choices)
    scope = forms.CharField(label=_("What may be shared"), required=False, max_length=200)

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["given_to"].queryset = receivers(organisation_id)  # type: ignore[attr-defined]

    def clean_given_on(self) -> date:
        given_on: date = self.cleaned_data["given_on"]
        if given_on > timezone.localdate():
            raise forms.ValidationError(_("A consent cannot be given in the future."))
        return given_on


class TransferForm(LimitsShown, forms.Form):
    to_organisation = forms.ModelChoiceField(label=_("New owner"), queryset=Organisation.objects.none(),
                                             empty_label=_("Choose…"))
    legal_basis = forms.ChoiceField(label=_("Legal basis"), choices=LegalBasis.choices, initial=LegalBasis.CONSENT)
    consent = ConsentChoiceField(label=_("Recorded consent"), queryset=Consent.objects.none(), required=False,
                                 empty_label="—")
    reason = forms.CharField(label=_("Reason"), required=False, max_length=300)

    def __init__(self, *args: Any, organisation_id: int, consents: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_organisation"].queryset = receivers(organisation_id)  # type: ignore[attr-defined]
        self.fields["consent"].queryset = consents  # type: ignore[attr-defined]


class MessageForm(LimitsShown, forms.Form):
    text = forms.CharField(label=_("Message"), max_length=MESSAGE_MAX, widget=forms.Textarea(attrs={"rows": 3}))


class DeclineForm(LimitsShown, forms.Form):
    reason = forms.CharField(label=_("Reason for declining"), max_length=300)


class ReferralFilterForm(ListFilterForm):
    """The referral list's filter: in the address (GET, bookmarkable); no names."""

    direction = forms.ChoiceField(
        label=_("Referrals"), required=False,
        choices=[("", _("Received and sent")), ("received", _("Received")), ("sent", _("Sent"))],
    )
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("All")), *ReferralStatus.choices], required=False)
    purpose = forms.ChoiceField(label=_("Purpose"), choices=[("", _("All")), *Purpose.choices], required=False)
    organisation = organisation_filter(_("Other organisation"))
    sent_from = forms.DateField(label=_("Sent from"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    sent_to = forms.DateField(label=_("Sent to"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


class CrossBorderConsentForm(forms.Form):
    """The consent to a referral abroad: to which contact point, when, in what form, and
    whether the name and the date of birth may go with it."""

    contact_point = forms.ChoiceField(label=_("Receiving contact point abroad"))
    given_on = forms.DateField(label=_("Consent given"), widget=DATE, initial=timezone.localdate)
    form = forms.ChoiceField(label=_("Form of consent"), choices=ConsentForm.choices, initial=ConsentForm.WRITTEN)
    cross_border = forms.BooleanField(
        label=_("The person agrees that the referral summary is sent to the contact point in that country"),
    )
    includes_name = forms.BooleanField(label=_("The consent covers the name"), required=False)
    includes_birth_date = forms.BooleanField(label=_("The consent covers the date of birth"), required=False)

    def __init__(self, *args: Any, points: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contact_point"].choices = [("", _("Choose…")), *points]  # type: ignore[attr-defined]

    def clean_given_on(self) -> date:
        given: date = self.cleaned_data["given_on"]
        if given > timezone.localdate():
            raise forms.ValidationError(_("A consent cannot be dated in the future."))
        return given


class CrossBorderImportForm(forms.Form):
    file = forms.FileField(label=_("Signed referral file (JSON)"))
