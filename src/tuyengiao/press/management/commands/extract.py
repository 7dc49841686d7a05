"""``tuyengiao extract PATH.html [--json]``: the article on a saved news page."""

import json
from pathlib import Path

from django.core.management.base import CommandError

from tuyengiao.cli import Command as BaseCommand
from tuyengiao.cli import os_reason
from tuyengiao.core.extract import Article, extract_article
from tuyengiao.core.text import DecodeError

_NO_TEXT = "Không tìm thấy nội dung bài viết trong trang."


class Command(BaseCommand):
    help = "Trích tiêu đề, sapo, nội dung, ngày đăng, tác giả và URL của bài báo trong tệp HTML."

    def add_arguments(self, parser):
        parser.add_argument("path", help="tệp HTML đã lưu")
        parser.add_argument("--url", help="địa chỉ trang (khi trang không ghi URL chuẩn)")
        parser.add_argument(
            "--json",
            action="store_true",
            dest="as_json",
            help='in JSON {"title", "lead", "text", "date", "author", "url"}',
        )

    def handle(self, *args, path, url, as_json, **options):
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise CommandError(f"{path}: {os_reason(exc)}") from None
        try:
            article = extract_article(data, url=url)
        except DecodeError as exc:
            raise CommandError(f"{path}: {exc.reason}") from None
        if as_json:
            self.stdout.write(json.dumps(article_json(article), ensure_ascii=False, indent=2))
            return
        self.stdout.write(summary(article))


def article_json(article: Article) -> dict:
    """The six fields of the ``--json`` contract, nothing more."""
    return {
        "title": article.title,
        "lead": article.lead,
        "text": article.text,
        "date": article.published.isoformat() if article.published else None,
        "author": article.author,
        "url": article.canonical_url,
    }


def summary(article: Article) -> str:
    """A short Vietnamese summary for a person at the terminal."""
    day = article.published.strftime("%H:%M %d/%m/%Y") if article.published else "không rõ"
    paragraphs = article.text.split("\n") if article.text else []
    lines = [
        f"Tiêu đề:  {article.title or '(không có)'}",
        f"Ngày đăng: {day}",
        f"Tác giả:  {article.author or 'không rõ'}",
        f"Địa chỉ:  {article.canonical_url or 'không rõ'}",
        f"Sapo:     {article.lead or '(không có)'}",
        f"Nội dung: {len(paragraphs)} đoạn, {len(article.text.split())} từ",
        "",
        *(paragraphs or [_NO_TEXT]),
    ]
    return "\n".join(lines)
