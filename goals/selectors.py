"""Read-only views of goals for other apps (coaching agenda, dashboards) and for our own pages.

Every function runs a constant number of queries whatever the number of employees or goals.
The caller decides whom it asks about: pass ids already scoped with Employee.objects.visible_to().
"""

from collections import defaultdict
from datetime import date

from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import timezone

from goals import progress
from goals.models import Acknowledgement, CheckIn, Expectation, Goal, KpiImport, KpiMeasurement, Metric
from people.csv_files import preview_rows
from people.models import Employee


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
    """Per employee the latest value of each metric: dicts with keys metric_id, metric (its name in
    the active language), unit, value (Decimal), measured_on (date), target (Decimal or None; the
    target of their agreed KPI goal on that metric whose period includes today). Constant number of
    queries (two)."""
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
                "metric_id": row.metric_id,
                "metric": row.metric.name,
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


PAST_KPI_IMPORTS_SHOWN = 20


def past_kpi_imports(user) -> list[KpiImport]:
    """The latest imports `user` may see (their own; HR everyone's), newest first. One query."""
    return list(
        KpiImport.objects.visible_to(user)
        .select_related("uploaded_by")
        .order_by("-uploaded_at", "-pk")[:PAST_KPI_IMPORTS_SHOWN]
    )


def kpi_import_preview(kpi_import: KpiImport, user) -> dict:
    """What the preview shows: the rows in error and the first rows, and an earlier upload of the same
    file."""
    return {
        **preview_rows(kpi_import.rows, "employee__user", "metric"),
        "earlier": KpiImport.objects.visible_to(user)
        .filter(checksum=kpi_import.checksum, pk__lt=kpi_import.pk)
        .order_by("-pk")
        .first(),
    }


# Pages of the goals app ----------------------------------------------------------------------

HISTORY_FIELDS = [
    "kind",
    "title",
    "description",
    "why_it_matters",
    "metric",
    "baseline",
    "target",
    "starts_on",
    "due_on",
    "expectation",
    "status",
    "employee_agreed_at",
    "leader_agreed_at",
    "requested_outcome",
    "outcome_note",
]
PAST_GOALS_SHOWN = 50


def employee_goal_lists(user, employee) -> tuple[list[Goal], list[Goal]]:
    """Open goals (evaluated) and the latest past goals of one person: three queries in all."""
    theirs = Goal.objects.visible_to(user).filter(employee=employee)
    goals = list(theirs.open().select_related("metric").order_by("due_on", "pk"))
    past = list(theirs.closed().select_related("metric").order_by("-due_on", "-pk")[:PAST_GOALS_SHOWN])
    evaluate_goals(goals + past)
    return goals, past


def goal_history(goal: Goal) -> list[dict]:
    """Who changed what, when: consecutive history records diffed, newest first (three queries)."""
    records = list(goal.history.select_related("history_user").order_by("-history_date", "-history_id")[:51])
    metric_names = {m.pk: str(m) for m in Metric.objects.all()}
    expectation_ids = {r.expectation_id for r in records if r.expectation_id}
    expectation_titles = dict(Expectation.objects.filter(pk__in=expectation_ids).values_list("pk", "title"))
    labels = {name: Goal._meta.get_field(name).verbose_name for name in HISTORY_FIELDS}
    choices = {
        "kind": dict(Goal.Kind.choices),
        "status": dict(Goal.Status.choices),
        "requested_outcome": dict(Goal.Status.choices),
    }

    def shown(name, value):
        if value in (None, ""):
            return "—"
        if name == "metric":
            return metric_names.get(value, value)
        if name == "expectation":
            return expectation_titles.get(value, value)
        if name in choices:
            return choices[name].get(value, value)
        return value

    entries = []
    for newer, older in zip(records, [*records[1:], None], strict=False):
        if older is None:
            if len(records) > 50:
                break
            changes = []
        else:
            delta = newer.diff_against(older, included_fields=HISTORY_FIELDS)
            changes = [
                {"field": labels[c.field], "old": shown(c.field, c.old), "new": shown(c.field, c.new)}
                for c in delta.changes
            ]
            if not changes:
                continue
        entries.append(
            {
                "at": newer.history_date,
                "user": newer.history_user,
                "created": older is None,
                "changes": changes,
                "reason": newer.history_change_reason,
            }
        )
    return entries


def acknowledgement_summary(members) -> list[dict]:
    """Per active expectation applying to any of `members`: who of them has not acknowledged the
    current version. Two queries."""
    if not members:
        return []
    expectations = list(  # they apply to people the viewer sees, so the viewer may see them
        Expectation.objects.active()
        .exclude(current_version=None)
        .applicable_to(members)
        .select_related("current_version", "site", "team")
        .order_by("scope", "title")
    )
    acknowledged = set(
        Acknowledgement.objects.filter(
            version_id__in=[e.current_version_id for e in expectations], employee__in=[m.pk for m in members]
        ).values_list("version_id", "employee_id")
    )
    summary = []
    for expectation in expectations:
        applies = [m for m in members if expectation.applies_to(m)]
        missing = [m for m in applies if (expectation.current_version_id, m.pk) not in acknowledged]
        summary.append({"expectation": expectation, "total": len(applies), "missing": missing})
    return summary


def open_goals_of_members(user, members) -> list[Goal]:
    """The open goals (evaluated) of `members`, each with .member; each member gets .agreed_goals.
    Three queries whatever the number of members."""
    goals = evaluate_goals(
        Goal.objects.visible_to(user)
        .filter(employee__in=[m.pk for m in members])
        .open()
        .select_related("metric")
        .order_by("due_on", "pk")
    )
    by_member = defaultdict(list)
    for goal in goals:
        by_member[goal.employee_id].append(goal)
    for member in members:
        member.agreed_goals = [g for g in by_member[member.pk] if g.status == Goal.Status.AGREED]
        for goal in by_member[member.pk]:
            goal.member = member
    return goals


def latest_acknowledgements(employee, expectations) -> dict:
    """The viewer's latest acknowledgement per expectation (one query): {expectation_id: ack}."""
    latest = {}
    if employee is None:  # an administrator without an employee record acknowledges nothing
        return latest
    for ack in (
        Acknowledgement.objects.visible_to(employee.user)
        .filter(employee=employee, version__expectation__in=expectations)
        .select_related("version")
        .order_by("version__number")
    ):
        latest[ack.version.expectation_id] = ack
    return latest


def expectations_with_my_standing(employee) -> list[Expectation]:
    """Active expectations applying to `employee`, each with .my_ack (their latest acknowledgement or
    None) and .is_current; those still to acknowledge first. Two queries."""
    mine = list(
        Expectation.objects.active().applicable_to(employee).select_related("current_version", "site", "team")
    )
    latest = latest_acknowledgements(employee, mine)
    for expectation in mine:
        ack = latest.get(expectation.pk)
        expectation.my_ack = ack
        expectation.is_current = ack is not None and ack.version_id == expectation.current_version_id
    mine.sort(key=lambda e: (e.is_current, e.scope, e.title))
    return mine


def expectation_overview(user, viewer) -> list[dict]:
    """Every active expectation in the viewer's scope with acknowledged/total among the people they
    see. Constant queries: expectations, acknowledgement counts, member counts by site and team."""
    expectations = list(
        Expectation.objects.visible_to(user)
        .active()
        .order_by("scope", "title")
        .exclude(current_version=None)
        .select_related("current_version", "site", "team")
    )
    people = Employee.objects.visible_to(user).active().exclude(pk=getattr(viewer, "pk", None))
    acknowledged = dict(
        Acknowledgement.objects.filter(
            version_id__in=[e.current_version_id for e in expectations], employee__in=people
        )
        .values("version_id")
        .annotate(count=Count("id"))
        .values_list("version_id", "count")
    )
    audiences = {
        field: dict(people.values(field).annotate(count=Count("id")).values_list(field, "count"))
        for field in Expectation.AUDIENCE_FIELD.values()
        if field is not None
    }
    everyone = sum(audiences["site_id"].values())
    editable = set(Expectation.objects.editable_by(user).values_list("pk", flat=True))
    rows = []
    for expectation in expectations:
        field = Expectation.AUDIENCE_FIELD[expectation.scope]
        total = everyone if field is None else audiences[field].get(getattr(expectation, field), 0)
        done = acknowledged.get(expectation.current_version_id, 0)
        rows.append(
            {
                "expectation": expectation,
                "total": total,
                "done": done,
                "missing": max(total - done, 0),
                "can_edit": expectation.pk in editable,
            }
        )
    return rows


def acknowledgement_status(expectation, user, viewer):
    """Who of the people `user` sees (but the viewer) acknowledged the current version, an older one
    or none: (members, current, older, never), each member with .ack. Two queries."""
    members = list(
        expectation.members()
        .filter(pk__in=Employee.objects.visible_to(user).values("pk"))
        .exclude(pk=getattr(viewer, "pk", None))
        .select_related("user", "team")
        .order_by("user__first_name", "user__last_name", "pk")
    )
    latest = {}
    for ack in (
        Acknowledgement.objects.visible_to(user)
        .filter(version__expectation=expectation, employee__in=[m.pk for m in members])
        .select_related("version")
        .order_by("version__number", "acknowledged_at")
    ):
        latest[ack.employee_id] = ack
    current, older, never = [], [], []
    for member in members:
        member.ack = latest.get(member.pk)
        if member.ack is None:
            never.append(member)
        elif member.ack.version_id == expectation.current_version_id:
            current.append(member)
        else:
            older.append(member)
    return members, current, older, never
