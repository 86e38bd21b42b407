"""Shared expectations and their acknowledgements, goals agreed with the employee, KPI measurements.

The progress arithmetic (straight line from baseline to target, on track / at risk / off track) lives
in goals/progress.py so that pages and selectors compute it the same way from prefetched rows.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Exists, F, OuterRef, Q, Value
from django.db.models.functions import Now
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from people.csv_files import FORMAT_ERRORS
from people.models import CheckedRows, Employee, Role, Site, Team, UploadQuerySet


class Metric(models.Model):
    """Something measured per employee and period (FCR %, CSAT, quality, AHT or a custom one)."""

    code = models.SlugField(
        _("code"), max_length=30, unique=True, help_text=_("How the metric is named in imported CSV files.")
    )
    name = models.CharField(_("name"), max_length=100)
    unit = models.CharField(_("unit"), max_length=20, blank=True, help_text=_("For example %, points or s."))
    higher_is_better = models.BooleanField(_("higher is better"), default=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("metric")
        verbose_name_plural = _("metrics")
        ordering = ["name"]

    def __str__(self):
        return self.name  # in the reader's language (goals/translation.py)


class KpiMeasurementQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Measurements of the employees `user` may see."""
        return self.filter(employee__in=Employee.objects.visible_to(user))


class KpiMeasurement(models.Model):
    """One imported value: an employee's metric for the period ending on `period_end`."""

    employee = models.ForeignKey(
        Employee, models.CASCADE, related_name="kpi_measurements", verbose_name=_("employee")
    )
    metric = models.ForeignKey(Metric, models.PROTECT, related_name="measurements", verbose_name=_("metric"))
    period_end = models.DateField(_("period end"))
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    imported_at = models.DateTimeField(_("imported at"), default=timezone.now)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported by"),
    )

    objects = KpiMeasurementQuerySet.as_manager()

    class Meta:
        verbose_name = _("KPI measurement")
        verbose_name_plural = _("KPI measurements")
        # No default ordering: ordering by the employee joined users and employees on every query.
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "metric", "period_end"], name="goals_kpimeasurement_once_per_period"
            )
        ]

    def __str__(self):
        return f"{self.employee} · {self.metric} · {self.period_end}: {self.value}"


class KpiImport(CheckedRows):
    """One uploaded KPI file: previewed, then confirmed (its rows become measurements) or discarded.

    The parsed rows wait in KpiImportRow, on the server, until then; nothing travels in the session."""

    created_count = models.PositiveIntegerField(_("new values"), null=True, blank=True)
    updated_count = models.PositiveIntegerField(_("updated values"), null=True, blank=True)

    objects = UploadQuerySet.as_manager()

    class Meta:
        verbose_name = _("KPI import")
        verbose_name_plural = _("KPI imports")
        indexes = [models.Index(fields=["uploaded_by", "-uploaded_at"], name="goals_kpiimport_by_uploader")]

    def get_absolute_url(self):
        return reverse("goals:kpi_import_detail", args=[self.pk])


# What can be wrong with one line of a KPI file (people.csv_files has the errors of any import file).
ROW_ERRORS = {
    **FORMAT_ERRORS,
    "columns": _(
        "The line has %(count)s cells but the header has %(expected)s. Write a decimal comma in "
        'quotes ("12,5") or separate the columns with semicolons.'
    ),
    "metric_unknown": _("Unknown metric “%(metric)s”."),
    "number": _("“%(value)s” is not a number."),
    "too_large": _("“%(value)s” is too large: values must be below 10,000,000,000."),
    "duplicate": _("The same employee, metric and period end is already on line %(line)s."),
}


class KpiImportRow(models.Model):
    """One line of an uploaded file as read, with what it resolved to and its errors.

    `errors` holds [code, params] pairs, translated when shown (ROW_ERRORS), so that
    the preview speaks the reader's language rather than the uploader's."""

    kpi_import = models.ForeignKey(KpiImport, models.CASCADE, related_name="rows", verbose_name=_("import"))
    line = models.PositiveIntegerField(_("line"))
    employee_number = models.CharField(_("employee number"), max_length=100, blank=True)
    metric_text = models.CharField(_("metric"), max_length=100, blank=True)
    period_end_text = models.CharField(_("period end"), max_length=100, blank=True)
    value_text = models.CharField(_("value"), max_length=100, blank=True)
    # SET_NULL, not CASCADE: a person or metric deleted before the confirm must stop the import, not
    # silently shorten it (kpi_import_confirm refuses rows that lost their employee or metric).
    employee = models.ForeignKey(
        Employee, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("employee")
    )
    metric = models.ForeignKey(
        Metric, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("metric")
    )
    period_end = models.DateField(_("period end"), null=True, blank=True)
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2, null=True, blank=True)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    has_errors = models.BooleanField(_("has errors"), default=False)

    class Meta:
        verbose_name = _("KPI import row")
        verbose_name_plural = _("KPI import rows")
        constraints = [
            models.UniqueConstraint(fields=["kpi_import", "line"], name="goals_kpiimportrow_line_once")
        ]
        indexes = [
            models.Index(fields=["kpi_import", "has_errors", "line"], name="goals_kpiimportrow_errors"),
        ]

    def __str__(self):
        return f"{self.kpi_import} · {self.line}"

    @property
    def error_messages(self):
        return [ROW_ERRORS[code] % params if params else ROW_ERRORS[code] for code, params in self.errors]


@dataclass(frozen=True)
class ExpectationWritingRights:
    scopes: frozenset
    sites: models.QuerySet
    teams: models.QuerySet


def expectation_writing_rights(user) -> ExpectationWritingRights:
    """Who may write expectations, and for whom: HR the organisation's, a site manager those of the
    sites they manage (and their own), a team leader those of the teams they lead; administrators
    all. The one definition: ExpectationQuerySet.editable_by() and the expectation form read it."""
    viewer = getattr(user, "employee", None)
    if user is not None and user.is_authenticated and user.is_superuser:
        return ExpectationWritingRights(frozenset(Expectation.Scope), Site.objects.all(), Team.objects.all())
    role = getattr(viewer, "role", None)
    if role == Role.HR:
        return ExpectationWritingRights(
            frozenset({Expectation.Scope.ORGANISATION}), Site.objects.none(), Team.objects.none()
        )
    if role == Role.MANAGER:
        sites = Site.objects.filter(Q(managers=viewer) | Q(pk=viewer.site_id)).distinct()
        return ExpectationWritingRights(frozenset({Expectation.Scope.SITE}), sites, Team.objects.none())
    if role == Role.TEAM_LEADER:
        return ExpectationWritingRights(
            frozenset({Expectation.Scope.TEAM}), Site.objects.none(), Team.objects.filter(leader=viewer)
        )
    return ExpectationWritingRights(frozenset(), Site.objects.none(), Team.objects.none())


class ExpectationQuerySet(models.QuerySet):
    def active(self):
        """Expectations in force (not archived)."""
        return self.filter(is_active=True)

    def applicable_to(self, employees):
        """Expectations that apply to `employees` (one Employee or a list of them): the audience rule
        Expectation.AUDIENCE_FIELD read as one filter."""
        if isinstance(employees, Employee):
            employees = [employees]
        condition = Q()
        for scope, field in Expectation.AUDIENCE_FIELD.items():
            if field is None:
                condition |= Q(scope=scope)
            else:
                condition |= Q(
                    scope=scope, **{f"{field}__in": {getattr(e, field) for e in employees} - {None}}
                )
        return self.filter(condition)

    def pending_acknowledgements(self, employees=None, unless=None):
        """(employee id, current version id, version published at) for every active employee (of
        `employees`, by default everyone) and every expectation of this queryset in force that applies
        to them, whose current version they have not acknowledged, leaving out the rows for which the
        condition `unless` holds (it sees the columns pk, version_id and published_at: a reminder
        already recorded, say). Set-based: one query for the few versions with a large audience (the
        organisation, a site), then one UNION of the audiences, whatever the number of people."""
        people = (Employee.objects.active() if employees is None else employees).order_by()
        in_force = self.active().exclude(current_version=None)
        acknowledged = Acknowledgement.objects.filter(employee=OuterRef("pk"), version=OuterRef("version_id"))
        audiences = []
        # A large audience is one branch per version, the version a constant: PostgreSQL then reads that
        # version's acknowledgements once and sets them against the audience by hash, where a join
        # through the sites would look up each person's acknowledgements one by one.
        for scope, site_id, version_id, published_at in in_force.exclude(
            scope=Expectation.Scope.TEAM
        ).values_list("scope", "site_id", "current_version_id", "current_version__created_at"):
            audience = people if scope == Expectation.Scope.ORGANISATION else people.filter(site_id=site_id)
            audiences.append(
                audience.annotate(
                    version_id=Value(version_id, models.IntegerField()),
                    published_at=Value(published_at, models.DateTimeField()),
                )
            )
        # Teams: many versions, each for a handful of people, joined in one branch.
        path = "team__expectations"
        audiences.append(
            people.filter(**{f"{path}__in": in_force.filter(scope=Expectation.Scope.TEAM)}).annotate(
                version_id=F(f"{path}__current_version_id"),
                published_at=F(f"{path}__current_version__created_at"),
            )
        )
        if unless is not None:
            audiences = [audience.filter(~unless) for audience in audiences]
        rows = [
            audience.filter(~Exists(acknowledged)).values_list("pk", "version_id", "published_at")
            for audience in audiences
        ]
        return rows[0].union(*rows[1:], all=True)

    def visible_to(self, user):
        """Expectations that apply to someone `user` may see: organisation-wide ones, those of the
        sites and teams of the people in their scope, and those of teams they lead."""
        if user is None or not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        visible = Employee.objects.visible_to(user)
        return self.filter(
            Q(scope=Expectation.Scope.ORGANISATION)
            | Q(scope=Expectation.Scope.SITE, site__in=Site.objects.filter(employees__in=visible))
            | Q(scope=Expectation.Scope.TEAM, team__in=Team.objects.visible_to(user))
        ).distinct()

    def editable_by(self, user):
        """Expectations `user` may write, as expectation_writing_rights() says."""
        rights = expectation_writing_rights(user)
        condition = Q(pk__in=[])
        if Expectation.Scope.ORGANISATION in rights.scopes:
            condition |= Q(scope=Expectation.Scope.ORGANISATION)
        if Expectation.Scope.SITE in rights.scopes:
            condition |= Q(scope=Expectation.Scope.SITE, site__in=rights.sites)
        if Expectation.Scope.TEAM in rights.scopes:
            condition |= Q(scope=Expectation.Scope.TEAM, team__in=rights.teams)
        return self.filter(condition)

    def acknowledged_by_subquery(self, employee_ref):
        """An Exists() that is true when `employee_ref` (a pk or OuterRef) acknowledged the current
        version of the expectation being filtered."""
        return Exists(
            Acknowledgement.objects.filter(
                version_id=OuterRef("current_version_id"), employee_id=employee_ref
            )
        )

    def unacknowledged_by(self, employee):
        """Active expectations applying to `employee` whose current version they have not acknowledged
        (never, or only an older version). Set-based: one query; the reminders sweep uses it."""
        return (
            self.active()
            .applicable_to(employee)
            .exclude(current_version=None)
            .filter(~self.acknowledged_by_subquery(employee.pk))
        )


class Expectation(models.Model):
    """A written team standard: for the organisation (HR), a site (its manager) or a team (its leader)."""

    class Scope(models.TextChoices):
        ORGANISATION = "organisation", _("Organisation")
        SITE = "site", _("Site")
        TEAM = "team", _("Team")

    scope = models.CharField(_("applies to"), max_length=12, choices=Scope.choices)
    site = models.ForeignKey(
        Site, models.CASCADE, null=True, blank=True, related_name="expectations", verbose_name=_("site")
    )
    team = models.ForeignKey(
        Team, models.CASCADE, null=True, blank=True, related_name="expectations", verbose_name=_("team")
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), help_text=_("Plain paragraphs; separate them with an empty line."))
    current_version = models.ForeignKey(
        "goals.ExpectationVersion",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("current version"),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        Employee, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("written by")
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    # Who an expectation applies to, the one definition the queries and pages derive from: everyone
    # (organisation), or the people whose site or team is the expectation's own.
    AUDIENCE_FIELD = {Scope.ORGANISATION: None, Scope.SITE: "site_id", Scope.TEAM: "team_id"}

    objects = ExpectationQuerySet.as_manager()

    class Meta:
        verbose_name = _("expectation")
        verbose_name_plural = _("expectations")
        ordering = ["scope", "title"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(scope="organisation", site=None, team=None)
                    | Q(scope="site", site__isnull=False, team=None)
                    | Q(scope="team", team__isnull=False, site=None)
                ),
                name="goals_expectation_scope_matches_target",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("goals:expectation_detail", args=[self.pk])

    @property
    def version_number(self):
        return self.current_version.number if self.current_version_id else 0

    @property
    def audience_label(self):
        if self.scope == self.Scope.SITE:
            return str(self.site)
        if self.scope == self.Scope.TEAM:
            return str(self.team)
        return str(self.Scope.ORGANISATION.label)

    def applies_to(self, employee) -> bool:
        """The audience rule for rows already loaded (AUDIENCE_FIELD, as in members())."""
        field = self.AUDIENCE_FIELD[self.scope]
        return field is None or getattr(employee, field) == getattr(self, field)

    def members(self):
        """Active employees this expectation applies to (the people who must acknowledge it)."""
        field = self.AUDIENCE_FIELD[self.scope]
        employees = Employee.objects.active()
        return employees if field is None else employees.filter(**{field: getattr(self, field)})

    def pending_members(self):
        """Members who have not acknowledged the current version. One query, safe to repeat."""
        return self.members().exclude(acknowledgements__version_id=self.current_version_id)


class ExpectationVersion(models.Model):
    """The exact wording at one edit; acknowledgements point at the version that was read."""

    expectation = models.ForeignKey(
        Expectation, models.CASCADE, related_name="versions", verbose_name=_("expectation")
    )
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    created_by = models.ForeignKey(
        Employee, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("written by")
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("expectation version")
        verbose_name_plural = _("expectation versions")
        ordering = ["expectation", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["expectation", "number"], name="goals_expectationversion_unique")
        ]

    def __str__(self):
        return f"{self.title} (v{self.number})"


class AcknowledgementQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Acknowledgements by the employees `user` may see."""
        return self.filter(employee__in=Employee.objects.visible_to(user))

    def current(self):
        """Acknowledgements of the version that is now in force."""
        return self.filter(version_id=models.F("version__expectation__current_version_id"))


class Acknowledgement(models.Model):
    """ "I have read and understood" for one version, with an optional comment or question."""

    employee = models.ForeignKey(
        Employee, models.CASCADE, related_name="acknowledgements", verbose_name=_("employee")
    )
    version = models.ForeignKey(
        ExpectationVersion, models.CASCADE, related_name="acknowledgements", verbose_name=_("version")
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"), default=timezone.now)
    comment = models.TextField(_("comment or question"), blank=True)

    objects = AcknowledgementQuerySet.as_manager()

    class Meta:
        verbose_name = _("acknowledgement")
        verbose_name_plural = _("acknowledgements")
        ordering = ["-acknowledged_at"]
        constraints = [
            models.UniqueConstraint(fields=["employee", "version"], name="goals_acknowledgement_once")
        ]

    def __str__(self):
        return f"{self.employee} · {self.version}"


class GoalQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Goals of the employees `user` may see (themself, their team, their site, everyone for HR)."""
        return self.filter(employee__in=Employee.objects.visible_to(user))

    def open(self):
        """Goals still in play: draft, proposed or agreed."""
        return self.filter(status__in=Goal.OPEN_STATUSES)

    def closed(self):
        """Goals with an outcome: achieved, not achieved or dropped."""
        return self.exclude(status__in=Goal.OPEN_STATUSES)

    def agreed(self):
        return self.filter(status=Goal.Status.AGREED)

    def in_period(self, on):
        """Goals whose period includes the date `on`."""
        return self.filter(starts_on__lte=on, due_on__gte=on)

    def awaiting_employee(self):
        """Proposed goals the leader agreed to and the employee has not yet (reminders use this)."""
        return self.filter(status=Goal.Status.PROPOSED, employee_agreed_at=None).exclude(
            leader_agreed_at=None
        )

    def awaiting_leader(self):
        """Proposed goals the employee agreed to and no leader has yet (reminders use this)."""
        return self.filter(status=Goal.Status.PROPOSED, leader_agreed_at=None).exclude(
            employee_agreed_at=None
        )

    def awaiting_agreement(self):
        """Every proposed goal: one side (or both, after an edit) still has to agree."""
        return self.filter(status=Goal.Status.PROPOSED)


class Goal(models.Model):
    """One person's goal, agreed between them and their leader."""

    class Kind(models.TextChoices):
        KPI = "kpi", _("KPI")
        DEVELOPMENT = "development", _("Development")
        BEHAVIOUR = "behaviour", _("Behaviour")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PROPOSED = "proposed", _("Proposed")
        AGREED = "agreed", _("Agreed")
        ACHIEVED = "achieved", _("Achieved")
        NOT_ACHIEVED = "not_achieved", _("Not achieved")
        DROPPED = "dropped", _("Dropped")

    OPEN_STATUSES = (Status.DRAFT, Status.PROPOSED, Status.AGREED)
    OUTCOMES = (Status.ACHIEVED, Status.NOT_ACHIEVED, Status.DROPPED)
    # Changing one of these on an agreed goal means a new agreement is needed.
    TERMS = ("kind", "metric", "baseline", "target", "starts_on", "due_on")

    employee = models.ForeignKey(Employee, models.CASCADE, related_name="goals", verbose_name=_("employee"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.KPI)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    why_it_matters = models.TextField(
        _("why it matters to me"),
        blank=True,
        help_text=_("In the employee's own words: what reaching this goal means to them."),
    )
    metric = models.ForeignKey(
        Metric, models.PROTECT, null=True, blank=True, related_name="goals", verbose_name=_("metric")
    )
    baseline = models.DecimalField(_("baseline"), max_digits=12, decimal_places=2, null=True, blank=True)
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=2, null=True, blank=True)
    starts_on = models.DateField(_("start"))
    due_on = models.DateField(_("due"))
    expectation = models.ForeignKey(
        Expectation,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="goals",
        verbose_name=_("linked expectation"),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        Employee, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    employee_agreed_at = models.DateTimeField(_("employee agreed at"), null=True, blank=True)
    employee_agreed_by = models.ForeignKey(
        Employee, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("employee agreed")
    )
    leader_agreed_at = models.DateTimeField(_("leader agreed at"), null=True, blank=True)
    leader_agreed_by = models.ForeignKey(
        Employee, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("leader agreed")
    )
    requested_outcome = models.CharField(
        _("outcome asked for"), max_length=12, blank=True, choices=[(s.value, s.label) for s in OUTCOMES]
    )
    outcome_note = models.TextField(_("outcome note"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        Employee, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("decided by")
    )
    updated_at = models.DateTimeField(
        _("updated at"), auto_now=True, db_default=Now(), db_index=True
    )  # API: updated_since

    objects = GoalQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_on__gte=models.F("starts_on")), name="goals_goal_due_after_start"
            ),
            models.CheckConstraint(
                condition=~Q(kind="kpi") | Q(metric__isnull=False, target__isnull=False),
                name="goals_goal_kpi_has_metric_and_target",
            ),
            models.CheckConstraint(
                condition=~Q(status="agreed")
                | Q(employee_agreed_at__isnull=False, leader_agreed_at__isnull=False),
                name="goals_goal_agreed_by_both",
            ),
        ]
        indexes = [
            models.Index(fields=["employee", "status"], name="goals_goal_employee_status"),
            # The reminder sweep's two sides of a proposed goal, every minute: only the goals that wait
            # for one side are read, not every goal in the history.
            models.Index(
                fields=["leader_agreed_at"],
                condition=Q(status="proposed", employee_agreed_at=None, leader_agreed_at__isnull=False),
                name="goals_goal_awaiting_employee",
            ),
            models.Index(
                fields=["employee_agreed_at"],
                condition=Q(status="proposed", leader_agreed_at=None, employee_agreed_at__isnull=False),
                name="goals_goal_awaiting_leader",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("goals:goal_detail", args=[self.pk])

    @property
    def is_kpi(self):
        return self.kind == self.Kind.KPI

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES

    @property
    def higher_is_better(self):
        return self.metric.higher_is_better if self.metric_id else True

    @property
    def unit(self):
        return self.metric.unit if self.metric_id else ""

    def get_track_display(self):
        """The translated on track / at risk / off track / no values yet label (after
        goals.selectors.evaluate_goals)."""
        from goals.progress import TRACK_LABELS

        return TRACK_LABELS.get(getattr(self, "track", None), "")

    @property
    def waiting_for_employee(self):
        return self.status == self.Status.PROPOSED and self.employee_agreed_at is None

    @property
    def waiting_for_leader(self):
        return self.status == self.Status.PROPOSED and self.leader_agreed_at is None

    @classmethod
    def terms_errors(cls, *, kind, metric, baseline, target, starts_on, due_on) -> dict:
        """What is wrong with a goal's terms, by field: the one definition that Goal.clean() (so the
        goal form and every service) and the team goal form apply."""
        errors = {}
        if starts_on and due_on and due_on < starts_on:
            errors["due_on"] = _("The due date cannot be before the start date.")
        if kind == cls.Kind.KPI:
            if metric is None:
                errors["metric"] = _("Choose the metric of a KPI goal.")
            if target is None:
                errors["target"] = _("A KPI goal needs a target number.")
            elif baseline is not None and baseline == target:
                errors["target"] = _("The target must differ from the baseline.")
        return errors

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = self.terms_errors(
            kind=self.kind,
            metric=self.metric_id,
            baseline=self.baseline,
            target=self.target,
            starts_on=self.starts_on,
            due_on=self.due_on,
        )
        if errors:
            raise ValidationError(errors)


class CheckInQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Check-ins on goals of the employees `user` may see."""
        return self.filter(goal__employee__in=Employee.objects.visible_to(user))


class CheckIn(models.Model):
    """A progress update: a value for a KPI goal, or a status word and comment; who and when."""

    class Status(models.TextChoices):
        ON_TRACK = "on_track", _("On track")
        AT_RISK = "at_risk", _("At risk")
        OFF_TRACK = "off_track", _("Off track")

    goal = models.ForeignKey(Goal, models.CASCADE, related_name="check_ins", verbose_name=_("goal"))
    checked_on = models.DateField(_("date"), default=timezone.localdate)
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2, null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, blank=True)
    percent_complete = models.PositiveSmallIntegerField(
        _("percent complete"), null=True, blank=True, help_text=_("For development and behaviour goals.")
    )
    comment = models.TextField(_("comment"), blank=True)
    author = models.ForeignKey(
        Employee, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    objects = CheckInQuerySet.as_manager()

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["goal", "checked_on", "created_at"]
        get_latest_by = ["checked_on", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(percent_complete__isnull=True) | Q(percent_complete__lte=100),
                name="goals_checkin_percent_at_most_100",
            )
        ]

    def __str__(self):
        return f"{self.goal} · {self.checked_on}"
