from django.contrib import admin
from django.urls import include, path

from tuyengiao.config.api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("", include("tuyengiao.web.urls")),
    path("units/", include("tuyengiao.org.urls")),
    path("documents/", include("tuyengiao.documents.urls")),
    path("press/", include("tuyengiao.press.urls")),
    path("work/", include("tuyengiao.work.urls")),
    path("reports/", include("tuyengiao.reports.urls")),
    path("accounts/", include("tuyengiao.accounts.urls")),
]
