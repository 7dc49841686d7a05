"""``tuyengiao token USERNAME NAME``: issue an API token for another system."""

from django.core.management.base import CommandError

from tuyengiao.accounts.models import User
from tuyengiao.accounts.services import token_create
from tuyengiao.cli import Command as BaseCommand


class Command(BaseCommand):
    help = "Cấp mã truy cập API cho một người dùng (mã chỉ hiện một lần)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("name", help="tên hệ thống dùng mã, ví dụ 'cổng thông tin'")

    def handle(self, *args, username, name, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Không có người dùng «{username}».")
        key = token_create(actor=None, user=user, name=name)
        self.stdout.write(key)
