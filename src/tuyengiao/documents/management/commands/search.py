"""``tuyengiao search QUERY [--json]``: ranked hits across documents and articles."""

import json
import re

from tuyengiao.cli import Command as BaseCommand
from tuyengiao.documents.selectors import search
from tuyengiao.web.setup import database_ensure

_MARK = re.compile(r"</?mark>")


class Command(BaseCommand):
    help = "Tìm kiếm văn bản và tin bài (không phân biệt dấu và kiểu bỏ dấu)."

    def add_arguments(self, parser):
        parser.add_argument("query", nargs="+")
        parser.add_argument("--json", action="store_true", dest="as_json")
        parser.add_argument("--limit", type=int, default=20)

    def handle(self, *args, query, as_json, limit, **options):
        database_ensure(self.stderr)
        hits = search(" ".join(query), limit=limit)
        if as_json:
            self.stdout.write(json.dumps([h.to_dict() for h in hits], ensure_ascii=False, indent=2))
            return
        for hit in hits:
            self.stdout.write(
                f"[{hit.kind}] {hit.title}\n    {hit.source}\n    {_MARK.sub('', hit.snippet)}"
            )
        if not hits:
            self.stdout.write("Không có kết quả.")
