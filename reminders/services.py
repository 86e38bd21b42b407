"""What is due for whom, derived from the database; each reminder recorded once and sent once.

Beat ticks `reminder_sweep` every few minutes (UTC). Each rule below is one set-based query over what
is due, never a loop over all employees. Reminders for a day fire at 08:00 in the recipient's site
time zone, so they follow daylight-saving changes.
"""

import datetime
import zoneinfo
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.template.loader import render_to_string
from django.utils import timezone, translation

from coaching.models import ActionItem, Conversation, Rhythm
from dashboards.selectors import coverage_of, team_member_rows
from goals.models import Acknowledgement, Expectation, Goal
from people.models import Employee, Role
from reminders.models import Reminder

CONVERSATION_LEAD = timedelta(hours=24)
SUMMARY_GRACE = timedelta(days=2)
SUMMARY_WINDOW = timedelta(days=14)
ACTION_ITEM_WINDOW = timedelta(
    days=7
)  # items overdue for longer are on the next agenda anyway  # older unconfirmed summaries wait on the leader's dashboard instead
EXPECTATION_GRACE = timedelta(days=2)
GOAL_GRACE = timedelta(days=2)
MORNING = datetime.time(8, 0)
DIGEST_TIME = datetime.time(7, 0)  # Monday morning, before the first one-on-one of the week
DIGEST_STALE_AFTER = timedelta(days=2)  # a digest missed by the sweep for longer is not worth sending


def local_morning(day: datetime.date, time_zone: str) -> datetime.datetime:
    """08:00 on `day` in `time_zone`, as an aware datetime."""
    return datetime.datetime.combine(day, MORNING, tzinfo=zoneinfo.ZoneInfo(time_zone))


def _remind(kind, object_id, recipient_id, occurrence, due_at=None) -> Reminder:
    """An unsaved reminder; one that has no lead time is due when it occurs."""
    return Reminder(
        kind=kind,
        object_id=object_id,
        recipient_id=recipient_id,
        occurrence=occurrence,
        due_at=due_at or occurrence,
    )


def _conversation_soon(now):
    soon = Conversation.objects.filter(
        status=Conversation.Status.SCHEDULED, scheduled_at__range=(now, now + CONVERSATION_LEAD)
    ).values_list("pk", "leader_id", "employee_id", "scheduled_at")
    return [
        _remind(Reminder.Kind.CONVERSATION_SOON, pk, recipient, at, at - CONVERSATION_LEAD)
        for pk, leader_id, employee_id, at in soon
        for recipient in (leader_id, employee_id)
    ]


def _follow_up_overdue(now):
    """The team leader, at 08:00 on the day after the follow-up was due."""
    overdue = (
        Rhythm.objects.overdue(timezone.localdate(now))
        .filter(employee__in=Employee.objects.active(), employee__team__leader__isnull=False)
        .values_list(
            "pk", "employee__team__leader_id", "next_due_on", "employee__team__leader__site__time_zone"
        )
    )
    return [
        _remind(
            Reminder.Kind.FOLLOW_UP_OVERDUE, pk, leader_id, local_morning(due_on + timedelta(days=1), zone)
        )
        for pk, leader_id, due_on, zone in overdue
    ]


def _summary_unconfirmed(now):
    unconfirmed = Conversation.objects.unconfirmed().filter(
        held_at__lte=now - SUMMARY_GRACE, held_at__gt=now - SUMMARY_WINDOW
    )
    return [
        _remind(Reminder.Kind.SUMMARY_UNCONFIRMED, pk, employee_id, held_at, held_at + SUMMARY_GRACE)
        for pk, employee_id, held_at in unconfirmed.values_list("pk", "employee_id", "held_at")
    ]


def _expectation_unacknowledged(now):
    """Pairs (member, current version) without an acknowledgement, one query per kind of audience."""
    acknowledged = Acknowledgement.objects.filter(employee=OuterRef("pk"), version=OuterRef("version_id"))
    members = Employee.objects.active()
    versions = (
        Expectation.objects.active()
        .exclude(current_version=None)
        .filter(current_version__created_at__lte=now - EXPECTATION_GRACE)
    )
    audiences = [
        members.filter(team__expectations__in=versions.filter(scope=Expectation.Scope.TEAM)).annotate(
            version_id=F("team__expectations__current_version_id"),
            published_at=F("team__expectations__current_version__created_at"),
        ),
        members.filter(site__expectations__in=versions.filter(scope=Expectation.Scope.SITE)).annotate(
            version_id=F("site__expectations__current_version_id"),
            published_at=F("site__expectations__current_version__created_at"),
        ),
    ]
    pending = []
    for audience in audiences:
        pending += audience.filter(~Exists(acknowledged)).values_list("pk", "version_id", "published_at")
    for version_id, published_at in versions.filter(scope=Expectation.Scope.ORGANISATION).values_list(
        "current_version_id", "current_version__created_at"
    ):  # organisation-wide ones are few: one query each
        members_pending = members.exclude(acknowledgements__version_id=version_id).values_list(
            "pk", flat=True
        )
        pending += [(pk, version_id, published_at) for pk in members_pending]
    return [
        _remind(
            Reminder.Kind.EXPECTATION_UNACKNOWLEDGED, version_id, pk, published, published + EXPECTATION_GRACE
        )
        for pk, version_id, published in pending
    ]


def _goal_awaiting_agreement(now):
    """The side that has not agreed yet, two days after the other side did."""
    cutoff = now - GOAL_GRACE
    rows = list(
        Goal.objects.awaiting_employee()
        .filter(leader_agreed_at__lte=cutoff)
        .values_list("pk", "employee_id", "leader_agreed_at")
    )
    rows += (
        Goal.objects.awaiting_leader()
        .filter(employee_agreed_at__lte=cutoff, employee__team__leader__isnull=False)
        .values_list("pk", "employee__team__leader_id", "employee_agreed_at")
    )
    return [
        _remind(Reminder.Kind.GOAL_AWAITING_AGREEMENT, pk, recipient, agreed_at, agreed_at + GOAL_GRACE)
        for pk, recipient, agreed_at in rows
    ]


def _action_item_due(now):
    """The owner of an open action item (the employee, or the leader of the conversation that agreed
    it), on the morning of its due date in the employee's site time zone."""
    today = timezone.localdate(now)
    due = (
        ActionItem.objects.open()
        .due_by(today + timedelta(days=1))  # tomorrow's may already be due east of the server
        .filter(due_on__gte=today - ACTION_ITEM_WINDOW)
        .values_list(
            "pk", "owner", "employee_id", "conversation__leader_id", "due_on", "employee__site__time_zone"
        )
    )
    return [
        _remind(
            Reminder.Kind.ACTION_ITEM_DUE,
            pk,
            employee_id if owner == ActionItem.Owner.EMPLOYEE else leader_id,
            local_morning(due_on, zone),
        )
        for pk, owner, employee_id, leader_id, due_on, zone in due
    ]


def _weekly_digest(now):
    """Every team leader, on Monday at 07:00 in their site's time zone. One row per leader (a few
    hundred at most), not per employee."""
    leaders = (
        Employee.objects.active()
        .filter(role=Role.TEAM_LEADER, led_teams__isnull=False)
        .distinct()
        .values_list("pk", "site__time_zone")
    )
    return [
        _remind(Reminder.Kind.WEEKLY_DIGEST, pk, pk, this_monday_morning(now, zone)) for pk, zone in leaders
    ]


def this_monday_morning(now: datetime.datetime, time_zone: str) -> datetime.datetime:
    """07:00 on the Monday of `now`'s week, in `time_zone`."""
    zone = zoneinfo.ZoneInfo(time_zone)
    today = timezone.localdate(now, zone)
    return datetime.datetime.combine(today - timedelta(days=today.weekday()), DIGEST_TIME, tzinfo=zone)


RULES = [
    _conversation_soon,
    _follow_up_overdue,
    _summary_unconfirmed,
    _expectation_unacknowledged,
    _goal_awaiting_agreement,
    _weekly_digest,
    _action_item_due,
]


@transaction.atomic
def reminder_sweep(*, now: datetime.datetime) -> list[int]:
    """Record every reminder due by `now` (one insert, duplicates ignored) and return the ids still
    unclaimed. Safe to repeat, to miss a tick and to run from two beats at once."""
    Reminder.objects.bulk_create(
        [r for rule in RULES for r in rule(now) if r.due_at <= now], ignore_conflicts=True
    )
    return list(Reminder.objects.unclaimed_due(now).values_list("pk", flat=True))


def reminder_send(*, reminder_id: int) -> bool:
    """Send one reminder by e-mail in the recipient's language and time zone. Returns False when it
    was already claimed or no longer applies (the row stays, nothing is sent)."""
    claimed = Reminder.objects.filter(pk=reminder_id, claimed_at=None).update(claimed_at=timezone.now())
    if not claimed:
        return False
    reminder = Reminder.objects.select_related("recipient__user", "recipient__site").get(pk=reminder_id)
    subject_object = _still_applies(reminder)
    if subject_object is None:
        return False
    recipient = reminder.recipient
    try:
        with translation.override(recipient.language), timezone.override(recipient.site.time_zone):
            context = {
                "reminder": reminder,
                "object": subject_object,
                "recipient": recipient,
                "site_url": settings.SITE_URL.rstrip("/"),
            }
            subject = render_to_string("reminders/email/reminder_subject.txt", context).strip()
            body = render_to_string("reminders/email/reminder_body.txt", context)
        send_mail(subject, body, None, [recipient.user.email])
    except Exception:
        Reminder.objects.filter(pk=reminder_id).update(claimed_at=None)  # give the claim back for the retry
        raise
    Reminder.objects.filter(pk=reminder_id).update(sent_at=timezone.now(), subject=subject[:200])
    return True


def _digest_for(leader: Employee) -> dict | None:
    """The leader's week ahead, from the same rows as their dashboard; None without a team."""
    now = timezone.now()
    today = timezone.localdate(now, zoneinfo.ZoneInfo(leader.site.time_zone))
    members = Employee.objects.visible_to(leader.user, for_edit=True)
    rows = team_member_rows(members=members, today=today, now=now, order="not_seen")
    if not rows:
        return None
    return {
        "coverage": coverage_of(rows, today=today),
        "overdue": [row for row in rows if row.follow_up and row.follow_up.is_overdue],
        "unconfirmed": sum(row.unconfirmed_summaries for row in rows),
        "open_action_items": sum(row.open_action_items for row in rows),
        "goals_at_risk": sum(row.goals_at_risk for row in rows),
        "awaiting_you": Goal.objects.awaiting_leader().filter(employee__in=members).count(),
    }


def _still_applies(reminder: Reminder):
    """The object the reminder is about, if what made it due is still true; otherwise None."""
    Kind = Reminder.Kind
    if reminder.kind == Kind.CONVERSATION_SOON:
        return (
            Conversation.objects.select_related("employee__user", "leader__user", "conversation_type")
            .filter(
                pk=reminder.object_id, status=Conversation.Status.SCHEDULED, scheduled_at=reminder.occurrence
            )
            .first()
        )
    if reminder.kind == Kind.FOLLOW_UP_OVERDUE:
        today = timezone.localdate(timezone.now(), zoneinfo.ZoneInfo(reminder.recipient.site.time_zone))
        return (
            Rhythm.objects.overdue(today)
            .select_related("employee__user", "conversation_type")
            .filter(pk=reminder.object_id)
            .first()
        )
    if reminder.kind == Kind.SUMMARY_UNCONFIRMED:
        return (
            Conversation.objects.unconfirmed()
            .select_related("leader__user", "conversation_type")
            .filter(pk=reminder.object_id)
            .first()
        )
    if reminder.kind == Kind.EXPECTATION_UNACKNOWLEDGED:
        return (
            Expectation.objects.unacknowledged_by(reminder.recipient)
            .filter(current_version_id=reminder.object_id)
            .first()
        )
    if reminder.kind == Kind.ACTION_ITEM_DUE:
        return (
            ActionItem.objects.open()
            .select_related("conversation__conversation_type", "employee__user")
            .filter(pk=reminder.object_id)
            .first()
        )
    if reminder.kind == Kind.WEEKLY_DIGEST:
        if timezone.now() - reminder.occurrence > DIGEST_STALE_AFTER:
            return None
        return _digest_for(reminder.recipient)
    if reminder.kind == Kind.GOAL_AWAITING_AGREEMENT:
        waiting = Goal.objects.awaiting_employee().filter(employee=reminder.recipient) | (
            Goal.objects.awaiting_leader().filter(employee__team__leader=reminder.recipient)
        )
        return waiting.select_related("employee__user").filter(pk=reminder.object_id).first()
    return None


def reminder_mark_read(*, reminder: Reminder, now: datetime.datetime) -> bool:
    """Mark a sent reminder read when its recipient opens it. Safe to repeat: False if it already was."""
    return bool(Reminder.objects.filter(pk=reminder.pk, read_at=None).update(read_at=now))
