"""``tuyengiao review --unit ID --period 2025H1 --out FILE.docx``: draft a review report."""

from pathlib import Path

from django.core.management.base import CommandError

from tuyengiao.cli import Command as BaseCommand
from tuyengiao.cli import os_reason
from tuyengiao.core.periods import PeriodError, parse_period
from tuyengiao.org.models import Unit
from tuyengiao.reports.review import review_report
from tuyengiao.web.setup import database_ensure


class Command(BaseCommand):
    help = (
        "Soạn dự thảo báo cáo sơ kết, tổng kết của một đơn vị cho một kỳ: DOCX để sửa, "
        "PDF, hoặc phụ lục Excel (theo đuôi tệp --out)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help="mã số (id) hoặc mã đơn vị")
        parser.add_argument("--period", required=True, help="kỳ: 2025H1, 2025M9, 2025, 2020-2025…")
        parser.add_argument("--out", required=True, help="tệp .docx, .pdf hoặc .xlsx")

    def handle(self, *args, unit, period, out, **options):
        database_ensure(self.stderr)
        found = Unit.objects.filter(code=unit).first()
        if found is None and unit.isdigit():
            found = Unit.objects.filter(pk=int(unit)).first()
        if found is None:
            raise CommandError(f"Không có đơn vị «{unit}».")
        try:
            chosen = parse_period(period)
        except PeriodError as exc:
            raise CommandError(exc.reason) from exc
        path = Path(out)
        suffix = path.suffix.lower()
        if suffix not in (".docx", ".pdf", ".xlsx"):
            raise CommandError(f"{out}: đuôi tệp phải là .docx, .pdf hoặc .xlsx.")
        report = review_report(found, chosen)
        if suffix == ".docx":
            from tuyengiao.reports.docx import render_docx as render
        elif suffix == ".pdf":
            from tuyengiao.reports.pdf import render_pdf as render
        else:
            from tuyengiao.reports.xlsx import render_annex as render
        try:
            path.write_bytes(render(report))
        except OSError as exc:
            raise CommandError(f"{out}: {os_reason(exc)}") from exc
        self.stdout.write(f"Đã soạn {out}: {report.summary} của {found.name}.")
