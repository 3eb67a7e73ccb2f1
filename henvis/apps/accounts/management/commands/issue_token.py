"""Issue an API token for an agency system acting as a user. The raw token is printed
once; only its hash is stored."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from henvis.apps.accounts.models import ApiToken, User
from henvis.apps.audit.log import record


class Command(BaseCommand):
    help = "Issue an API token for USERNAME (henvis manage issue_token USERNAME 'system name')."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("name", help="what the token is for, e.g. the agency system's name")
        parser.add_argument("--days", type=int, default=None,
                            help="days the token is valid (default HENVIS_API_TOKEN_DAYS; 0: no end)")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError("Fant ingen aktiv bruker med det navnet / No active user with that name")
        token, raw = ApiToken.issue(user, options["name"], options["days"])
        record("token.issue", user=user, object_type="api_token", object_id=token.pk)
        self.stdout.write(raw)
