"""The identity provider's endpoints, read from its discovery document and kept in the cache."""

from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.core.cache import cache

CACHE_SECONDS = 60 * 60


def origin(url: str) -> str:
    """scheme://host[:port] of a URL: what a Content-Security-Policy source names."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def enabled() -> bool:
    return bool(settings.OIDC_ISSUER and settings.OIDC_RP_CLIENT_ID)


def metadata() -> dict:
    """The provider's OpenID configuration (`<issuer>/.well-known/openid-configuration` unless
    OIDC_DISCOVERY_URL names another address)."""
    url = (
        settings.OIDC_DISCOVERY_URL or settings.OIDC_ISSUER.rstrip("/") + "/.well-known/openid-configuration"
    )
    key = f"sso:discovery:{url}"
    document = cache.get(key)
    if document is None:
        response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        document = response.json()
        cache.set(key, document, CACHE_SECONDS)
    return document


def endpoint(name: str) -> str | None:
    return metadata().get(name)
