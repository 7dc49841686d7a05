"""``tuyengiao reindex``: rebuild the full-text index from the database."""

from tuyengiao.cli import Command as BaseCommand
from tuyengiao.documents.search import search_reindex
from tuyengiao.web.setup import database_ensure


class Command(BaseCommand):
    help = "Dựng lại chỉ mục tìm kiếm từ cơ sở dữ liệu."

    def handle(self, *args, **options):
        database_ensure(self.stderr)
        count = search_reindex()
        self.stdout.write(f"Đã lập chỉ mục {count} bản ghi.")
