"""``tuyengiao worker``: run background tasks (crawls on schedule, topic matching)."""

import signal
import threading

from tuyengiao.cli import Command as BaseCommand
from tuyengiao.press.tasks import run_worker
from tuyengiao.web.setup import database_ensure


class Command(BaseCommand):
    help = (
        "Chạy các việc nền: thu thập tin theo lịch của từng nguồn, đối chiếu chủ đề. "
        "Có thể chạy nhiều tiến trình trên nhiều máy cùng một cơ sở dữ liệu PostgreSQL."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval", type=float, default=5.0, help="số giây nghỉ giữa hai lần kiểm tra"
        )
        parser.add_argument("--once", action="store_true", help="chạy các việc đang chờ rồi thoát")

    def handle(self, *args, interval, once, **options):
        database_ensure(self.stderr)
        stop = threading.Event()
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: stop.set())
        if not once:
            self.stdout.write("Đang chạy việc nền; dừng bằng Ctrl+C.")
        ran = run_worker(interval=interval, stop=stop, once=once)
        self.stdout.write(f"Đã chạy {ran} việc.")
