"""``tuyengiao demo``: load the demo users and documents (after ``tuyengiao init``)."""

from django.core.management.base import CommandError

from tuyengiao.cli import Command as BaseCommand
from tuyengiao.web.demo import DEMO_LOGINS, DEMO_PASSWORD, demo_load


class Command(BaseCommand):
    help = "Nạp dữ liệu dùng thử: người dùng mẫu, chỉ thị, kế hoạch và tin bài hư cấu."

    def handle(self, *args, **options):
        try:
            outcomes = demo_load()
        except LookupError as exc:
            raise CommandError(str(exc)) from None
        failed = [o for o in outcomes if o.status == "failed"]
        for outcome in failed:
            self.stderr.write(f"LỖI {outcome.location}: {outcome.message}")
        self.stdout.write(f"Dữ liệu dùng thử: {len(outcomes) - len(failed)} tệp.")
        self.stdout.write(f"Tài khoản dùng thử (mật khẩu: {DEMO_PASSWORD}):")
        for login in DEMO_LOGINS:
            self.stdout.write(f"  {login.username:18} {login.description}")
        if failed:
            raise CommandError("Một số tệp dùng thử không nạp được.")
