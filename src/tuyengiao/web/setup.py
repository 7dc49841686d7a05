"""Preparing the configured database: migrations plus the built-in reference data."""

from django.conf import settings
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

from tuyengiao.org.services import reference_load


def database_pending() -> bool:
    """True when the database lacks migrations (a new, empty database included)."""
    connection = connections[DEFAULT_DB_ALIAS]
    executor = MigrationExecutor(connection)
    targets = executor.loader.graph.leaf_nodes()
    return bool(executor.migration_plan(targets))


def database_prepare(stdout=None) -> None:
    """Create or update the tables and load the national hierarchy. Idempotent."""
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
    call_command("migrate", interactive=False, verbosity=0)
    reference_load(stdout=stdout)


def database_ensure(stderr) -> None:
    """Prepare a database that was never prepared, saying so, so commands work on a new one."""
    if database_pending():
        stderr.write("Cơ sở dữ liệu chưa được chuẩn bị: đang chạy «tuyengiao init»…")
        database_prepare()
