from django.db import migrations

# The metrics contact centres measure first; more are added in the admin.
METRICS = [
    ("fcr", "First-contact resolution", "%", True),
    ("csat", "Customer satisfaction", "%", True),
    ("quality", "Quality score", "points", True),
    ("aht", "Average handling time", "s", False),
]


def seed_metrics(apps, schema_editor):
    Metric = apps.get_model("goals", "Metric")
    for code, name, unit, higher_is_better in METRICS:
        Metric.objects.get_or_create(
            code=code, defaults={"name": name, "unit": unit, "higher_is_better": higher_is_better}
        )


def remove_metrics(apps, schema_editor):
    apps.get_model("goals", "Metric").objects.filter(code__in=[m[0] for m in METRICS], goals=None).delete()


class Migration(migrations.Migration):
    dependencies = [("goals", "0001_initial")]

    operations = [migrations.RunPython(seed_metrics, remove_metrics)]
