"""Units browser: list and search, a unit with its place in the tree, Excel import/export."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from tuyengiao.accounts.permissions import can_import_units
from tuyengiao.documents.selectors import document_queryset
from tuyengiao.org.excel import units_export, units_import
from tuyengiao.org.models import Kind, Level, Unit
from tuyengiao.org.selectors import (
    unit_ancestors,
    unit_children,
    unit_list,
    unit_predecessors,
    unit_successors,
)
from tuyengiao.web.params import param_date

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def unit_list_view(request):
    params = request.GET
    filtered = any(params.get(k) for k in ("q", "level", "kind", "on"))
    # With no filter, start from the top of the tree: the provinces in operation today.
    units = unit_list(
        query=params.get("q") or None,
        level=params.get("level") or (None if filtered else Level.PROVINCE),
        kind=params.get("kind") or None,
        on=param_date(params.get("on")) or (None if filtered else dt.date.today()),
    )
    page = Paginator(units, 50).get_page(params.get("page"))
    query_string = params.copy()
    query_string.pop("page", None)
    context = {
        "page": page,
        "params": params,
        "levels": Level.choices,
        "kinds": Kind.choices,
        "query_string": query_string.urlencode(),
        "can_import": can_import_units(request.user),
    }
    template = "org/partials/unit_table.html" if request.htmx else "org/unit_list.html"
    return render(request, template, context)


@login_required
def unit_detail(request, pk: int):
    unit = get_object_or_404(Unit.objects.select_related("parent"), pk=pk)
    documents = document_queryset(request.user).filter(issuing_unit=unit).order_by("-date")[:20]
    return render(
        request,
        "org/unit_detail.html",
        {
            "unit": unit,
            "ancestors": unit_ancestors(unit),
            "children": list(unit_children(unit)),
            "successors": list(unit_successors(unit)),
            "predecessors": list(unit_predecessors(unit)),
            "documents": documents,
        },
    )


@login_required
def unit_export(request):
    params = request.GET
    units = unit_list(
        query=params.get("q") or None,
        level=params.get("level") or None,
        kind=params.get("kind") or None,
        on=param_date(params.get("on")),
    )
    response = HttpResponse(units_export(units), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="don-vi.xlsx"'
    return response


@login_required
def unit_import(request):
    if not can_import_units(request.user):
        raise PermissionDenied
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            messages.error(request, "Chưa chọn tệp Excel.")
            return redirect("org:unit-import")
        result = units_import(actor=request.user, data=upload.read())
        if result.errors:
            return render(request, "org/unit_import.html", {"errors": result.errors})
        messages.success(
            request, f"Đã nhập {result.created} đơn vị mới, cập nhật {result.updated} đơn vị."
        )
        return redirect("org:unit-list")
    return render(request, "org/unit_import.html", {})
