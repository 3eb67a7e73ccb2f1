"""Who is locked out after failed log-ins, and lifting a lockout (django-axes).

django-axes counts failures per user name and address pair (``AXES_LOCKOUT_PARAMETERS``)
in ``AccessAttempt``; a pair with ``AXES_FAILURE_LIMIT`` failures within
``AXES_COOLOFF_TIME`` is locked. A user counts as locked when any pair with their user
name is."""

from __future__ import annotations

from collections.abc import Iterable

from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.utils import timezone


def cooloff_minutes() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


def locked_usernames(usernames: Iterable[str]) -> set[str]:
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return set(
        AccessAttempt.objects.filter(
            username__in=list(usernames), failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
            attempt_time__gte=since,
        ).values_list("username", flat=True)
    )


def is_locked(username: str) -> bool:
    return bool(locked_usernames([username]))


def unlock(username: str) -> int:
    """Forget the failures of ``username`` from every address; the count of pairs cleared."""
    return int(reset(username=username))
