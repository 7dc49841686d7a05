from django.urls import path

from tuyengiao.work import views

app_name = "work"

urlpatterns = [
    path("", views.plan_list, name="plan-list"),
    path("plans/<int:pk>/", views.plan_detail, name="plan-detail"),
    path("plans/<int:pk>/confirm/", views.plan_confirm_view, name="plan-confirm"),
    path("plans/<int:pk>/groups/", views.group_add, name="group-add"),
    path("plans/<int:pk>/tasks/", views.task_add, name="task-add"),
    path("report/", views.report_form, name="report-form"),
    path("report/template.xlsx", views.report_template, name="report-template"),
    path("report/upload/", views.report_upload, name="report-upload"),
    path("report/<int:pk>/evidence/", views.evidence_download, name="evidence"),
    path("events/", views.event_list, name="event-list"),
    path("figures/", views.figures, name="figures"),
]
