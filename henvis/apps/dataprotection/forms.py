from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from henvis.apps.accounts.roles import CASE_READERS, ROLE_LABELS, Role


class AccessRequestForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of the document"),
                                 choices=[("nb", _("Norwegian Bokmål")), ("en", _("English"))], initial="nb")
    format = forms.ChoiceField(label=_("Format"), choices=[("pdf", _("PDF document")),
                                                           ("json", _("Machine-readable (JSON)"))], initial="pdf")


class ErasureForm(forms.Form):
    confirm = forms.BooleanField(label=_("The person has asked for erasure, and I have checked who they are"))


class RestrictionForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("Roles that may still read the case"), widget=forms.CheckboxSelectMultiple,
        choices=[(r.value, ROLE_LABELS[r]) for r in Role if r in CASE_READERS], initial=[Role.COORDINATOR.value],
    )
