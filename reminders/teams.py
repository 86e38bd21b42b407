"""Microsoft Teams through a Workflows webhook ("When a Teams webhook request is received"): an
Adaptive Card posted over HTTPS, retried on the spot for passing failures. A failure that remains
raises, and the reminder's claim is given back like a failed e-mail, so the record stays exactly once.
"""

import ipaddress
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

RETRY = Retry(
    total=3, backoff_factor=0.5, status_forcelist=(429, 500, 502, 503, 504), allowed_methods=["POST"]
)


def validate_webhook_url(url: str) -> None:
    """Only HTTPS addresses on the configured hosts (TEAMS_WEBHOOK_HOSTS); plain HTTP only on the
    loopback, where the tests' recording server listens when a test adds it to the hosts."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    allowed = any(host == suffix or host.endswith("." + suffix) for suffix in settings.TEAMS_WEBHOOK_HOSTS)
    secure = parts.scheme == "https" or (parts.scheme == "http" and _is_loopback(host))
    if not (allowed and secure):
        raise ValidationError(
            _("Paste the HTTPS address of a Teams workflow (allowed hosts: %(hosts)s)."),
            params={"hosts": ", ".join(settings.TEAMS_WEBHOOK_HOSTS)},
            code="teams_webhook",
        )


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def card(*, title: str, text: str, link: str, link_title: str) -> dict:
    """A Workflows message carrying one Adaptive Card: a title, the text and a button to Samtal."""
    return {
        "type": "message",
        "attachments": [
            {
                "contentType": "application/vnd.microsoft.card.adaptive",
                "content": {
                    "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                    "type": "AdaptiveCard",
                    "version": "1.4",
                    "body": [
                        {
                            "type": "TextBlock",
                            "text": title,
                            "weight": "Bolder",
                            "size": "Medium",
                            "wrap": True,
                        },
                        {"type": "TextBlock", "text": text, "wrap": True},
                    ],
                    "actions": [{"type": "Action.OpenUrl", "title": link_title, "url": link}],
                },
            }
        ],
    }


def post(url: str, payload: dict) -> None:
    """Post `payload` to a webhook, with a few quick retries; raises when it does not get through."""
    validate_webhook_url(url)  # again at send time: the setting may have narrowed since it was saved
    with requests.Session() as session:
        session.mount("https://", HTTPAdapter(max_retries=RETRY))
        session.mount("http://", HTTPAdapter(max_retries=RETRY))
        response = session.post(
            url, json=payload, timeout=settings.TEAMS_TIMEOUT_SECONDS, allow_redirects=False
        )
        response.raise_for_status()
