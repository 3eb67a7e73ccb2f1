"""History of changes to a person's identifying fields (rectification, GDPR art. 16):
every save that changes one of ``IDENTIFYING`` writes one ``IdentityCorrection`` per
field, whichever page, API call or command saved it."""

from __future__ import annotations

import json
from typing import Any

from django.db.models.signals import pre_save
from django.dispatch import receiver

from henvis.apps.cases.models import Person

IDENTIFYING = ("given_names", "family_name", "aliases", "birth_precision", "birth", "sex", "citizenships",
               "national_id", "duf_number", "contact", "children")


def _text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)


@receiver(pre_save, sender=Person, dispatch_uid="dataprotection.person_corrections")
def keep_history(sender: type[Person], instance: Person, raw: bool = False, **kwargs: Any) -> None:
    if raw or instance.pk is None:
        return
    from henvis.apps.dataprotection.middleware import acting_user
    from henvis.apps.dataprotection.models import IdentityCorrection

    before = Person.objects.filter(pk=instance.pk).first()
    if before is None:
        return
    user = acting_user.get()
    by = user if user is not None and getattr(user, "is_authenticated", False) else None
    IdentityCorrection.objects.bulk_create(
        IdentityCorrection(person_id=instance.pk, organisation_id=instance.organisation_id, field=name,
                           old_value=_text(getattr(before, name)), new_value=_text(getattr(instance, name)),
                           changed_by=by)
        for name in IDENTIFYING
        if _text(getattr(before, name)) != _text(getattr(instance, name))
    )
