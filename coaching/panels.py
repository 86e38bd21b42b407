"""Panels that apps above coaching add to a conversation's page without coaching importing them.

An app registers a function (conversation, viewer) -> URL or None in its AppConfig.ready(); the page
loads each URL with htmx (a link without JavaScript). The function must not query: it runs on every
conversation page, whose query count is pinned.
"""

from collections.abc import Callable

_panels: list[Callable] = []


def register(panel_url: Callable) -> None:
    """Add a panel: `panel_url(conversation, viewer)` gives the URL of its fragment, or None to leave it out."""
    if panel_url not in _panels:
        _panels.append(panel_url)


def panel_urls(conversation, viewer) -> list[str]:
    """The URLs of the panels shown to `viewer` on `conversation`'s page."""
    return [url for panel_url in _panels if (url := panel_url(conversation, viewer))]
