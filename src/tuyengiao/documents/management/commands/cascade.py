"""``tuyengiao cascade DESIGNATION [--json]``: the tree of documents implementing a document."""

import datetime as dt
import json

from django.core.management.base import CommandError

from tuyengiao.cli import Command as BaseCommand
from tuyengiao.documents.selectors import CascadeEntry, document_cascade, document_find
from tuyengiao.web.setup import database_ensure


class Command(BaseCommand):
    help = "Sơ đồ các văn bản triển khai thực hiện một văn bản, theo cấp."

    def add_arguments(self, parser):
        parser.add_argument("designation", help="số, ký hiệu, ví dụ 30-CT/TW")
        parser.add_argument("--date", help="ngày ban hành (YYYY-MM-DD) khi số hiệu trùng nhau")
        parser.add_argument("--json", action="store_true", dest="as_json", help="in JSON")

    def handle(self, *args, designation, date, as_json, **options):
        database_ensure(self.stderr)
        day = None
        if date:
            try:
                day = dt.date.fromisoformat(date)
            except ValueError:
                raise CommandError(f"--date {date!r}: cần dạng YYYY-MM-DD") from None
        document = document_find(designation, date=day)
        if document is None:
            raise CommandError(f"Không có văn bản {designation} trong cơ sở dữ liệu.")
        tree = document_cascade(document)
        if as_json:
            self.stdout.write(json.dumps(tree.to_dict(), ensure_ascii=False, indent=2))
            return
        self._print(tree, 0)

    def _print(self, entry: CascadeEntry, depth: int) -> None:
        doc = entry.document
        unit = doc.issuing_unit.name if doc.issuing_unit else (doc.issuer_text or "?")
        day = doc.date.strftime("%d/%m/%Y") if doc.date else "không rõ ngày"
        self.stdout.write(f"{'    ' * depth}{doc.designation or doc.label} — {unit}, {day}")
        for child in entry.children:
            self._print(child, depth + 1)
