"""E-mails of the coaching app, each in its recipient's language and time zone.

The reminder sweep sends them (kinds `conversation_invitation` and `summary_request`) from what the
conversation records as owed, so a user action never waits for the broker. Mails carry what the
recipient may read: shared notes and action items, never a private note.
"""

import datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation

from coaching.ical import conversation_ics
from coaching.models import Conversation


def with_people(conversations):
    """`conversations` with what the e-mails read about both people, in one query."""
    return conversations.select_related(
        "employee__user", "employee__site", "leader__user", "leader__site", "conversation_type"
    )


def invited_id(*, employee_id: int, leader_id: int, requested_by_id: int | None) -> int:
    """Who gets the invitation: the person who did not make the booking (the employee, or the leader
    when the employee asked for the conversation)."""
    return leader_id if requested_by_id == employee_id else employee_id


def _message(*, recipient, template: str, context: dict) -> EmailMultiAlternatives:
    with translation.override(recipient.language), timezone.override(recipient.site.time_zone):
        context = {**context, "recipient": recipient, "site_url": settings.SITE_URL.rstrip("/")}
        subject = " ".join(render_to_string(f"coaching/email/{template}_subject.txt", context).split())
        body = render_to_string(f"coaching/email/{template}_body.txt", context)
    return EmailMultiAlternatives(subject, body, to=[recipient.email])


def invitation_message(
    conversation: Conversation, *, recipient, now: datetime.datetime
) -> EmailMultiAlternatives:
    """The invitation to a booking (or its update or cancellation) with an .ics attached."""
    message = _message(recipient=recipient, template="invite", context={"conversation": conversation})
    message.attach(
        "invite.ics",
        conversation_ics(conversation, language=recipient.language, now=now),
        "text/calendar; method=REQUEST; charset=utf-8",
    )
    return message


def summary_message(conversation: Conversation, *, recipient) -> EmailMultiAlternatives:
    """Tells the employee that the summary of a held conversation is ready to read and confirm."""
    return _message(
        recipient=recipient,
        template="summary",
        context={"conversation": conversation, "action_items": list(conversation.action_items.open())},
    )
