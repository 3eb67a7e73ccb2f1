"""The log-in backend: Django's ``ModelBackend``, reading the user of a session in one
query instead of three.

Every logged-in request loads its user; the pages then read the user's roles (groups)
and the menu reads the user's organisation. Here the user row, the organisation (a join)
and the role names (a subquery) come in the same query, read fresh on every request as
before: a role taken away applies to the user's next request."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.db.models import Aggregate, CharField, OuterRef, Subquery

from henvis.apps.accounts.models import User

SEPARATOR = ","  # role slugs are identifiers (henvis.apps.accounts.roles.Role): no commas


class _JoinedNames(Aggregate):
    """The names joined by ``SEPARATOR``: ``string_agg`` on PostgreSQL, ``group_concat``
    on SQLite. The order does not matter (``role_slugs`` sorts)."""

    function = "STRING_AGG"
    template = "%(function)s(%(expressions)s, ',')"
    output_field = CharField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return super().as_sql(compiler, connection, function="GROUP_CONCAT", **extra)


def _role_names() -> Subquery:
    memberships = User.groups.through.objects.filter(user_id=OuterRef("pk")).values("user_id")
    joined = memberships.annotate(names=_JoinedNames("group__name"))
    return Subquery(joined.values("names")[:1])  # type: ignore[misc]  # the stubs do not see "names"


class UserBackend(ModelBackend):
    def get_user(self, user_id: Any) -> User | None:
        user = (User.objects.select_related("organisation").annotate(_role_names=_role_names())
                .filter(pk=user_id).first())
        if user is None or not self.user_can_authenticate(user):
            return None
        names: str = getattr(user, "_role_names", None) or ""
        user._role_cache = sorted(name for name in names.split(SEPARATOR) if name)
        return user
