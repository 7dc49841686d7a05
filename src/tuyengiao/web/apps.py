from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "tuyengiao.web"
    label = "web"
    verbose_name = "Giao diện"
