"""A team's Teams channel, when an administrator has given it a Workflows webhook: a welcome for each
person who starts an onboarding in the team (a new hire, or someone moving in from another team), once,
at 08:00 in the team's site time zone on the working day before the start date. The day before, not the
day itself: the team can greet them on their first morning, and the trainer and the floor walker have
the day planned; a Monday start is announced on Friday. A name, a date and who helps them: nothing
else, as a channel may be read by the whole team."""

import datetime
import zoneinfo

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from onboarding.models import Onboarding
from people.models import Employee
from reminders.models import TeamsWebhook
from reminders.rule import Due, TeamChannelKind, previous_working_day, shift_start

# How far ahead the sweep looks: a Monday start is announced on Friday, three days before, and a site
# east of the server may already be a day further.
LOOK_AHEAD = datetime.timedelta(days=4)


def announced_at(starts_on: datetime.date, time_zone: str) -> datetime.datetime:
    """08:00 (the day shift's start) on the working day before `starts_on`, in `time_zone`."""
    return shift_start(previous_working_day(starts_on), time_zone, Employee.Shift.DAY)


class OnboardingArrival(TeamChannelKind):
    key = "onboarding_arrival"
    label = _("Onboarding arrivals in the team's Teams channel")

    def teams_url(self, reminder):
        team = Onboarding.objects.filter(pk=reminder.object_id).values("employee__team_id")
        return TeamsWebhook.objects.filter(team_id__in=team).values_list("url", flat=True).first()

    def due(self, now):
        """One row per running onboarding starting soon in a team with a channel and a leader (the
        leader is the sender on record); once per onboarding, whoever leads the team by then."""
        today = timezone.localdate(now)
        arrivals = (
            Onboarding.objects.running()
            .filter(
                employee__team__teams_webhook__isnull=False,
                employee__team__leader__isnull=False,
                starts_on__range=(today - datetime.timedelta(days=1), today + LOOK_AHEAD),
            )
            .filter(~self.recorded())
            .order_by()
            .values_list("pk", "employee__team__leader_id", "starts_on", "employee__team__site__time_zone")
        )
        return [
            Due(pk, leader_id, at, at)
            for pk, leader_id, starts_on, zone in arrivals
            for at in [announced_at(starts_on, zone)]
        ]

    def still_applies(self, reminder, now):
        """The onboarding, while it runs, its team still has a channel, and its start date has not
        passed in the team's time zone (a moved start date is announced as it is now)."""
        onboarding = (
            Onboarding.objects.running()
            .filter(pk=reminder.object_id, employee__team__teams_webhook__isnull=False)
            .select_related("employee__user", "employee__team__site", "trainer__user", "floor_walker__user")
            .first()
        )
        if onboarding is None:
            return None
        team_today = timezone.localdate(now, zoneinfo.ZoneInfo(onboarding.employee.team.site.time_zone))
        return onboarding if onboarding.starts_on >= team_today else None

    def url(self, reminder):
        return reverse("onboarding:onboarding_detail", args=[reminder.object_id])


kind = OnboardingArrival()
