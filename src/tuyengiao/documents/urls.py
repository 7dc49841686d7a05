from django.urls import path

from tuyengiao.documents import views

app_name = "documents"

urlpatterns = [
    path("", views.document_list_view, name="document-list"),
    path("<int:pk>/", views.document_detail, name="document-detail"),
    path("findings/", views.finding_list, name="finding-list"),
    path("records/<int:pk>/", views.record_detail, name="record-detail"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment-download"),
    path("upload/", views.upload, name="upload"),
    path("upload/file/", views.upload_file, name="upload-file"),
]
