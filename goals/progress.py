"""Progress arithmetic for goals, computed in Python from rows fetched in bulk.

A KPI goal's points are its check-ins with a value and the imported measurements of its metric
for that employee within the goal's period. The plan is a straight line from the baseline on the
start date to the target on the due date; a goal is on track while its latest value is no further
behind where that line is today than a small tolerance, at risk while it is within a quarter of the
distance, and off track beyond that. KPI values arrive by monthly import, so a value less than
FRESH_FOR old is compared with the line on its own date (a leader is not warned at the end of every
month that next month's import has not come yet); an older value is compared with the line today. Without an agreed baseline the first value is the baseline, so
a goal needs a second value before it can be judged ("no values yet" until then). Development and
behaviour goals take the status word and the percentage of their latest check-in. Only an agreed
goal has a track: a draft or proposed goal is not yet being pursued, a decided one has its outcome.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from config.charts import Chart, Line, line_chart

ON_TRACK = "on_track"
AT_RISK = "at_risk"
OFF_TRACK = "off_track"
NO_VALUES = "no_values"

TRACK_LABELS = {
    ON_TRACK: _("On track"),
    AT_RISK: _("At risk"),
    OFF_TRACK: _("Off track"),
    NO_VALUES: _("No values yet"),
}
TRACK_BADGES = {
    ON_TRACK: "text-bg-success",
    AT_RISK: "text-bg-warning",
    OFF_TRACK: "text-bg-danger",
    NO_VALUES: "text-bg-light border",
}

ON_TRACK_TOLERANCE = Decimal("0.05")  # of the distance from baseline to target
AT_RISK_TOLERANCE = Decimal("0.25")
FRESH_FOR = timedelta(days=35)  # one monthly import and a few days to run it


@dataclass(frozen=True)
class Point:
    on: date
    value: Decimal


def _fraction_of_period(goal, on: date) -> Decimal:
    days = (goal.due_on - goal.starts_on).days
    if days <= 0:
        return Decimal(1)
    elapsed = min(max((on - goal.starts_on).days, 0), days)
    return Decimal(elapsed) / Decimal(days)


def kpi_points(goal, check_ins, measurements) -> list[Point]:
    """The goal's values over time, oldest first; a check-in wins over an import on the same day."""
    by_day = {}
    for measurement in measurements:
        if goal.starts_on <= measurement.period_end <= goal.due_on:
            by_day[measurement.period_end] = measurement.value
    for check_in in check_ins:
        if check_in.value is not None:
            by_day[check_in.checked_on] = check_in.value
    return [Point(on, value) for on, value in sorted(by_day.items())]


def effective_baseline(goal, points):
    """The agreed baseline, or the first value in the period when none was given."""
    if goal.baseline is not None:
        return goal.baseline
    return points[0].value if points else None


def achieved_fraction(goal, baseline, value) -> Decimal | None:
    """How far `value` has come from baseline to target (may be below 0 or above 1)."""
    if baseline is None or goal.target is None or goal.target == baseline:
        return None
    return (value - baseline) / (goal.target - baseline)


def percent(fraction) -> int | None:
    if fraction is None:
        return None
    return int(max(Decimal(0), min(Decimal(1), fraction)) * 100)


def evaluate(goal, check_ins, measurements, *, today: date) -> None:
    """Set .check_ins_list, .points, .latest_check_in, .latest_value, .progress_percent and .track
    (on track / at risk / off track / no values yet, only for an agreed goal) as of `today`."""
    _evaluate(goal, check_ins, measurements, today=today)
    if goal.status != goal.Status.AGREED:
        goal.track = None
    if goal.status in (goal.Status.DRAFT, goal.Status.PROPOSED):
        goal.progress_percent = None  # not started: "0 %" would read as failing
    goal.track_badge = TRACK_BADGES.get(goal.track, "")


def _evaluate(goal, check_ins, measurements, *, today):
    check_ins = sorted(check_ins, key=lambda c: (c.checked_on, c.created_at))
    goal.check_ins_list = check_ins
    goal.latest_check_in = check_ins[-1] if check_ins else None
    goal.points = []
    goal.latest_value = None
    goal.progress_percent = None
    goal.track = None
    if goal.is_kpi:
        goal.points = kpi_points(goal, check_ins, measurements)
        if goal.points:
            goal.latest_value = goal.points[-1].value
        if len(goal.points) < (1 if goal.baseline is not None else 2):
            goal.track = NO_VALUES  # nothing measured beyond the starting point: not "0 %, off track"
            return
        baseline = effective_baseline(goal, goal.points)
        actual = achieved_fraction(goal, baseline, goal.latest_value)
        goal.progress_percent = percent(actual)
        if actual is None:
            return
        latest_on = goal.points[-1].on
        planned = _fraction_of_period(goal, latest_on if today - latest_on < FRESH_FOR else today)
        if actual >= planned - ON_TRACK_TOLERANCE or actual >= 1:
            goal.track = ON_TRACK
        elif actual >= planned - AT_RISK_TOLERANCE:
            goal.track = AT_RISK
        else:
            goal.track = OFF_TRACK
        return
    latest = goal.latest_check_in
    if latest is not None:
        goal.progress_percent = latest.percent_complete
        goal.track = latest.status or None


def chart(goal) -> Chart | None:
    """The chart of a KPI goal over its period: the values, the plan (a straight line from the baseline
    to the target) and the target, drawn by the shared chart component; None without a target."""
    if not goal.is_kpi or goal.target is None:
        return None
    points = getattr(goal, "points", [])
    baseline = effective_baseline(goal, points)
    lines = [
        Line(label=gettext("Values"), css_class="chart-actual", points=[(p.on, p.value) for p in points]),
        Line(
            label=gettext("Plan"),
            css_class="chart-plan",
            marker="",
            in_table=False,
            points=[(goal.starts_on, baseline), (goal.due_on, goal.target)] if baseline is not None else [],
        ),
        Line(
            label=gettext("Target"),
            css_class="chart-target",
            marker="",
            in_table=False,
            points=[(goal.starts_on, goal.target), (goal.due_on, goal.target)],
        ),
    ]
    title = gettext(
        "%(title)s: values from %(start)s to %(end)s against the target of %(target)s %(unit)s"
    ) % {
        "title": goal.title,
        "start": date_format(goal.starts_on, "SHORT_DATE_FORMAT"),
        "end": date_format(goal.due_on, "SHORT_DATE_FORMAT"),
        "target": number_format(goal.target),
        "unit": goal.unit,
    }
    return line_chart(title=title, lines=lines, start=goal.starts_on, end=goal.due_on)
