"""What onboarding adds to coaching's conversation page (see coaching.panels)."""

from django.urls import reverse


def floor_notes_panel_url(conversation, viewer) -> str | None:
    """The floor-notes panel, for the leader preparing a scheduled conversation (no query: the page
    has loaded the employee's team)."""
    if conversation.is_scheduled and conversation.can_be_changed_by(viewer):
        return reverse("onboarding:floor_notes_panel", args=[conversation.pk])
    return None
