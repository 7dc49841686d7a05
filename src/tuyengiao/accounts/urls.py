from django.urls import path

from tuyengiao.accounts import views

app_name = "accounts"

urlpatterns = [
    path("audit/", views.audit_list, name="audit-list"),
]
