"""E-mails of the coaching app, each in its recipient's language and time zone.

Mails carry what the recipient may read: shared notes and action items, never a private note.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation

from coaching.ical import conversation_ics
from coaching.models import Conversation


def _send(*, recipient, template: str, context: dict, attachment: bytes | None = None) -> None:
    if not recipient.email:
        return
    with translation.override(recipient.language), timezone.override(recipient.site.time_zone):
        context = {**context, "recipient": recipient, "site_url": getattr(settings, "SITE_URL", "")}
        subject = " ".join(render_to_string(f"coaching/email/{template}_subject.txt", context).split())
        body = render_to_string(f"coaching/email/{template}_body.txt", context)
    message = EmailMultiAlternatives(subject, body, to=[recipient.email])
    if attachment is not None:
        message.attach("invite.ics", attachment, "text/calendar; method=REQUEST; charset=utf-8")
    message.send()


def _load(conversation_id: int) -> Conversation | None:
    return (
        Conversation.objects.select_related(
            "employee__user", "employee__site", "leader__user", "leader__site", "conversation_type"
        )
        .filter(pk=conversation_id)
        .first()
    )


def conversation_invite_send(*, conversation_id: int) -> bool:
    """Send the invitation (or its update or cancellation) with an .ics attached to the person who
    did not make the booking: the employee, or the leader when the employee asked for it."""
    conversation = _load(conversation_id)
    if conversation is None or conversation.status not in (
        Conversation.Status.SCHEDULED,
        Conversation.Status.CANCELLED,
    ):
        return False
    recipient = (
        conversation.leader
        if conversation.requested_by_id == conversation.employee_id
        else (conversation.employee)
    )
    _send(
        recipient=recipient,
        template="invite",
        context={"conversation": conversation},
        attachment=conversation_ics(conversation, language=recipient.language, now=timezone.now()),
    )
    return True


def conversation_summary_send(*, conversation_id: int) -> bool:
    """Tell the employee that the summary of a held conversation is ready to read and confirm."""
    conversation = _load(conversation_id)
    if conversation is None or not conversation.is_held:
        return False
    _send(
        recipient=conversation.employee,
        template="summary",
        context={"conversation": conversation, "action_items": list(conversation.action_items.open())},
    )
    return True
