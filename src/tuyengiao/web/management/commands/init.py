"""``tuyengiao init``: migrations plus the built-in reference data. Idempotent."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from tuyengiao.org.services import reference_load


class Command(BaseCommand):
    help = (
        "Chuẩn bị cơ sở dữ liệu: tạo bảng và nạp danh mục đơn vị toàn quốc (trước và sau 1/7/2025)."
    )

    def handle(self, *args, **options):
        from django.conf import settings

        settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
        reference_load(stdout=self.stdout)
        self.stdout.write("Cơ sở dữ liệu đã sẵn sàng.")
