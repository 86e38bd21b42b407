"""Every team leader, on Monday an hour before their shift starts (07:00 for a day shift) in their
site's time zone: their team's week ahead."""

import datetime
import zoneinfo
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coaching.selectors import coverage_of, team_member_rows
from goals.models import Goal
from onboarding.models import Onboarding
from onboarding.selectors import with_progress
from people.models import Employee, Role
from reminders.kinds.training_expiring import expiring_completions
from reminders.rule import Due, ReminderKind, local_today, shift_start

DIGEST_LEAD = timedelta(hours=1)  # before the first one-on-one of the week
STALE_AFTER = timedelta(days=2)  # a digest missed by the sweep for longer is not worth sending


def this_monday_morning(now: datetime.datetime, time_zone: str, shift: str) -> datetime.datetime:
    """An hour before `shift` starts on the Monday of `now`'s week, in `time_zone`."""
    today = timezone.localdate(now, zoneinfo.ZoneInfo(time_zone))
    return shift_start(today - timedelta(days=today.weekday()), time_zone, shift) - DIGEST_LEAD


def this_weeks_since(now: datetime.datetime) -> datetime.datetime:
    """A moment after every digest of last week and before every digest of this week that is due by
    `now`: noon UTC on the Sunday before the Monday of `now`'s week in UTC. Last week's latest digest went
    out on Monday evening (a night shift); this week's earliest is due on Monday morning, by when
    Monday has begun in UTC too."""
    today = now.astimezone(datetime.UTC).date()
    sunday = today - timedelta(days=today.weekday() + 1)
    return datetime.datetime.combine(sunday, datetime.time(12), tzinfo=datetime.UTC)


class WeeklyDigest(ReminderKind):
    key = "weekly_digest"
    label = _("Weekly digest for team leaders")
    choosable = False  # a digest already

    def due(self, now):
        """One row per leader (a few hundred at most), not per employee."""
        leaders = (
            Employee.objects.active()
            .filter(role=Role.TEAM_LEADER, led_teams__isnull=False)
            .filter(~self.recorded(recipient_id="pk", since=this_weeks_since(now)))
            .distinct()
            .order_by()
            .values_list("pk", "site__time_zone", "shift")
        )
        return [
            Due(pk, pk, monday, monday)
            for pk, zone, shift in leaders
            for monday in [this_monday_morning(now, zone, shift)]
        ]

    def still_applies(self, reminder, now):
        """The leader's week ahead, from the same rows as their dashboard; None when the digest is
        stale or the leader has no team."""
        if now - reminder.occurrence > STALE_AFTER:
            return None
        leader = reminder.recipient
        today = local_today(reminder.recipient, now)
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
            "onboardings_behind": list(
                with_progress(Onboarding.objects.running().filter(employee__in=members), today)
                .filter(task_overdue__gt=0)
                .select_related("employee__user")
                .order_by("starts_on", "pk")
            ),
            "trainings_expiring": expiring_completions(now, employees=members).count(),
        }

    def url(self, reminder):
        return reverse("dashboards:leader_dashboard")


kind = WeeklyDigest()
