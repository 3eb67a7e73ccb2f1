"""schemathesis drives every case, referral and screening endpoint of the OpenAPI document with
generated requests (in-process, through the WSGI app, with a bearer token) and finds
no server error. Bounded: a few examples per operation."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error

from henvis.apps.accounts.models import ApiToken
from henvis.apps.cases.tests.factories import make_case
from henvis.apps.referrals.models import Consent, Referral
from henvis.web.wsgi import application

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = 6


def test_case_and_referral_api_has_no_server_errors(make_user: Any) -> None:
    police = make_user("politi", roles=["first_line", "coordinator"], org="politi-oslo")
    rosa = make_user("rosa", roles=["coordinator"], org="rosa")
    case = make_case(police)
    consent = Consent.objects.create(case=case, organisation=police.organisation, given_to=rosa.organisation,
                                     created_by=police)
    Referral.objects.create(case=case, from_organisation=police.organisation, to_organisation=rosa.organisation,
                            purpose="housing", consent=consent, sent_by=police)
    headers = {"Authorization": f"Bearer {ApiToken.issue(police, 'schemathesis')[1]}"}

    # Like Django's test client: keep the test transaction's connection open across requests.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application).include(
            path_regex=r"^/api/v1/(cases/|referrals/|screening)",
        )
        operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]
        assert len(operations) >= 25
        statuses: set[int] = set()
        for operation in operations:

            @given(case=operation.as_strategy())
            @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None,
                      phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
            def run(case: Any) -> None:
                response = case.call(headers=headers)
                statuses.add(response.status_code)
                case.validate_response(response, checks=[not_a_server_error])

            run()
        # The token worked and generated requests reached the views, not only the auth layer.
        assert {200, 201} & statuses and 404 in statuses and 422 in statuses
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
