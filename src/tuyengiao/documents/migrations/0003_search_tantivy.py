"""Search moves to a tantivy index derived from SearchEntry: the FTS5 table and the GIN index go."""

from django.db import migrations, models


def drop_database_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS documents_search_fts")
    elif vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS documents_searchentry_fts")


class Migration(migrations.Migration):
    dependencies = [("documents", "0002_search_index")]

    operations = [
        migrations.RunPython(drop_database_index, migrations.RunPython.noop),
        migrations.RemoveField(model_name="searchentry", name="folded"),
        migrations.AddField(
            model_name="searchentry",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, db_index=True),
        ),
    ]
