from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HrConfig(AppConfig):
    name = "hr"
    verbose_name = _("HR: development history, access log, privacy")

    def ready(self):
        from hr import services  # noqa: F401  (the access-log receiver)
        from hr.models import PrivacySettings
        from people.access_log import personal_data_viewed
        from people.privacy import provide_hr_reads_summary

        personal_data_viewed.connect(services.access_log_record, dispatch_uid="hr-access-log")
        provide_hr_reads_summary(lambda: PrivacySettings.current().hr_reads_summary)
