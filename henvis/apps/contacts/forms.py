from __future__ import annotations

from typing import Any

from django import forms as djforms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from henvis.apps.contacts.models import Contact
from henvis.apps.organisations.models import Organisation
from henvis.catalogue import Catalogue


def _lang() -> str:
    return get_language() or "nb"


class ContactForm(djforms.ModelForm):
    """Only fixed choices: nothing typed here can identify the person."""

    indicators = djforms.MultipleChoiceField(label=_("Indicators noted"), widget=djforms.CheckboxSelectMultiple, required=False)
    forms = djforms.MultipleChoiceField(label=_("Suspected forms of exploitation"), widget=djforms.CheckboxSelectMultiple, required=False)
    advised_services = djforms.MultipleChoiceField(label=_("Advised to contact"), widget=djforms.CheckboxSelectMultiple, required=False)

    class Meta:
        model = Contact
        fields = ["contact_date", "caller_kind", "channel", "indicators", "forms", "advised_services", "referred_to"]
        widgets = {"contact_date": djforms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args: Any, catalogue: Catalogue, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.catalogue = catalogue
        language = _lang()
        self.fields["indicators"].choices = [  # type: ignore[attr-defined]
            (i.id, i.text.in_language(language)) for i in catalogue.indicators if not i.advice
        ]
        self.fields["forms"].choices = [(f.id, f.text.in_language(language)) for f in catalogue.forms]  # type: ignore[attr-defined]
        self.fields["advised_services"].choices = [  # type: ignore[attr-defined]
            (s.id, s.name.in_language(language)) for s in catalogue.directory if s.group != "web"
        ]
        referred = self.fields["referred_to"]
        assert isinstance(referred, djforms.ModelChoiceField)
        referred.queryset = Organisation.objects.order_by("name")
        referred.required = False
        referred.empty_label = "—"


class LinkForm(djforms.Form):
    case_id = djforms.IntegerField(label=_("Case number"), min_value=1)
    consent = djforms.BooleanField(
        label=_("The person has agreed to be registered with identity in this case"), required=True,
    )
