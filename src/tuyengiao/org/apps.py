from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "tuyengiao.org"
    label = "org"
    verbose_name = "Đơn vị"
