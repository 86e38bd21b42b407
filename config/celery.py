import os

from celery import Celery
from celery.signals import task_success

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("samtal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@task_success.connect
def record_reminder_sweep(sender=None, **kwargs):
    """The readiness check reads when the last reminder sweep succeeded (the reminders app stays
    unaware of it)."""
    if sender is not None and sender.name == "reminders.tasks.reminder_sweep_task":
        from config.readiness import record_sweep

        record_sweep()
