"""The ``tuyengiao`` command: Django's management commands under one name.

``tuyengiao init``, ``ingest``, ``citations``, ``cascade``, ``findings``, ``search`` … are the
management commands of the apps; ``tuyengiao help`` lists them all.
"""

import errno
import os
import sys

from django.core.management.base import BaseCommand, CommandError

_OS_REASONS = {
    errno.ENOENT: "không tìm thấy tệp",
    errno.EACCES: "không có quyền đọc tệp",
    errno.EISDIR: "đây là thư mục, không phải tệp",
    errno.ENOTDIR: "đường dẫn không hợp lệ",
}


def os_reason(exc: OSError) -> str:
    """A Vietnamese reason for a file that cannot be read."""
    return _OS_REASONS.get(exc.errno, f"không đọc được tệp (mã lỗi {exc.errno})")


class Command(BaseCommand):
    """Base of our commands: on the command line an error is one Vietnamese line, no prefix."""

    def execute(self, *args, **options):
        try:
            return super().execute(*args, **options)
        except CommandError as exc:
            if not getattr(self, "_called_from_command_line", False):
                raise
            self.stderr.write(str(exc))
            sys.exit(exc.returncode)


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tuyengiao.config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["tuyengiao", *argv])


if __name__ == "__main__":
    main()
