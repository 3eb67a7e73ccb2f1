"""Background jobs of the statistics side (Django's Tasks framework, the same runner as
the notifications: ``henvis manage run_jobs``).

* ``warm_figures``: after an extract is imported, protect every year and draw the charts
  once, into the shared figures cache. Protecting a year takes seconds to minutes at a
  national scale, so the upload answers at once and the worker does the rest; until it
  has, a page computes its own year on first view, as before the import warmed anything.
  Tests and ``HENVIS_JOBS=immediate`` run it inside the request."""

from __future__ import annotations

from django_tasks import task

from henvis.apps.statistics.figures import warm
from henvis.apps.statistics.models import PersonExtract


@task()
def warm_figures(extract_id: int) -> int:
    """The years warmed (0 when the extract has since been replaced or deleted)."""
    extract = PersonExtract.objects.filter(pk=extract_id).first()
    if extract is None:
        return 0
    warm(extract)
    return len(extract.years)
