from django.urls import path

from tuyengiao.org import views

app_name = "org"

urlpatterns = [
    path("", views.unit_list_view, name="unit-list"),
    path("<int:pk>/", views.unit_detail, name="unit-detail"),
    path("export.xlsx", views.unit_export, name="unit-export"),
    path("import/", views.unit_import, name="unit-import"),
]
