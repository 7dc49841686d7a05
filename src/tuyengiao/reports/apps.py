from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "tuyengiao.reports"
    label = "reports"
    verbose_name = "Báo cáo"
