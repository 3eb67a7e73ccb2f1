from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from henvis.apps.accounts import login_rate
from henvis.apps.accounts.forms import OwnPasswordForm, UserCreateForm, UserEditForm, UserFilterForm
from henvis.apps.accounts.lockout import cooloff_minutes, is_locked, locked_usernames, unlock
from henvis.apps.accounts.models import ApiToken, User, one_time_password
from henvis.apps.accounts.roles import ROLE_LABELS, Role
from henvis.apps.audit.log import record
from henvis.apps.organisations.models import Organisation
from henvis.web.client import client_address
from henvis.web.lists import csv_response, list_params, page_of, sort_from, wants_csv


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        wait = login_rate.attempt(client_address(request))
        if wait:
            response = render(request, "accounts/login_rate_limited.html", {"seconds": wait}, status=429)
            response["Retry-After"] = str(wait)
            return response
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["failure_limit"] = settings.AXES_FAILURE_LIMIT
        context["cooloff_minutes"] = cooloff_minutes()
        # The identification guide is public: a worker without an account finds it here.
        context["screening_url"] = "/screening/"
        return context


class LogoutView(auth_views.LogoutView):
    pass


def _require_user_manager(user: User) -> None:
    if not user.can_manage_users:
        raise PermissionDenied


def managed_users(user: User) -> Any:
    """The users ``user`` administers: everyone for a system administrator, the users of
    their own organisation for an organisation administrator."""
    _require_user_manager(user)
    users = User.objects.select_related("organisation").prefetch_related("groups").order_by("username")
    if not user.has_role(Role.SYSTEM_ADMIN):
        users = users.filter(organisation_id=user.organisation_id or 0)
    return users


def _managed_user(request: HttpRequest, pk: int) -> User:
    """One user the requesting administrator may change; another organisation's user
    answers 404 like a missing one, and only a system administrator changes a system
    administrator."""
    acting: User = request.user  # type: ignore[assignment]
    target: User = get_object_or_404(managed_users(acting), pk=pk)
    if target.has_role(Role.SYSTEM_ADMIN) and not acting.has_role(Role.SYSTEM_ADMIN):
        raise PermissionDenied
    return target


def _role_labels(user: User) -> list[str]:
    return [str(ROLE_LABELS[Role(g.name)]) for g in user.groups.all() if g.name in Role.__members__.values()]


# Sort keys the address may ask for (issue 15 item 5).
USER_SORTS = {"username": ("username",), "organisation": ("organisation__name", "username"),
              "status": ("-is_active", "username")}
USER_DEFAULT_SORT = "username"


def user_list(request: HttpRequest) -> HttpResponse:
    """The users an administrator manages: paged, sorted and filtered from the address."""
    managed = managed_users(request.user)  # type: ignore[arg-type]
    organisations = Organisation.objects.filter(pk__in=managed.values("organisation_id")).order_by("name")
    form = UserFilterForm(request.GET, organisations=organisations)
    sort, ordering = sort_from(request, USER_SORTS, USER_DEFAULT_SORT)
    users = managed.order_by(*ordering)
    if form.is_valid():
        data = form.cleaned_data
        if data["organisation"]:
            users = users.filter(organisation=data["organisation"])
        if data["role"]:
            users = users.filter(groups__name=data["role"])
        if data["state"]:
            users = users.filter(is_active=data["state"] == "active")
    params = list_params(form, sort, USER_DEFAULT_SORT)
    if wants_csv(request):
        every = list(users)
        locked = locked_usernames(u.username for u in every)
        out = [(u.username, u.get_full_name(), str(u.organisation or ""), ", ".join(_role_labels(u)),
                _user_state(u, u.username in locked)) for u in every]
        # Names and roles of colleagues are personal data: audited with the count.
        record("user.export", request=request, object_type="user", detail=f"rows={len(out)}")
        return csv_response("users.csv", [_("User name"), _("Name"), _("Organisation"), _("Roles"), _("Status")], out)
    page = page_of(request, users)
    shown = list(page.object_list)
    locked = locked_usernames(u.username for u in shown)
    rows = [(u, _role_labels(u), u.username in locked) for u in shown]
    record("user.list", request=request, object_type="user", detail=f"rows={len(rows)}")
    return render(request, "accounts/user_list.html", {
        "rows": rows, "form": form, "page": page,
        "list_params": params, "sort": sort, "default_sort": USER_DEFAULT_SORT,
    })


def _user_state(user: User, locked: bool) -> str:
    if not user.is_active:
        return _("Deactivated")
    return _("Locked out") if locked else _("Active")


def user_create(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    _require_user_manager(user)
    form = UserCreateForm(request.POST or None, acting_user=user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        password = one_time_password()
        new = User.objects.create_user(
            username=data["username"], password=password, email=data["email"],
            first_name=data["first_name"], last_name=data["last_name"], organisation=data["organisation"],
            must_change_password=True,
        )
        new.set_roles(data["roles"])
        record("user.create", request=request, object_type="user", object_id=new.pk, detail="one_time_password")
        return _show_one_time_password(request, new, password, created=True)
    return render(request, "accounts/user_form.html", {"form": form})


def _show_one_time_password(request: HttpRequest, target: User, password: str, *, created: bool) -> HttpResponse:
    """The one-time password, shown once (the page is not cached: it is a logged-in
    page) and never stored in the clear."""
    return render(request, "accounts/one_time_password.html",
                  {"target": target, "password": password, "created": created})


@require_POST
def user_reset_password(request: HttpRequest, pk: int) -> HttpResponse:
    """A new one-time password for a user who lost theirs; their sessions end, their API
    tokens are revoked (a reset often follows a lost or shared credential, and a token
    would keep the old access alive), and they must choose their own password at the
    next log-in."""
    target = _managed_user(request, pk)
    if target.pk == request.user.pk:
        raise PermissionDenied  # one's own password is changed on the profile page
    password = one_time_password()
    target.set_password(password)  # a new hash ends the user's other sessions
    target.must_change_password = True
    target.save(update_fields=["password", "must_change_password"])
    revoked = ApiToken.objects.filter(user=target, revoked=False).update(revoked=True)
    record("user.password_reset", request=request, object_type="user", object_id=target.pk,
           detail=f"api_tokens_revoked={revoked}")
    return _show_one_time_password(request, target, password, created=False)


def password_change(request: HttpRequest) -> HttpResponse:
    """The user's own password; the only page open to a user who must change theirs."""
    user: User = request.user  # type: ignore[assignment]
    form = OwnPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        user.must_change_password = False
        user.save(update_fields=["must_change_password"])
        update_session_auth_hash(request, user)
        record("user.password_changed", request=request, object_type="user", object_id=user.pk)
        messages.success(request, _("Your password is changed."))
        return redirect("/")
    return render(request, "accounts/password_change.html", {"form": form, "forced": user.must_change_password})


def user_edit(request: HttpRequest, pk: int) -> HttpResponse:
    target = _managed_user(request, pk)
    acting: User = request.user  # type: ignore[assignment]
    form = UserEditForm(request.POST or None, acting_user=acting, target=target)
    if request.method == "POST" and form.is_valid():
        changed = form.changed_fields()
        if changed:
            data = form.cleaned_data
            target.first_name, target.last_name, target.email = data["first_name"], data["last_name"], data["email"]
            target.save(update_fields=["first_name", "last_name", "email"])
            if "roles" in changed:
                target.set_roles(data["roles"])
            record("user.update", request=request, object_type="user", object_id=target.pk,
                   detail="fields=" + ",".join(changed))
            messages.success(request, _("The user was saved."))
        return redirect("accounts:users")
    record("user.read", request=request, object_type="user", object_id=target.pk)
    return render(request, "accounts/user_edit.html", {
        "form": form, "target": target, "locked": is_locked(target.username),
        "is_self": target.pk == acting.pk,
    })


@require_POST
def user_set_active(request: HttpRequest, pk: int) -> HttpResponse:
    """Deactivate (``active=0``) or reactivate (``active=1``) a user. A deactivated user
    cannot log in, their open sessions end at the next request and their API tokens are
    refused; nothing they recorded is removed."""
    target = _managed_user(request, pk)
    if target.pk == request.user.pk:
        raise PermissionDenied  # nobody deactivates themselves
    active = request.POST.get("active") == "1"
    if target.is_active != active:
        target.is_active = active
        target.save(update_fields=["is_active"])
        record("user.reactivate" if active else "user.deactivate", request=request, object_type="user",
               object_id=target.pk)
    messages.success(request, _("The user can log in again.") if active else _("The user is deactivated."))
    return redirect("accounts:user_edit", pk=target.pk)


@require_POST
def user_unlock(request: HttpRequest, pk: int) -> HttpResponse:
    """Lift a lockout after failed log-ins before the cool-off ends."""
    target = _managed_user(request, pk)
    cleared = unlock(target.username)
    record("user.unlock", request=request, object_type="user", object_id=target.pk, detail=f"cleared={cleared}")
    messages.success(request, _("The lockout is lifted: the user can log in again."))
    return redirect("accounts:user_edit", pk=target.pk)


def profile(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/profile.html", {"role_labels": _role_labels(request.user)})  # type: ignore[arg-type]
