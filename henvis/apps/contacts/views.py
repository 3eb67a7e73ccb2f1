"""Anonymous contacts: record, list and read within one's own organisation, link to a case
when the person agrees, and the yearly count (contacts not linked to a case) for analysts."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from henvis.apps.audit.log import record
from henvis.apps.cases.access import get_case, is_owner
from henvis.apps.contacts.forms import ContactForm, LinkForm
from henvis.apps.contacts.models import Contact
from henvis.apps.statistics.access import analyst_required
from henvis.catalogue import load_catalogue
from henvis.stats.yearly import protect_yearly


def _user(request: HttpRequest) -> Any:
    """The logged-in user (the middleware lets no anonymous request reach these views)."""
    return request.user


def _audit(request: HttpRequest, action: str, contact: Contact, detail: str = "") -> None:
    record(action, request=request, object_type="contact", object_id=contact.pk, detail=detail)


def _reader(request: HttpRequest) -> None:
    if not getattr(request.user, "can_read_cases", False):
        raise PermissionDenied


def _writer(request: HttpRequest) -> None:
    if not getattr(request.user, "can_write_cases", False):
        raise PermissionDenied


def _own(request: HttpRequest, pk: int) -> Contact:
    contact = Contact.objects.filter(pk=pk, organisation_id=_user(request).organisation_id).first()
    if contact is None:
        raise Http404
    return contact


def contact_list(request: HttpRequest) -> HttpResponse:
    _reader(request)
    contacts = list(Contact.objects.filter(organisation_id=_user(request).organisation_id)[:200])
    record("contact.list", request=request, object_type="contact", detail=f"rows={len(contacts)}")
    return render(request, "contacts/list.html", {"contacts": contacts, "can_write": _user(request).can_write_cases})


@require_http_methods(["GET", "POST"])
def contact_new(request: HttpRequest) -> HttpResponse:
    _writer(request)
    catalogue = load_catalogue()
    form = ContactForm(request.POST or None, catalogue=catalogue)
    if request.method == "POST" and form.is_valid():
        contact = form.save(commit=False)
        contact.organisation_id = _user(request).organisation_id
        contact.created_by = _user(request)
        contact.catalogue_version = catalogue.version
        contact.save()
        _audit(request, "contact.create", contact)
        return redirect("contacts:detail", pk=contact.pk)
    return render(request, "contacts/form.html", {"form": form})


@require_http_methods(["GET"])
def contact_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _reader(request)
    contact = _own(request, pk)
    _audit(request, "contact.read", contact)
    catalogue = load_catalogue()
    return render(request, "contacts/detail.html", {
        "contact": contact,
        "indicators": [catalogue.indicator(i) for i in contact.indicators],
        "forms": [f for f in catalogue.forms if f.id in contact.forms],
        "services": [s for s in catalogue.directory if s.id in contact.advised_services],
        "link_form": LinkForm(),
        "can_write": _user(request).can_write_cases,
    })


@require_POST
def contact_link(request: HttpRequest, pk: int) -> HttpResponse:
    """The person agreed: link the contact to a case of this organisation. From then on it is
    counted through the case (as a person), no longer as a contact."""
    _writer(request)
    contact = _own(request, pk)
    form = LinkForm(request.POST)
    if contact.case_id is not None or not form.is_valid():
        return render(request, "contacts/detail.html", {
            "contact": contact, "link_form": form, "can_write": True,
            "error": _("Already linked to a case.") if contact.case_id else None,
        }, status=400)
    case = get_case(request.user, form.cleaned_data["case_id"])
    if not is_owner(request.user, case):
        raise Http404
    contact.case = case
    contact.linked_on = timezone.now()
    contact.save(update_fields=["case", "linked_on"])
    _audit(request, "contact.link", contact, detail=f"case={case.pk}")
    record("case.link_contact", request=request, object_type="case", object_id=case.pk, detail=f"contact={contact.pk}")
    return redirect("contacts:detail", pk=contact.pk)


def yearly_contacts() -> dict[int, int]:
    """Contacts per year of contact, without those linked to a case (they count as persons)."""
    rows = (
        Contact.objects.filter(case__isnull=True).annotate(year=ExtractYear("contact_date"))
        .values("year").annotate(n=Count("id")).values_list("year", "n")
    )
    return {int(year): int(n) for year, n in rows}


@analyst_required
def statistics(request: HttpRequest) -> HttpResponse:
    table = protect_yearly(yearly_contacts(), "contacts")
    return render(request, "contacts/statistics.html", {
        "rows": list(table.display()["contacts"].items()) if table else [],
        "note": table.method_note("en" if (request.LANGUAGE_CODE or "").startswith("en") else "nb") if table else "",
    })
