"""``tuyengiao findings [--json]``: consistency problems found in the registry."""

import json

from tuyengiao.cli import Command as BaseCommand
from tuyengiao.documents.selectors import finding_rows
from tuyengiao.web.setup import database_ensure


class Command(BaseCommand):
    help = "Liệt kê các điểm không thống nhất trong hồ sơ văn bản."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", dest="as_json", help="in JSON")

    def handle(self, *args, as_json, **options):
        database_ensure(self.stderr)
        rows = finding_rows()
        if as_json:
            self.stdout.write(
                json.dumps([row.to_dict() for row in rows], ensure_ascii=False, indent=2)
            )
            return
        for row in rows:
            self.stdout.write(f"[{row.finding.rule}] {row.finding.message}")
        if not rows:
            self.stdout.write("Không phát hiện điểm không thống nhất.")
