"""``tuyengiao remind``: create today's reminders and e-mail them (the worker does it daily)."""

from tuyengiao.cli import Command as BaseCommand
from tuyengiao.web.setup import database_ensure
from tuyengiao.work.reminders import reminders_generate, reminders_send


class Command(BaseCommand):
    help = "Tạo nhắc việc (sắp đến hạn, quá hạn, chưa báo cáo) và gửi thư điện tử cho đơn vị."

    def handle(self, *args, **options):
        database_ensure(self.stderr)
        created = reminders_generate()
        sent = reminders_send()
        self.stdout.write(f"Đã tạo {len(created)} nhắc việc, đã gửi thư {sent} nhắc việc.")
