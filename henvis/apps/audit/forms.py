"""The audit log's filter (issue 15 item 5): in the address (GET, bookmarkable), so a
search can be kept and shared between auditors. It holds user names and record ids,
never a person's name."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from henvis.apps.organisations.models import Organisation
from henvis.web.words import ACTION_OBJECTS, action_words

CASE_NUMBER = re.compile(r"HV-(\d{4})-(\d{1,9})")


class AuditFilterForm(forms.Form):
    actor = forms.CharField(label=_("User"), required=False, max_length=150,
                            help_text=_("The user name, exactly."))
    action = forms.ChoiceField(label=_("Action"), required=False)
    date_from = forms.DateField(label=_("From date"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none(),
                                          required=False, empty_label=_("All"), to_field_name="slug")
    case = forms.CharField(label=_("Case number"), required=False, max_length=20,
                           help_text=_("For example HV-2026-000813."))
    object_type = forms.CharField(label=_("Object type"), required=False, max_length=60)
    object_id = forms.CharField(label=_("Object id"), required=False, max_length=64)

    def __init__(self, *args: Any, actions: list[str], organisations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The actions found in the auditor's part of the log, in words, and per kind of
        # object "all of them" (``case`` matches case.read, case.update, ...).
        groups = sorted({a.partition(".")[0] for a in actions if "." in a})
        choices: list[tuple[str, str]] = [("", str(_("All")))]
        choices += [(g, str(_("%(kind)s: all")) % {"kind": str(ACTION_OBJECTS.get(g, g))}) for g in groups]
        choices += sorted(((a, action_words(a)) for a in actions), key=lambda c: c[1])
        self.fields["action"].choices = choices  # type: ignore[attr-defined]
        if organisations is None:
            del self.fields["organisation"]  # an organisation's auditor sees only its own
        else:
            self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]

    def clean_case(self) -> str:
        """The case number as the case shows it (``HV-2026-000813``)."""
        text = self.cleaned_data["case"].strip().upper()
        if not text:
            return ""
        match = CASE_NUMBER.fullmatch(text)
        if match is None:
            raise forms.ValidationError(_("Write the case number as HV-year-number, for example HV-2026-000813."))
        return f"HV-{match.group(1)}-{int(match.group(2)):06d}"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date is before the start date."))
        return data
