"""``tuyengiao sources add URL`` / ``list`` / ``import FILE.xlsx``: the news sites we watch."""

import json
from pathlib import Path

from django.core.management.base import CommandError

from tuyengiao.cli import Command as BaseCommand
from tuyengiao.cli import os_reason
from tuyengiao.press.crawler import error_rate
from tuyengiao.press.excel import sources_import
from tuyengiao.press.models import Source
from tuyengiao.press.services import PressError, source_add
from tuyengiao.web.setup import database_ensure


class Command(BaseCommand):
    help = "Quản lý nguồn tin (báo, trang tin điện tử) cần theo dõi."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="thêm một nguồn tin")
        add.add_argument("url", help="địa chỉ trang chủ, ví dụ https://baomoi.vn")
        add.add_argument("--name", default="", help="tên nguồn tin")
        add.add_argument("--interval", type=int, default=60, help="chu kỳ thu thập (phút)")
        add.add_argument(
            "--feed", action="append", default=[], help="RSS/Atom, sitemap hoặc chuyên mục"
        )
        listing = sub.add_parser("list", help="liệt kê nguồn tin và tình trạng")
        listing.add_argument("--json", action="store_true", dest="as_json", help="in JSON")
        imp = sub.add_parser("import", help="nhập danh sách nguồn tin từ tệp Excel (.xlsx)")
        imp.add_argument("path")

    def handle(self, *args, action, **options):
        database_ensure(self.stderr)
        getattr(self, f"_{action}")(**options)

    def _add(self, url, name, interval, feed, **options):
        try:
            source = source_add(
                actor=None, url=url, name=name, interval_minutes=interval, feeds=feed
            )
        except PressError as exc:
            raise CommandError(exc.reason) from exc
        self.stdout.write(f"Đã thêm nguồn tin {source.pk}: {source.name} ({source.home_url}).")

    def _list(self, as_json, **options):
        rows = [_row(s) for s in Source.objects.all()]
        if as_json:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for row in rows:
            state = "đang theo dõi" if row["active"] else "tạm dừng"
            self.stdout.write(f"{row['id']}\t{row['name']}\t{row['url']}\t{state}")
        if not rows:
            self.stdout.write("Chưa có nguồn tin nào.")

    def _import(self, path, **options):
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise CommandError(f"{path}: {os_reason(exc)}") from exc
        result = sources_import(actor=None, data=data)
        if result.errors:
            raise CommandError("\n".join([f"{path}: không nhập gì.", *result.errors]))
        self.stdout.write(f"Đã thêm {result.created} nguồn tin, {result.unchanged} đã có.")


def _row(source: Source) -> dict:
    rate = error_rate(source)
    return {
        "id": source.pk,
        "name": source.name,
        "url": source.home_url,
        "active": source.active,
        "feeds": list(source.feeds.values_list("url", flat=True)),
        "last_success": source.last_success_at.isoformat() if source.last_success_at else None,
        "error_rate": None if rate is None else round(rate, 3),
        "last_error": source.last_error,
    }
