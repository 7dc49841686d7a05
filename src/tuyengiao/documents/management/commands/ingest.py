"""``tuyengiao ingest PATH ...``: store files (txt, html, docx, pdf, jsonl) in the registry."""

import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from tqdm import tqdm

from tuyengiao.cli import Command as BaseCommand
from tuyengiao.cli import os_reason
from tuyengiao.documents.ingest import (
    Outcome,
    ingest_bytes,
    iter_paths,
    read_jsonl,
    size_message,
)
from tuyengiao.documents.search import search_sync
from tuyengiao.press.ingest import ingest_articles
from tuyengiao.web.setup import database_ensure


class Command(BaseCommand):
    help = "Nạp tệp văn bản (txt, html, docx, pdf) hoặc tin bài (jsonl) vào cơ sở dữ liệu."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="tệp hoặc thư mục")
        parser.add_argument("--quiet", action="store_true", help="chỉ in lỗi")

    def handle(self, *args, paths, quiet, **options):
        database_ensure(self.stderr)
        files = list(iter_paths(paths))
        if not files:
            raise CommandError("Không có tệp nào để nạp (txt, html, htm, docx, pdf, jsonl).")
        progress = tqdm(
            total=len(files),
            unit="tệp",
            disable=len(files) < 2 or quiet or not sys.stderr.isatty(),
            file=sys.stderr,
        )
        counts = {"created": 0, "unchanged": 0, "failed": 0}
        for path in files:
            for outcome in self._ingest_path(path):
                counts[outcome.status] += 1
                self._report(outcome, quiet)
            progress.update(1)
        progress.close()
        search_sync()
        summary = (
            f"Đã nạp {counts['created']}, đã có {counts['unchanged']}, lỗi {counts['failed']}."
        )
        (self.stderr if counts["failed"] else self.stdout).write(summary)
        if counts["failed"]:
            sys.exit(1)

    def _ingest_path(self, path: Path):
        if path.name.endswith((".jsonl", ".jsonl.gz")):
            yield from self._ingest_jsonl(path)
            return
        try:
            if path.stat().st_size > settings.TUYENGIAO_MAX_FILE_BYTES:
                yield Outcome(str(path), "failed", message=size_message(path.stat().st_size))
                return
            data = path.read_bytes()
        except OSError as exc:
            yield Outcome(str(path), "failed", message=os_reason(exc))
            return
        yield ingest_bytes(data, filename=path.name, location=str(path))

    def _ingest_jsonl(self, path: Path):
        failures: list[Outcome] = []

        def articles():
            try:
                for number, obj, error in read_jsonl(path):
                    if obj is None:
                        failures.append(Outcome(f"{path}:{number}", "failed", message=error))
                        continue
                    obj.setdefault("url", f"{path}:{number}")
                    yield obj
            except OSError as exc:
                failures.append(Outcome(str(path), "failed", message=os_reason(exc)))
            except (EOFError, UnicodeDecodeError):
                reason = "tệp hỏng hoặc không phải UTF-8"
                failures.append(Outcome(str(path), "failed", message=reason))

        yield from ingest_articles(articles())
        yield from failures

    def _report(self, outcome: Outcome, quiet: bool) -> None:
        if outcome.status == "failed":
            self.stderr.write(f"LỖI {outcome.location}: {outcome.message}")
        elif not quiet and outcome.status == "created" and outcome.kind == "official":
            self.stdout.write(f"đã nạp văn bản {outcome.location}")
