from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HrConfig(AppConfig):
    name = "hr"
    verbose_name = _("HR: development history, access log, privacy")

    def ready(self):
        from hr import checks, services  # noqa: F401  (the system check and the access-log receiver)
        from people.access_log import personal_data_viewed

        personal_data_viewed.connect(services.access_log_record, dispatch_uid="hr-access-log")
