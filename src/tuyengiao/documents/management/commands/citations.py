"""``tuyengiao citations [PATH ...]``: print the document citations found in text."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tuyengiao.core.citations import find_citations
from tuyengiao.core.text import DecodeError, decode_bytes
from tuyengiao.documents.ingest import parse_article_date


class Command(BaseCommand):
    help = "In ra các trích dẫn văn bản tìm thấy trong văn bản (JSON)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help="tệp văn bản; '-' hoặc bỏ trống: stdin")
        parser.add_argument(
            "--jsonl",
            action="store_true",
            help="đọc các dòng JSON có trường 'text', in lại mỗi dòng kèm mảng 'citations'",
        )

    def handle(self, *args, paths, jsonl, **options):
        paths = paths or ["-"]
        if jsonl:
            for path in paths:
                self._jsonl(path)
            return
        found = []
        for path in paths:
            text = self._read(path)
            found.extend(c.to_dict() for c in find_citations(text))
        self.stdout.write(json.dumps(found, ensure_ascii=False, indent=2))

    def _read(self, path: str) -> str:
        try:
            data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
            return decode_bytes(data)
        except OSError as exc:
            raise CommandError(f"{path}: không đọc được tệp ({exc.strerror})") from None
        except DecodeError as exc:
            raise CommandError(f"{path}: {exc}") from None

    def _jsonl(self, path: str) -> None:
        text = self._read(path)
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CommandError(
                    f"{path}, dòng {number}: JSON không hợp lệ ({exc.msg})"
                ) from None
            if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
                raise CommandError(f'{path}, dòng {number}: thiếu trường "text"')
            reference = parse_article_date(obj.get("date"))
            obj["citations"] = [
                c.to_dict() for c in find_citations(obj["text"], reference_date=reference)
            ]
            self.stdout.write(json.dumps(obj, ensure_ascii=False))
