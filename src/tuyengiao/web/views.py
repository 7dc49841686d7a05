"""The dashboard, sign-in and the search page."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from tuyengiao.documents.selectors import dashboard_summary, search
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
    return render(request, "web/dashboard.html", dashboard_summary(user=request.user))


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
