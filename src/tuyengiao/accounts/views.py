"""The audit log page."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render

from tuyengiao.accounts.permissions import can_view_audit
from tuyengiao.accounts.selectors import audit_entries


@login_required
def audit_list(request):
    if not can_view_audit(request.user):
        raise PermissionDenied
    entries = audit_entries(user=request.user, action=request.GET.get("action", ""))
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/audit_list.html", {"page": page})
