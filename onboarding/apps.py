from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OnboardingConfig(AppConfig):
    name = "onboarding"
    verbose_name = _("Onboarding and trainings")

    def ready(self):
        from coaching import panels
        from onboarding.panels import floor_notes_panel_url

        panels.register(floor_notes_panel_url)
