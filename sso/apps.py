from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SsoConfig(AppConfig):
    """Single sign-on with the bank's OpenID Connect provider (Entra ID, Okta, Keycloak)."""

    name = "sso"
    verbose_name = _("Single sign-on")
