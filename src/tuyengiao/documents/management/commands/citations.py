"""``tuyengiao citations [PATH ...]``: print the document citations found in text."""

import json
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError

from tuyengiao.cli import Command as BaseCommand
from tuyengiao.cli import os_reason
from tuyengiao.core.citations import find_citations
from tuyengiao.core.readers import ReadError, read_document
from tuyengiao.core.text import DecodeError, decode_bytes
from tuyengiao.documents.ingest import parse_article_date

# Offsets refer to the text as given; other formats are read to text first.
_PLAIN = (".txt", ".text", ".md", ".json", ".jsonl", "")


class Command(BaseCommand):
    help = "In ra các trích dẫn văn bản tìm thấy trong văn bản (JSON)."

    def add_arguments(self, parser):
        parser.add_argument(
            "paths", nargs="*", help="tệp (txt, html, docx, pdf); '-' hoặc bỏ trống: stdin"
        )
        parser.add_argument(
            "--jsonl",
            action="store_true",
            help="đọc các dòng JSON có trường 'text', in lại mỗi dòng kèm mảng 'citations'",
        )

    def handle(self, *args, paths, jsonl, **options):
        paths = paths or ["-"]
        if jsonl:
            bad = sum(self._jsonl(path) for path in paths)
            if bad:
                raise CommandError(f"{bad} dòng không đọc được.")
            return
        found = []
        for path in paths:
            for citation in find_citations(self._read(path)):
                item = citation.to_dict()
                if len(paths) > 1:
                    item["path"] = path
                found.append(item)
        self.stdout.write(json.dumps(found, ensure_ascii=False, indent=2))

    def _read(self, path: str) -> str:
        try:
            data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
        except OSError as exc:
            raise CommandError(f"{path}: {os_reason(exc)}") from None
        try:
            if path == "-" or Path(path).suffix.lower() in _PLAIN:
                return decode_bytes(data)
            limit = settings.TUYENGIAO_MAX_FILE_BYTES
            return read_document(data, filename=path, max_bytes=limit).text
        except (DecodeError, ReadError) as exc:
            raise CommandError(f"{path}: {exc.reason}") from None

    def _jsonl(self, path: str) -> int:
        """Print each line with its citations; a bad line is reported and skipped."""
        bad = 0
        for number, line in enumerate(self._read(path).splitlines(), 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                obj, reason = None, f"JSON không hợp lệ ({exc.msg})"
            else:
                reason = (
                    ""
                    if isinstance(obj, dict) and isinstance(obj.get("text"), str)
                    else ('thiếu trường "text"')
                )
            if obj is None or reason:
                self.stderr.write(f"{path}, dòng {number}: {reason}")
                bad += 1
                continue
            reference = parse_article_date(obj.get("date"))
            obj["citations"] = [
                c.to_dict() for c in find_citations(obj["text"], reference_date=reference)
            ]
            self.stdout.write(json.dumps(obj, ensure_ascii=False))
        return bad
