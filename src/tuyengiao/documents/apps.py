from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "tuyengiao.documents"
    label = "documents"
    verbose_name = "Văn bản"
