"""The public synthetic microdata download (issue 18 item 5), for analysts. A module of
its own beside ``views``: one view, one address.

Each release spends its privacy budget once. A second draw of the same year would give
an attacker a second noisy look (two releases cost 2 x epsilon), so the first file made
for an extract and year is kept and every later download returns the same bytes."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse

from henvis.apps.audit.log import record
from henvis.apps.statistics.access import analyst_required
from henvis.apps.statistics.sources import extract_or_404, person_statistics
from henvis.atomic_files import write_bytes_atomic


def release_path(extract_id: int, year: int, epsilon: float) -> Path:
    return Path(settings.VAR_DIR) / "synthetic-releases" / f"extract-{extract_id}-{year}-eps{epsilon:g}.csv"


@analyst_required
def download(request: HttpRequest) -> HttpResponse:
    from henvis.stats.returns.synthetic_microdata import synthesise

    extract = extract_or_404()
    stats = person_statistics(extract)
    try:
        year = int(request.GET.get("year", stats.years[-1] if stats.years else 0))
    except ValueError:
        raise Http404 from None
    if year not in stats.years:
        raise Http404
    epsilon = float(settings.HENVIS_SYNTHETIC_EPSILON)
    path = release_path(extract.pk, year, epsilon)
    if path.exists():
        body = path.read_bytes()
    else:
        body = synthesise(stats.person_facts(year), year, epsilon=epsilon).to_csv()
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(path, body)
    record("statistics.download", request=request, object_type="statistics", object_id=year,
           detail=f"synthetic.csv epsilon={epsilon:g}")
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="henvis-{year}-synthetic-microdata.csv"'
    return response
