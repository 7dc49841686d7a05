"""The dashboard, sign-in and the search page."""

import datetime as dt

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from tuyengiao.documents.selectors import document_list, finding_rows, obligation_rows, search
from tuyengiao.web.demo import DEMO_LOGINS, DEMO_PASSWORD

PAGE_SIZE = 20


class LoginView(auth_views.LoginView):
    template_name = "web/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if settings.DEMO:
            context["demo_logins"] = DEMO_LOGINS
            context["demo_password"] = DEMO_PASSWORD
        return context


@login_required
def dashboard(request):
    user = request.user
    scope = user.scope_unit
    since = dt.date.today() - dt.timedelta(days=365)
    recent = document_list(user=user).filter(created_at__date__gte=since).order_by("-created_at")
    owed = obligation_rows(unit=scope) if scope else obligation_rows()
    open_rows = [r for r in owed if r.status in ("due", "overdue")]
    findings = finding_rows(user=user, unit=scope if scope and not user.is_platform_admin else None)
    return render(
        request,
        "web/dashboard.html",
        {
            "scope": scope,
            "recent": recent[:10],
            "open_obligations": open_rows[:15],
            "overdue_count": sum(r.status == "overdue" for r in open_rows),
            "due_count": sum(r.status == "due" for r in open_rows),
            "issued_count": sum(r.status == "issued" for r in owed),
            "findings": findings[:10],
            "finding_count": len(findings),
        },
    )


@login_required
def search_page(request):
    query = request.GET.get("q", "").strip()
    try:
        page = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        page = 1
    hits = []
    if query:
        hits = search(query, user=request.user, limit=PAGE_SIZE + 1, offset=(page - 1) * PAGE_SIZE)
    context = {
        "query": query,
        "hits": hits[:PAGE_SIZE],
        "page": page,
        "has_next": len(hits) > PAGE_SIZE,
        "has_previous": page > 1,
    }
    template = "web/partials/search_results.html" if request.htmx else "web/search.html"
    return render(request, template, context)
