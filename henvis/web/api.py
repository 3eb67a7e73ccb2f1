"""The REST API (django-ninja): one router per area, one OpenAPI document at
/api/v1/openapi.json. Agency systems authenticate with bearer tokens
(``accounts.ApiToken``); browsers may use their session (with CSRF)."""

from __future__ import annotations

from importlib import import_module

from ninja import NinjaAPI

from henvis.apps.accounts.api_auth import auth_methods
from henvis.web.areas import module_exists

api = NinjaAPI(
    title="Henvis API",
    version="1",
    description="Referral mechanism and statistics for human trafficking (Norway).",
    auth=auth_methods(),
    urls_namespace="api",
)

for area in ("organisations", "identification", "cases", "referrals", "statistics", "audit"):
    module_name = f"henvis.apps.{area}.api"
    if module_exists(module_name):
        module = import_module(module_name)
        api.add_router(f"/{area}/" if area != "identification" else "/", module.router)
