"""The mandatory trainings of a Nordic bank's customer service, in English, Norwegian Bokmål and
Swedish (editable per language in the admin, where more are added)."""

from django.db import migrations

REQUIREMENTS = {
    "aml": {
        "validity_months": 12,
        "grace_days": 30,
        "roles": [],
        "name": {
            "en": "Anti-money laundering",
            "nb": "Antihvitvasking",
            "sv": "Åtgärder mot penningtvätt",
        },
        "description": {
            "en": "Know your customer, spot the signs of money laundering and terrorist financing, "
            "and report suspicions the right way.",
            "nb": "Kjenn kunden din, se tegnene på hvitvasking og terrorfinansiering, og meld mistanker "
            "på riktig måte.",
            "sv": "Känn din kund, upptäck tecken på penningtvätt och finansiering av terrorism och "
            "rapportera misstankar på rätt sätt.",
        },
    },
    "gdpr": {
        "validity_months": 12,
        "grace_days": 30,
        "roles": [],
        "name": {"en": "Data protection (GDPR)", "nb": "Personvern (GDPR)", "sv": "Dataskydd (GDPR)"},
        "description": {
            "en": "Which customer data we may open, keep and share, and what to do after a breach.",
            "nb": "Hvilke kundeopplysninger vi kan åpne, lagre og dele, og hva vi gjør ved et avvik.",
            "sv": "Vilka kunduppgifter vi får öppna, spara och dela, och vad vi gör vid en incident.",
        },
    },
    "infosec": {
        "validity_months": 12,
        "grace_days": 14,
        "roles": [],
        "name": {
            "en": "Information security",
            "nb": "Informasjonssikkerhet",
            "sv": "Informationssäkerhet",
        },
        "description": {
            "en": "Phishing, social engineering on the phone, passwords and a locked screen.",
            "nb": "Phishing, manipulasjon på telefon, passord og låst skjerm.",
            "sv": "Nätfiske, social manipulation i telefon, lösenord och låst skärm.",
        },
    },
    "complaints": {
        "validity_months": 24,
        "grace_days": 60,
        "roles": ["agent", "leader"],
        "name": {"en": "Complaints handling", "nb": "Klagebehandling", "sv": "Klagomålshantering"},
        "description": {
            "en": "Recognise a complaint, record it and answer within the deadlines the regulator sets.",
            "nb": "Kjenn igjen en klage, registrer den og svar innen fristene tilsynet setter.",
            "sv": "Känn igen ett klagomål, registrera det och svara inom de tidsfrister tillsynen satt.",
        },
    },
}
LANGUAGES = ("en", "nb", "sv")


def seed(apps, schema_editor):
    """Create the requirements once and fill every language (idempotent: transactional tests run it
    again after each flush)."""
    TrainingRequirement = apps.get_model("onboarding", "TrainingRequirement")
    for code, spec in REQUIREMENTS.items():
        texts = {
            f"{field}_{language}": spec[field][language]
            for field in ("name", "description")
            for language in LANGUAGES
        }
        TrainingRequirement.objects.get_or_create(
            code=code,
            defaults={
                "name": spec["name"]["en"],
                "description": spec["description"]["en"],
                "validity_months": spec["validity_months"],
                "grace_days": spec["grace_days"],
                "roles": spec["roles"],
                **texts,
            },
        )


def unseed(apps, schema_editor):
    apps.get_model("onboarding", "TrainingRequirement").objects.filter(
        code__in=list(REQUIREMENTS), completions=None
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("onboarding", "0003_training_requirement_code")]

    operations = [migrations.RunPython(seed, unseed)]
