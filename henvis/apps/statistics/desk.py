"""The analyst's home page (issue 15 item 3, "what needs me today" for the analyst): what
the figures rest on now (the newest pseudonymised extract and registry imports) and the
years they cover, with the way to the newest year's figures. No personal data."""

from __future__ import annotations

from typing import Any

from henvis.apps.statistics.models import PersonExtract, RegistryImport


def analyst_desk() -> dict[str, Any]:
    extract = PersonExtract.objects.only("label", "records", "years", "uploaded_at").first()
    imports = list(RegistryImport.objects.only("filename", "rows", "imported_at").order_by("-imported_at", "-pk")[:5])
    years = sorted(extract.years) if extract else []
    return {
        "extract": extract,
        "years": years,
        "newest_year": years[-1] if years else None,
        "registry_imports": imports,
        "registry_total": RegistryImport.objects.count(),
    }
