from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RemindersConfig(AppConfig):
    """What is due for whom: reads coaching and goals, records each reminder once, sends it once."""

    name = "reminders"
    verbose_name = _("Reminders")
