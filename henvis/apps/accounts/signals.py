"""Log-ins, failed log-ins and lockouts go to the audit log: the user name tried and
the source address, never a password.

A failed attempt is ``login.failed``. When django-axes locks the user name and address
pair (``AXES_FAILURE_LIMIT`` failures) it is ``login.lockout`` with the failure count;
every further attempt during the lockout is refused (``login.failed``) and is again
``login.lockout`` with the higher count, since it restarts the cool-off. The entries
carry the tried user name as actor (``actor_id`` stays empty: nobody proved to be that
user) and, when that user exists, the user as object and their organisation, so the
organisation's auditor finds them."""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from henvis.apps.audit.log import record

_FAILURE_RECORDED = "_henvis_login_failure_recorded"
_PENDING_LOCKOUT = "_henvis_pending_lockout"


@receiver(user_logged_in)
def _logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    record("login", request=request, user=user)


@receiver(user_logged_out)
def _logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        record("logout", request=request, user=user)


def _record_claim(action: str, request: HttpRequest | None, username: str, detail: str = "") -> None:
    """An entry for an attempt by somebody who claimed to be ``username``."""
    model = get_user_model()
    known = model._default_manager.filter(**{model.USERNAME_FIELD: username}).first() if username else None
    record(
        action, request=request, user=AnonymousUser(), claimed_actor=username,
        claimed_organisation_id=getattr(known, "organisation_id", None),
        object_type="user" if known is not None else "", object_id=known.pk if known is not None else "",
        detail=detail,
    )


def _lockout_detail(failures: int | None) -> str:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return f"failures={failures if failures is not None else '?'} cooloff_minutes={minutes}"


@receiver(user_login_failed)
def _login_failed(sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any) -> None:
    # Django hands over the credentials with the password masked; only the user name is kept.
    username = str(credentials.get(get_user_model().USERNAME_FIELD) or "")
    _record_claim("login.failed", request, username)
    if request is None:
        return
    setattr(request, _FAILURE_RECORDED, True)
    pending = getattr(request, _PENDING_LOCKOUT, None)
    if pending is not None:
        # django-axes answered first (its receiver is connected before ours): the lockout
        # follows the failure that caused it, in the log as in time.
        delattr(request, _PENDING_LOCKOUT)
        _record_claim("login.lockout", request, pending[0], pending[1])


@receiver(user_locked_out)
def _locked_out(sender: Any, request: HttpRequest | None = None, username: str | None = None, **kwargs: Any) -> None:
    detail = _lockout_detail(getattr(request, "axes_failures_since_start", None))
    name = str(username or "")
    if request is not None and not getattr(request, _FAILURE_RECORDED, False):
        setattr(request, _PENDING_LOCKOUT, (name, detail))
        return
    _record_claim("login.lockout", request, name, detail)
