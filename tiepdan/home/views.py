"""The home dashboard: figures of the current unit's subtree, each read from its owner."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from tiepdan.citizens.selectors import citizen_count
from tiepdan.organizations.http import AuthenticatedHttpRequest
from tiepdan.organizations.selectors import subtree_figures


@login_required
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    unit = request.unit
    figures = {**subtree_figures(unit), "citizens": citizen_count(unit)} if unit else None
    return render(request, "core/home.html", {"figures": figures})
