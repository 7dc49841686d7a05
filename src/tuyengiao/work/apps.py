from django.apps import AppConfig


class WorkConfig(AppConfig):
    name = "tuyengiao.work"
    label = "work"
    verbose_name = "Kế hoạch, nhiệm vụ, sơ kết"
