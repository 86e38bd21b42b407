from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("onboarding", "0002_seed_base_training_template")]

    operations = [
        migrations.AddField(
            model_name="historicaltrainingrequirement",
            name="code",
            field=models.SlugField(
                default="",
                help_text="How the training is named in imported CSV files.",
                max_length=30,
                verbose_name="code",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="trainingrequirement",
            name="code",
            field=models.SlugField(
                default="",
                help_text="How the training is named in imported CSV files.",
                max_length=30,
                unique=True,
                verbose_name="code",
            ),
            preserve_default=False,
        ),
        migrations.AddIndex(
            model_name="trainingimportrow",
            index=models.Index(fields=["training_import", "has_errors", "line"], name="onboarding_importrow_errors"),
        ),
    ]
