"""``tuyengiao reindex``: rebuild the full-text index from the database."""

from django.db import transaction

from tuyengiao.cli import Command as BaseCommand
from tuyengiao.documents.search import search_reindex


class Command(BaseCommand):
    help = "Dựng lại chỉ mục tìm kiếm từ cơ sở dữ liệu."

    def handle(self, *args, **options):
        with transaction.atomic():
            count = search_reindex()
        self.stdout.write(f"Đã lập chỉ mục {count} bản ghi.")
