from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from henvis.apps.organisations.models import Organisation

router = Router(tags=["organisations"])


class OrganisationOut(Schema):
    slug: str
    name: str
    name_en: str
    kind: str
    parent: str | None
    phone: str
    web: str
    source: str


@router.get("", response=list[OrganisationOut], summary="List active organisations")
def list_organisations(request: HttpRequest) -> list[OrganisationOut]:
    return [
        OrganisationOut(
            slug=o.slug, name=o.name, name_en=o.name_en, kind=o.kind,
            parent=o.parent.slug if o.parent else None, phone=o.phone, web=o.web, source=o.source,
        )
        for o in Organisation.objects.filter(active=True).select_related("parent")
    ]
