from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProvisioningConfig(AppConfig):
    """SCIM 2.0 provisioning (/scim/v2/) for the bank's identity provider, on django-scim2."""

    name = "provisioning"
    verbose_name = _("Provisioning (SCIM)")
