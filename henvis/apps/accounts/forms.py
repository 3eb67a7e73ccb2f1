from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from henvis.apps.accounts.models import User
from henvis.apps.accounts.roles import ROLE_LABELS, Role
from henvis.apps.organisations.models import Organisation


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
        if data.get("password"):
            validate_password(data["password"], User(username=data.get("username", "")))
        return data
