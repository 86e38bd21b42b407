"""Names and units of the built-in metrics in English, Norwegian Bokmål and Swedish (editable per
language in the admin). Wording follows locale/glossary.nb.md and locale/glossary.sv.md."""

from django.db import migrations
from django.db.models import F

TRANSLATIONS = {
    "fcr": {
        "name": {
            "en": "First-contact resolution",
            "nb": "Løsningsgrad i første kontakt",
            "sv": "Lösningsgrad vid första kontakt",
        },
        "unit": {"en": "%", "nb": "%", "sv": "%"},
    },
    "csat": {
        "name": {"en": "Customer satisfaction", "nb": "Kundetilfredshet", "sv": "Kundnöjdhet"},
        "unit": {"en": "%", "nb": "%", "sv": "%"},
    },
    "quality": {
        "name": {"en": "Quality score", "nb": "Kvalitetspoeng", "sv": "Kvalitetspoäng"},
        "unit": {"en": "points", "nb": "poeng", "sv": "poäng"},
    },
    "aht": {
        "name": {
            "en": "Average handling time",
            "nb": "Gjennomsnittlig behandlingstid",
            "sv": "Genomsnittlig hanteringstid",
        },
        "unit": {"en": "s", "nb": "s", "sv": "s"},
    },
}
LANGUAGES = ("en", "nb", "sv")


def seed(apps, schema_editor):
    """Fill every language column (idempotent: the browser tests run it again after each flush).
    Metrics added in the admin keep their one name, now as the English one."""
    Metric = apps.get_model("goals", "Metric")
    Metric.objects.filter(name_en__isnull=True).update(name_en=F("name"))
    Metric.objects.filter(unit_en__isnull=True).update(unit_en=F("unit"))
    for code, fields in TRANSLATIONS.items():
        Metric.objects.filter(code=code).update(
            **{
                f"{field}_{language}": by_language[language]
                for field, by_language in fields.items()
                for language in LANGUAGES
            }
        )


def unseed(apps, schema_editor):
    apps.get_model("goals", "Metric").objects.update(
        **{f"{field}_{language}": None for field in ("name", "unit") for language in LANGUAGES}
    )


class Migration(migrations.Migration):
    dependencies = [("goals", "0004_metric_translations")]

    operations = [migrations.RunPython(seed, unseed)]
