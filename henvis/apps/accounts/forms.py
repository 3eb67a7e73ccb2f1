from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import PasswordChangeForm
from django.utils.translation import gettext_lazy as _

from henvis.apps.accounts.models import User
from henvis.apps.accounts.roles import CASE_READERS, ROLE_LABELS, Role, role_conflicts
from henvis.apps.organisations.models import Organisation, OrganisationKind
from henvis.web.lists import ListFilterForm, organisation_filter


def _role_choices(acting_user: User) -> list[tuple[str, Any]]:
    # Only a system administrator hands out the system administrator role.
    return [
        (r.value, ROLE_LABELS[r]) for r in Role
        if r is not Role.SYSTEM_ADMIN or acting_user.has_role(Role.SYSTEM_ADMIN)
    ]


def check_roles(form: forms.Form, roles: set[str], organisation: Organisation | None) -> None:
    """The rules for a set of roles in an organisation, as errors on the form's ``roles``."""
    for problem in role_conflicts(roles):
        form.add_error("roles", problem)
    if Role.ANALYST in roles:
        # The analyst works at the national coordination unit on pseudonymised data
        # only: elsewhere the role would let an organisation's administrator replace
        # the national figures, and next to a case role it would join names and figures.
        if organisation is not None and organisation.kind != OrganisationKind.COORDINATION:
            form.add_error("roles", _("Only users of the national coordination unit can be statistics analysts."))
        if roles & set(CASE_READERS):
            form.add_error("roles", _("A statistics analyst cannot also hold a role that reads cases."))


class UserCreateForm(forms.Form):
    """A new user. There is no password field: the new user gets a one-time password
    that must be changed at the first log-in (separation of duties: no administrator
    knows the working password of a user with access to cases)."""

    username = forms.CharField(label=_("User name"), max_length=150)
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.filter(active=True),
                                          empty_label=_("Choose…"))
    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=[(r.value, ROLE_LABELS[r]) for r in Role], widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, acting_user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.acting_user = acting_user
        roles_field = self.fields["roles"]
        assert isinstance(roles_field, forms.MultipleChoiceField)
        roles_field.choices = _role_choices(acting_user)
        if not acting_user.has_role(Role.SYSTEM_ADMIN):
            # An organisation administrator creates users in their own organisation only.
            org_field = self.fields["organisation"]
            assert isinstance(org_field, forms.ModelChoiceField)
            org_field.queryset = Organisation.objects.filter(pk=acting_user.organisation_id or 0)

    def clean_username(self) -> str:
        name: str = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=name).exists():
            raise forms.ValidationError(_("This user name is taken."))
        return name

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_roles(self, set(data.get("roles") or []), data.get("organisation"))
        return data


class UserEditForm(forms.Form):
    """Name, e-mail and roles of an existing user. The user name and the organisation
    stay: a person who moves to another organisation gets a new account, so that the
    audit log keeps saying which organisation acted."""

    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    roles = forms.MultipleChoiceField(label=_("Roles"), choices=(), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, acting_user: User, target: User, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {
            "first_name": target.first_name, "last_name": target.last_name, "email": target.email,
            "roles": target.role_slugs(),
        })
        super().__init__(*args, **kwargs)
        self.acting_user = acting_user
        self.target = target
        roles_field = self.fields["roles"]
        assert isinstance(roles_field, forms.MultipleChoiceField)
        roles_field.choices = _role_choices(acting_user)
        if target.pk == acting_user.pk:
            # Nobody changes their own roles: another administrator does.
            roles_field.disabled = True
            roles_field.help_text = _("Another administrator changes your own roles.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_roles(self, set(data.get("roles") or []), self.target.organisation)
        return data

    def changed_fields(self) -> list[str]:
        """Names (never values) of the fields that differ from the user as stored."""
        data = self.cleaned_data
        changed = [f for f in ("first_name", "last_name", "email") if data[f] != getattr(self.target, f)]
        if sorted(data["roles"]) != self.target.role_slugs():
            changed.append("roles")
        return changed


class OwnPasswordForm(PasswordChangeForm):
    """The user's own password, replacing the one an administrator gave."""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        new = data.get("new_password1")
        if new and self.user.check_password(new):
            self.add_error("new_password1", _("Choose a password other than the one you were given."))
        return data


class UserFilterForm(ListFilterForm):
    """The user list's filter: in the address (GET, bookmarkable); no names."""

    organisation = organisation_filter(_("Organisation"))
    role = forms.ChoiceField(label=_("Role"), required=False,
                             choices=[("", _("All")), *((str(r), label) for r, label in ROLE_LABELS.items())])
    state = forms.ChoiceField(label=_("Status"), required=False,
                              choices=[("", _("All")), ("active", _("Active")), ("inactive", _("Deactivated"))])
