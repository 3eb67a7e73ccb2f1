from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, include, path

from henvis.web import views
from henvis.web.areas import PAGES_AT_ROOT
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

# Each of these areas' urls.py names its own top-level prefixes (e.g. "cases/", "screening/").
urlpatterns += [path("", include(f"henvis.apps.{area}.urls")) for area in PAGES_AT_ROOT]

from henvis.web.api import api  # noqa: E402

urlpatterns.append(path("api/v1/", api.urls))

# A request that fails on the way to the database answers 503 in the user's language
# (henvis/web/errors.py); any other failure keeps the plain 500 page.
handler500 = "henvis.web.errors.server_error"
