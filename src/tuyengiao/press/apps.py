from django.apps import AppConfig


class PressConfig(AppConfig):
    name = "tuyengiao.press"
    label = "press"
    verbose_name = "Báo chí"
