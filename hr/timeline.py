"""One person's development history: entries from every app, in one list, for one reader.

Each source is a small function `source(employee, audience, start, end) -> list[Entry]` running one
query for the period [start, end]; the page asks for one year at a time, so a person with ten years
of history costs the same number of queries as one with one year. Another app's history is one more
function in SOURCES. Private notes are in no source: they belong to their author.
"""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import F, Max, Q, Window
from django.db.models.functions import Lag
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coaching.models import Conversation, day_start
from goals.models import Acknowledgement, Goal
from onboarding.models import Onboarding, TrainingCompletion
from people.models import Employee, PositionChange, Role
from people.privacy import Reading


class Kind:
    POSITION = "position"
    CONVERSATION = "conversation"
    PRAISE = "praise"
    WELLBEING = "wellbeing"
    GOAL = "goal"
    EXPECTATION = "expectation"
    CHANGE = "change"
    ONBOARDING = "onboarding"
    TRAINING = "training"

    CHOICES = [
        (POSITION, gettext_lazy("Position changes")),
        (CONVERSATION, gettext_lazy("Conversations")),
        (PRAISE, gettext_lazy("Praise and wins")),
        (WELLBEING, gettext_lazy("Wellbeing")),
        (GOAL, gettext_lazy("Goals and outcomes")),
        (EXPECTATION, gettext_lazy("Expectations acknowledged")),
        (ONBOARDING, gettext_lazy("Onboarding")),
        (TRAINING, gettext_lazy("Mandatory trainings")),
        (CHANGE, gettext_lazy("Changes (who changed what, when)")),
    ]
    LABELS = dict(CHOICES)


@dataclass(frozen=True)
class Entry:
    on: datetime.date
    kind: str
    title: str
    detail: str = ""
    by: str = ""

    @property
    def kind_label(self):
        return Kind.LABELS[self.kind]

    def as_dict(self) -> dict:
        return {
            "date": self.on.isoformat(),
            "kind": self.kind,
            "kind_label": str(self.kind_label),
            "title": self.title,
            "detail": self.detail,
            "by": self.by,
        }


def audience_for(user, employee, privacy) -> Reading:
    """What `user` may see of `employee`'s history, with the officer's decision already loaded."""
    return Reading.of(user, employee, hr_reads_summary=privacy.hr_reads_summary)


def _zone(employee):
    return ZoneInfo(employee.site.time_zone)


def _span(employee, start, end):
    """[start, end] as aware datetimes [from, until) on the person's site clock."""
    zone = _zone(employee)
    return day_start(start, zone), day_start(end + datetime.timedelta(days=1), zone)


def _day(moment, employee):
    return timezone.localdate(moment, _zone(employee))


def _name(user):
    return (user.get_full_name() or user.get_username()) if user is not None else ""


def positions(employee, audience, start, end):
    changes = PositionChange.objects.filter(
        employee=employee, changed_on__gte=start, changed_on__lte=end
    ).select_related("team", "recorded_by")
    labels = dict(Role.choices)
    return [
        Entry(
            change.changed_on,
            Kind.POSITION,
            f"{change.title} · {labels.get(change.role, change.role)}",
            " · ".join(part for part in (change.team.name if change.team else "", change.note) if part),
            _name(change.recorded_by),
        )
        for change in changes
    ]


def conversations(employee, audience, start, end):
    """Held conversations: date, type, leader and whether the summary is confirmed; the shared summary
    and wins for readers of the summary; energy and workload for the person and their leader."""
    since, until = _span(employee, start, end)
    hidden = ["location", "wellbeing_comment", "employee_comment", "kpi_snapshot", "interaction_reference"]
    if not audience.reads_summary:
        hidden += ["shared_notes", "wins"]
    if not audience.reads_wellbeing:
        hidden += ["energy", "workload"]
    held = (
        Conversation.objects.held()
        .filter(employee=employee, scheduled_at__gte=since, scheduled_at__lt=until)
        .select_related("conversation_type", "leader__user")
        .defer(*hidden)
    )
    entries = []
    for conversation in held:
        on = _day(conversation.scheduled_at, employee)
        confirmed = _("Summary confirmed") if conversation.is_confirmed else _("Summary not confirmed")
        detail = f"{confirmed}."
        if audience.reads_summary and conversation.shared_notes:
            detail = f"{detail} {conversation.shared_notes}"
        leader = conversation.leader.full_name
        entries.append(Entry(on, Kind.CONVERSATION, conversation.conversation_type.label, detail, leader))
        if audience.reads_summary and conversation.wins:
            entries.append(Entry(on, Kind.PRAISE, _("Wins and praise"), conversation.wins, leader))
        if audience.reads_wellbeing and (conversation.energy or conversation.workload):
            scores = _("Energy %(energy)s of 5, workload %(workload)s of 5") % {
                "energy": conversation.energy or "–",
                "workload": conversation.workload or "–",
            }
            entries.append(Entry(on, Kind.WELLBEING, _("Wellbeing"), scores, leader))
    return entries


def goals(employee, audience, start, end):
    """Goals set (from their start) and their outcome (when decided)."""
    since, until = _span(employee, start, end)
    rows = (
        Goal.objects.filter(employee=employee)
        .exclude(status=Goal.Status.DRAFT)
        .filter(Q(starts_on__gte=start, starts_on__lte=end) | Q(decided_at__gte=since, decided_at__lt=until))
        .select_related("decided_by__user")
    )
    entries = []
    for goal in rows:
        if start <= goal.starts_on <= end:
            detail = f"{goal.get_kind_display()} · {goal.get_status_display()}"
            entries.append(
                Entry(goal.starts_on, Kind.GOAL, _("Goal set: %(title)s") % {"title": goal.title}, detail)
            )
        if goal.decided_at and since <= goal.decided_at < until and goal.status in Goal.OUTCOMES:
            title = _("Outcome of %(title)s: %(outcome)s") % {
                "title": goal.title,
                "outcome": goal.get_status_display(),
            }
            by = goal.decided_by.full_name if goal.decided_by else ""
            entries.append(Entry(_day(goal.decided_at, employee), Kind.GOAL, title, goal.outcome_note, by))
    return entries


def acknowledgements(employee, audience, start, end):
    since, until = _span(employee, start, end)
    rows = Acknowledgement.objects.filter(
        employee=employee, acknowledged_at__gte=since, acknowledged_at__lt=until
    ).select_related("version")
    return [
        Entry(
            _day(row.acknowledged_at, employee),
            Kind.EXPECTATION,
            _("Acknowledged: %(title)s") % {"title": row.version.title},
            row.comment,
        )
        for row in rows
    ]


def _window_filtered(history, since, until):
    """History rows whose date is in [since, until), filtered after the window functions ran (so Lag
    sees the row before the period too)."""
    moment = Window(Max("history_date"), partition_by=[F("history_id")])
    return history.annotate(moment=moment).filter(moment__gte=since, moment__lt=until)


def changes(employee, audience, start, end):
    """Who changed the profile, a goal or a conversation summary, and when (simple-history records)."""
    since, until = _span(employee, start, end)
    verbs = {"+": _("created"), "~": _("changed"), "-": _("deleted")}
    entries = []
    profile = Employee.history.filter(id=employee.pk, history_date__gte=since, history_date__lt=until)
    for row in profile.select_related("history_user"):
        title = _("Profile %(verb)s") % {"verb": verbs[row.history_type]}
        entries.append(
            Entry(_day(row.history_date, employee), Kind.CHANGE, title, "", _name(row.history_user))
        )
    goal_rows = Goal.history.filter(employee_id=employee.pk, history_date__gte=since, history_date__lt=until)
    for row in goal_rows.select_related("history_user"):
        title = _("Goal %(title)s %(verb)s") % {"title": row.title, "verb": verbs[row.history_type]}
        entries.append(
            Entry(_day(row.history_date, employee), Kind.CHANGE, title, "", _name(row.history_user))
        )
    if audience.reads_summary:
        # Lag needs each conversation's earlier rows too, but only of conversations changed in the period.
        changed = Conversation.history.filter(
            employee_id=employee.pk, history_date__gte=since, history_date__lt=until
        ).values("id")
        summaries = _window_filtered(
            Conversation.history.filter(employee_id=employee.pk, id__in=changed)
            .annotate(
                previous_notes=Window(
                    Lag("shared_notes"), partition_by=[F("id")], order_by=[F("history_date"), F("history_id")]
                )
            )
            .select_related("history_user"),
            since,
            until,
        )
        for row in summaries:
            if row.shared_notes != (row.previous_notes or ""):
                entries.append(
                    Entry(
                        _day(row.history_date, employee),
                        Kind.CHANGE,
                        _("Conversation summary changed"),
                        "",
                        _name(row.history_user),
                    )
                )
    return entries


def onboardings(employee, audience, start, end):
    """Onboardings started, and completed with how long they took."""
    since, until = _span(employee, start, end)
    rows = (
        Onboarding.objects.filter(employee=employee)
        .filter(
            Q(starts_on__gte=start, starts_on__lte=end) | Q(completed_at__gte=since, completed_at__lt=until)
        )
        .select_related("template")
    )
    entries = []
    for onboarding in rows:
        name = str(onboarding.template) if onboarding.template else ""
        if start <= onboarding.starts_on <= end:
            title = _("Onboarding started: %(kind)s") % {"kind": onboarding.get_kind_display()}
            entries.append(Entry(onboarding.starts_on, Kind.ONBOARDING, title, name))
        if onboarding.completed_at and since <= onboarding.completed_at < until:
            done_on = _day(onboarding.completed_at, employee)
            title = _("Onboarding completed in %(days)s days") % {
                "days": (done_on - onboarding.starts_on).days
            }
            entries.append(Entry(done_on, Kind.ONBOARDING, title, name))
    return entries


def trainings(employee, audience, start, end):
    """Mandatory trainings completed, with how long each stays valid."""
    rows = TrainingCompletion.objects.filter(
        employee=employee, completed_on__gte=start, completed_on__lte=end
    ).select_related("requirement", "recorded_by")
    return [
        Entry(
            row.completed_on,
            Kind.TRAINING,
            _("Training completed: %(name)s") % {"name": row.requirement},
            _("Valid until %(date)s") % {"date": date_format(row.valid_until, "SHORT_DATE_FORMAT")},
            _name(row.recorded_by),
        )
        for row in rows
    ]


# (kind(s) a source gives, the source).
SOURCES = [
    ({Kind.POSITION}, positions),
    ({Kind.CONVERSATION, Kind.PRAISE, Kind.WELLBEING}, conversations),
    ({Kind.GOAL}, goals),
    ({Kind.EXPECTATION}, acknowledgements),
    ({Kind.ONBOARDING}, onboardings),
    ({Kind.TRAINING}, trainings),
    ({Kind.CHANGE}, changes),
]


def timeline(employee, audience, start, end, kinds=None) -> list[Entry]:
    """The entries of [start, end] of the kinds asked for (all by default), newest first. One query
    per source that gives one of those kinds."""
    wanted = set(kinds or Kind.LABELS)
    entries = []
    for gives, source in SOURCES:
        if gives & wanted:
            entries.extend(entry for entry in source(employee, audience, start, end) if entry.kind in wanted)
    return sorted(entries, key=lambda entry: entry.on, reverse=True)


def years_of(employee, today) -> list[int]:
    """The years of the person's employment, newest first (the pages of the history)."""
    last = max(employee.started_on.year, (employee.ended_on or today).year)
    return list(range(last, employee.started_on.year - 1, -1))
