"""A new agent's first weeks (checklist templates, onboardings and their tasks), short floor notes, and
the mandatory trainings every agent renews.

Templates and requirements are reference content, translated per language (onboarding/translation.py).
An onboarding copies its template's tasks, every language included, when it starts: editing a template
never changes an onboarding already running.
"""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from people.models import CheckedRows, Employee, Role, Site, UploadQuerySet

# A task is due at most this many days before or after the start date.
OFFSET_LIMIT_DAYS = 365


def translation_columns(*fields: str) -> list[str]:
    """The per-language columns django-modeltranslation adds for `fields`. A history model is built
    before they exist, so it must leave them out; it keeps the text in the language it was saved in."""
    return [f"{field}_{code}" for field in fields for code, _name in settings.LANGUAGES]


class Responsibility(models.TextChoices):
    NEW_HIRE = "new_hire", _("New hire")
    LEADER = "leader", _("Team leader")
    TRAINER = "trainer", _("Trainer")
    FLOOR_WALKER = "floor_walker", _("Floor walker")
    HR = "hr", _("HR")
    IT = "it", _("IT")


class Phase(models.TextChoices):
    BEFORE_START = "before_start", _("Before start")
    CLASSROOM = "classroom", _("Classroom")
    ON_THE_FLOOR = "on_the_floor", _("On the floor")
    FIRST_90_DAYS = "first_90_days", _("First 90 days")


class DayCount(models.TextChoices):
    CALENDAR = "calendar", _("Calendar days")
    WORKING = "working", _("Working days")


class ChecklistTemplate(models.Model):
    """An ordered list of onboarding tasks, built by HR or a manager."""

    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=translation_columns("name", "description"))

    class Meta:
        verbose_name = _("checklist template")
        verbose_name_plural = _("checklist templates")
        ordering = ["name"]

    def __str__(self):
        return self.name  # in the reader's language


class TemplateTask(models.Model):
    template = models.ForeignKey(
        ChecklistTemplate, models.CASCADE, related_name="tasks", verbose_name=_("template")
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    responsible = models.CharField(_("responsible"), max_length=20, choices=Responsibility.choices)
    offset_days = models.IntegerField(
        _("due (days from start)"),
        validators=[MinValueValidator(-OFFSET_LIMIT_DAYS), MaxValueValidator(OFFSET_LIMIT_DAYS)],
        help_text=_("Negative before the first day: -5 is five days before the start date."),
    )
    day_count = models.CharField(
        _("counted in"), max_length=10, choices=DayCount.choices, default=DayCount.CALENDAR
    )
    is_compliance = models.BooleanField(_("compliance task"), default=False)
    check_in_type = models.ForeignKey(
        "coaching.ConversationType",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("check-in conversation"),
        help_text=_(
            "Set for a check-in: the task becomes a conversation with the team leader on its due date."
        ),
    )

    class Meta:
        verbose_name = _("template task")
        verbose_name_plural = _("template tasks")
        ordering = ["template", "position", "pk"]

    def __str__(self):
        return self.title


class OnboardingQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Onboardings of the people `user` may see (a task's assignee reaches only their task)."""
        return self.filter(employee__in=Employee.objects.visible_to(user))

    def running(self):
        return self.filter(status=Onboarding.Status.RUNNING)


class Onboarding(models.Model):
    """One person's first weeks (or an internal move), started from a template and a start date."""

    class Kind(models.TextChoices):
        NEW_HIRE = "new_hire", _("New hire")
        INTERNAL_MOVE = "internal_move", _("Internal move")

    class Status(models.TextChoices):
        RUNNING = "running", _("Running")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    employee = models.ForeignKey(
        Employee, models.CASCADE, related_name="onboardings", verbose_name=_("employee")
    )
    template = models.ForeignKey(
        ChecklistTemplate,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="onboardings",
        verbose_name=_("template"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.NEW_HIRE)
    starts_on = models.DateField(_("start date"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.RUNNING)
    leader = models.ForeignKey(
        Employee, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("team leader")
    )
    trainer = models.ForeignKey(
        Employee, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("trainer")
    )
    floor_walker = models.ForeignKey(
        Employee, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("floor walker")
    )
    hr_contact = models.ForeignKey(
        Employee, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("HR contact")
    )
    it_contact = models.ForeignKey(
        Employee, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("IT contact")
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    objects = OnboardingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("onboarding")
        verbose_name_plural = _("onboardings")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["employee"], condition=Q(status="running"), name="onboarding_one_running_per_employee"
            )
        ]

    def __str__(self):
        return f"{self.employee} · {self.starts_on}"

    def get_absolute_url(self):
        return reverse("onboarding:onboarding_detail", args=[self.pk])

    def assignee_for(self, responsibility: str) -> Employee | None:
        return {
            Responsibility.NEW_HIRE: self.employee,
            Responsibility.LEADER: self.leader,
            Responsibility.TRAINER: self.trainer,
            Responsibility.FLOOR_WALKER: self.floor_walker,
            Responsibility.HR: self.hr_contact,
            Responsibility.IT: self.it_contact,
        }[responsibility]


class OnboardingTaskQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Tasks of onboardings `user` may see, and the tasks assigned to `user` (a trainer or floor
        walker sees their own tasks and the new hire's name, not the rest of the onboarding)."""
        employee = getattr(user, "employee", None) if user is not None and user.is_authenticated else None
        in_scope = Q(onboarding__employee__in=Employee.objects.visible_to(user))
        if employee is None:
            return self.filter(in_scope)
        return self.filter(in_scope | Q(assignee=employee))

    def open(self):
        return self.filter(completed_at__isnull=True, not_applicable_at__isnull=True)

    def overdue(self, today: datetime.date):
        return self.open().filter(due_on__lt=today)


class OnboardingTask(models.Model):
    """A task of one onboarding, with a real due date and a named assignee. Its texts are copied from
    the template in every language when the onboarding starts."""

    onboarding = models.ForeignKey(
        Onboarding, models.CASCADE, related_name="tasks", verbose_name=_("onboarding")
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    responsible = models.CharField(_("responsible"), max_length=20, choices=Responsibility.choices)
    assignee = models.ForeignKey(
        Employee,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="onboarding_tasks",
        verbose_name=_("assignee"),
    )
    due_on = models.DateField(_("due date"))
    is_compliance = models.BooleanField(_("compliance task"), default=False)
    conversation = models.OneToOneField(
        "coaching.Conversation",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="onboarding_task",
        verbose_name=_("check-in conversation"),
    )
    is_ad_hoc = models.BooleanField(_("added during the onboarding"), default=False)
    completed_at = models.DateTimeField(_("done at"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("done by"),
    )
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    not_applicable_at = models.DateTimeField(_("marked not applicable at"), null=True, blank=True)
    not_applicable_reason = models.CharField(_("why not applicable"), max_length=300, blank=True)

    objects = OnboardingTaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("onboarding task")
        verbose_name_plural = _("onboarding tasks")
        ordering = ["due_on", "position", "pk"]
        indexes = [
            models.Index(fields=["assignee", "due_on"], name="onboarding_task_by_assignee"),
            models.Index(
                fields=["due_on"],
                condition=Q(completed_at__isnull=True, not_applicable_at__isnull=True),
                name="onboarding_task_open_due",
            ),
            # A trainer's latest ticks, newest first (their start page): read in order, ten rows,
            # where sorting every task they ever ticked joined a scan of everyone (12 ms at 25,000).
            models.Index(
                fields=["assignee", "-completed_at", "-not_applicable_at", "-id"],
                condition=Q(completed_at__isnull=False) | Q(not_applicable_at__isnull=False),
                name="onboarding_task_done_recent",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(completed_at__isnull=True) | Q(not_applicable_at__isnull=True),
                name="onboarding_task_done_or_not_applicable",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.completed_at is None and self.not_applicable_at is None

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        """Open and due before `today` (the current time zone's today by default): pages ask this."""
        return self.is_open and self.due_on < (today or timezone.localdate())


class FloorNoteQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A floor note is read by its author and the person's team leader, never by the person's
        colleagues, their manager or HR (until the leader puts it on a shared agenda, where it is an
        agenda item)."""
        if user is None or not user.is_authenticated:
            return self.none()
        employee = getattr(user, "employee", None)
        if employee is None:
            return self.none()
        led = Employee.objects.visible_to(user, for_edit=True) if employee.role == Role.TEAM_LEADER else None
        if led is None:
            return self.filter(author=employee)
        return self.filter(Q(author=employee) | Q(employee__in=led))


class FloorNote(models.Model):
    """A short observation about a person, jotted on the floor by a floor walker, trainer or leader."""

    employee = models.ForeignKey(
        Employee, models.CASCADE, related_name="floor_notes", verbose_name=_("about")
    )
    author = models.ForeignKey(Employee, models.CASCADE, related_name="+", verbose_name=_("author"))
    text = models.CharField(_("observation"), max_length=500)
    reference = models.CharField(_("call or case reference"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("written at"))
    agenda_item = models.OneToOneField(
        "coaching.AgendaItem",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="floor_note",
        verbose_name=_("on the agenda as"),
    )

    objects = FloorNoteQuerySet.as_manager()

    class Meta:
        verbose_name = _("floor note")
        verbose_name_plural = _("floor notes")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["employee", "-created_at"], name="onboarding_floornote_recent")]

    def __str__(self):
        # Not the text: the admin's titles and logs show this, and the text is for its readers only.
        return f"{self.employee} · {self.created_at:%Y-%m-%d %H:%M}"


class TrainingRequirement(models.Model):
    """A mandatory training that must be renewed (anti-money-laundering, GDPR, …), for the roles and
    sites it names (none named: everyone)."""

    code = models.SlugField(
        _("code"), max_length=30, unique=True, help_text=_("How the training is named in imported CSV files.")
    )
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    validity_months = models.PositiveSmallIntegerField(
        _("valid for (months)"), validators=[MinValueValidator(1), MaxValueValidator(120)], default=12
    )
    grace_days = models.PositiveSmallIntegerField(
        _("grace period (days)"),
        default=0,
        validators=[MaxValueValidator(365)],
        help_text=_("How long after the start date a newcomer has to complete it for the first time."),
    )
    roles = models.JSONField(_("roles"), default=list, blank=True, help_text=_("Empty: every role."))
    sites = models.ManyToManyField(
        Site,
        blank=True,
        related_name="training_requirements",
        verbose_name=_("sites"),
        help_text=_("Empty: every site."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords(excluded_fields=["sites", *translation_columns("name", "description")])

    class Meta:
        verbose_name = _("training requirement")
        verbose_name_plural = _("training requirements")
        ordering = ["name"]

    def __str__(self):
        return self.name  # in the reader's language


class TrainingCompletionQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(employee__in=Employee.objects.visible_to(user))


class TrainingCompletion(models.Model):
    """One person's completion of a required training, valid until `valid_until`."""

    employee = models.ForeignKey(
        Employee, models.CASCADE, related_name="training_completions", verbose_name=_("employee")
    )
    requirement = models.ForeignKey(
        TrainingRequirement, models.PROTECT, related_name="completions", verbose_name=_("training")
    )
    completed_on = models.DateField(_("completed on"))
    valid_until = models.DateField(_("valid until"))
    evidence = models.CharField(
        _("evidence"),
        max_length=300,
        blank=True,
        help_text=_("A certificate number or a link to the course record."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"))
    training_import = models.ForeignKey(
        "onboarding.TrainingImport",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="completions",
        verbose_name=_("imported with"),
    )

    objects = TrainingCompletionQuerySet.as_manager()

    class Meta:
        verbose_name = _("training completion")
        verbose_name_plural = _("training completions")
        ordering = ["-completed_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "requirement", "completed_on"], name="onboarding_completion_once_per_day"
            )
        ]
        indexes = [
            models.Index(
                fields=["requirement", "employee", "-valid_until"], name="onboarding_completion_latest"
            ),
            # The reminder sweep reads, every minute, the completions whose last valid day is within the
            # reminder window, from this index alone (the rest of the row only for those it keeps).
            models.Index(
                fields=["valid_until"],
                include=["id", "employee", "requirement"],
                name="onboarding_completion_expiry",
            ),
        ]

    def __str__(self):
        return f"{self.employee} · {self.requirement} · {self.completed_on}"


class SiteCompliance(models.Model):
    """How the active people of a site stood on one mandatory training when the worker last counted
    them (every REPORT_REFRESH_MINUTES): HR's first page of the trainings matrix reads these dozen rows
    instead of adding up every completion of the organisation (160,000 at 25,000 people, 150 ms)."""

    site = models.ForeignKey(Site, models.CASCADE, related_name="+", verbose_name=_("site"))
    requirement = models.ForeignKey(
        TrainingRequirement, models.CASCADE, related_name="+", verbose_name=_("training")
    )
    people = models.PositiveIntegerField(_("People"))  # at the site, whether the training applies or not
    valid = models.PositiveIntegerField(_("Valid"))
    expiring = models.PositiveIntegerField(_("Expiring soon"))
    expired = models.PositiveIntegerField(_("Expired"))
    due = models.PositiveIntegerField(_("Due"))
    missing = models.PositiveIntegerField(_("Never done"))
    counted_at = models.DateTimeField(_("counted at"))

    class Meta:
        verbose_name = _("site training compliance")
        verbose_name_plural = _("site training compliance")
        constraints = [
            models.UniqueConstraint(fields=["site", "requirement"], name="onboarding_site_compliance_once")
        ]

    def __str__(self):
        return f"{self.site} · {self.requirement} · {self.counted_at:%Y-%m-%d %H:%M}"


class TrainingImport(CheckedRows):
    """One uploaded file of training completions: previewed, then confirmed or discarded (like a KPI
    import). The parsed rows wait in TrainingImportRow until then."""

    created_count = models.PositiveIntegerField(_("new completions"), null=True, blank=True)

    objects = UploadQuerySet.as_manager()

    class Meta:
        verbose_name = _("training import")
        verbose_name_plural = _("training imports")
        indexes = [models.Index(fields=["uploaded_by", "-uploaded_at"], name="onboarding_import_by_uploader")]

    def get_absolute_url(self):
        return reverse("onboarding:training_import_detail", args=[self.pk])


class TrainingImportRow(models.Model):
    """One line of an uploaded completions file as read, with what it resolved to and its errors
    ([code, params] pairs, translated when shown)."""

    training_import = models.ForeignKey(
        TrainingImport, models.CASCADE, related_name="rows", verbose_name=_("import")
    )
    line = models.PositiveIntegerField(_("line"))
    employee_number = models.CharField(_("employee number"), max_length=100, blank=True)
    requirement_text = models.CharField(_("training"), max_length=150, blank=True)
    completed_on_text = models.CharField(_("completed on"), max_length=100, blank=True)
    evidence = models.CharField(_("evidence"), max_length=300, blank=True)
    employee = models.ForeignKey(
        Employee, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("employee")
    )
    requirement = models.ForeignKey(
        TrainingRequirement,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("training"),
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    has_errors = models.BooleanField(_("has errors"), default=False)

    class Meta:
        verbose_name = _("training import row")
        verbose_name_plural = _("training import rows")
        constraints = [
            models.UniqueConstraint(fields=["training_import", "line"], name="onboarding_importrow_line_once")
        ]
        indexes = [
            models.Index(
                fields=["training_import", "has_errors", "line"], name="onboarding_importrow_errors"
            ),
        ]

    def __str__(self):
        return f"{self.training_import} · {self.line}"
