"""The dashboard, sign-in and the search page."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from tuyengiao.core.doctypes import TYPE_NAMES
from tuyengiao.core.fulltext import Filters
from tuyengiao.core.text import vietnamese_sort_key
from tuyengiao.documents.search import filters_from_params
from tuyengiao.documents.search import search_page as search_index_page
from tuyengiao.documents.selectors import dashboard_summary, search
from tuyengiao.org.models import Unit
from tuyengiao.press.models import Source, Topic
from tuyengiao.web.demo import DEMO_LOGINS, DEMO_PASSWORD

PAGE_SIZE = 20
DOC_TYPE_CHOICES = sorted(
    {name: abbrev for abbrev, name in reversed(list(TYPE_NAMES.items()))}.items(),
    key=lambda item: vietnamese_sort_key(item[0]),
)


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
    from tuyengiao.press.selectors import press_summary
    from tuyengiao.work.reminders import reminders_for

    context = dashboard_summary(user=request.user) | press_summary(user=request.user)
    context["reminders"] = list(reminders_for(request.user))
    return render(request, "web/dashboard.html", context)


@login_required
def search_page(request):
    params = request.GET
    query = params.get("q", "").strip()
    try:
        page = max(1, int(params.get("page", "1")))
    except ValueError:
        page = 1
    filters = filters_from_params(params)
    hits, total = [], 0
    if query:
        hits = search(
            query,
            user=request.user,
            limit=PAGE_SIZE + 1,
            offset=(page - 1) * PAGE_SIZE,
            filters=filters,
        )
        total = search_page_total(query, filters)
    query_string = params.copy()
    query_string.pop("page", None)
    context = {
        "query": query,
        "params": params,
        "hits": hits[:PAGE_SIZE],
        "total": total,
        "page": page,
        "has_next": len(hits) > PAGE_SIZE,
        "has_previous": page > 1,
        "query_string": query_string.urlencode(),
        "sources": Source.objects.all(),
        "topics": Topic.objects.all(),
        "units": Unit.objects.filter(pk__in=_unit_choices(request.user)),
        "types": DOC_TYPE_CHOICES,
    }
    template = "web/partials/search_results.html" if request.htmx else "web/search.html"
    return render(request, template, context)


def search_page_total(query: str, filters: Filters) -> int:
    return search_index_page(query, filters, limit=0).total


def _unit_choices(user) -> list[int]:
    """Units offered in the filter: the user's own and the province-level ones."""
    ids = list(Unit.objects.filter(level__in=("central", "province"), kind="committee")
               .values_list("pk", flat=True)[:200])  # fmt: skip
    if user.scope_unit is not None:
        ids.append(user.scope_unit.pk)
    return ids
