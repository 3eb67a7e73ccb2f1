"""The WSGI application for gunicorn (README, production)."""

import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "henvis.web.settings")
application = get_wsgi_application()
# Import every area's views now, while the worker boots and before it accepts requests:
# Django would do it on the first request, which then waits seconds for pandas and the
# statistics core to load (16 s measured on the first /statistics/ view under load).
get_resolver().url_patterns  # noqa: B018 - evaluated for its side effect
# The screening catalogue (immutable per version, cached per process): read now, not by
# the first anonymous screening each worker answers.
from henvis.catalogue import load_catalogue  # noqa: E402

load_catalogue()
