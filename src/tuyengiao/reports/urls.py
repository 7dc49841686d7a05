from django.urls import path

from tuyengiao.reports import views

app_name = "reports"

urlpatterns = [
    path("review/<int:plan_id>/", views.review_draft, name="review-draft"),
]
