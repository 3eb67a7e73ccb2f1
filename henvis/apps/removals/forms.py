from __future__ import annotations

import re
from typing import Any

from django import forms as djforms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from henvis.apps.organisations.models import Organisation
from henvis.apps.referrals.models import LegalBasis, Purpose
from henvis.apps.removals.models import LiftReason, Outcome, ProcedureKind
from henvis.catalogue import Catalogue


class ProcedureForm(djforms.Form):
    """``case_id`` takes the case number as the case page shows it (HV-2026-000012), or
    its last digits; it cleans to the case's id."""

    year_written: int | None = None  # the year in "HV-2026-000012", checked against the case

    case_id = djforms.CharField(label=_("Case number"), max_length=20,
                                help_text=_("As on the case, for example HV-2026-000012."))
    kind = djforms.ChoiceField(label=_("Procedure"), choices=ProcedureKind.choices)
    opened = djforms.DateField(label=_("Opened"), widget=djforms.DateInput(attrs={"type": "date"}))

    def clean_case_id(self) -> int:
        text = self.cleaned_data["case_id"].strip().upper()
        found = re.fullmatch(r"(?:HV-(\d{4})-)?0*(\d{1,12})", text)
        if not found or int(found.group(2)) == 0:
            raise djforms.ValidationError(_("Write the case number as the case shows it, for example HV-2026-000012."))
        self.year_written = int(found.group(1)) if found.group(1) else None
        return int(found.group(2))


class ScreeningForm(djforms.Form):
    """The catalogue's indicators (seed 004 Del 4) and an outcome. Indicators require a
    referral; none means the outcome "no indicators"."""

    screened_on = djforms.DateField(label=_("Screened"), widget=djforms.DateInput(attrs={"type": "date"}))
    indicators = djforms.MultipleChoiceField(label=_("Indicators observed"), widget=djforms.CheckboxSelectMultiple, required=False)
    outcome = djforms.ChoiceField(label=_("Outcome"), choices=Outcome.choices, widget=djforms.RadioSelect)
    to_organisation = djforms.ModelChoiceField(label=_("Refer to"), queryset=Organisation.objects.none(), required=False,
                                               empty_label="—")
    purpose = djforms.ChoiceField(label=_("Purpose of the referral"), choices=Purpose.choices, required=False)
    legal_basis = djforms.ChoiceField(label=_("Legal basis for sharing"), choices=LegalBasis.choices, required=False)

    def __init__(self, *args: Any, catalogue: Catalogue, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language = get_language() or "nb"
        indicators = self.fields["indicators"]
        assert isinstance(indicators, djforms.MultipleChoiceField)
        indicators.choices = [(i.id, i.text.in_language(language)) for i in catalogue.indicators if not i.advice]
        target = self.fields["to_organisation"]
        assert isinstance(target, djforms.ModelChoiceField)
        target.queryset = Organisation.objects.order_by("name")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        outcome, indicators = data.get("outcome"), data.get("indicators") or []
        if outcome == Outcome.NONE and indicators:
            self.add_error("outcome", _("Indicators were noted: refer (and hold, if the removal must wait)."))
        if outcome in (Outcome.REFER, Outcome.REFER_HOLD):
            if not indicators:
                self.add_error("indicators", _("Tick the indicators that lead you to refer."))
            for name in ("to_organisation", "purpose", "legal_basis"):
                if not data.get(name):
                    self.add_error(name, _("Needed for a referral."))
        return data


class LiftForm(djforms.Form):
    reason = djforms.ChoiceField(label=_("Reason"), choices=LiftReason.choices, widget=djforms.RadioSelect)
