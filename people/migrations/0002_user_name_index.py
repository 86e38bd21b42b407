"""An index on the users' names, in the order of every list of people (first name, last name): a page
of the directory is read in index order instead of sorting the whole organisation. The user model
belongs to django.contrib.auth, so the index is created here by name."""

from django.conf import settings
from django.db import migrations

INDEX = "people_user_name_idx"


def create_index(apps, schema_editor):
    table = apps.get_model(settings.AUTH_USER_MODEL)._meta.db_table
    quote = schema_editor.quote_name
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {quote(INDEX)} ON {quote(table)} ({quote('first_name')}, {quote('last_name')})"
    )


def drop_index(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(INDEX)}")


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
