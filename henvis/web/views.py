from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html", {})


def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement (tilgjengelighetserklæring): what is tested and how."""
    return render(request, "accessibility.html", {})
