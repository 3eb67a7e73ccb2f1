"""Forms for the case pages. Labels are English msgids, translated to Bokmål."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from henvis.apps.cases import age, identity_numbers, limits, periods
from henvis.apps.cases.choices import (
    Arena,
    BirthPrecision,
    CaseStatus,
    DecisionKind,
    ExploitationForm,
    MeasureKind,
    Outcome,
    PlaceKind,
)
from henvis.apps.cases.idempotency import OnceOnly
from henvis.apps.cases.limits import LimitsShown
from henvis.apps.cases.models import (
    Case,
    CriminalProceeding,
    Decision,
    Measure,
    NonPunishmentAssessment,
    Person,
)
from henvis.apps.organisations.models import Organisation, OrganisationKind
from henvis.web.lists import ListFilterForm, organisation_filter

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _split(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"[,;\n]", text) if p.strip()]


def _country_code(text: str) -> str | None:
    """A country's code from its name in Bokmål or English (any case) or from a two- or
    three-letter code as the API takes it; None if it names no country."""
    if re.fullmatch(r"[A-Za-z]{2,3}", text):
        return text.upper()
    for language in ("nb", "en"):
        code = countries.by_name(text, language=language)
        if isinstance(code, str) and code:
            return code
    return None


FUTURE = _("This date is in the future.")


def date_errors(data: dict[str, Any], past: tuple[str, ...] = (),
                order: tuple[tuple[str, str, Any], ...] = ()) -> dict[str, Any]:
    """Impossible dates, shared by the pages and the API: each field in ``past`` not
    after today; for each ``(earlier, later, message)`` the later not before the earlier."""
    today = timezone.localdate()
    errors: dict[str, Any] = {}
    for name in past:
        if data.get(name) and data[name] > today:
            errors[name] = FUTURE
    for earlier, later, message in order:
        if data.get(earlier) and data.get(later) and data[later] < data[earlier] and later not in errors:
            errors[later] = message
    return errors


def _add(form: forms.BaseForm, errors: dict[str, Any]) -> None:
    for name, message in errors.items():
        form.add_error(name, message)


# What identifies a person: a new person needs one of them or "identity not known".
IDENTIFYING_FIELDS = ("given_names", "family_name", "aliases", "national_id", "duf_number")


class PersonForm(LimitsShown, forms.Form):
    given_names = forms.CharField(label=_("Given names"), max_length=200, required=False)
    family_name = forms.CharField(label=_("Family name"), max_length=200, required=False)
    aliases = forms.CharField(label=_("Aliases and other spellings (comma separated)"), required=False,
                              max_length=limits.ALIASES_MAX)
    birth_precision = forms.ChoiceField(label=_("Date of birth is"), choices=BirthPrecision.choices, initial=BirthPrecision.UNKNOWN)
    birth_date = forms.DateField(label=_("Date of birth"), required=False, widget=DATE)
    birth_year = forms.IntegerField(label=_("Year of birth (or first year of the range)"), required=False, min_value=1900, max_value=2100)
    birth_year_to = forms.IntegerField(label=_("Last year of the estimated range"), required=False, min_value=1900, max_value=2100)
    sex = forms.ChoiceField(label=_("Sex"), choices=Person._meta.get_field("sex").choices, initial="unknown")  # type: ignore[arg-type]
    citizenships = forms.CharField(
        label=_("Citizenships (countries, comma separated)"), required=False, max_length=limits.CITIZENSHIPS_MAX,
        help_text=_("For example Nigeria, Romania: the country's name in Bokmål or English, or its two-letter code."),
    )
    national_id = forms.CharField(label=_("Fødselsnummer or D-number"), required=False, max_length=20)
    duf_number = forms.CharField(label=_("DUF number"), required=False, max_length=20)
    identity_unknown = forms.BooleanField(
        label=_("Identity not known (no name, alias or identity number yet)"), required=False,
    )
    contact = forms.CharField(label=_("Contact details"), required=False, max_length=limits.CONTACT_MAX,
                              widget=forms.Textarea(attrs={"rows": 2}))
    children = forms.CharField(
        label=_("Accompanying children (one per line: name, year of birth)"), required=False,
        max_length=limits.CHILDREN_MAX, widget=forms.Textarea(attrs={"rows": 2}),
    )
    minor = forms.BooleanField(
        label=_("Minor (under 18)"), required=False,
        help_text=_("For when the date of birth is not known: a date of birth decides by itself."),
    )
    age_in_doubt = forms.BooleanField(
        label=_("Age in doubt (treat as a child until clarified)"), required=False,
        help_text=_("Also when a date of birth may be wrong. A year or a range of years that may be under 18 "
                    "counts as age in doubt by itself."),
    )

    def clean_national_id(self) -> str:
        value = re.sub(r"\s", "", self.cleaned_data["national_id"])
        if value and identity_numbers.is_synthetic(value) and not settings.HENVIS_ACCEPT_SYNTHETIC_IDS:
            raise forms.ValidationError(
                _("Test-registry numbers (month + 80) are not accepted in this installation.")
            )
        if value and not identity_numbers.valid_national_id(value):
            raise forms.ValidationError(_("Not a valid fødselsnummer or D-number (11 digits with control digits)."))
        return value

    def clean_duf_number(self) -> str:
        value = re.sub(r"\s", "", self.cleaned_data["duf_number"])
        if value and not identity_numbers.valid_duf_number(value):
            raise forms.ValidationError(_("A DUF number has 12 digits."))
        return value

    def clean_children(self) -> list[dict[str, str]]:
        """One child a line, "name, year of birth": both needed, the year a real one
        (issue 15 item 9)."""
        this_year = timezone.localdate().year
        children = []
        for line in self.cleaned_data["children"].splitlines():
            if not line.strip():
                continue
            name, _sep, year = (p.strip() for p in line.rpartition(",")) if "," in line else (line.strip(), "", "")
            if not name or not year:
                raise forms.ValidationError(
                    _("Give each child's name and year of birth, one child a line, e.g. “Maria, 2019”."))
            if not re.fullmatch(r"\d{4}", year) or not 1900 <= int(year) <= this_year:
                raise forms.ValidationError(
                    _("A child's year of birth is a year between %(first)d and %(last)d.")
                    % {"first": 1900, "last": this_year})
            children.append({"name": name, "birth_year": year})
        return children

    def clean_citizenships(self) -> list[str]:
        codes, unknown = [], []
        for item in _split(self.cleaned_data["citizenships"]):
            code = _country_code(item)
            if code is None:
                unknown.append(item)
            else:
                codes.append(code)
        if unknown:
            raise forms.ValidationError(
                _("Unknown country: %(names)s. Write the country's name, e.g. Nigeria, Romania, or its code, e.g. NG, RO."),
                params={"names": ", ".join(unknown)})
        return codes

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        precision = data.get("birth_precision")
        if precision == BirthPrecision.EXACT and not data.get("birth_date"):
            self.add_error("birth_date", _("Give the date of birth."))
        if precision in (BirthPrecision.YEAR, BirthPrecision.RANGE) and not data.get("birth_year"):
            self.add_error("birth_year", _("Give the year of birth."))
        if precision == BirthPrecision.RANGE:
            first, last = data.get("birth_year"), data.get("birth_year_to")
            if not last or (first and last < first):
                self.add_error("birth_year_to", _("Give a last year not before the first."))
        identified = any(str(data.get(f) or "").strip(" ,;") for f in IDENTIFYING_FIELDS)
        refused = any(f in self.errors for f in IDENTIFYING_FIELDS)  # e.g. an invalid number
        if not identified and not refused and not data.get("identity_unknown"):
            self.add_error("given_names", _(
                "Give a name, an alias or an identity number, or tick “Identity not known”."
            ))
        if identified and data.get("identity_unknown"):
            self.add_error("identity_unknown", _("Untick “Identity not known”: a name or number is given."))
        today = timezone.localdate()
        if data.get("birth_date") and data["birth_date"] > today:
            self.add_error("birth_date", _("The date of birth is in the future."))
        for name in ("birth_year", "birth_year_to"):
            if data.get(name) and data[name] > today.year:
                self.add_error(name, _("The year of birth is in the future."))
        birth_fields = ("birth_precision", "birth_date", "birth_year", "birth_year_to")
        if precision and not any(f in self.errors for f in birth_fields) and age.contradicts_minor_flag(
            precision, self._birth_text(data), minor=bool(data.get("minor")),
            age_in_doubt=bool(data.get("age_in_doubt")), on=today,
        ):
            self.add_error("minor", _(
                "By the date of birth the person is 18 or older. Untick “Minor”, correct the date of birth, "
                "or tick “Age in doubt” if the date may be wrong."
            ))
        return data

    def birth_text(self) -> str:
        return self._birth_text(self.cleaned_data)

    @staticmethod
    def _birth_text(data: dict[str, Any]) -> str:
        precision = data["birth_precision"]
        if precision == BirthPrecision.EXACT and data.get("birth_date"):
            return str(data["birth_date"].isoformat())
        if precision == BirthPrecision.YEAR and data.get("birth_year"):
            return str(data["birth_year"])
        if precision == BirthPrecision.RANGE and data.get("birth_year"):
            return f"{data['birth_year']}/{data['birth_year_to']}"
        return ""

    def fill(self, person: Person) -> Person:
        data = self.cleaned_data
        person.given_names = data["given_names"].strip()
        person.family_name = data["family_name"].strip()
        person.aliases = _split(data["aliases"])
        person.birth_precision = data["birth_precision"]
        person.birth = self.birth_text()
        person.sex = data["sex"]
        person.citizenships = data["citizenships"]
        person.national_id = data["national_id"]
        person.duf_number = data["duf_number"]
        person.contact = data["contact"].strip()
        person.children = data["children"]
        person.minor = data["minor"]
        person.age_in_doubt = data["age_in_doubt"]
        return person

    @classmethod
    def initial_from(cls, person: Person) -> dict[str, Any]:
        birth = person.birth or ""
        first, _sep, last = birth.partition("/")
        return {
            "identity_unknown": person.identity_unknown,
            "given_names": person.given_names, "family_name": person.family_name,
            "aliases": ", ".join(person.aliases or []), "birth_precision": person.birth_precision,
            "birth_date": birth if person.birth_precision == BirthPrecision.EXACT else None,
            "birth_year": first[:4] if person.birth_precision in (BirthPrecision.YEAR, BirthPrecision.RANGE) else None,
            "birth_year_to": last or None, "sex": person.sex,
            # the countries by name in the page's language, as the form asks for them
            "citizenships": ", ".join(str(countries.name(c)) if c in countries else c for c in person.citizenships or []),
            "national_id": person.national_id, "duf_number": person.duf_number, "contact": person.contact,
            "children": "\n".join(f"{c.get('name', '')}, {c.get('birth_year', '')}" for c in person.children or []),
            "minor": person.minor, "age_in_doubt": person.age_in_doubt,
        }


def country_choices() -> list[tuple[str, str]]:
    """ISO 3166-1 countries by their name in the active language (django-countries)."""
    return [("", "—"), *((str(code), str(name)) for code, name in countries)]


class CaseForm(LimitsShown, forms.ModelForm):  # type: ignore[type-arg]
    country = forms.ChoiceField(
        label=Case._meta.get_field("country").verbose_name, choices=country_choices, required=False,
        error_messages={"invalid_choice": _("Choose the country from the list (a two-letter code such as NG in the API).")},
    )
    exploitation_forms = forms.MultipleChoiceField(
        label=_("Exploitation forms"), choices=ExploitationForm.choices, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose the exploitation form suspected, or “Not known”.")},
    )
    arenas = forms.MultipleChoiceField(label=_("Arenas"), choices=Arena.choices, required=False, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Case
        fields = [
            "status", "opened", "exploitation_forms", "arenas", "place_kind", "municipality", "police_district",
            "country", "identified_how", "identified_by_kind",
        ]
        widgets = {"opened": DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        open_statuses = [c for c in CaseStatus.choices if c[0] != CaseStatus.CLOSED]
        self.fields["status"].choices = open_statuses  # type: ignore[attr-defined]
        self.fields["police_district"].queryset = Organisation.objects.filter(kind=OrganisationKind.POLICE_DISTRICT)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _add(self, date_errors(data, past=("opened",)))
        if self.instance.closed and data.get("opened") and data["opened"] > self.instance.closed:
            self.add_error("opened", _("The case cannot be opened after it was closed."))
        chosen = data.get("exploitation_forms") or []
        if ExploitationForm.UNKNOWN in chosen and len(chosen) > 1:
            self.add_error("exploitation_forms", _("“Not known” cannot be chosen together with a form."))
        if data.get("place_kind") == PlaceKind.ABROAD and not data.get("country"):
            self.add_error("country", _("Give the country when the exploitation took place abroad."))
        return data


class NewCaseForm(OnceOnly, CaseForm):
    """The case part of the new-case page, with the page's one-time key."""


class CloseCaseForm(LimitsShown, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Case
        fields = ["closed", "closing_reason"]
        widgets = {"closed": DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["closed"].required = True
        self.fields["closing_reason"].required = True

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _add(self, date_errors({**data, "opened": self.instance.opened}, past=("closed",),
                               order=(("opened", "closed", _("The case cannot be closed before it was opened.")),)))
        return data


class MeasureForm(OnceOnly, LimitsShown, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Measure
        fields = ["kind", "provider", "provider_name", "start", "end", "legal_aid_hours", "extension_granted", "risk_assessed_on"]
        widgets = {"start": DATE, "end": DATE, "risk_assessed_on": DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = Organisation.objects.serving()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end is before the start."))
        _add(self, date_errors(data, past=("risk_assessed_on",)))
        if data.get("kind") == MeasureKind.SAFETY and not data.get("risk_assessed_on"):
            self.add_error("risk_assessed_on", _("Safety measures follow a risk assessment: give its date."))
        if data.get("kind") != MeasureKind.LEGAL_AID and (data.get("legal_aid_hours") or data.get("extension_granted")):
            self.add_error("legal_aid_hours", _("Hours and extension apply to legal aid only."))
        return data


class DecisionForm(OnceOnly, LimitsShown, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Decision
        fields = [
            "kind", "decided_by", "applied_on", "decided_on", "outcome", "refusal_reason", "valid_from", "valid_to",
            "renewal_of", "reintegration_support",
        ]
        widgets = {"applied_on": DATE, "decided_on": DATE, "valid_from": DATE, "valid_to": DATE}

    def __init__(self, *args: Any, case: Case, renewable: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case = case
        self.fields["decided_by"].queryset = Organisation.objects.serving()  # type: ignore[attr-defined]
        self.fields["renewal_of"].queryset = renewable  # type: ignore[attr-defined]
        self.fields["valid_to"].help_text = _("Left empty, the end follows from the rules (e.g. 6 months for a reflection period).")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        return validate_decision(self, data)


def validate_decision(form: forms.BaseForm | None, data: dict[str, Any]) -> dict[str, Any]:
    """The legal rules of seed 001 ch. 3.2 and 5.3, shared by the page and the API.
    Returns the data with ``valid_to`` filled in; errors go to ``form`` or raise."""
    errors: dict[str, Any] = {}
    kind, outcome = data.get("kind"), data.get("outcome")
    start, end, renews = data.get("valid_from"), data.get("valid_to"), data.get("renewal_of")
    errors |= date_errors(data, past=("applied_on", "decided_on"), order=(
        ("applied_on", "decided_on", _("The decision is dated before the application.")),
    ))
    if outcome == Outcome.REFUSED and not data.get("refusal_reason"):
        errors["refusal_reason"] = _("Give the reason for the refusal.")
    if outcome != Outcome.REFUSED and data.get("refusal_reason"):
        errors["refusal_reason"] = _("A refusal reason belongs to a refusal only.")
    if outcome == Outcome.GRANTED and kind in PERIOD_KINDS and not start:
        errors["valid_from"] = _("Give the first day of validity.")
    if start and end and end < start:
        errors["valid_to"] = _("The end is before the start.")
    if renews is not None and renews.kind != kind:
        errors["renewal_of"] = _("A decision can only renew a decision of the same kind.")
    if kind == DecisionKind.REFLECTION_PERIOD and renews is not None:
        errors["renewal_of"] = _("A reflection period cannot be renewed (utf. § 8-3 first paragraph).")
    if kind != DecisionKind.ASSISTED_RETURN and data.get("reintegration_support"):
        errors["reintegration_support"] = _("Reintegration support belongs to assisted return.")
    if start and outcome == Outcome.GRANTED and not errors:
        probe = Decision(kind=str(kind), outcome=str(outcome), valid_from=start, renewal_of=renews)
        limit = probe.default_valid_to()
        if limit is not None:
            if end is None:
                data["valid_to"] = limit
            elif end > limit:
                errors["valid_to"] = LIMIT_MESSAGES.get(DecisionKind(str(kind)), _("The period is longer than the rules allow."))
        if kind == DecisionKind.CW_INSTITUTION_PLACEMENT and renews is not None:
            first = probe.chain_start() or start
            if start >= periods.placement_maximum_end(first):
                errors["valid_from"] = _("Placements may last 6 months in total; the maximum is reached.")
    for name, message in errors.items():
        if form is not None:
            form.add_error(name, message)
    if errors and form is None:
        raise forms.ValidationError(errors)
    return data


PERIOD_KINDS = (
    DecisionKind.REFLECTION_PERIOD, DecisionKind.LIMITED_PERMIT, DecisionKind.CW_ACUTE_PLACEMENT,
    DecisionKind.CW_INSTITUTION_PLACEMENT,
)
LIMIT_MESSAGES = {
    DecisionKind.REFLECTION_PERIOD: _("A reflection period lasts 6 months (utf. § 8-3 first paragraph)."),
    DecisionKind.LIMITED_PERMIT: _("A limited residence permit lasts at most 12 months (utf. § 8-3 second paragraph)."),
    DecisionKind.CW_ACUTE_PLACEMENT: _("An acute placement lasts at most 2 weeks."),
    DecisionKind.CW_INSTITUTION_PLACEMENT: _("A placement decision lasts at most 6 weeks, 6 months in total."),
}


# What makes a criminal-case record more than its defaults (provision, stage): an empty
# form is refused (issue 15 item 9).
PROCEEDING_CONTENT = (
    "police_district", "reported_on", "exploitation_form", "victim_minor_at_time", "indicted_on", "court_level",
    "verdict", "judgment_on", "final", "sentence", "compensation_awarded",
)


class ProceedingForm(OnceOnly, LimitsShown, forms.ModelForm):  # type: ignore[type-arg]
    exploitation_form = forms.ChoiceField(label=_("Exploitation form"), choices=[("", "—"), *ExploitationForm.choices], required=False)

    class Meta:
        model = CriminalProceeding
        fields = [
            "police_district", "reported_on", "provision", "exploitation_form", "victim_minor_at_time", "stage",
            "indicted_on", "court_level", "verdict", "judgment_on", "final", "sentence", "compensation_awarded",
        ]
        widgets = {"reported_on": DATE, "indicted_on": DATE, "judgment_on": DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["police_district"].queryset = Organisation.objects.filter(kind=OrganisationKind.POLICE_DISTRICT)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _add(self, date_errors(data, past=("reported_on", "indicted_on", "judgment_on"), order=(
            ("reported_on", "indicted_on", _("The indictment is dated before the report.")),
            ("indicted_on", "judgment_on", _("The judgment is dated before the indictment.")),
            ("reported_on", "judgment_on", _("The judgment is dated before the report.")),
        )))
        if not any(data.get(f) for f in PROCEEDING_CONTENT) and not self.errors:
            self.add_error(None, _("The form is empty: give at least the police district or the date reported."))
        if data.get("verdict") and not data.get("court_level"):
            self.add_error("court_level", _("Give the court that gave the judgment."))
        if data.get("final") and not data.get("verdict"):
            self.add_error("final", _("Only a judgment can be final."))
        return data


class NonPunishmentForm(OnceOnly, LimitsShown, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = NonPunishmentAssessment
        fields = ["assessed_on", "offence", "outcome"]
        widgets = {"assessed_on": DATE, "offence": forms.TextInput}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _add(self, date_errors(data, past=("assessed_on",)))
        return data


class CaseSearchForm(LimitsShown, forms.Form):
    """The name search: always posted, never in the address (docs/architecture.md)."""

    q = forms.CharField(label=_("Search name, alias or case number"), required=False, max_length=limits.SEARCH_MAX)


class CaseFilterForm(ListFilterForm):
    """The case list's filter: in the address (GET, bookmarkable); no names."""

    status = forms.ChoiceField(label=_("Status"), choices=[("", _("All")), *CaseStatus.choices], required=False)
    form = forms.ChoiceField(label=_("Exploitation form"), choices=[("", _("All")), *ExploitationForm.choices], required=False)
    whose = forms.ChoiceField(
        label=_("Cases"), required=False,
        choices=[("", _("All I can see")), ("own", _("Owned by my organisation")), ("referred", _("Referred to my organisation"))],
    )
    organisation = organisation_filter(_("Owner"))
    opened_from = forms.DateField(label=_("Opened from"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    opened_to = forms.DateField(label=_("Opened to"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

