"""The shape every reminder kind has (one module per kind under reminders/kinds/).

A kind says what is due by `now` (one set-based query), who receives it (part of each due row),
whether it still applies when its turn comes, and how its e-mail reads (its own subject and body
templates, reminders/email/<key>_subject.txt and _body.txt).
"""

import datetime
import zoneinfo
from abc import ABC, abstractmethod
from collections.abc import Iterable
from typing import NamedTuple

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.utils import timezone, translation

from people.models import Employee
from reminders.models import Delivery, Reminder, TeamsWebhook


class Due(NamedTuple):
    """One reminder a kind finds due: the key (object, recipient, occurrence) and when it is due."""

    object_id: int
    recipient_id: int
    occurrence: datetime.datetime
    due_at: datetime.datetime


def shift_start(day: datetime.date, time_zone: str, shift: str) -> datetime.datetime:
    """The start of `shift` on `day` in `time_zone`, as an aware datetime (daylight saving included):
    a reminder about a day reaches a day agent at 08:00 and an evening agent at 15:00, local time."""
    return datetime.datetime.combine(
        day, Employee.Shift(shift).starts_at, tzinfo=zoneinfo.ZoneInfo(time_zone)
    )


def next_working_day(day: datetime.date) -> datetime.date:
    """The first Monday to Friday after `day`."""
    following = day + datetime.timedelta(days=1)
    while following.weekday() >= 5:
        following += datetime.timedelta(days=1)
    return following


def previous_working_day(day: datetime.date) -> datetime.date:
    """The last Monday to Friday before `day`."""
    previous = day - datetime.timedelta(days=1)
    while previous.weekday() >= 5:
        previous -= datetime.timedelta(days=1)
    return previous


def local_today(employee, now: datetime.datetime) -> datetime.date:
    """The date at `now` where `employee` works."""
    return timezone.localdate(now, zoneinfo.ZoneInfo(employee.site.time_zone))


class ReminderKind(ABC):
    """A kind of reminder. Subclasses set `key` and `label` and implement `due`, `still_applies` and
    `url`; a kind that forgets one cannot be created, so the registry fails at import, not at send."""

    key: str
    label: str
    # Whether each person chooses how this kind reaches them (reminders.models.NotificationPreference).
    # Kinds that carry a calendar invitation, or are a digest themselves, always go by e-mail.
    choosable = True
    # What compliance requires may move into the daily digest but cannot be switched off.
    compliance = False

    def deliveries(self) -> list[str]:
        """The ways a person may choose for this kind, e-mail first."""
        if not self.choosable:
            return [Delivery.EMAIL]
        if self.compliance:
            return [Delivery.EMAIL, Delivery.TEAMS, Delivery.DIGEST]
        return [Delivery.EMAIL, Delivery.TEAMS, Delivery.DIGEST, Delivery.IN_APP]

    def teams_url(self, reminder) -> str | None:
        """The Workflows webhook a Teams delivery posts to: the recipient's own chat, if they set one."""
        return (
            TeamsWebhook.objects.filter(employee_id=reminder.recipient_id)
            .values_list("url", flat=True)
            .first()
        )

    @abstractmethod
    def due(self, now: datetime.datetime) -> Iterable[Due]:
        """The reminders of this kind that exist by `now` and are not recorded yet (those not yet due
        are left out by the sweep), from one set-based query that leaves out the recorded ones with
        `recorded()`, unordered (`.order_by()`: a model's default ordering would add joins and a
        sort): never a loop over people, and a steady tick reads almost nothing."""

    def recorded(
        self,
        *,
        object_id: str = "pk",
        recipient_id: str | None = None,
        occurrence: str | None = None,
        since: str | datetime.datetime | None = None,
    ) -> Exists:
        """Whether this kind's reminder for a row of the due query is recorded already; the arguments
        name the row's columns. The same object; the same recipient (None: anyone, where the object
        and the occurrence decide who gets it); the same occurrence, or, where the kind computes the
        occurrence in Python (from a date, a shift and a time zone), one at or after `since` (a column
        or a moment). Read through the unique key (kind, object, recipient, occurrence)."""
        reminders = Reminder.objects.filter(kind=self.key, object_id=OuterRef(object_id))
        if recipient_id is not None:
            reminders = reminders.filter(recipient_id=OuterRef(recipient_id))
        if occurrence is not None:
            reminders = reminders.filter(occurrence=OuterRef(occurrence))
        if since is not None:
            reminders = reminders.filter(occurrence__gte=OuterRef(since) if isinstance(since, str) else since)
        return Exists(reminders)

    @abstractmethod
    def still_applies(self, reminder, now: datetime.datetime):
        """The object the reminder is about if what made it due is still true at `now`, else None."""

    @abstractmethod
    def url(self, reminder) -> str:
        """Where the reminders page leads: the page of what the reminder is about (that page checks
        who may see it)."""

    def context(self, reminder, subject_object, now: datetime.datetime) -> dict:
        """What the templates see besides the reminder, its object, the recipient and the site URL."""
        return {}

    def after_send(self, reminder, subject_object, now: datetime.datetime) -> None:
        """What sending this reminder settles besides itself (the daily digest: the reminders it held)."""
        return None

    def message(self, reminder, subject_object, now: datetime.datetime) -> EmailMessage:
        """The e-mail, in the recipient's language and site time zone."""
        recipient = reminder.recipient
        with translation.override(recipient.language), timezone.override(recipient.site.time_zone):
            context = {
                "reminder": reminder,
                "object": subject_object,
                "recipient": recipient,
                "site_url": settings.SITE_URL.rstrip("/"),
                **self.context(reminder, subject_object, now),
            }
            subject = " ".join(render_to_string(f"reminders/email/{self.key}_subject.txt", context).split())
            body = render_to_string(f"reminders/email/{self.key}_body.txt", context)
        return EmailMessage(subject, body, to=[recipient.user.email])


class TeamChannelKind(ReminderKind):
    """A kind posted to a team's Teams channel, which an administrator sets: nobody chooses how it
    reaches them. Subclasses say which channel in `teams_url`."""

    choosable = False

    def deliveries(self) -> list[str]:
        return [Delivery.TEAMS]
