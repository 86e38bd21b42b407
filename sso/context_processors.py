from django.conf import settings

from sso import provider


def sso(request):
    """For the login page: whether to offer single sign-on, and whether passwords are still for everyone."""
    return {
        "sso_enabled": provider.enabled(),
        "sso_provider_name": settings.OIDC_PROVIDER_NAME,
        "local_passwords": settings.LOCAL_PASSWORDS,
    }
