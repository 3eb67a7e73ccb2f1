from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from henvis.apps.accounts.models import User
from henvis.apps.accounts.roles import CASE_READERS, ROLE_LABELS, Role
from henvis.apps.organisations.models import Organisation, OrganisationKind


class UserCreateForm(forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150)
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.filter(active=True))
    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=[(r.value, ROLE_LABELS[r]) for r in Role], widget=forms.CheckboxSelectMultiple,
    )
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput, strip=False)

    def __init__(self, *args: Any, acting_user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.acting_user = acting_user
        if not acting_user.has_role(Role.SYSTEM_ADMIN):
            # An organisation administrator creates users in their own organisation only
            # and cannot hand out the system administrator role.
            org_field = self.fields["organisation"]
            roles_field = self.fields["roles"]
            assert isinstance(org_field, forms.ModelChoiceField)
            assert isinstance(roles_field, forms.MultipleChoiceField)
            org_field.queryset = Organisation.objects.filter(pk=acting_user.organisation_id or 0)
            roles_field.choices = [
                (r.value, ROLE_LABELS[r]) for r in Role if r is not Role.SYSTEM_ADMIN
            ]

    def clean_username(self) -> str:
        name: str = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=name).exists():
            raise forms.ValidationError(_("This user name is taken."))
        return name

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        roles = set(data.get("roles") or [])
        organisation = data.get("organisation")
        if Role.ANALYST in roles:
            # The analyst works at the national coordination unit on pseudonymised data
            # only: elsewhere the role would let an organisation's administrator replace
            # the national figures, and next to a case role it would join names and figures.
            if organisation is not None and organisation.kind != OrganisationKind.COORDINATION:
                self.add_error("roles", _("Only users of the national coordination unit can be statistics analysts."))
            if roles & set(CASE_READERS):
                self.add_error("roles", _("A statistics analyst cannot also hold a role that reads cases."))
        if data.get("password"):
            validate_password(data["password"], User(username=data.get("username", "")))
        return data
