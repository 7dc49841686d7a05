"""``tuyengiao crawl [--source ID]``: one crawl pass in the foreground, with a progress bar."""

import sys

from django.core.management.base import CommandError
from tqdm import tqdm

from tuyengiao.cli import Command as BaseCommand
from tuyengiao.press.crawler import crawl_source
from tuyengiao.press.models import Source
from tuyengiao.web.setup import database_ensure


class Command(BaseCommand):
    help = "Thu thập tin bài mới từ các nguồn tin (một lượt, chạy trực tiếp)."

    def add_arguments(self, parser):
        parser.add_argument("--source", type=int, action="append", help="mã nguồn tin")
        parser.add_argument("--quiet", action="store_true", help="chỉ in lỗi")

    def handle(self, *args, source, quiet, **options):
        database_ensure(self.stderr)
        sources = Source.objects.filter(active=True)
        if source:
            sources = Source.objects.filter(pk__in=source)
            missing = set(source) - set(sources.values_list("pk", flat=True))
            if missing:
                raise CommandError(f"Không có nguồn tin mã {', '.join(map(str, sorted(missing)))}.")
        if not sources.exists():
            raise CommandError("Chưa có nguồn tin nào: thêm bằng «tuyengiao sources add URL».")
        failed = 0
        for item in sources:
            bar = tqdm(
                desc=item.name[:30],
                unit="bài",
                disable=quiet or not sys.stderr.isatty(),
                file=sys.stderr,
            )

            def progress(done, total, bar=bar):
                bar.total = total
                bar.n = done
                bar.refresh()

            run = crawl_source(item, progress=progress)
            bar.close()
            failed += run.status != run.Status.DONE
            line = (
                f"{item.name}: {run.articles_new} bài mới, {run.articles_seen} đã có, "
                f"{run.errors} lỗi trên {run.requests} lượt tải."
            )
            if not quiet or run.errors:
                (self.stderr if run.errors else self.stdout).write(line)
        if failed:
            sys.exit(1)
