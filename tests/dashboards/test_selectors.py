"""The arithmetic behind the dashboards: coverage shares, ordering and the wellbeing chart (no pages)."""

import datetime

from django.utils import timezone

from coaching.models import Conversation
from config.charts import BOTTOM, HEIGHT, TOP
from dashboards.charts import wellbeing_chart
from dashboards.selectors import Coverage, FollowUpStatus, MemberRow, sort_rows, timeline_by_year
from people.models import Employee

TODAY = datetime.date(2026, 11, 25)


def status(*, overdue=False, paused=False, due_in=0):
    return FollowUpStatus(
        cadence_days=14,
        next_due_on=TODAY + datetime.timedelta(days=due_in),
        is_overdue=overdue,
        is_paused=paused,
    )


def row(name, *, follow_up=None, seen_days_ago=None):
    first, last = name.split()
    employee = Employee(user=Employee.user.field.related_model(first_name=first, last_name=last))
    seen = None
    if seen_days_ago is not None:
        seen = timezone.now() - datetime.timedelta(days=seen_days_ago)
    return MemberRow(
        employee=employee,
        last_held_at=seen,
        last_kind=None,
        next_scheduled_at=None,
        open_action_items=0,
        unconfirmed_summaries=0,
        energy=None,
        workload=None,
        previous_energy=None,
        previous_workload=None,
        follow_up=follow_up,
    )


def test_coverage_counts_paused_people_as_members_but_not_in_the_share():
    coverage = Coverage()
    coverage.add(follow_up=status(), days_since_seen=3)
    coverage.add(follow_up=status(overdue=True), days_since_seen=40)
    coverage.add(follow_up=status(paused=True), days_since_seen=200)
    coverage.add(follow_up=None, days_since_seen=None)
    assert (coverage.members, coverage.paused, coverage.counted) == (4, 1, 3)
    assert (coverage.covered, coverage.overdue) == (1, 1)
    assert coverage.percent == 33
    assert coverage.average_days_since_seen == 22  # paused left out, never-seen left out


def test_an_empty_coverage_has_no_share_and_no_average():
    assert Coverage().percent is None
    assert Coverage().average_days_since_seen is None


def test_next_due_order_puts_the_most_overdue_first_and_paused_or_rhythmless_people_last():
    rows = [
        row("Paused Person", follow_up=status(paused=True, due_in=-100)),
        row("Soon Due", follow_up=status(due_in=2)),
        row("No Rhythm"),
        row("Long Overdue", follow_up=status(overdue=True, due_in=-30)),
    ]
    ordered = [r.employee.full_name for r in sort_rows(rows, "next_due")]
    assert ordered == ["Long Overdue", "Soon Due", "No Rhythm", "Paused Person"]


def test_not_seen_order_puts_people_never_seen_first_then_the_longest_since():
    rows = [row("Seen Recently", seen_days_ago=2), row("Never Seen"), row("Seen Long", seen_days_ago=90)]
    ordered = [r.employee.full_name for r in sort_rows(rows, "not_seen")]
    assert ordered == ["Never Seen", "Seen Long", "Seen Recently"]


def test_trends_compare_with_the_previous_check():
    up = row("A B")
    up.energy, up.previous_energy, up.workload, up.previous_workload = 4, 2, 2, 3
    assert (up.energy_trend, up.workload_trend) == ("up", "down")
    up.previous_energy = 4
    assert up.energy_trend == "same"


def conversation(days_ago, *, energy=None, workload=None, status=Conversation.Status.HELD):
    return Conversation(
        scheduled_at=timezone.now() - datetime.timedelta(days=days_ago),
        status=status,
        energy=energy,
        workload=workload,
    )


def test_the_chart_plots_held_checks_oldest_left_with_five_at_the_top():
    chart = wellbeing_chart(
        [
            conversation(1, energy=5, workload=1),
            conversation(3, energy=4, status=Conversation.Status.SCHEDULED),  # not held: left out
            conversation(10),  # no check: left out
            conversation(20, energy=1, workload=None),
        ]
    )
    energy, workload = chart.lines
    assert [marker.value for marker in energy.markers] == [1, 5]
    assert [marker.value for marker in workload.markers] == [1]
    first, last = energy.markers
    assert float(first.x) < float(last.x)
    assert float(last.y) == TOP  # 5 is the top line
    assert float(first.y) == HEIGHT - BOTTOM  # 1 is the bottom line
    assert energy.points == f"{first.x},{first.y} {last.x},{last.y}"


def test_a_long_history_is_averaged_per_month_a_few_months_per_week_and_no_checks_draw_no_chart():
    chart = wellbeing_chart([conversation(days, energy=3) for days in range(1, 400, 3)])
    assert chart.grouping == "month"
    assert 13 <= len(chart.lines[0].markers) <= 15
    chart = wellbeing_chart([conversation(days, energy=3) for days in range(1, 150)])
    assert chart.grouping == "week"
    assert 21 <= len(chart.lines[0].markers) <= 23
    assert wellbeing_chart([conversation(2)]) is None


def test_the_timeline_groups_by_year_newest_first():
    moments = [
        datetime.datetime(2026, 3, 1, 9, tzinfo=datetime.UTC),
        datetime.datetime(2025, 12, 31, 23, 30, tzinfo=datetime.UTC),
    ]
    conversations = [Conversation(scheduled_at=moment) for moment in moments]
    with timezone.override("Europe/Stockholm"):  # 23:30 UTC on New Year's Eve is already 2026 there
        assert [year for year, _items in timeline_by_year(conversations)] == [2026]
    with timezone.override("UTC"):
        assert [year for year, _items in timeline_by_year(conversations)] == [2026, 2025]
