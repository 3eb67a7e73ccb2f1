from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from henvis.apps.accounts.forms import UserCreateForm
from henvis.apps.accounts.models import User
from henvis.apps.accounts.roles import ROLE_LABELS, Role
from henvis.apps.audit.log import record
from henvis.web.areas import module_exists


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        # The identification guide is public: a worker without an account finds it here.
        if module_exists("henvis.apps.identification.urls"):
            context["screening_url"] = "/screening/"
        return context


class LogoutView(auth_views.LogoutView):
    pass


def _require_user_manager(user: User) -> None:
    if not user.can_manage_users:
        raise PermissionDenied


def user_list(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    _require_user_manager(user)
    users = User.objects.select_related("organisation").prefetch_related("groups").order_by("username")
    if not user.has_role(Role.SYSTEM_ADMIN):
        users = users.filter(organisation_id=user.organisation_id or 0)
    rows = [
        (u, [ROLE_LABELS[Role(g.name)] for g in u.groups.all() if g.name in Role.__members__.values()])
        for u in users
    ]
    return render(request, "accounts/user_list.html", {"rows": rows})


def user_create(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    _require_user_manager(user)
    form = UserCreateForm(request.POST or None, acting_user=user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        new = User.objects.create_user(
            username=data["username"], password=data["password"], email=data["email"],
            first_name=data["first_name"], last_name=data["last_name"], organisation=data["organisation"],
        )
        new.set_roles(data["roles"])
        record("user.create", request=request, object_type="user", object_id=new.pk)
        messages.success(request, _("The user was created."))
        return redirect("accounts:users")
    return render(request, "accounts/user_form.html", {"form": form})


def profile(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/profile.html", {})
