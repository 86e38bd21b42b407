"""Declaring that a page showed someone's personal data, so that it can be recorded.

The pages of people/, goals/ and coaching/ call `log_access()` once they know whose data they show;
the HR app, which sits above them, receives the signal and writes one access-log row (the lower
apps never import it). Looking at one's own data is not recorded.
"""

from django.dispatch import Signal

personal_data_viewed = Signal()  # sent with request, subject_id and what


class Viewed:
    """What of a person a page shows (the access log's `what`)."""

    PROFILE = "profile"
    HISTORY = "history"
    GOALS = "goals"
    CONVERSATIONS = "conversations"
    EXPORT = "export"


def log_access(request, subject_id: int, what: str) -> None:
    """Record that `request` shows `what` of the employee `subject_id`, unless it is the viewer's own."""
    viewer = getattr(request.user, "employee", None)
    if viewer is not None and viewer.pk == subject_id:
        return
    personal_data_viewed.send(sender=Viewed, request=request, subject_id=subject_id, what=what)
