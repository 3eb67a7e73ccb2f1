"""The screening form. One Django form holds every answer; each step of the journey shows
some of its fields and carries the others as hidden inputs, so that nothing about the
person is stored on the server between steps."""

from __future__ import annotations

from typing import Any

from django import forms as djforms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from henvis.catalogue import Catalogue, ScreeningError, ScreeningInput
from henvis.catalogue.guide_types import Indicator
from henvis.catalogue.screening import SAYS_ADULT_LOOKS_MINOR

# The journey. Form and arena come before the observations so that the extra indicators for
# prostitution and forced labour (seed 004 Del 4) can be shown only when relevant.
STEPS: tuple[tuple[str, Any, tuple[str, ...]], ...] = (
    ("who", _("Who you are"), ("reporter_kind", "public_tasks")),
    ("person", _("The person"), (
        "age", "age_in_doubt", "sex", "danger_now", "life_threatening", "urgent_health",
        "needs_safe_place", "accompanying_children", "wants_police", "wants_to_go_home",
    )),
    ("situation", _("What you suspect"), (
        "forms", "arenas", "abroad", "gross_violence_or_coercion", "significant_profit",
    )),
    # The worker's own judgement comes after the observations: the law makes it, not the
    # indicators, the trigger of a duty (seed 004 lines 353, 694, 714).
    ("observations", _("What you have observed"), ("indicators", "reason_to_believe", "most_likely")),
)
RESULT_STEP = len(STEPS)


def _choices(items: Any) -> list[tuple[str, str]]:
    language = get_language() or "nb"
    return [(item.id, (item.name if hasattr(item, "name") else item.text).in_language(language)) for item in items]


class ScreeningForm(djforms.Form):
    reporter_kind = djforms.ChoiceField(label=_("Where do you work?"), widget=djforms.RadioSelect, required=False)
    public_tasks = djforms.BooleanField(
        label=_("My organisation does tasks for the public sector (applies to voluntary organisations and private businesses)"),
        required=False,
    )
    age = djforms.IntegerField(label=_("Age (years), if known or estimated"), min_value=0, max_value=120, required=False)
    age_in_doubt = djforms.BooleanField(label=_("The age is in doubt: the person may be under 18"), required=False)
    sex = djforms.ChoiceField(label=_("Sex"), widget=djforms.RadioSelect, required=False)
    danger_now = djforms.BooleanField(label=_("The person is in acute danger now"), required=False)
    life_threatening = djforms.BooleanField(label=_("Life-threatening illness or injury"), required=False)
    urgent_health = djforms.BooleanField(label=_("Needs urgent health care"), required=False)
    needs_safe_place = djforms.BooleanField(label=_("Needs safety or a safe place to stay"), required=False)
    accompanying_children = djforms.BooleanField(label=_("Has children under 18 with them"), required=False)
    wants_police = djforms.BooleanField(
        label=_("The person wants help from the police, or wants to report those who exploit them"), required=False,
    )
    wants_to_go_home = djforms.BooleanField(label=_("The person wants to go home (to their home country)"), required=False)
    reason_to_believe = djforms.BooleanField(
        label=_("From what I have observed or been told, there is reason to believe that the person is being, "
                "or will be, exploited in human trafficking"),
        help_text=_("This is the threshold for the duty to notify the child welfare service (barnevernsloven § 13-2 "
                    "letter e). You need not be sure and you are not responsible for investigating further yourself: a reasoned "
                    "concern is enough. One indicator need not on its own mean exploitation; look at them together. "
                    "(KOM's guide, Part 6 point 1 and Part 4)"),
        required=False,
    )
    most_likely = djforms.BooleanField(
        label=_("I know, or believe it most likely, that the person is being or will be exploited"),
        help_text=_("This is the threshold for the duty to avert (straffeloven § 196): it arises when you know that "
                    "the act will happen, or believe it is more likely than not. With signs of aggravated trafficking "
                    "(under 18, gross violence or coercion, significant gain) it applies to everyone and overrides "
                    "confidentiality. (KOM's guide, Part 6 point 1, Duty to avert)"),
        required=False,
    )
    forms = djforms.MultipleChoiceField(
        label=_("Suspected form of exploitation (straffeloven § 257)"), widget=djforms.CheckboxSelectMultiple, required=False,
    )
    arenas = djforms.MultipleChoiceField(label=_("Arena"), widget=djforms.CheckboxSelectMultiple, required=False)
    abroad = djforms.BooleanField(label=_("The exploitation took place (also) in another country"), required=False)
    gross_violence_or_coercion = djforms.BooleanField(label=_("Gross violence or coercion is or may be used"), required=False)
    significant_profit = djforms.BooleanField(label=_("The exploitation gives or may give significant gain"), required=False)
    indicators = djforms.MultipleChoiceField(widget=djforms.CheckboxSelectMultiple, required=False)

    def __init__(self, *args: Any, catalogue: Catalogue, step: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.catalogue = catalogue
        self.step = step  # validate the answers of the steps up to and including this one
        choices = {
            "reporter_kind": _choices(catalogue.reporter_kinds),
            "sex": _choices(catalogue.sexes),
            "forms": _choices(catalogue.forms),
            "arenas": _choices(catalogue.arenas),
            # Advice sentences of the guide (ct-m03, ct-m04) are shown as notes, never ticked.
            "indicators": [(i.id, i.id) for i in catalogue.indicators if not i.advice],
        }
        for name, options in choices.items():
            field = self.fields[name]
            assert isinstance(field, djforms.ChoiceField)
            field.choices = options

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.step >= 0 and not data.get("reporter_kind"):
            self.add_error("reporter_kind", _("Choose where you work."))
        if self.step >= 1 and data.get("age") is None and not data.get("age_in_doubt"):
            self.add_error("age", _("Give the age, or tick that the age is in doubt."))
        return data

    # --- what the steps show -------------------------------------------------------------

    def treated_as_child(self) -> bool:
        age, doubt = self._value("age"), self._value("age_in_doubt")
        says_adult_looks_minor = SAYS_ADULT_LOOKS_MINOR in (self._value("indicators") or [])
        return bool(doubt) or says_adult_looks_minor or (age is not None and age < 18)

    def visible_indicators(self) -> list[Indicator]:
        """The four main categories for everyone; extras for minors only for a child; the
        prostitution and forced-labour extras when that form is suspected or none is chosen.
        "Says they are an adult but appears to be a minor" (be-m01, seed 004 line 428) is shown
        for every age: it exists for a person given as an adult."""
        chosen_forms = set(self._value("forms") or [])
        child = self.treated_as_child()
        shown = []
        for indicator in self.catalogue.indicators:
            if indicator.applies_to == "minor" and not child and indicator.id != SAYS_ADULT_LOOKS_MINOR:
                continue
            if indicator.applies_to in {"prostitution", "forced_labour"} and chosen_forms and indicator.applies_to not in chosen_forms:
                continue
            shown.append(indicator)
        return shown

    def screening_input(self) -> ScreeningInput:
        """The validated answers as the catalogue's ScreeningInput (call after is_valid())."""
        data = self.cleaned_data
        visible = {i.id for i in self.visible_indicators()}
        answers = {
            "catalogue_version": self.catalogue.version,
            "reporter_kind": data["reporter_kind"],
            "public_tasks": data["public_tasks"],
            "age": data["age"],
            "age_in_doubt": data["age_in_doubt"],
            "sex": data["sex"] or "unknown",
            "danger_now": data["danger_now"],
            "life_threatening": data["life_threatening"],
            "urgent_health": data["urgent_health"],
            "needs_safe_place": data["needs_safe_place"],
            "accompanying_children": data["accompanying_children"],
            # Answers hidden by a later change (e.g. age corrected to adult) are dropped.
            "indicators": [i for i in data["indicators"] if i in visible and not self.catalogue.indicator(i).advice],
            "forms": data["forms"],
            "arenas": data["arenas"],
            "abroad": data["abroad"],
            "gross_violence_or_coercion": data["gross_violence_or_coercion"],
            "significant_profit": data["significant_profit"],
            "reason_to_believe": data["reason_to_believe"],
            "most_likely": data["most_likely"],
            "wants_police": data["wants_police"],
            "wants_to_go_home": data["wants_to_go_home"],
        }
        try:
            return ScreeningInput.from_dict(answers, self.catalogue)
        except ScreeningError as exc:
            english = (get_language() or "nb").startswith("en")
            self.add_error(None, exc.message_en if english else exc.message_nb)
            raise

    def _value(self, name: str) -> Any:
        if hasattr(self, "cleaned_data") and name in self.cleaned_data:
            return self.cleaned_data[name]
        field = self.fields[name]
        raw = self[name].value()
        try:
            return field.clean(raw)
        except djforms.ValidationError:
            return None
