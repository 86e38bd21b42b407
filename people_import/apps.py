from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleImportConfig(AppConfig):
    """People and teams from the HR system's export (CSV), previewed and applied whole."""

    name = "people_import"
    verbose_name = _("People import")
