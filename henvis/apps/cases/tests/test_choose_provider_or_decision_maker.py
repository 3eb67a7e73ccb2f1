"""Who can provide a measure or take a decision: organisations that serve a case, never
the system operator ("Henvis drift") or the coordination unit, which counts."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from henvis.apps.cases.tests.factories import make_case
from henvis.apps.organisations.models import Organisation, OrganisationKind

pytestmark = pytest.mark.django_db


def _offered(html: str, field: str) -> set[int]:
    select = re.search(rf'<select name="{field}"[^>]*>(.*?)</select>', html, re.S)
    assert select, field
    return {int(pk) for pk in re.findall(r'<option value="(\d+)"', select.group(1))}


@pytest.mark.parametrize(("kind", "field"), [("measures", "provider"), ("decisions", "decided_by")])
def test_operator_and_coordination_unit_are_not_offered(client: Client, make_user: Any, kind: str, field: str) -> None:
    rosa = make_user("rosa", roles=["coordinator"], org="rosa")
    case = make_case(rosa)
    client.force_login(rosa)
    offered = _offered(client.get(f"/cases/{case.pk}/{kind}/new/").content.decode(), field)
    not_serving = set(Organisation.objects.filter(
        kind__in=[OrganisationKind.OPERATOR, OrganisationKind.COORDINATION]).values_list("pk", flat=True))
    assert not_serving, "the loaded organisations hold the operator and the coordination unit"
    assert not offered & not_serving
    assert Organisation.objects.get(slug="rosa").pk in offered
