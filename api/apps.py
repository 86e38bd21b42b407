from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The read API for the bank's own tools: the same scope as the pages, over JSON."""

    name = "api"
    verbose_name = _("API")
