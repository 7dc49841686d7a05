"""The full-text index: an FTS5 table on SQLite, a GIN index on PostgreSQL."""

from django.db import migrations

SQLITE_CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS documents_search_fts USING fts5("
    "exact, folded, content='', tokenize='unicode61 remove_diacritics 0')"
)
SQLITE_DROP = "DROP TABLE IF EXISTS documents_search_fts"
PG_CREATE = (
    "CREATE INDEX IF NOT EXISTS documents_searchentry_fts ON documents_searchentry "
    "USING GIN (to_tsvector('simple', folded))"
)
PG_DROP = "DROP INDEX IF EXISTS documents_searchentry_fts"


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_CREATE)
    elif vendor == "postgresql":
        schema_editor.execute(PG_CREATE)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_DROP)
    elif vendor == "postgresql":
        schema_editor.execute(PG_DROP)


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
