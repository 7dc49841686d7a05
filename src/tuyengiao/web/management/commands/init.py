"""``tuyengiao init``: migrations plus the built-in reference data. Idempotent."""

from tuyengiao.cli import Command as BaseCommand
from tuyengiao.web.setup import database_prepare


class Command(BaseCommand):
    help = (
        "Chuẩn bị cơ sở dữ liệu: tạo bảng và nạp danh mục đơn vị toàn quốc (trước và sau 1/7/2025)."
    )

    def handle(self, *args, **options):
        database_prepare(stdout=self.stdout)
        self.stdout.write("Cơ sở dữ liệu đã sẵn sàng.")
