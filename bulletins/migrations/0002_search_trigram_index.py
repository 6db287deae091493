"""A pg_trgm GIN index on the issue's plain text, on PostgreSQL only.

Chinese has no spaces, so PostgreSQL's text search keeps a whole run of Han
characters as one token; trigrams index any substring of three or more
characters, which serves ``search_text ILIKE '%五级联动%'`` (Django's
``icontains``) from the index. SQLite has no such index and scans; the migration
is a no-op there so the same migration history serves both.
"""

from django.db import migrations

INDEX = "bulletins_issue_search_text_trgm"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON bulletins_issue "
        "USING gin (UPPER(search_text) gin_trgm_ops)"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("bulletins", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
