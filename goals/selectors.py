"""Read-only views of goals for other apps (coaching agenda, dashboards) and for our own pages.

Every function runs a constant number of queries whatever the number of employees or goals.
The caller decides whom it asks about: pass ids already scoped with Employee.objects.visible_to().
"""

from collections import defaultdict
from datetime import date

from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from goals import progress
from goals.models import CheckIn, Goal, KpiMeasurement


def evaluate_goals(goals, *, with_authors: bool = False, today: date | None = None) -> list[Goal]:
    """Attach .latest_check_in, .points, .latest_value, .progress_percent and .track to each goal
    (with_authors also loads who wrote each check-in).

    Two queries in all (check-ins, then measurements of the goals' metrics), however many goals.
    """
    goals = list(goals)
    if not goals:
        return goals
    today = today or timezone.localdate()
    check_ins = defaultdict(list)
    rows = CheckIn.objects.filter(goal__in=[g.pk for g in goals])
    for check_in in rows.select_related("author__user") if with_authors else rows:
        check_ins[check_in.goal_id].append(check_in)
    kpi_goals = [g for g in goals if g.is_kpi and g.metric_id]
    measurements = defaultdict(list)
    if kpi_goals:
        rows = KpiMeasurement.objects.filter(
            employee_id__in={g.employee_id for g in kpi_goals},
            metric_id__in={g.metric_id for g in kpi_goals},
            period_end__gte=min(g.starts_on for g in kpi_goals),
            period_end__lte=max(g.due_on for g in kpi_goals),
        ).only("employee_id", "metric_id", "period_end", "value")
        for row in rows:
            measurements[(row.employee_id, row.metric_id)].append(row)
    for goal in goals:
        progress.evaluate(
            goal, check_ins[goal.pk], measurements[(goal.employee_id, goal.metric_id)], today=today
        )
    return goals


def active_goals_with_progress(employee_ids, *, today: date | None = None) -> dict[int, list[Goal]]:
    """Agreed or proposed goals in their period for these employees, each with .latest_check_in
    (or None), .progress_percent (0-100 or None) and .track ("on_track"/"at_risk"/"off_track"/None);
    a constant number of queries (three) whatever the number of employees."""
    today = today or timezone.localdate()
    goals = (
        Goal.objects.filter(
            employee_id__in=list(employee_ids),
            status__in=[Goal.Status.AGREED, Goal.Status.PROPOSED],
        )
        .in_period(today)
        .select_related("metric")
        .order_by("employee_id", "due_on", "pk")
    )
    result = defaultdict(list)
    for goal in evaluate_goals(goals, today=today):
        result[goal.employee_id].append(goal)
    return dict(result)


def latest_kpi_values(employee_ids, *, today: date | None = None) -> dict[int, list[dict]]:
    """Per employee the latest value of each metric: dicts with keys metric (str name), unit, value
    (Decimal), measured_on (date), target (Decimal or None; the target of their agreed KPI goal on
    that metric whose period includes today). Constant number of queries (two)."""
    today = today or timezone.localdate()
    employee_ids = list(employee_ids)
    newest = KpiMeasurement.objects.filter(
        employee_id=OuterRef("employee_id"), metric_id=OuterRef("metric_id")
    ).order_by("-period_end")
    rows = (
        KpiMeasurement.objects.filter(employee_id__in=employee_ids, pk=Subquery(newest.values("pk")[:1]))
        .select_related("metric")
        .order_by("employee_id", "metric__name")
    )
    targets = {
        (employee_id, metric_id): target
        for employee_id, metric_id, target in Goal.objects.filter(
            employee_id__in=employee_ids, status=Goal.Status.AGREED, kind=Goal.Kind.KPI
        )
        .in_period(today)
        .order_by("due_on")
        .values_list("employee_id", "metric_id", "target")
    }
    result = defaultdict(list)
    for row in rows:
        result[row.employee_id].append(
            {
                "metric": str(row.metric.display_name),
                "unit": row.metric.unit,
                "value": row.value,
                "measured_on": row.period_end,
                "target": targets.get((row.employee_id, row.metric_id)),
            }
        )
    return dict(result)


def goals_at_risk_counts(employee_ids, *, today: date | None = None) -> dict[int, int]:
    """Per employee, how many agreed goals (in their period, or past due and still open) are at risk
    or off track. Employees with none are left out. Constant number of queries (three)."""
    today = today or timezone.localdate()
    goals = Goal.objects.filter(
        Q(starts_on__lte=today), employee_id__in=list(employee_ids), status=Goal.Status.AGREED
    ).select_related("metric")
    counts = defaultdict(int)
    for goal in evaluate_goals(goals, today=today):
        if goal.track in (progress.AT_RISK, progress.OFF_TRACK):
            counts[goal.employee_id] += 1
    return dict(counts)
