"""Mandatory trainings: which requirement applies to whom, and where each person stands.

A requirement applies to a person when it names their role (or no role) and their site (or no site).
For each person and applicable requirement the status is, on the person's own local date (their
site's time zone):

- valid: the latest completion is valid for more than EXPIRING_WITHIN days yet;
- expiring: it is valid today but for at most EXPIRING_WITHIN days more;
- expired: it was done, but its latest completion is no longer valid;
- due: never done, and the person started within the requirement's grace period ("due by" a date);
- missing: never done, and the grace period is over.

A completion is valid through its `valid_until` date. Valid, expiring and due count as compliant.

Everything is computed in SQL, with the same few queries for a team of 10 and an organisation of
25,000: person rows annotate one MAX per requirement over the person's completions; the compliance
shares of teams and sites are counts grouped by team (or site) over people and over completions.
"""

import calendar
import datetime
import zoneinfo
from dataclasses import dataclass, field

from django.db import models
from django.db.models import (
    Case,
    Count,
    DateField,
    Exists,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.counted import counts_replace, fresh_since
from onboarding.models import SiteCompliance, TrainingCompletion, TrainingRequirement
from people.models import Employee, Site

EXPIRING_WITHIN = 30  # days


class Status(models.TextChoices):
    VALID = "valid", _("Valid")
    EXPIRING = "expiring", _("Expiring soon")
    EXPIRED = "expired", _("Expired")
    DUE = "due", _("Due")
    MISSING = "missing", _("Never done")


COMPLIANT = frozenset({Status.VALID, Status.EXPIRING, Status.DUE})
NOT_APPLICABLE = ""
BADGES = {
    Status.VALID: "text-bg-success",
    Status.EXPIRING: "text-bg-warning",
    Status.EXPIRED: "text-bg-danger",
    Status.DUE: "text-bg-info",
    Status.MISSING: "text-bg-danger",
}


def add_months(day: datetime.date, months: int) -> datetime.date:
    """`day` plus `months` calendar months; the 31st becomes the last day of a shorter month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def local_dates(now: datetime.datetime) -> dict[str, datetime.date]:
    """Today's date in each site time zone at `now`."""
    return {zone: timezone.localdate(now, zoneinfo.ZoneInfo(zone)) for zone in Site.TimeZone.values}


def _by_zone(dates: dict, *, days: int = 0, zone_field: str = "site__time_zone"):
    """A person's local date (plus `days`) as an SQL expression: one branch per date (the zones share
    one date but for an hour or so around midnight, and then the expression is that date)."""
    zones_by_day = {}
    for zone, day in dates.items():
        zones_by_day.setdefault(day + datetime.timedelta(days=days), []).append(zone)
    if len(zones_by_day) == 1:
        return Value(next(iter(zones_by_day)), output_field=DateField())
    return Case(
        *[When(**{f"{zone_field}__in": zones}, then=Value(day)) for day, zones in zones_by_day.items()],
        output_field=DateField(),
    )


def requirements_in_force(requirement_ids=None) -> list[TrainingRequirement]:
    """The active requirements (of `requirement_ids`, when given) with their sites: two queries."""
    requirements = TrainingRequirement.objects.filter(is_active=True).prefetch_related(
        Prefetch("sites", queryset=Site.objects.only("pk"))
    )
    if requirement_ids is not None:
        requirements = requirements.filter(pk__in=requirement_ids)
    return list(requirements.order_by("name", "pk"))


def applies(requirement: TrainingRequirement, *, prefix: str = "") -> Q:
    """The people `requirement` applies to, as a filter on Employee (through `prefix`)."""
    condition = Q(**{f"{prefix}pk__isnull": False})
    if requirement.roles:
        condition &= Q(**{f"{prefix}role__in": requirement.roles})
    site_ids = [site.pk for site in requirement.sites.all()]
    if site_ids:
        condition &= Q(**{f"{prefix}site_id__in": site_ids})
    return condition


def applies_to(requirement: TrainingRequirement, employee) -> bool:
    """The same rule for one person already loaded."""
    site_ids = {site.pk for site in requirement.sites.all()}
    return (not requirement.roles or employee.role in requirement.roles) and (
        not site_ids or employee.site_id in site_ids
    )


def matrix_people(employees: QuerySet, today: datetime.date | None = None) -> QuerySet:
    """The people of `employees` the matrix counts: those still employed (on `today`), and not a
    leader filed under the team they lead (they are not its member)."""
    return employees.active(today).without_leaders_of_their_team()


# Person rows ------------------------------------------------------------------------------------


def with_status(employees: QuerySet, requirements: list, now: datetime.datetime) -> QuerySet:
    """`employees` annotated, per requirement, with `until_<pk>` (latest valid until), `done_<pk>`
    (latest completion) and `status_<pk>` (a Status, or "" where it does not apply). One query."""
    dates = local_dates(now)
    today, soon = _by_zone(dates), _by_zone(dates, days=EXPIRING_WITHIN)
    annotations = {}
    for requirement in requirements:
        own = Q(training_completions__requirement_id=requirement.pk)
        until, done, status = f"until_{requirement.pk}", f"done_{requirement.pk}", f"status_{requirement.pk}"
        annotations[until] = Max("training_completions__valid_until", filter=own)
        annotations[done] = Max("training_completions__completed_on", filter=own)
        annotations[status] = Case(
            When(~applies(requirement), then=Value(NOT_APPLICABLE)),
            When(Q(**{f"{until}__gte": soon}), then=Value(Status.VALID)),
            When(Q(**{f"{until}__gte": today}), then=Value(Status.EXPIRING)),
            When(Q(**{f"{until}__isnull": False}), then=Value(Status.EXPIRED)),
            When(started_on__gte=_by_zone(dates, days=-requirement.grace_days), then=Value(Status.DUE)),
            default=Value(Status.MISSING),
            output_field=models.CharField(),
        )
    return employees.annotate(**annotations)


def having_status(employees: QuerySet, requirements: list, status: str) -> QuerySet:
    """People of a with_status() queryset with at least one requirement in `status`."""
    condition = Q(pk__in=[])
    for requirement in requirements:
        condition |= Q(**{f"status_{requirement.pk}": status})
    return employees.filter(condition)


@dataclass(frozen=True)
class Cell:
    requirement: TrainingRequirement
    status: str
    valid_until: datetime.date | None
    completed_on: datetime.date | None
    due_by: datetime.date | None

    @property
    def applies(self) -> bool:
        return self.status != NOT_APPLICABLE

    @property
    def status_label(self):
        return Status(self.status).label if self.applies else ""

    @property
    def badge(self) -> str:
        return BADGES.get(self.status, "")


@dataclass
class PersonRow:
    employee: object
    cells: list = field(default_factory=list)

    @property
    def compliant(self) -> bool:
        return all(cell.status in COMPLIANT for cell in self.cells if cell.applies)


def person_rows(annotated, requirements: list) -> list[PersonRow]:
    """The rows of a with_status() queryset (or page of one), ready for a table."""
    rows = []
    for employee in annotated:
        row = PersonRow(employee)
        for requirement in requirements:
            status = getattr(employee, f"status_{requirement.pk}")
            due_by = None
            if status in (Status.DUE, Status.MISSING):
                due_by = employee.started_on + datetime.timedelta(days=requirement.grace_days)
            row.cells.append(
                Cell(
                    requirement=requirement,
                    status=status,
                    valid_until=getattr(employee, f"until_{requirement.pk}"),
                    completed_on=getattr(employee, f"done_{requirement.pk}"),
                    due_by=due_by,
                )
            )
        rows.append(row)
    return rows


# Compliance per team or site ---------------------------------------------------------------------


@dataclass
class Compliance:
    """How a group of people stands: person-requirement pairs by status."""

    key: int | None
    people: int = 0
    counts: dict = field(default_factory=lambda: dict.fromkeys(Status, 0))

    @property
    def applicable(self) -> int:
        return sum(self.counts.values())

    @property
    def compliant(self) -> int:
        return sum(self.counts[status] for status in COMPLIANT)

    @property
    def share(self) -> float | None:
        """The share of compliant pairs, 0 to 1; None when nothing applies."""
        return self.compliant / self.applicable if self.applicable else None

    @property
    def percent(self) -> int | None:
        return None if self.share is None else int(self.share * 100)

    def __getattr__(self, name):  # counts.valid, counts.expired … for templates
        try:
            return self.__dict__["counts"][Status(name)]
        except (KeyError, ValueError):
            raise AttributeError(name) from None


def compliance_by(employees: QuerySet, requirements: list, now: datetime.datetime, *, group: str) -> dict:
    """{team or site id: Compliance} for `employees`, grouped by `group` ("team" or "site"). Two
    grouped queries whatever the number of people: one over the people (how many, how many pairs
    apply, how many newcomers are still inside a grace period without a completion), one over their
    completions (done, valid today, valid beyond the expiring window)."""
    dates = local_dates(now)
    people = employees.order_by().values(group)
    pairs = {"people": Count("pk")}
    for requirement in requirements:
        applicable = applies(requirement)
        never_done = ~Exists(
            TrainingCompletion.objects.filter(employee=OuterRef("pk"), requirement_id=requirement.pk)
        )
        pairs[f"applicable_{requirement.pk}"] = Count("pk", filter=applicable)
        pairs[f"due_{requirement.pk}"] = Count(
            "pk",
            filter=applicable & Q(started_on__gte=_by_zone(dates, days=-requirement.grace_days)) & never_done,
        )
    result = {}
    for values in people.annotate(**pairs):
        compliance = result.setdefault(values[group], Compliance(values[group]))
        compliance.people = values["people"]
        for requirement in requirements:
            compliance.counts[Status.DUE] += values[f"due_{requirement.pk}"]
            compliance.counts[Status.MISSING] += (
                values[f"applicable_{requirement.pk}"] - values[f"due_{requirement.pk}"]
            )
    if not result or not requirements:
        return result

    zone = "employee__site__time_zone"
    in_force = Q(pk__in=[])
    for requirement in requirements:
        in_force |= Q(requirement_id=requirement.pk) & applies(requirement, prefix="employee__")
    done = (
        TrainingCompletion.objects.filter(in_force, employee__in=employees.order_by().values("pk"))
        .order_by()
        .values(f"employee__{group}", "requirement_id")
        .annotate(
            done=Count("employee", distinct=True),
            valid=Count(
                "employee", distinct=True, filter=Q(valid_until__gte=_by_zone(dates, zone_field=zone))
            ),
            lasting=Count(
                "employee",
                distinct=True,
                filter=Q(valid_until__gte=_by_zone(dates, days=EXPIRING_WITHIN, zone_field=zone)),
            ),
        )
    )
    for values in done:
        compliance = result[values[f"employee__{group}"]]
        compliance.counts[Status.MISSING] -= values["done"]
        compliance.counts[Status.VALID] += values["lasting"]
        compliance.counts[Status.EXPIRING] += values["valid"] - values["lasting"]
        compliance.counts[Status.EXPIRED] += values["done"] - values["valid"]
    return result


# Stored per site --------------------------------------------------------------------------------


def site_compliance_refresh(*, now: datetime.datetime) -> int:
    """Count every site's people again on each requirement in force (a worker task, every
    REPORT_REFRESH_MINUTES) and replace the stored counts (`counts_replace`: sites and trainings no
    longer counted go); returns how many rows were written."""
    people = matrix_people(Employee.objects.all(), timezone.localdate(now))
    rows = [
        SiteCompliance(
            site_id=site_id,
            requirement=requirement,
            people=compliance.people,
            counted_at=now,
            **{status.value: count for status, count in compliance.counts.items()},
        )
        for requirement in requirements_in_force()
        for site_id, compliance in sorted(compliance_by(people, [requirement], now, group="site").items())
    ]
    return counts_replace(
        SiteCompliance,
        rows,
        unique_fields=["site", "requirement"],
        update_fields=["people", *Status.values],
        now=now,
    )


def stored_site_compliance(requirements: list, now: datetime.datetime):
    """({site id: Compliance}, when counted) over `requirements`, added up from the stored counts: one
    query. None when a requirement has no recent count (new, or the worker has been down for twice
    the refresh interval): the page counts live then."""
    if not requirements:
        return None
    rows = list(
        SiteCompliance.objects.filter(
            requirement__in=[requirement.pk for requirement in requirements], counted_at__gte=fresh_since(now)
        ).values("site_id", "requirement_id", "people", "counted_at", *Status.values)
    )
    if {row["requirement_id"] for row in rows} != {requirement.pk for requirement in requirements}:
        return None
    result = {}
    for row in rows:
        compliance = result.setdefault(row["site_id"], Compliance(row["site_id"]))
        compliance.people = row["people"]
        for status in Status:
            compliance.counts[status] += row[status.value]
    return result, min(row["counted_at"] for row in rows)
