"""The ``tuyengiao`` command: Django's management commands under one name.

``tuyengiao init``, ``ingest``, ``citations``, ``cascade``, ``findings``, ``search`` … are the
management commands of the apps; ``tuyengiao help`` lists them all.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tuyengiao.config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["tuyengiao", *argv])


if __name__ == "__main__":
    main()
