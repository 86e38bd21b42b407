"""iCalendar output: one conversation as an invitation, and a leader's subscription feed.

Only what a calendar needs leaves the app: the type, the names, the time, the place. Never notes.
"""

import datetime
from zoneinfo import ZoneInfo

from django.utils import translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText

PRODID = "-//Samtal//Coaching//EN"


def conversation_uid(conversation) -> str:
    """Stable for the conversation's whole life, so calendars update the same event."""
    return f"conversation-{conversation.pk}@samtal"


def _summary(conversation, *, language: str) -> str:
    with translation.override(language):
        return _("%(type)s: %(employee)s and %(leader)s") % {
            "type": conversation.conversation_type.label,
            "employee": conversation.employee.full_name,
            "leader": conversation.leader.full_name,
        }


def _attendee(employee, *, organizer: bool = False):
    address = vCalAddress(f"mailto:{employee.email or employee.user.get_username() + '@invalid'}")
    address.params["cn"] = vText(employee.full_name)
    if not organizer:
        address.params["role"] = vText("REQ-PARTICIPANT")
        address.params["partstat"] = vText("NEEDS-ACTION")
        address.params["rsvp"] = vText("TRUE")
    return address


def _event(conversation, *, language: str, now: datetime.datetime, with_attendees: bool) -> Event:
    zone = ZoneInfo(conversation.employee.site.time_zone)
    event = Event()
    event.add("uid", conversation_uid(conversation))
    event.add("sequence", conversation.calendar_sequence)
    event.add("dtstamp", now.astimezone(datetime.UTC))
    event.add("dtstart", conversation.scheduled_at.astimezone(zone))
    event.add("dtend", conversation.ends_at.astimezone(zone))
    event.add("summary", _summary(conversation, language=language))
    if conversation.location:
        event.add("location", conversation.location)
    event.add("status", "CANCELLED" if conversation.status == conversation.Status.CANCELLED else "CONFIRMED")
    if with_attendees:
        event.add("organizer", _attendee(conversation.leader, organizer=True))
        event.add("attendee", _attendee(conversation.employee), encode=0)
        event.add("attendee", _attendee(conversation.leader), encode=0)
    return event


def conversation_ics(conversation, *, language: str, now: datetime.datetime) -> bytes:
    """An invitation (METHOD:REQUEST, or CANCEL once cancelled) for one conversation, in its site's
    time zone, with both people as attendees."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    cancelled = conversation.status == conversation.Status.CANCELLED
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")
    calendar.add_component(_event(conversation, language=language, now=now, with_attendees=True))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def feed_ics(conversations, *, owner, language: str, now: datetime.datetime) -> bytes:
    """A subscription feed of upcoming conversations: only the type and the names (no attendees'
    addresses, no notes), so little personal data sits in a third-party calendar."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    with translation.override(language):
        calendar.add("x-wr-calname", _("Samtal: conversations of %(name)s") % {"name": owner.full_name})
    for conversation in conversations:
        calendar.add_component(_event(conversation, language=language, now=now, with_attendees=False))
    calendar.add_missing_timezones()
    return calendar.to_ical()
