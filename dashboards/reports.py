"""Reports for HR and managers: figures per team and month, aggregated in SQL over the people the viewer
may see, never showing a group smaller than settings.REPORT_MIN_GROUP_SIZE.

A report is one entry of REPORTS: how it aggregates the scoped employees' records of a period (one
grouped query; training compliance first reads the requirements in force), the figures of a cell, and
its chart. It counts per `Members` (a team's people at one site who have or have not left), the parts
that viewers' scopes are made of, so that figures refreshed for everyone (dashboards.figures) serve
every viewer. A group is a team in a month; one with fewer people is merged into "Other teams" for that
month, and "Other teams" is hidden when it is still too small. Totals add up the groups shown only,
so nothing hidden can be worked out by subtraction. People count in their current team. Private notes
are never read here: the reports sum numbers (conversations held, goal outcomes, energy and workload
scores, training completions' dates) and count people.

Another report is one more entry.
"""

from __future__ import annotations

import datetime
import functools
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from itertools import groupby
from operator import attrgetter
from typing import NamedTuple

from django.conf import settings
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Count,
    DateField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import TruncDate, TruncMonth
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from coaching.models import Conversation, day_start
from config.charts import Chart, Line, line_chart
from goals.models import Goal
from onboarding.models import Onboarding
from onboarding.trainings import applies, requirements_in_force
from people.models import Employee, still_employed

PERCENT_TICKS = [0, 25, 50, 75, 100]
SCALE = [1, 2, 3, 4, 5]


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def months_back(day: datetime.date, months: int) -> datetime.date:
    """The first day of the month `months` months before the month of `day`."""
    index = day.year * 12 + day.month - 1 - months
    return datetime.date(index // 12, index % 12 + 1, 1)


def next_month(month: datetime.date) -> datetime.date:
    return (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


class Members(NamedTuple):
    """Whose figures a row of `Report.aggregate` holds: a team's people at one site who had left by
    today, or had not. HR sees every part; a manager the parts still employed at their sites."""

    team_id: int
    site_id: int
    has_left: bool


MEMBER_COLUMNS = ("member_team", "member_site", "member_has_left")


def member_columns(employee: str = "") -> dict:
    """The columns of `Members` for values() on employees, or through `employee` ("employee__")."""
    return {
        "member_team": F(f"{employee}team_id"),
        "member_site": F(f"{employee}site_id"),
        "member_has_left": has_left(employee),
    }


def has_left(employee: str = "") -> Case:
    """Whether the employee (through `employee`) had left by today: never NULL, unlike `ended_on < today`."""
    return Case(
        When(still_employed(employee=employee), then=Value(False)),
        default=Value(True),
        output_field=BooleanField(),
    )


def regrouped(
    per_person: QuerySet, select: str, *, group_by: str, members: QuerySet[Employee] | None = None
) -> list[tuple]:
    """The rows of `per_person` (a values() queryset, one row per person, or per person and month)
    grouped again in SQL: `SELECT select FROM (per_person) per_person GROUP BY group_by`, naming its
    columns. With `members`, only the rows whose `employee_id` is one of them, whose MEMBER_COLUMNS
    the select may then use: the join comes after the first grouping, over far fewer rows. One query;
    for counts of people per team that the ORM cannot group twice."""
    sql, params = per_person.query.sql_with_params()
    source = f"({sql}) per_person"
    if members is not None:
        members_sql, members_params = (
            members.order_by().values("pk", **member_columns()).query.sql_with_params()
        )
        source += f" JOIN ({members_sql}) member ON member.pk = per_person.employee_id"
        params = (*params, *members_params)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {select} FROM {source} GROUP BY {group_by}", params)
        return cursor.fetchall()


def month_index(field: str, period: Period) -> Case:
    """The index in `period.months` of the month of `field` (an instant inside the period) on the
    current time zone's wall clock: comparisons with the months' first instants, cheaper than turning
    every row's instant into a local date."""
    zone = timezone.get_current_timezone()
    months = period.months
    return Case(
        *(
            When(**{f"{field}__lt": day_start(next_month(month), zone)}, then=Value(index))
            for index, month in enumerate(months[:-1])
        ),
        default=Value(len(months) - 1),
        output_field=IntegerField(),
    )


@dataclass(frozen=True)
class Period:
    """Whole months, from the month of `first` to the month of `last` (both first days)."""

    first: datetime.date
    last: datetime.date

    @classmethod
    def covering(cls, start: datetime.date, end: datetime.date) -> Period:
        return cls(month_start(start), month_start(end))

    @property
    def months(self) -> list[datetime.date]:
        months, month = [], self.first
        while month <= self.last:
            months.append(month)
            month = next_month(month)
        return months

    @property
    def end(self) -> datetime.date:
        """The day after the period."""
        return next_month(self.last)

    def moments(self) -> tuple[datetime.datetime, datetime.datetime]:
        """The period as [start, end) instants on the current time zone's wall clock."""
        zone = timezone.get_current_timezone()
        return day_start(self.first, zone), day_start(self.end, zone)


@dataclass
class Cell:
    """One group's figures: how many distinct people it is about, and additive sums (so that merged
    groups add up). A plain dict: a Counter per group cost a tenth of a page at 500 teams."""

    people: int = 0
    sums: dict[str, int] = field(default_factory=dict)

    def add(self, other: Cell) -> None:
        self.people += other.people
        sums = self.sums
        for key, value in other.sums.items():
            sums[key] = sums.get(key, 0) + value


class TeamRef(NamedTuple):
    """A team as a report names it: ids and names, read for all of the viewer's teams in one query."""

    pk: int
    name: str
    site_id: int
    site_name: str

    @property
    def site(self) -> SiteRef:
        return SiteRef(self.site_id, self.site_name)


class SiteRef(NamedTuple):
    pk: int
    name: str


@dataclass
class Row:
    """A team, a site (the summary of its teams shown) or "Other teams" (neither; `site` says whose in
    the CSV of several sites) and its cell per month (None: hidden); `texts` are the cells as the page
    writes them (with_texts)."""

    cells: list[Cell | None]
    team: TeamRef | None = None
    site: SiteRef | None = None
    texts: list[str] = field(default_factory=list)


@dataclass
class Table:
    months: list[datetime.date]
    rows: list[Row]
    totals: Row

    @property
    def is_empty(self) -> bool:
        return not any(self.totals.cells)


@dataclass(frozen=True)
class Column:
    """A figure of a cell, in the CSV (and behind the page's table)."""

    label: str
    value: Callable[[Cell], int | Decimal | None]


@functools.lru_cache(maxsize=4096)
def share(part: int, whole: int) -> Decimal | None:
    """`part` of `whole` in whole percent, None of nothing (remembered: a CSV of 500 teams asks for
    3,000 shares of the same few small groups)."""
    if not whole:
        return None
    return (Decimal(100 * part) / whole).quantize(Decimal("1"), ROUND_HALF_UP)


def mean(total: int, count: int) -> Decimal | None:
    if not count:
        return None
    return (Decimal(total) / count).quantize(Decimal("0.1"), ROUND_HALF_UP)


class Report(ABC):
    """One report. `aggregate` yields (Members, month, distinct people, sums) per group and part of
    it, from a fixed number of queries over `employees` (already scoped and filtered)."""

    key: str
    title: str
    description: str
    columns: list[Column]
    sum_keys: tuple[str, ...]  # the keys of a cell's sums (at most four: dashboards.models.ReportFigures)

    @abstractmethod
    def aggregate(self, *, employees: QuerySet[Employee], period: Period) -> Iterable[tuple]:
        """The groups of the period, unmerged and split into Members: (Members, month, people, sums)."""

    @abstractmethod
    def text(self, cell: Cell) -> str:
        """The cell as the page's table shows it, in the reader's language."""

    @abstractmethod
    def chart(self, table: Table) -> Chart | None:
        """The chart of the totals (groups shown only)."""

    def points(self, table: Table, value: Callable[[Cell], Decimal | None]) -> list:
        return [
            (month, figure)
            for month, cell in zip(table.months, table.totals.cells, strict=True)
            if cell is not None and (figure := value(cell)) is not None
        ]

    def share_chart(self, table: Table, *, title: str, label: str, part: str) -> Chart:
        """One line: the share of the people counted in each month for whom `part` holds."""
        return line_chart(
            title=title,
            lines=[
                Line(
                    label=label,
                    css_class="chart-actual",
                    points=self.points(table, lambda cell: share(cell.sums[part], cell.people)),
                )
            ],
            value_ticks=PERCENT_TICKS,
            grouping="month",
        )


def formatted(number: int | Decimal) -> str:
    """`number` as the reader's language writes it. A page of 50 teams writes about 900 numbers, most
    of them the same few (shares, group sizes): each is formatted once per language."""
    return _formatted(str(number), translation.get_language())


@functools.lru_cache(maxsize=4096)
def _formatted(number: str, language: str) -> str:
    # Keyed by the text: Decimal("4.0") equals 4, but is written "4,0" in Swedish.
    return number_format(Decimal(number))


def _percent_text(part: int, whole: int) -> str:
    return _percent_text_in(part, whole, translation.get_language())


@functools.lru_cache(maxsize=4096)
def _percent_text_in(part: int, whole: int, language: str) -> str:
    # Per language: a page of 50 teams writes 300 of these, mostly the same few of small groups.
    return gettext("%(percent)s%% (%(part)s of %(whole)s)") % {
        "percent": formatted(share(part, whole)),
        "part": formatted(part),
        "whole": formatted(whole),
    }


class ConversationCoverage(Report):
    key = "coverage"
    title = _("Conversation coverage")
    sum_keys = ("seen",)
    description = _(
        "Share of each team's members who had a conversation with their leader held in the month."
    )
    columns = [
        Column(_("People"), lambda cell: cell.people),
        Column(_("Had a conversation"), lambda cell: cell.sums["seen"]),
        Column(_("Share (%)"), lambda cell: share(cell.sums["seen"], cell.people)),
    ]

    def aggregate(self, *, employees, period):
        """Members per team and month (employed for some of the month), and those of them with a held
        conversation in the month (so never more than 100 %), in one query over the people. Each month's "held" test is an
        uncorrelated set PostgreSQL builds once from the covering index on (status, scheduled_at)
        and probes per person: no sort of every conversation of the period, as a count of distinct
        people per team and month over the conversations needs."""
        months = period.months
        zone = timezone.get_current_timezone()
        counts = {}
        for index, month in enumerate(months):
            employed = Q(started_on__lt=next_month(month)) & (
                Q(ended_on__isnull=True) | Q(ended_on__gte=month)
            )
            counts[f"m{index}"] = Count("pk", filter=employed)
            held_then = Conversation.objects.held().filter(
                employee=OuterRef("pk"),
                scheduled_at__gte=day_start(month, zone),
                scheduled_at__lt=day_start(next_month(month), zone),
            )
            counts[f"seen{index}"] = Count("pk", filter=employed & Exists(held_then))
        for row in employees.order_by().values(**member_columns()).annotate(**counts):
            members = Members(*(row[column] for column in MEMBER_COLUMNS))
            for index, month in enumerate(months):
                if row[f"m{index}"]:
                    yield members, month, row[f"m{index}"], {"seen": row[f"seen{index}"]}

    def text(self, cell):
        return _percent_text(cell.sums["seen"], cell.people)

    def chart(self, table):
        return self.share_chart(
            table,
            title=gettext("Share who had a conversation, per month (%)"),
            label=gettext("Had a conversation"),
            part="seen",
        )


OUTCOME_KEYS = {
    Goal.Status.ACHIEVED: "achieved",
    Goal.Status.NOT_ACHIEVED: "not_achieved",
    Goal.Status.DROPPED: "dropped",
}


def _decided(cell: Cell) -> int:
    return sum(cell.sums[key] for key in OUTCOME_KEYS.values())


class GoalAttainment(Report):
    key = "goals"
    title = _("Goal attainment")
    sum_keys = tuple(OUTCOME_KEYS.values())
    description = _("Outcomes of the goals due in each month: achieved, not achieved or dropped, per team.")
    columns = [
        Column(_("People"), lambda cell: cell.people),
        Column(_("Achieved"), lambda cell: cell.sums["achieved"]),
        Column(_("Not achieved"), lambda cell: cell.sums["not_achieved"]),
        Column(_("Dropped"), lambda cell: cell.sums["dropped"]),
        Column(_("Achieved (%)"), lambda cell: share(cell.sums["achieved"], _decided(cell))),
    ]

    def aggregate(self, *, employees, period):
        """Goals with an outcome whose due date falls in the period, counted per team and due month."""
        outcomes = {key: Count("pk", filter=Q(status=status)) for status, key in OUTCOME_KEYS.items()}
        groups = (
            Goal.objects.filter(
                employee__in=employees.values("pk"),
                status__in=Goal.OUTCOMES,
                due_on__gte=period.first,
                due_on__lt=period.end,
            )
            .annotate(month=TruncMonth("due_on"), **member_columns("employee__"))
            .order_by()
            .values(*MEMBER_COLUMNS, "month")
            .annotate(people=Count("employee_id", distinct=True), **outcomes)
        )
        for group in groups:
            yield (
                Members(*(group[column] for column in MEMBER_COLUMNS)),
                group["month"],
                group["people"],
                {key: group[key] for key in OUTCOME_KEYS.values()},
            )

    def text(self, cell):
        return _percent_text(cell.sums["achieved"], _decided(cell))

    def chart(self, table):
        return line_chart(
            title=gettext("Outcome of the goals due, per month (%)"),
            lines=[
                Line(
                    label=label,
                    css_class=css_class,
                    marker=marker,
                    points=self.points(table, lambda cell, key=key: share(cell.sums[key], _decided(cell))),
                )
                for key, label, css_class, marker in (
                    ("achieved", gettext("Achieved"), "chart-actual", "circle"),
                    ("not_achieved", gettext("Not achieved"), "chart-workload", "square"),
                )
            ],
            value_ticks=PERCENT_TICKS,
            grouping="month",
        )


class WellbeingTrend(Report):
    key = "wellbeing"
    title = _("Wellbeing trend")
    sum_keys = ("energy", "energy_count", "workload", "workload_count")
    description = _("Average energy and workload (1 = low, 5 = high) recorded in the conversations held.")
    columns = [
        Column(_("People"), lambda cell: cell.people),
        Column(_("Average energy"), lambda cell: mean(cell.sums["energy"], cell.sums["energy_count"])),
        Column(_("Average workload"), lambda cell: mean(cell.sums["workload"], cell.sums["workload_count"])),
    ]

    def aggregate(self, *, employees, period):
        """Energy and workload of held conversations summed per person and month (from the covering
        index on status and scheduled_at alone), then per team: two hash aggregates rather than a
        sort of every conversation of the period for the count of distinct people."""
        start, end = period.moments()
        months = period.months
        per_person = (
            Conversation.objects.held()
            .filter(scheduled_at__gte=start, scheduled_at__lt=end)
            .filter(Q(energy__isnull=False) | Q(workload__isnull=False))
            .annotate(month=month_index("scheduled_at", period))
            .order_by()
            .values("employee_id", "month")
            .annotate(
                energy_sum=Sum("energy"),
                energy_count=Count("energy"),
                workload_sum=Sum("workload"),
                workload_count=Count("workload"),
            )
        )
        members = ", ".join(MEMBER_COLUMNS)
        select = (
            f"{members}, month, COUNT(*), SUM(energy_sum), SUM(energy_count), SUM(workload_sum), "
            "SUM(workload_count)"
        )
        groups = regrouped(per_person, select, group_by=f"{members}, month", members=employees)
        for team, site, left, month, people, energy, energy_count, workload, workload_count in groups:
            # Whole numbers: PostgreSQL sums sums as numeric.
            sums = {
                "energy": int(energy or 0),
                "energy_count": int(energy_count),
                "workload": int(workload or 0),
                "workload_count": int(workload_count),
            }
            yield Members(team, site, left), months[month], people, sums

    def text(self, cell):
        energy = mean(cell.sums["energy"], cell.sums["energy_count"])
        workload = mean(cell.sums["workload"], cell.sums["workload_count"])
        return gettext("energy %(energy)s, workload %(workload)s") % {
            "energy": "–" if energy is None else formatted(energy),
            "workload": "–" if workload is None else formatted(workload),
        }

    def chart(self, table):
        return line_chart(
            title=gettext("Average energy and workload per month (1 = low, 5 = high)"),
            lines=[
                Line(
                    label=gettext("Energy"),
                    css_class="chart-energy",
                    points=self.points(
                        table, lambda cell: mean(cell.sums["energy"], cell.sums["energy_count"])
                    ),
                ),
                Line(
                    label=gettext("Workload"),
                    css_class="chart-workload",
                    marker="square",
                    points=self.points(
                        table, lambda cell: mean(cell.sums["workload"], cell.sums["workload_count"])
                    ),
                ),
            ],
            value_ticks=SCALE,
            grouping="month",
        )


class OnboardingDuration(Report):
    key = "onboarding"
    title = _("Onboarding duration")
    sum_keys = ("completed", "days")
    description = _(
        "Onboardings completed in each month and how many days they took, from the start date to the "
        "last task done, per team."
    )
    columns = [
        Column(_("People"), lambda cell: cell.people),
        Column(_("Completed"), lambda cell: cell.sums["completed"]),
        Column(_("Average days"), lambda cell: mean(cell.sums["days"], cell.sums["completed"])),
    ]

    def aggregate(self, *, employees, period):
        """Completed onboardings per team and month of completion, with the days they took summed."""
        start, end = period.moments()
        took = ExpressionWrapper(TruncDate("completed_at") - F("starts_on"), output_field=DurationField())
        groups = (
            Onboarding.objects.filter(
                employee__in=employees.values("pk"),
                status=Onboarding.Status.COMPLETED,
                completed_at__gte=start,
                completed_at__lt=end,
            )
            .annotate(
                month=TruncMonth("completed_at", output_field=DateField()), **member_columns("employee__")
            )
            .order_by()
            .values(*MEMBER_COLUMNS, "month")
            .annotate(people=Count("employee_id", distinct=True), completed=Count("pk"), took=Sum(took))
        )
        for group in groups:
            days = group["took"].days if group["took"] is not None else 0
            sums = {"completed": group["completed"], "days": days}
            yield (
                Members(*(group[column] for column in MEMBER_COLUMNS)),
                group["month"],
                group["people"],
                sums,
            )

    def text(self, cell):
        return gettext("%(count)s completed, %(days)s days on average") % {
            "count": formatted(cell.sums["completed"]),
            "days": formatted(mean(cell.sums["days"], cell.sums["completed"])),
        }

    def chart(self, table):
        return line_chart(
            title=gettext("Average days an onboarding took, per month of completion"),
            lines=[
                Line(
                    label=gettext("Average days"),
                    css_class="chart-actual",
                    points=self.points(table, lambda cell: mean(cell.sums["days"], cell.sums["completed"])),
                )
            ],
            grouping="month",
        )


class TrainingCompliance(Report):
    """Whether each team was compliant with its mandatory trainings at the end of each month.

    HR's question is "was the team compliant with AML, GDPR … at month end?", so a person counts as
    compliant when every requirement that applies to them holds on the month's last day: a completion
    done by then and valid through that day, or (never done by then) a start inside the grace period,
    the same rule as the trainings matrix (valid, expiring and due are compliant). One figure per person
    rather than one per requirement keeps the group a group of people, so the threshold means what it
    says, and the table stays one column per month whatever the number of trainings (the trainings
    matrix has the per-requirement detail). The current month is counted at today. People count in the
    team they are in now, when they were employed on that day and at least one requirement applies.
    """

    key = "trainings"
    title = _("Training compliance")
    sum_keys = ("compliant",)
    description = _(
        "Share of each team's members who held a valid completion of every mandatory training that "
        "applies to them at the end of each month (newcomers inside a grace period count as compliant)."
    )
    columns = [
        Column(_("People"), lambda cell: cell.people),
        Column(_("Compliant"), lambda cell: cell.sums["compliant"]),
        Column(_("Share (%)"), lambda cell: share(cell.sums["compliant"], cell.people)),
    ]

    def aggregate(self, *, employees, period):
        """People and compliant people per team and month in one query (and two for the requirements in
        force), however many people, months and trainings: the people joined once to their completions
        and grouped per person (was each month's end inside a valid completion of each requirement,
        done by then?), then those rows counted per team. A subquery per person, requirement and month
        would run tens of thousands of times at 5,000 people."""
        requirements = requirements_in_force()
        if not requirements:
            return
        months = period.months
        days = [min(next_month(month) - datetime.timedelta(days=1), timezone.localdate()) for month in months]
        subject = Q(pk__in=[])
        for requirement in requirements:
            subject |= applies(requirement)
        # Per person (grouped by the person's key alone: a hash aggregate, not a sort by every flag):
        # when they first did each requirement, whether a completion done by each month end was still
        # valid then, and whether they count that month (an aggregate too, so it is not grouped by).
        counts = {
            f"first_{requirement.pk}": Min(
                "training_completions__completed_on",
                filter=Q(training_completions__requirement_id=requirement.pk),
            )
            for requirement in requirements
        }
        flags = {}
        for index, day in enumerate(days):
            flags[f"people{index}"] = Max(
                Case(
                    When(
                        subject & Q(started_on__lte=day) & (Q(ended_on__isnull=True) | Q(ended_on__gte=day)),
                        then=Value(1),
                    ),
                    default=Value(0),
                )
            )
            held = Q()
            for requirement in requirements:
                counts[f"valid{index}_{requirement.pk}"] = Count(
                    "training_completions",
                    filter=Q(
                        training_completions__requirement_id=requirement.pk,
                        training_completions__completed_on__lte=day,
                        training_completions__valid_until__gte=day,
                    ),
                )
                first = f"first_{requirement.pk}"
                held &= (
                    ~applies(requirement)
                    | Q(**{f"valid{index}_{requirement.pk}__gt": 0})
                    | (
                        Q(started_on__gte=day - datetime.timedelta(days=requirement.grace_days))
                        & (Q(**{f"{first}__isnull": True}) | Q(**{f"{first}__gt": day}))
                    )
                )
            flags[f"compliant{index}"] = ExpressionWrapper(held, output_field=BooleanField())
        per_person = (
            employees.order_by()
            .values("pk", **member_columns())
            .alias(**counts)
            .values(*MEMBER_COLUMNS, **flags)
        )
        members = ", ".join(MEMBER_COLUMNS)
        select = ", ".join(
            f"COUNT(*) FILTER (WHERE people{index} = 1), "
            f"COUNT(*) FILTER (WHERE people{index} = 1 AND compliant{index})"
            for index in range(len(months))
        )
        for team, site, left, *figures in regrouped(per_person, f"{members}, {select}", group_by=members):
            for index, month in enumerate(months):
                people, compliant = figures[2 * index], figures[2 * index + 1]
                if people:
                    yield Members(team, site, left), month, people, {"compliant": compliant}

    def text(self, cell):
        return _percent_text(cell.sums["compliant"], cell.people)

    def chart(self, table):
        return self.share_chart(
            table,
            title=gettext("Share compliant with every mandatory training at month end (%)"),
            label=gettext("Compliant"),
            part="compliant",
        )


REPORTS: dict[str, Report] = {
    report.key: report
    for report in (
        ConversationCoverage(),
        GoalAttainment(),
        WellbeingTrend(),
        OnboardingDuration(),
        TrainingCompliance(),
    )
}


def report_members(employees: QuerySet[Employee]) -> QuerySet[Employee]:
    """The people reports count: members of a team, its leader not counted as a member."""
    return employees.filter(team__isnull=False).without_leaders_of_their_team()


@dataclass
class SiteGroups:
    """A site's groups: its teams' cells per month where the group is large enough (by team id), and
    its smaller groups merged per month."""

    teams: dict[int, list[Cell | None]]
    small: list[Cell]

    def other(self) -> list[Cell | None]:
        """ "Other teams" of the site: its small groups merged, hidden where still too small."""
        return large_enough(self.small)

    def totals(self) -> list[Cell | None]:
        """What the site's page of teams adds up: the groups shown and "Other teams"."""
        return added_up([*self.teams.values(), self.other()], len(self.small))


def large_enough(cells: Iterable[Cell]) -> list[Cell | None]:
    """`cells` of at least REPORT_MIN_GROUP_SIZE people, None for the others."""
    smallest = settings.REPORT_MIN_GROUP_SIZE
    return [cell if cell.people >= smallest else None for cell in cells]


def report_groups(
    rows: Iterable[tuple], *, period: Period, team_sites: dict[int, int]
) -> dict[int, SiteGroups]:
    """Rows of (team id, month, people, sums), a team's parts already added up or not (the live
    aggregation's, or the same stored: dashboards.figures) over people whose teams are in
    `team_sites` (a team's site by team id), per site: the groups (a team in a month) of
    REPORT_MIN_GROUP_SIZE people or more, and the smaller ones merged into the site's "Other teams".
    A team's parts are added up first: the threshold applies to the whole team."""
    smallest = settings.REPORT_MIN_GROUP_SIZE
    months = period.months
    position = {month: index for index, month in enumerate(months)}
    by_team: dict[int, list[Cell | None]] = {}
    for team_id, month, people, sums in rows:
        cells = by_team.get(team_id)
        if cells is None:
            cells = by_team[team_id] = [None] * len(months)
        index = position[month]
        if cells[index] is None:
            cells[index] = Cell(people=people, sums=sums)
        else:
            cells[index].add(Cell(people=people, sums=sums))
    sites: dict[int, SiteGroups] = {}
    for team_id, cells in by_team.items():
        site_id = team_sites[team_id]
        groups = sites.get(site_id)
        if groups is None:
            groups = sites[site_id] = SiteGroups(teams={}, small=[Cell() for _month in months])
        shown = []
        for small, cell in zip(groups.small, cells, strict=True):
            if cell is not None and cell.people < smallest:
                small.add(cell)
                cell = None
            shown.append(cell)
        if any(shown):
            groups.teams[team_id] = shown
    return sites


def added_up(rows: Iterable[list[Cell | None]], months: int) -> list[Cell | None]:
    """Per month, the sum of the cells shown (None where nothing is)."""
    totals = [Cell() for _month in range(months)]
    for cells in rows:
        for total, cell in zip(totals, cells, strict=True):
            if cell is not None:
                total.add(cell)
    return [total if total.people else None for total in totals]


def site_table(site_cells: dict[int, list[Cell | None]], *, sites: list[SiteRef], period: Period) -> Table:
    """The summary: a row per site with its cells (`SiteGroups.totals`: what its page of teams adds
    up, so that nothing hidden can be worked out by subtraction), and the totals of the sites."""
    months = len(period.months)
    rows = [Row(cells=site_cells.get(site.pk, [None] * months), site=site) for site in sites]
    return Table(
        months=period.months, rows=rows, totals=Row(cells=added_up((row.cells for row in rows), months))
    )


def team_table(groups: dict[int, SiteGroups], *, teams: Iterable[TeamRef], period: Period) -> Table:
    """A row per team with a group shown (`teams` in the order of the rows, site by site), each site's
    "Other teams" after its teams, and the totals of what is shown."""
    rows = []
    for site_id, site_teams in groupby(teams, key=attrgetter("site_id")):
        site_groups = groups.get(site_id)
        if site_groups is None:
            continue
        site_teams = list(site_teams)
        site = site_teams[0].site
        shown = site_groups.teams
        rows += [Row(cells=shown[team.pk], team=team) for team in site_teams if team.pk in shown]
        other = site_groups.other()
        if any(other):
            rows.append(Row(cells=other, site=site))
    totals = added_up((row.cells for row in rows), len(period.months))
    return Table(months=period.months, rows=rows, totals=Row(cells=totals))


def with_texts(report: Report, rows: Iterable[Row]) -> list[Row]:
    """`rows` with their cells written out for the page (only the rows a page shows: formatting
    numbers in the reader's language costs more than adding them up)."""
    rows = list(rows)
    for row in rows:
        row.texts = [None if cell is None else report.text(cell) for cell in row.cells]
    return rows
