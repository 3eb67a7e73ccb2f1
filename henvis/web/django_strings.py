"""Django's own messages that its Norwegian Bokmål catalogue lacks.

Django 5.2 changed the msgid of the password-length error from ``%(min_length)d`` to
``%d``; its ``nb`` catalogue still has only the old msgid, so the error stayed English on
Norwegian pages while every other validator message was Norwegian. Listing the current
msgids here lets ``scripts/i18n`` (makemessages) extract them into ``henvis/locale``,
where ``translations.yaml`` gives the Bokmål; ``LOCALE_PATHS`` comes before Django's own
catalogues. Nothing imports this module. ``henvis/apps/accounts/tests/
test_password_errors_in_norwegian.py`` fails when a Django upgrade changes a msgid again."""

from __future__ import annotations

from django.utils.translation import ngettext_lazy

MISSING_FROM_DJANGO_NB = (
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        "n",
    ),
)
