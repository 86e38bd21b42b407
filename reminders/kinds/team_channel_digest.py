"""A team's Teams channel, when an administrator has given it a Workflows webhook: on Monday, with the
leader's own digest, the team's week in figures. Figures only, no names: a channel may be read by the
whole team."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coaching.selectors import coverage_of, team_member_rows
from people.models import Employee
from reminders.kinds.weekly_digest import STALE_AFTER, this_monday_morning, this_weeks_since
from reminders.models import TeamsWebhook
from reminders.rule import Due, TeamChannelKind, local_today


class TeamChannelDigest(TeamChannelKind):
    key = "team_channel_digest"
    label = _("Weekly figures in the team's Teams channel")

    def teams_url(self, reminder):
        return TeamsWebhook.objects.filter(team_id=reminder.object_id).values_list("url", flat=True).first()

    def due(self, now):
        """One row per team with a channel and a leader (the leader is the sender on record)."""
        channels = (
            TeamsWebhook.objects.filter(team__leader__isnull=False)
            .filter(
                ~self.recorded(
                    object_id="team_id", recipient_id="team__leader_id", since=this_weeks_since(now)
                )
            )
            .order_by()
            .values_list("team_id", "team__leader_id", "team__leader__site__time_zone", "team__leader__shift")
        )
        return [
            Due(team_id, leader_id, monday, monday)
            for team_id, leader_id, zone, shift in channels
            for monday in [this_monday_morning(now, zone, shift)]
        ]

    def still_applies(self, reminder, now):
        """The team's figures, while it still has this leader and a channel; None when stale."""
        if now - reminder.occurrence > STALE_AFTER:
            return None
        leader = reminder.recipient
        members = Employee.objects.visible_to(leader.user, for_edit=True).filter(
            team_id=reminder.object_id, team__teams_webhook__isnull=False
        )
        today = local_today(leader, now)
        rows = team_member_rows(members=members, today=today, now=now, order="not_seen")
        if not rows:
            return None
        return {
            "team": rows[0].employee.team,
            "coverage": coverage_of(rows, today=today),
            "overdue": sum(1 for row in rows if row.follow_up and row.follow_up.is_overdue),
            "unconfirmed": sum(row.unconfirmed_summaries for row in rows),
            "open_action_items": sum(row.open_action_items for row in rows),
        }

    def url(self, reminder):
        return reverse("dashboards:leader_dashboard")


kind = TeamChannelDigest()
