from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, include, path

from henvis.web import views
from henvis.web.areas import module_exists
from henvis.web.health import health


def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home, name="home"),
    path("healthz", healthz),  # liveness: the process answers
    path("health/", health),  # readiness: database and caches reached (JSON)
    path("accessibility/", views.accessibility, name="accessibility"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("henvis.apps.accounts.urls")),
    path("organisations/", include("henvis.apps.organisations.urls")),
    path("audit/", include("henvis.apps.audit.urls")),
]

# Areas that exist register their pages; the API collects routers from every area.
# Each area's urls.py names its own top-level prefixes (e.g. "cases/", "screening/").
for area in ("identification", "cases", "referrals", "statistics", "dataprotection",
             "training", "contacts", "removals", "assistance"):
    if module_exists(f"henvis.apps.{area}.urls"):
        urlpatterns.append(path("", include(f"henvis.apps.{area}.urls")))

from henvis.web.api import api  # noqa: E402

urlpatterns.append(path("api/v1/", api.urls))
