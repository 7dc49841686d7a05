"""Units get ``sort_key``: Vietnamese alphabetical order as plain ASCII, so that lists are sorted
and paginated in the database. Existing units are filled in; on PostgreSQL an index in the "C"
collation serves ``ORDER BY sort_key COLLATE "C"``."""

from django.db import migrations, models

from tuyengiao.core.units import unit_sort_key

_C_INDEX = "org_unit_sort_key_c"


def sort_keys_fill(apps, schema_editor):
    Unit = apps.get_model("org", "Unit")
    keys = [(unit_sort_key(name), pk) for pk, name in Unit.objects.values_list("pk", "name")]
    table = schema_editor.quote_name(Unit._meta.db_table)
    with schema_editor.connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {table} SET sort_key = %s WHERE id = %s", keys)


def c_index_create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS {_C_INDEX} ON org_unit (sort_key COLLATE "C")'
        )


def c_index_drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {_C_INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("org", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="unit",
            name="sort_key",
            field=models.CharField(db_index=True, default="", editable=False, max_length=640),
        ),
        migrations.RunPython(sort_keys_fill, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(c_index_create, c_index_drop),
    ]
