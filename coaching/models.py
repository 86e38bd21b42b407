import datetime
import secrets
from dataclasses import dataclass

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Greatest, Now, TruncDate
from django.db.models.lookups import LessThan
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from people.models import Employee

ONE_TO_FIVE = [MinValueValidator(1), MaxValueValidator(5)]
MAX_DURATION_MINUTES = 8 * 60
# Where a follow-up rhythm stands for the coverage figures (`RhythmQuerySet.with_coverage_state`).
COVERAGE_PAUSED, COVERAGE_OVERDUE, COVERAGE_COVERED = "paused", "overdue", "covered"


class AddDays(models.Func):
    """`date + days` for a date expression and an integer expression, on SQLite and PostgreSQL."""

    output_field = models.DateField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="date(%(expressions)s || ' days')",
            arg_joiner=", '+' || ",
            **extra_context,
        )

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler, connection, template="(%(expressions)s)::date", arg_joiner=" + ", **extra_context
        )


class ConversationType(models.Model):
    class Kind(models.TextChoices):
        FOLLOW_UP = "follow_up", _("One-on-one follow-up")
        DEVELOPMENT = "development", _("Development conversation")
        COACHING = "coaching", _("Coaching session")
        GETTING_TO_KNOW = "getting_to_know", _("Getting-to-know conversation")
        ONBOARDING = "onboarding", _("Onboarding check-in")
        WELCOME_BACK = "welcome_back", _("Welcome-back conversation")

    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(
        _("description"), blank=True, help_text=_("What this conversation is for.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, unique=True)
    default_cadence_days = models.PositiveIntegerField(
        _("default cadence (days)"),
        null=True,
        blank=True,
        help_text=_("Empty: no recurring rhythm (held once or when needed)."),
    )
    guiding_questions = models.TextField(_("guiding questions"), blank=True, help_text=_("One per line."))
    quality_criteria = models.TextField(
        _("quality criteria"), blank=True, help_text=_("One per line; scored 1–5 in coaching sessions.")
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("conversation type")
        verbose_name_plural = _("conversation types")
        ordering = ["pk"]

    def __str__(self):
        return str(self.label)

    @property
    def label(self):
        """The name in the reader's language (English when it has no translation yet)."""
        return self.name

    @property
    def is_coaching(self):
        return self.kind == self.Kind.COACHING

    def question_list(self) -> list[str]:
        return [line.strip() for line in self.guiding_questions.splitlines() if line.strip()]

    def criterion_list(self) -> list[str]:
        return [line.strip() for line in self.quality_criteria.splitlines() if line.strip()]


def _paused(today: datetime.date, rhythm: str = "") -> Q:
    """A pause has begun on `today` and not yet ended (`rhythm`: the path to the rhythm, with "__")."""
    return Q(**{f"{rhythm}paused_on__isnull": False, f"{rhythm}paused_on__lte": today}) & (
        Q(**{f"{rhythm}resumes_on__isnull": True}) | Q(**{f"{rhythm}resumes_on__gt": today})
    )


def _next_due(rhythm: str = "", started_on: str = "employee__started_on") -> AddDays:
    """The day of the last held conversation of the rhythm's type (in the active time zone), or the
    employee's start date when there was none, plus the cadence (the pause not considered)."""
    base = Coalesce(TruncDate(f"{rhythm}last_held_at"), F(started_on))
    return AddDays(base, F(f"{rhythm}cadence_days"))


@dataclass(frozen=True)
class CoverageConditions:
    """Where a follow-up rhythm stands on a day, as conditions on its own columns (and its employee's
    start date): `paused`; `not_paused`, its complement, written without NOT so that a person without
    a rhythm (all columns NULL through a LEFT JOIN) is simply not paused; `overdue`: not paused, not
    returning later (then the next one is due on the return date) and last held + cadence before the
    day. Neither paused nor overdue is covered. The same answer as `is_paused` and `is_overdue` of
    `RhythmQuerySet.with_status`, without looking up the history."""

    paused: Q
    not_paused: Q
    overdue: Q

    @classmethod
    def on(cls, today: datetime.date, *, rhythm: str = "", started_on: str = "employee__started_on"):
        """`rhythm`: the path from the query's model to the rhythm, with "__" (empty on rhythms);
        `started_on`: the path to the employee's start date."""
        not_paused = (
            Q(**{f"{rhythm}paused_on__isnull": True})
            | Q(**{f"{rhythm}paused_on__gt": today})
            | Q(**{f"{rhythm}resumes_on__lte": today})
        )
        not_returning_later = Q(**{f"{rhythm}resumes_on__isnull": True}) | Q(
            **{f"{rhythm}resumes_on__lt": today}
        )
        overdue = not_paused & not_returning_later & Q(LessThan(_next_due(rhythm, started_on), today))
        return cls(paused=_paused(today, rhythm), not_paused=not_paused, overdue=overdue)

    def state(self) -> Case:
        """The state as one expression: "paused", "overdue" or "covered"."""
        return Case(
            When(self.paused, then=Value(COVERAGE_PAUSED)),
            When(self.overdue, then=Value(COVERAGE_OVERDUE)),
            default=Value(COVERAGE_COVERED),
        )


class RhythmQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Rhythms of the employees `user` may see."""
        return self.filter(employee__in=Employee.objects.visible_to(user))

    def with_status(self, today: datetime.date):
        """Annotate each rhythm, in one query, with where it stands on `today`:

        - `next_due_on`: the date of the last held one (`last_held_at`, in the active time zone) +
          cadence; never held: the employee's start date + cadence, so someone who was never seen shows
          as overdue rather than silently waiting. After a pause the next one is due no earlier than
          `resumes_on`;
        - `is_paused`: a pause has begun (paused_on <= today) and not yet ended (resumes_on > today or open);
        - `is_overdue`: not paused and next_due_on < today;
        - `welcome_back_due`: a pause has ended (resumes_on <= today) and no conversation of any type
          was held on or after resumes_on: a welcome-back conversation is due on resumes_on.
        """
        held_since_return = (
            Conversation.objects.filter(employee=OuterRef("employee"), status=Conversation.Status.HELD)
            .annotate(held_on=TruncDate("scheduled_at"))
            .filter(held_on__gte=OuterRef("resumes_on"))
        )
        return self.annotate(
            next_due_on=Greatest(
                _next_due(),
                Coalesce(F("resumes_on"), Value(datetime.date.min)),
                output_field=models.DateField(),
            ),
            is_paused=Case(When(_paused(today), then=Value(True)), default=Value(False)),
            # The EXISTS only where a return date has passed: a CASE stops at its first match,
            # whereas `resumes_on <= today AND NOT EXISTS (…)` probes every rhythm.
            welcome_back_due=Case(
                When(Q(resumes_on__isnull=True) | Q(resumes_on__gt=today), then=Value(False)),
                When(~Exists(held_since_return), then=Value(True)),
                default=Value(False),
            ),
        ).annotate(
            is_overdue=Case(
                When(Q(is_paused=False, next_due_on__lt=today), then=Value(True)), default=Value(False)
            ),
        )

    def with_coverage_state(self, today: datetime.date):
        """Annotate each rhythm with `coverage_state` on `today`: "paused", "overdue" or "covered",
        the same answer as `is_paused` and `is_overdue` of `with_status`, from the rhythm's own row
        and its employee's start date (no look-up of the history)."""
        return self.annotate(coverage_state=CoverageConditions.on(today).state())

    def refresh_last_held(self) -> int:
        """Set `last_held_at` and `last_seen_at` of these rhythms from the held conversations (one
        UPDATE). Every service that makes a conversation held, or changes or removes a held one, calls
        this for the employee in the same transaction. Safe to repeat; returns the rhythms updated."""
        held = Conversation.objects.filter(employee=OuterRef("employee"), status=Conversation.Status.HELD)
        latest = held.order_by("-scheduled_at").values("scheduled_at")[:1]
        latest_of_type = (
            held.filter(conversation_type=OuterRef("conversation_type"))
            .order_by("-scheduled_at")
            .values("scheduled_at")[:1]
        )
        return self.order_by().update(last_held_at=Subquery(latest_of_type), last_seen_at=Subquery(latest))

    def overdue(self, today: datetime.date):
        """Rhythms that are not paused and whose next conversation was due before `today`."""
        return self.with_status(today).filter(is_overdue=True)


class Rhythm(models.Model):
    """How often one employee has one type of conversation; a pause stops the clock."""

    employee = models.ForeignKey(Employee, models.CASCADE, related_name="rhythms", verbose_name=_("employee"))
    conversation_type = models.ForeignKey(
        ConversationType, models.PROTECT, related_name="rhythms", verbose_name=_("conversation type")
    )
    cadence_days = models.PositiveIntegerField(_("every (days)"), validators=[MinValueValidator(1)])
    paused_on = models.DateField(_("paused from"), null=True, blank=True)
    resumes_on = models.DateField(_("back on"), null=True, blank=True)
    pause_reason = models.CharField(_("reason for the pause"), max_length=200, blank=True)
    # Copies of the history, kept current by the services (`RhythmQuerySet.refresh_last_held`), so that
    # where thousands of people stand is read from this table alone (the coverage page).
    last_held_at = models.DateTimeField(
        _("last held conversation of this type"), null=True, blank=True, editable=False
    )
    last_seen_at = models.DateTimeField(
        _("last held conversation of any type"), null=True, blank=True, editable=False
    )

    objects = RhythmQuerySet.as_manager()

    class Meta:
        verbose_name = _("rhythm")
        verbose_name_plural = _("rhythms")
        ordering = ["employee", "conversation_type"]
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "conversation_type"], name="coaching_rhythm_one_per_type"
            ),
            models.CheckConstraint(
                condition=Q(resumes_on__isnull=True)
                | Q(paused_on__isnull=True)
                | Q(resumes_on__gt=F("paused_on")),
                name="coaching_rhythm_resumes_after_pause",
            ),
        ]

    def __str__(self):
        return f"{self.employee} · {self.conversation_type}"

    def is_paused_on(self, day: datetime.date) -> bool:
        return (
            self.paused_on is not None
            and self.paused_on <= day
            and (self.resumes_on is None or self.resumes_on > day)
        )


def day_start(day: datetime.date, zone: datetime.tzinfo) -> datetime.datetime:
    """Midnight at the start of `day` in `zone` (a day can last 23 or 25 hours there)."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=zone)


class ConversationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Conversations of the employees `user` may see (private notes are never part of this)."""
        return self.filter(employee__in=Employee.objects.visible_to(user))

    def scheduled(self):
        """Booked and not yet held, cancelled or missed (past ones included)."""
        return self.filter(status=Conversation.Status.SCHEDULED)

    def upcoming(self, now: datetime.datetime):
        """Scheduled conversations that have not started yet at `now`, soonest first."""
        return self.scheduled().filter(scheduled_at__gte=now).order_by("scheduled_at")

    def starting_between(self, start: datetime.datetime, end: datetime.datetime):
        """Scheduled conversations starting in [start, end): for reminders before a conversation."""
        return self.scheduled().filter(scheduled_at__gte=start, scheduled_at__lt=end)

    def held(self):
        """Conversations that took place; only these count for the rhythm."""
        return self.filter(status=Conversation.Status.HELD)

    def on_day(self, day: datetime.date, zone: datetime.tzinfo):
        """Conversations (any status) starting on `day` on the wall clock of `zone`."""
        return self.filter(
            scheduled_at__gte=day_start(day, zone),
            scheduled_at__lt=day_start(day + datetime.timedelta(days=1), zone),
        )

    def notes_missing(self):
        """Held conversations without shared notes: the employee has nothing to read or confirm yet."""
        return self.held().filter(shared_notes="")

    def unconfirmed(self):
        """Held conversations with shared notes the employee has not confirmed yet (no notes: nothing
        to confirm)."""
        return self.held().filter(summary_confirmed_at__isnull=True).exclude(shared_notes="")

    def overlapping(self, *, leader: Employee, start: datetime.datetime, end: datetime.datetime):
        """The leader's scheduled conversations that overlap [start, end), as a list (to warn of a
        double booking). A conversation lasts at most MAX_DURATION_MINUTES, so only those starting
        that long before `start` can still be running; their end is checked in Python."""
        candidates = self.scheduled().filter(
            leader=leader,
            scheduled_at__lt=end,
            scheduled_at__gte=start - datetime.timedelta(minutes=MAX_DURATION_MINUTES),
        )
        return [c for c in candidates if c.ends_at > start]


class Conversation(models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")
        MISSED = "missed", _("Missed")

    class Channel(models.TextChoices):
        CALL = "call", _("Call")
        CHAT = "chat", _("Chat")
        EMAIL = "email", _("E-mail")
        CASE = "case", _("Case")

    employee = models.ForeignKey(
        Employee, models.CASCADE, related_name="conversations", verbose_name=_("employee")
    )
    leader = models.ForeignKey(
        Employee, models.PROTECT, related_name="led_conversations", verbose_name=_("team leader")
    )
    conversation_type = models.ForeignKey(
        ConversationType, models.PROTECT, related_name="conversations", verbose_name=_("type")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    scheduled_at = models.DateTimeField(_("date and time"))
    duration_minutes = models.PositiveIntegerField(
        _("duration (minutes)"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_DURATION_MINUTES)],
    )
    location = models.CharField(_("place or video link"), max_length=300, blank=True)
    requested_by = models.ForeignKey(
        Employee,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="requested_conversations",
        verbose_name=_("requested by"),
    )
    shared_notes = models.TextField(_("shared notes"), blank=True)
    wins = models.TextField(_("wins and praise"), blank=True)
    energy = models.PositiveSmallIntegerField(_("energy"), null=True, blank=True, validators=ONE_TO_FIVE)
    workload = models.PositiveSmallIntegerField(_("workload"), null=True, blank=True, validators=ONE_TO_FIVE)
    wellbeing_comment = models.TextField(_("wellbeing comment"), blank=True)
    interaction_reference = models.CharField(_("interaction reference"), max_length=100, blank=True)
    interaction_channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, blank=True)
    interaction_on = models.DateField(_("interaction date"), null=True, blank=True)
    kpi_snapshot = models.JSONField(_("key figures when held"), default=list, blank=True)
    held_at = models.DateTimeField(_("marked as held at"), null=True, blank=True)
    summary_confirmed_at = models.DateTimeField(_("summary confirmed at"), null=True, blank=True)
    # Owed e-mails are recorded here and sent by the reminder sweep, so a user action never needs the broker.
    invitation_changed_at = models.DateTimeField(_("calendar change to send"), null=True, blank=True)
    summary_requested_at = models.DateTimeField(_("summary sent for confirmation at"), null=True, blank=True)
    # Set when a team's new leader takes the booking over: the reminder sweep then invites them.
    handed_over_at = models.DateTimeField(_("handed over to a new team leader at"), null=True, blank=True)
    employee_comment = models.TextField(_("employee's comment"), blank=True)
    calendar_sequence = models.PositiveIntegerField(_("calendar sequence"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(
        _("updated at"), auto_now=True, db_default=Now(), db_index=True
    )  # API: updated_since

    objects = ConversationQuerySet.as_manager()
    history = HistoricalRecords()  # rescheduling, cancelling and note changes keep their history

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        ordering = ["-scheduled_at"]
        indexes = [
            models.Index(
                fields=["employee", "conversation_type", "status", "scheduled_at"],
                name="coaching_conv_rhythm_idx",
            ),
            models.Index(fields=["employee", "status", "scheduled_at"], name="coaching_conv_employee_idx"),
            models.Index(fields=["leader", "status", "scheduled_at"], name="coaching_conv_leader_idx"),
            # Covering the reports' reads (who was seen, energy and workload per month), so that a
            # whole organisation's months are read from the index alone.
            models.Index(
                fields=["status", "scheduled_at"],
                include=["employee", "energy", "workload"],
                name="coaching_conv_status_idx",
            ),
            # The reminder sweep's look-ups, every minute: small partial indexes over the few rows
            # that can still owe an e-mail, instead of a scan of every conversation in the history.
            models.Index(
                fields=["summary_requested_at"],
                condition=Q(summary_requested_at__isnull=False, summary_confirmed_at__isnull=True),
                name="coaching_conv_summary_req_idx",
            ),
            # Unconfirmed summaries (`unconfirmed()`), with what the sweep reads of them, so that a
            # fortnight of them is read from the index alone.
            models.Index(
                fields=["held_at"],
                include=["id", "employee"],
                condition=Q(status="held", summary_confirmed_at__isnull=True) & ~Q(shared_notes=""),
                name="coaching_conv_to_confirm_idx",
            ),
            models.Index(
                fields=["invitation_changed_at"],
                condition=Q(invitation_changed_at__isnull=False),
                name="coaching_conv_invitation_idx",
            ),
            models.Index(
                fields=["handed_over_at"],
                condition=Q(handed_over_at__isnull=False),
                name="coaching_conv_handover_idx",
            ),
            models.Index(
                fields=["held_at"],
                condition=Q(status="held", shared_notes=""),
                name="coaching_conv_no_notes_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(energy__isnull=True) | Q(energy__gte=1, energy__lte=5),
                name="coaching_conversation_energy_1_5",
            ),
            models.CheckConstraint(
                condition=Q(workload__isnull=True) | Q(workload__gte=1, workload__lte=5),
                name="coaching_conversation_workload_1_5",
            ),
            models.CheckConstraint(
                condition=Q(duration_minutes__gt=0), name="coaching_conversation_positive_duration"
            ),
        ]

    def __str__(self):
        return _("%(type)s with %(name)s") % {"type": self.conversation_type, "name": self.employee}

    def get_absolute_url(self):
        return reverse("coaching:conversation_detail", args=[self.pk])

    @property
    def ends_at(self) -> datetime.datetime:
        return self.scheduled_at + datetime.timedelta(minutes=self.duration_minutes)

    @property
    def is_scheduled(self):
        return self.status == self.Status.SCHEDULED

    @property
    def is_held(self):
        return self.status == self.Status.HELD

    @property
    def is_confirmed(self):
        return self.summary_confirmed_at is not None

    @property
    def has_summary(self) -> bool:
        """Held with shared notes: something for the employee to read and confirm (unconfirmed()
        is the same rule in SQL; the notes form strips blank notes to "")."""
        return self.is_held and bool(self.shared_notes.strip())

    @property
    def awaits_confirmation(self) -> bool:
        return self.has_summary and not self.is_confirmed

    def can_be_changed_by(self, viewer: Employee | None) -> bool:
        """The leader who runs it, or the employee's current team leader, may write notes and status."""
        if viewer is None:
            return False
        if viewer.pk == self.leader_id:
            return True
        return (
            viewer.role == Employee.Role.TEAM_LEADER
            and self.employee.team is not None
            and (self.employee.team.leader_id == viewer.pk)
        )

    def is_employee(self, viewer: Employee | None) -> bool:
        return viewer is not None and viewer.pk == self.employee_id

    def wellbeing_recorded(self) -> bool:
        return self.energy is not None or self.workload is not None


class AgendaItemQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Agenda items of conversations of the employees `user` may see."""
        return self.filter(conversation__employee__in=Employee.objects.visible_to(user))


class AgendaItem(models.Model):
    conversation = models.ForeignKey(
        Conversation, models.CASCADE, related_name="agenda_items", verbose_name=_("conversation")
    )
    author = models.ForeignKey(Employee, models.CASCADE, related_name="+", verbose_name=_("author"))
    text = models.CharField(_("agenda item"), max_length=500)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text


class ActionItemQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Action items of the employees `user` may see."""
        return self.filter(employee__in=Employee.objects.visible_to(user))

    def open(self):
        """Neither completed nor dropped: these carry over to the next conversation."""
        return self.filter(completed_at__isnull=True, dropped_at__isnull=True)

    def due_by(self, day: datetime.date):
        """Items with a due date on or before `day` (combine with open() for reminders)."""
        return self.filter(due_on__isnull=False, due_on__lte=day)


class ActionItem(models.Model):
    class Owner(models.TextChoices):
        LEADER = "leader", _("Team leader")
        EMPLOYEE = "employee", _("Employee")

    employee = models.ForeignKey(
        Employee, models.CASCADE, related_name="action_items", verbose_name=_("employee")
    )
    conversation = models.ForeignKey(
        Conversation, models.CASCADE, related_name="action_items", verbose_name=_("conversation")
    )
    text = models.CharField(_("what"), max_length=500)
    owner = models.CharField(_("owner"), max_length=10, choices=Owner.choices)
    due_on = models.DateField(_("due date"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    dropped_at = models.DateTimeField(_("dropped at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["due_on", "created_at", "pk"]
        indexes = [
            models.Index(fields=["employee", "completed_at", "dropped_at"], name="coaching_action_open_idx"),
            # The reminder sweep: open items by due date.
            models.Index(
                fields=["due_on"],
                condition=Q(completed_at__isnull=True, dropped_at__isnull=True, due_on__isnull=False),
                name="coaching_action_due_idx",
            ),
        ]

    def __str__(self):
        return self.text

    @property
    def is_open(self):
        return self.completed_at is None and self.dropped_at is None

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.is_open and self.due_on is not None and self.due_on < today

    def can_be_ticked_by(self, viewer: Employee | None, conversation: Conversation) -> bool:
        """The employee ticks their own items; the leader ticks any item of their people."""
        if viewer is None:
            return False
        if viewer.pk == self.employee_id:
            return True
        return conversation.can_be_changed_by(viewer)


class PrivateNoteQuerySet(models.QuerySet):
    def authored_by(self, user):
        """The ONLY way views read private notes: the signed-in user's own notes, nobody else's.

        HR, managers and superusers get no exception here: a private note belongs to its author.
        """
        viewer = getattr(user, "employee", None) if user is not None and user.is_authenticated else None
        if viewer is None:
            return self.none()
        return self.filter(author=viewer)


class PrivateNote(models.Model):
    """A leader's own note on a conversation: visible to its author only."""

    conversation = models.ForeignKey(
        Conversation, models.CASCADE, related_name="private_notes", verbose_name=_("conversation")
    )
    author = models.ForeignKey(Employee, models.CASCADE, related_name="+", verbose_name=_("author"))
    text = models.TextField(_("private note"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PrivateNoteQuerySet.as_manager()

    class Meta:
        verbose_name = _("private note")
        verbose_name_plural = _("private notes")
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "author"], name="coaching_privatenote_one_per_author"
            )
        ]

    def __str__(self):
        return str(_("Private note"))


class GuidingAnswer(models.Model):
    conversation = models.ForeignKey(
        Conversation, models.CASCADE, related_name="guiding_answers", verbose_name=_("conversation")
    )
    question = models.CharField(_("question"), max_length=300)
    answer = models.TextField(_("answer"), blank=True)

    class Meta:
        verbose_name = _("answer to a guiding question")
        verbose_name_plural = _("answers to guiding questions")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["conversation", "question"], name="coaching_guidinganswer_once")
        ]

    def __str__(self):
        return self.question


class QualityScore(models.Model):
    conversation = models.ForeignKey(
        Conversation, models.CASCADE, related_name="quality_scores", verbose_name=_("conversation")
    )
    criterion = models.CharField(_("criterion"), max_length=300)
    score = models.PositiveSmallIntegerField(_("score"), validators=ONE_TO_FIVE)

    class Meta:
        verbose_name = _("quality score")
        verbose_name_plural = _("quality scores")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["conversation", "criterion"], name="coaching_qualityscore_once"),
            models.CheckConstraint(condition=Q(score__gte=1, score__lte=5), name="coaching_qualityscore_1_5"),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.score}"


class HandoverNoteQuerySet(models.QuerySet):
    def readable_by(self, user):
        """The ONLY way views read handover notes' text: notes the signed-in user wrote, or that were
        handed to them as a team's new leader. A leader-to-leader note: HR sees that one exists (the
        handover page asks by employee), never what it says; managers and superusers get nothing here."""
        viewer = getattr(user, "employee", None) if user is not None and user.is_authenticated else None
        if viewer is None:
            return self.none()
        return self.filter(Q(written_by=viewer) | Q(from_leader=viewer) | Q(to_leader=viewer))

    def pending(self):
        """Written for a handover that has not happened yet."""
        return self.filter(handed_over_at__isnull=True)


class HandoverNote(models.Model):
    """What a team's leader passes on about one person to the leader who takes the team over."""

    employee = models.ForeignKey(
        Employee, models.CASCADE, related_name="handover_notes", verbose_name=_("employee")
    )
    from_leader = models.ForeignKey(
        Employee, models.CASCADE, related_name="+", verbose_name=_("from team leader")
    )
    to_leader = models.ForeignKey(
        Employee, models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("to team leader")
    )
    written_by = models.ForeignKey(Employee, models.CASCADE, related_name="+", verbose_name=_("written by"))
    text = models.TextField(_("handover note"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    handed_over_at = models.DateTimeField(_("handed over at"), null=True, blank=True)

    objects = HandoverNoteQuerySet.as_manager()

    class Meta:
        verbose_name = _("handover note")
        verbose_name_plural = _("handover notes")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "from_leader"],
                condition=Q(handed_over_at__isnull=True),
                name="coaching_handovernote_one_pending",
            )
        ]

    def __str__(self):
        return str(_("Handover note"))


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A secret subscription URL listing a leader's upcoming conversations; rotate to revoke."""

    employee = models.OneToOneField(
        Employee, models.CASCADE, related_name="calendar_feed", verbose_name=_("employee")
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return str(self.employee)

    def get_absolute_url(self):
        return reverse("coaching:calendar_feed", args=[self.token])
