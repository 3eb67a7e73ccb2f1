"""Benchmark: the first opening of each year on the figures page after an import.

A synthetic population (``--persons``, the project's generator) is imported as a
pseudonymised extract with its clusters, through the analysts' import page over HTTP.
Then every year of the extract is opened once on the figures page, each time as a
worker that has served nothing yet (its in-process caches emptied):

* baseline: the figures cache emptied too, so the view computes the year itself (what
  the first opening of every year but the newest cost before the import computed them);
* henvis:   as the import left it: the import computed every year into the shared
  figures cache (Redis or the database table), the view only reads.

Prints the time of each first opening for both, their median and maximum, the import's
own time, and the ratio. Target: every first opening under 1 s.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/henvis_bench \\
        .venv/bin/python bench/statistics_first_view_bench.py [--persons 3000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _fresh_worker() -> None:
    from henvis.apps.statistics import sources

    sources._cache.clear()
    sources._releases.clear()


def _first_views(client: object, years: list[int], *, cold: bool) -> list[float]:
    from django.core.cache import caches

    times = []
    for year in years:
        _fresh_worker()
        if cold:
            caches["figures"].clear()
        started = time.perf_counter()
        response = client.get(f"/statistics/?year={year}")  # type: ignore[attr-defined]
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--persons", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("set DATABASE_URL to a PostgreSQL database made for this benchmark (it is migrated and written)")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "henvis.web.settings")
    os.environ.setdefault("HENVIS_SECRET_KEY", "bench-only-secret-key-bench-only-secret-key")
    os.environ.setdefault("HENVIS_AUDIT_CHECKPOINT_DIR", "")
    # stylesheets from the source folders (no collectstatic for a bench); the figures
    # cache is the same as in production: Redis when HENVIS_REDIS_URL is set, else the
    # database table
    os.environ.setdefault("HENVIS_TESTING", "1")
    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.test import Client

    from henvis.apps.accounts.models import User
    from henvis.apps.organisations.loading import load_organisations
    from henvis.apps.organisations.models import Organisation
    from henvis.apps.statistics.models import PersonExtract
    from henvis.stats.persons import pseudonymised_extract
    from henvis.synthetic import generate

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    load_organisations()
    user, _created = User.objects.get_or_create(
        username="bench-analyst", defaults={"organisation": Organisation.objects.get(slug="kom")})
    user.set_roles(["analyst"])
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)

    ds = generate(persons=args.persons, seed=args.seed)
    regs = ds.registrations
    clusters = regs[["record_id", "source"]].merge(ds.truth, on="record_id").assign(match_probability=1.0)
    files = {"extract": pseudonymised_extract(regs).to_csv(index=False), "clusters": clusters.to_csv(index=False)}
    PersonExtract.objects.all().delete()
    _fresh_worker()
    started = time.perf_counter()
    response = client.post("/statistics/imports/", {
        "kind": "extract", "extract-label": "bench",
        "extract-extract": SimpleUploadedFile("extract.csv", files["extract"].encode()),
        "extract-clusters": SimpleUploadedFile("clusters.csv", files["clusters"].encode()),
    })
    imported = time.perf_counter() - started
    assert response.status_code == 302, response.content[:2000]
    extract = PersonExtract.objects.get()
    years = sorted(int(y) for y in extract.years)
    print(f"{len(regs)} registrations of {args.persons} persons, years {years[0]}-{years[-1]}; "
          f"import with every year computed: {imported:.1f} s")

    # the process's own first request (templates, URL resolver, middleware) is paid once
    # per worker whatever the page; timed apart on a page that computes no figures
    started = time.perf_counter()
    assert client.get("/statistics/imports/").status_code == 200
    print(f"  first request of the process (the import page, no figures): {time.perf_counter() - started:.3f} s")
    henvis = _first_views(client, years, cold=False)  # first: the import's cache is intact
    baseline = _first_views(client, years, cold=True)
    print(f"  {'year':<6}{'baseline s':>12}{'henvis s':>10}")
    for year, b, h in zip(years, baseline, henvis, strict=True):
        print(f"  {year:<6}{b:>12.3f}{h:>10.3f}")
    for name, times in (("baseline (computed on view)", baseline), ("henvis (computed on import)", henvis)):
        print(f"  {name:<30} median {statistics.median(times):.3f} s   max {max(times):.3f} s")
    print(f"  ratio of medians baseline / henvis: {statistics.median(baseline) / statistics.median(henvis):.1f}")
    print(f"  every first opening under 1 s: {'yes' if max(henvis) < 1.0 else 'NO'}")


if __name__ == "__main__":
    main()
