import datetime

from django.conf import settings
from django.db import models
from django.db.models import Exists, F, OuterRef, Q, Value
from django.db.models.functions import Concat, Now
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


def sees_everyone(user) -> bool:
    """Whether `user` sees every employee, people who have left included: HR and administrators."""
    if user is None or not user.is_authenticated:
        return False
    return user.is_superuser or getattr(getattr(user, "employee", None), "role", None) == Role.HR


def sees_whole_sites(user) -> bool:
    """Whether the active people `user` sees are every active person of some sites: a manager's own
    and managed sites, or HR's and administrators' every site. Figures counted per site serve them."""
    return sees_everyone(user) or getattr(getattr(user, "employee", None), "role", None) == Role.MANAGER


class SiteQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Sites where `user` sees someone; HR and administrators every site, empty ones included."""
        if sees_everyone(user):
            return self.all()
        viewer = getattr(user, "employee", None)
        if viewer is not None and viewer.role == Role.MANAGER:
            # The same sites as the general rule, found by probing each of their few sites for one
            # active person instead of reading the site's thousands of people.
            return self.filter(
                Exists(Employee.objects.active().filter(site=OuterRef("pk"))),
                pk__in=Site.objects.managed_by(viewer).values("pk"),
            )
        return self.filter(pk__in=Employee.objects.visible_to(user).values("site_id"))

    def managed_by(self, manager):
        """The sites `manager` follows: those they manage and the one they work at."""
        # Joined to the managers, so a site may repeat (use it as a subquery): the planner then
        # estimates one site and reads its people through the site index, where a subquery on the
        # managed sites made it scan everyone (22 ms instead of 17 for 11,000 people).
        return self.filter(Q(managers=manager) | Q(pk=manager.site_id))


class Site(models.Model):
    class TimeZone(models.TextChoices):
        OSLO = "Europe/Oslo", "Europe/Oslo"
        STOCKHOLM = "Europe/Stockholm", "Europe/Stockholm"
        COPENHAGEN = "Europe/Copenhagen", "Europe/Copenhagen"
        HELSINKI = "Europe/Helsinki", "Europe/Helsinki"

    name = models.CharField(_("name"), max_length=100, unique=True)
    country = models.CharField(_("country"), max_length=2, help_text=_("ISO code, e.g. NO or SE"))
    time_zone = models.CharField(_("time zone"), max_length=40, choices=TimeZone.choices)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    objects = SiteQuerySet.as_manager()

    class Meta:
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        ordering = ["name"]

    def __str__(self):
        return self.name


class TeamQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Teams with at least one employee `user` may see, or that `user` leads."""
        if sees_everyone(user):
            # The same teams without reading everyone: an index probe per team, not a scan of the
            # organisation (25,000 people) on every HR page.
            return self.filter(Q(leader__isnull=False) | Exists(Employee.objects.filter(team=OuterRef("pk"))))
        viewer = getattr(user, "employee", None)
        if viewer is not None and viewer.role == Role.MANAGER:
            # Each team probed for one of the manager's people in it or leading it: a page of a
            # site's teams in name order reads those teams, not the site's 11,000 people.
            visible = Employee.objects.visible_to(user)
            return self.filter(
                Exists(visible.filter(team=OuterRef("pk"))) | Exists(visible.filter(pk=OuterRef("leader_id")))
            )
        # A leader's few people: one semi-join on a UNION, not an OR of two subqueries (which
        # PostgreSQL can only answer by testing every team against both): each branch is answered
        # through its own index.
        # The parts of a UNION keep their models' ordering (joins to names): order_by() drops it.
        visible = Employee.objects.visible_to(user).order_by()
        led = Team.objects.filter(leader__in=visible.values("pk")).order_by().values("pk")
        return self.filter(pk__in=visible.values("team_id").union(led))

    def needing_a_leader(self):
        """Teams with nobody to lead them for long: no leader, or one who has an end date (left, or
        leaving) or can no longer sign in (switched off by the identity provider or an administrator)."""
        return self.filter(
            Q(leader__isnull=True) | Q(leader__ended_on__isnull=False) | Q(leader__user__is_active=False)
        )


class Team(models.Model):
    name = models.CharField(_("name"), max_length=100)
    site = models.ForeignKey(Site, models.PROTECT, related_name="teams", verbose_name=_("site"))
    leader = models.ForeignKey(
        "people.Employee",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_teams",
        verbose_name=_("team leader"),
    )
    updated_at = models.DateTimeField(
        _("updated at"), auto_now=True, db_default=Now(), db_index=True
    )  # API: updated_since

    objects = TeamQuerySet.as_manager()

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["site__name", "name"]
        constraints = [models.UniqueConstraint(fields=["site", "name"], name="people_team_unique_name")]

    def __str__(self):
        # Team names repeat across sites ("Cards" in Oslo and Uppsala): pickers load the site and
        # show it; elsewhere the site is not fetched just for a label.
        if Team.site.is_cached(self):
            return f"{self.name} · {self.site.name}"
        return self.name


class Role(models.TextChoices):
    AGENT = "agent", _("Agent")
    TEAM_LEADER = "leader", _("Team leader")
    MANAGER = "manager", _("Manager")
    HR = "hr", _("HR")
    TRAINER = "trainer", _("Trainer")


def still_employed(today=None, *, employee: str = "") -> Q:
    """Not left by `today` (no end date, or one not yet passed: the end date is their last day), as a
    filter through `employee` (the path to the employee, with "__"; empty on employees): a query that
    joins the employee anyway tests it on the joined row instead of a second scan of everyone."""
    return Q(**{f"{employee}ended_on__isnull": True}) | Q(
        **{f"{employee}ended_on__gte": today or timezone.localdate()}
    )


class EmployeeQuerySet(models.QuerySet):
    def active(self, today=None):
        """Employees who have not left (see `still_employed`)."""
        return self.filter(still_employed(today))

    def without_leaders_of_their_team(self):
        """Without a leader filed under the team they lead: they lead it, they are not its member."""
        return self.exclude(pk=F("team__leader"))

    def matching(self, text: str):
        """Employees whose name or employee number contains every word of `text` (all of them for none)."""
        words = text.split()
        if not words:
            return self
        condition = Q()
        for word in words:
            condition &= Q(search_name__icontains=word) | Q(employee_number__icontains=word)
        return self.annotate(search_name=Concat("user__first_name", Value(" "), "user__last_name")).filter(
            condition
        )

    def visible_to(self, user, *, for_edit=False):
        """The one answer to "whom may `user` see" (or, with for_edit, "whose profile may they edit").

        Agent and trainer: themself (read only here; own contact details go through the profile page).
        Team leader: members of teams they lead, and themself (read only).
        Manager: everyone at the sites they manage and their own site (read only).
        HR and superusers: everyone, people who have left included. Unknown users see nobody.
        """
        if sees_everyone(user):
            return self.all()
        viewer = getattr(user, "employee", None)
        if viewer is None:  # anonymous, or a login without an employee record
            return self.none()
        # Each scope is one condition the planner can turn into a semi-join over an index. An OR of a
        # subquery and `pk = me` cannot be: PostgreSQL would test every employee of the organisation.
        if viewer.role == Role.TEAM_LEADER:
            led = Employee.objects.filter(team__leader=viewer).order_by().values("pk")
            if for_edit:
                return self.active().filter(pk__in=led)
            themself = Employee.objects.filter(pk=viewer.pk).order_by().values("pk")
            return self.active().filter(pk__in=led.union(themself))
        if for_edit:
            return self.none()
        if viewer.role == Role.MANAGER:
            # The manager works at their own site, so "and themself" needs no branch of its own.
            return self.active().filter(site__in=Site.objects.managed_by(viewer).values("pk"))
        return self.filter(pk=viewer.pk)


SHIFT_STARTS = {
    "day": datetime.time(8, 0),
    "evening": datetime.time(15, 0),
    "night": datetime.time(22, 0),
    "rotating": datetime.time(8, 0),
}


class Employee(models.Model):
    class EmploymentType(models.TextChoices):
        PERMANENT = "permanent", _("Permanent")
        HOURLY = "hourly", _("Hourly")

    class Shift(models.TextChoices):
        DAY = "day", _("Day")
        EVENING = "evening", _("Evening")
        NIGHT = "night", _("Night")
        ROTATING = "rotating", _("Rotating")

        @property
        def starts_at(self) -> datetime.time:
            """When the shift starts, local time: reminders reach a person then, not at 08:00 while
            an evening or night agent sleeps. A rotating shift is reminded at the day shift's start."""
            return SHIFT_STARTS[self]

    class CareerInterest(models.TextChoices):
        LEADERSHIP = "leadership", _("Leadership")
        TRAINER = "trainer", _("Trainer")
        QUALITY = "quality", _("Quality assurance")
        HR = "hr", _("HR")
        CREDIT = "credit", _("Credit")
        OTHER = "other", _("Other")

    Role = Role

    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE, verbose_name=_("user"))
    employee_number = models.CharField(_("employee number"), max_length=20, unique=True)
    title = models.CharField(_("title"), max_length=100)
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.AGENT)
    site = models.ForeignKey(Site, models.PROTECT, related_name="employees", verbose_name=_("site"))
    team = models.ForeignKey(
        Team, models.SET_NULL, null=True, blank=True, related_name="members", verbose_name=_("team")
    )
    managed_sites = models.ManyToManyField(
        Site,
        blank=True,
        related_name="managers",
        verbose_name=_("managed sites"),
        help_text=_("For managers: the sites whose people they follow, besides their own."),
    )
    started_on = models.DateField(_("start date"))
    ended_on = models.DateField(_("end date"), null=True, blank=True)
    employment_type = models.CharField(
        _("employment type"), max_length=10, choices=EmploymentType.choices, default=EmploymentType.PERMANENT
    )
    shift = models.CharField(_("shift"), max_length=10, choices=Shift.choices, default=Shift.DAY)
    language = models.CharField(
        _("preferred language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    strengths = models.TextField(_("strengths"), blank=True)
    development_areas = models.TextField(_("areas to develop"), blank=True)
    motivation = models.TextField(
        _("what motivates them"), blank=True, help_text=_("Their values: what makes a good day at work.")
    )
    career_interests = models.JSONField(_("career interests"), default=list, blank=True)
    updated_at = models.DateTimeField(
        _("updated at"), auto_now=True, db_default=Now(), db_index=True
    )  # API: updated_since

    objects = EmployeeQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["managed_sites"])  # who changed a profile, and when

    class Meta:
        verbose_name = _("employee")
        verbose_name_plural = _("employees")
        ordering = ["user__first_name", "user__last_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="people_employee_ends_after_start",
            )
        ]
        indexes = [
            # A manager's people are a site's active employees: the team scope and coverage read
            # these columns of 11,000 people from the index alone instead of visiting every row.
            models.Index(
                fields=["site", "team", "ended_on", "started_on", "id"], name="people_employee_site_team_idx"
            )
        ]

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("people:employee_detail", args=[self.pk])

    @property
    def full_name(self):
        return self.user.get_full_name() or self.user.get_username()

    @property
    def email(self):
        return self.user.email

    @property
    def time_zone(self):
        return self.site.time_zone

    def has_ended(self, today) -> bool:
        """True after the last day of employment (the end date)."""
        return self.ended_on is not None and self.ended_on < today

    def may_use_samtal(self, today) -> bool:
        """An active login and an employment that has not ended: the condition for logging in, a
        calendar feed and e-mails."""
        return self.user.is_active and not self.has_ended(today)

    @property
    def is_leader(self):
        return self.role == Role.TEAM_LEADER

    def get_career_interests_display(self):
        labels = dict(self.CareerInterest.choices)
        return [labels[value] for value in self.career_interests if value in labels]


class PositionChangeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Position history of the employees `user` may see."""
        return self.filter(employee__in=Employee.objects.visible_to(user))


class PositionChange(models.Model):
    """One dated step in someone's career here: a new title, role or team."""

    employee = models.ForeignKey(
        Employee, models.CASCADE, related_name="position_changes", verbose_name=_("employee")
    )
    changed_on = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=100)
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    team = models.ForeignKey(
        Team, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("team")
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    objects = PositionChangeQuerySet.as_manager()

    class Meta:
        verbose_name = _("position change")
        verbose_name_plural = _("position changes")
        ordering = ["-changed_on", "-pk"]

    def __str__(self):
        return f"{self.employee} · {self.title} ({self.changed_on})"


class UploadQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Uploads `user` may see: HR (and administrators) all of them, everyone else their own."""
        if user is None or not user.is_authenticated:
            return self.none()
        if user.is_superuser or getattr(getattr(user, "employee", None), "role", None) == Role.HR:
            return self.all()
        return self.filter(uploaded_by=user)


class UploadedFile(models.Model):
    """An uploaded file (KPI values, training completions, an HR export): previewed, then confirmed or
    discarded; its rows wait on the server until then, nothing travels in the session."""

    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("Previewed")
        CONFIRMED = "confirmed", _("Imported")
        DISCARDED = "discarded", _("Discarded")

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"))
    file_name = models.CharField(_("file name"), max_length=255)
    checksum = models.CharField(_("SHA-256 checksum"), max_length=64, db_index=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PREVIEWED)
    decided_at = models.DateTimeField(_("confirmed or discarded at"), null=True, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.file_name} ({self.uploaded_at:%Y-%m-%d %H:%M})"


class CheckedRows(UploadedFile):
    """An upload whose rows were checked one by one when it was read."""

    row_count = models.PositiveIntegerField(_("rows"))
    error_count = models.PositiveIntegerField(_("rows with errors"))

    class Meta:
        abstract = True

    @property
    def is_valid(self):
        return self.row_count > 0 and self.error_count == 0
