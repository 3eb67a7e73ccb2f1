from __future__ import annotations

from itertools import groupby

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from henvis.apps.accounts.roles import Role
from henvis.apps.audit.log import record
from henvis.apps.organisations.models import Organisation, OrganisationKind

KIND_ORDER = {kind: index for index, kind in enumerate(OrganisationKind.values)}


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = [
            "slug", "name", "name_en", "kind", "parent", "phone", "phone_note", "phone_note_en", "email", "web",
            "description", "description_en", "source",
        ]


def organisation_list(request: HttpRequest) -> HttpResponse:
    orgs = sorted(
        Organisation.objects.filter(active=True).select_related("parent"),
        key=lambda o: (KIND_ORDER.get(o.kind, 99), o.parent.name if o.parent else o.name, o.parent is not None, o.name),
    )
    groups = [(kind, list(items)) for kind, items in groupby(orgs, key=lambda o: o.get_kind_display())]
    can_add = request.user.has_role(Role.SYSTEM_ADMIN)  # type: ignore[union-attr]
    return render(request, "organisations/list.html", {"groups": groups, "can_add": can_add, "count": len(orgs)})


def organisation_create(request: HttpRequest) -> HttpResponse:
    if not request.user.has_role(Role.SYSTEM_ADMIN):  # type: ignore[union-attr]
        raise PermissionDenied
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        org = form.save()
        record("organisation.create", request=request, object_type="organisation", object_id=org.pk)
        messages.success(request, _("The organisation was added."))
        return redirect("organisations:list")
    return render(request, "organisations/form.html", {"form": form})
