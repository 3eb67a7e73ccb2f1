from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from henvis.apps.assistance.figures import yearly_assisted
from henvis.apps.audit.log import record
from henvis.apps.statistics.access import analyst_required
from henvis.apps.statistics.yearly_tables import yearly_tables

MEASURES = (("assisted", _("Persons assisted")), ("no_criminal_case", _("Of them: persons with no criminal case")))


@analyst_required
def statistics(request: HttpRequest) -> HttpResponse:
    figures = yearly_assisted(timezone.localdate())
    tables = yearly_tables(figures, MEASURES, nested=("assisted", "no_criminal_case"))
    record("statistics.read", request=request, object_type="statistics", detail="assistance without criminal case")
    return render(request, "assistance/statistics.html", {"tables": tables})
