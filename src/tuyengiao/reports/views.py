"""The review draft, downloaded from a plan's page: DOCX (to edit), PDF, or the Excel annex."""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from tuyengiao.accounts.permissions import can_write, in_subtree
from tuyengiao.core.periods import PeriodError, parse_period, period_containing
from tuyengiao.reports.docx import render_docx
from tuyengiao.reports.review import review_report
from tuyengiao.reports.xlsx import render_annex
from tuyengiao.work.selectors import plans_for

FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@login_required
def review_draft(request, plan_id: int):
    plan = get_object_or_404(plans_for(request.user), pk=plan_id)
    user = request.user
    if not (can_write(user) and (user.is_platform_admin or in_subtree(plan.unit, user.scope_unit))):
        raise PermissionDenied
    try:
        period = parse_period(request.GET.get("period") or "")
    except PeriodError:
        period = period_containing(dt.date.today(), "half")
    fmt = request.GET.get("format", "docx")
    if fmt not in FORMATS:
        fmt = "docx"
    report = review_report(plan.unit, period, plan=plan)
    if fmt == "pdf":
        from tuyengiao.reports.pdf import render_pdf  # weasyprint loads in about a second

        data = render_pdf(report)
    else:
        data = render_docx(report) if fmt == "docx" else render_annex(report)
    name = f"du-thao-bao-cao-{period.code}-{plan.document.designation}".replace("/", "-")
    response = HttpResponse(data, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
