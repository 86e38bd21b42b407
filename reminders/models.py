import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from people.models import Employee, Team
from reminders.teams import validate_webhook_url


class ReminderQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A person's reminders are theirs alone: everyone sees only those sent to themself."""
        viewer = getattr(user, "employee", None)
        if viewer is None:
            return self.none()
        return self.filter(recipient=viewer)

    def sendable(self, now: datetime.datetime):
        """Not sent, not skipped, and not claimed by a live worker: a claim older than the lease
        (REMINDER_CLAIM_LEASE) belongs to a worker that died, so the reminder may be claimed again."""
        expired = now - settings.REMINDER_CLAIM_LEASE
        return self.filter(
            Q(claimed_at__isnull=True) | Q(claimed_at__lt=expired),
            sent_at__isnull=True,
            skipped_at__isnull=True,
            deferred_at__isnull=True,
        )

    def deferred(self):
        """Waiting for their recipient's daily digest (sent with it, or skipped when no longer true)."""
        return self.filter(deferred_at__isnull=False, sent_at__isnull=True, skipped_at__isnull=True)

    def to_queue(self, now: datetime.datetime):
        """Sendable reminders due by `now` that no sweep has handed out within the lease: never queued,
        or queued so long ago that the message must have been lost (Redis flushed, worker killed)."""
        expired = now - settings.REMINDER_CLAIM_LEASE
        return (
            self.sendable(now)
            .filter(due_at__lte=now)
            .filter(Q(queued_at__isnull=True) | Q(queued_at__lt=expired))
        )


class Delivery(models.TextChoices):
    EMAIL = "email", _("By e-mail when it is due")
    DIGEST = "digest", _("In one e-mail a day")
    IN_APP = "in_app", _("Only under Reminders in Samtal")
    TEAMS = "teams", _("In Microsoft Teams")


class Reminder(models.Model):
    """One reminder to one person about one occurrence of something; the unique key makes a sweep
    safe to repeat and a send task safe to receive the same id twice. What kinds there are, and what
    each one means, is the registry in reminders/kinds/."""

    kind = models.CharField(_("kind"), max_length=40)
    object_id = models.PositiveBigIntegerField(_("object"))  # what the kind is about, e.g. a conversation
    recipient = models.ForeignKey(
        Employee, models.CASCADE, related_name="reminders", verbose_name=_("recipient")
    )
    occurrence = models.DateTimeField(_("occurrence"))  # which instance of a recurring thing
    due_at = models.DateTimeField(_("due at"))
    queued_at = models.DateTimeField(_("queued at"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    # No longer true when its turn came, or the recipient had left: never sent, never queued again.
    skipped_at = models.DateTimeField(_("skipped at"), null=True, blank=True)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)  # opened from the reminders page
    # Held for the recipient's daily digest (their choice for this kind) since then.
    deferred_at = models.DateTimeField(_("held for the daily digest at"), null=True, blank=True)
    delivery = models.CharField(_("delivered"), max_length=10, choices=Delivery.choices, blank=True)

    objects = ReminderQuerySet.as_manager()

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-due_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "recipient", "occurrence"], name="reminders_reminder_once"
            )
        ]
        indexes = [
            # The sweep's hand-out reads only the few rows still open, however long the log grows.
            models.Index(
                fields=["due_at"],
                condition=Q(sent_at=None, skipped_at=None),
                name="reminders_reminder_unsent",
            )
        ]

    def __str__(self):
        return f"{self.kind_label} → {self.recipient} ({self.due_at:%Y-%m-%d %H:%M})"

    @property
    def kind_label(self) -> str:
        """The translated name of this reminder's kind, from the registry."""
        from reminders import kinds  # the kinds read the models of every app; import them late

        return kinds.label(self.kind)


class NotificationPreferenceQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A person's choices are theirs alone."""
        viewer = getattr(user, "employee", None)
        if viewer is None:
            return self.none()
        return self.filter(employee=viewer)


class NotificationPreference(models.Model):
    """How one kind of reminder reaches one person; without a row, by e-mail when it is due."""

    employee = models.ForeignKey(
        Employee, models.CASCADE, related_name="notification_preferences", verbose_name=_("employee")
    )
    kind = models.CharField(_("kind"), max_length=40)
    delivery = models.CharField(_("delivery"), max_length=10, choices=Delivery.choices)

    objects = NotificationPreferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["employee", "kind"], name="reminders_preference_once_per_kind")
        ]

    def __str__(self):
        return f"{self.employee} · {self.kind}: {self.get_delivery_display()}"


class TeamsWebhook(models.Model):
    """Where Teams messages go: a person's own chat (their choice, on the reminders page) or a team's
    channel (set by an administrator), as the address of a Workflows webhook."""

    employee = models.OneToOneField(
        Employee,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="teams_webhook",
        verbose_name=_("employee"),
    )
    team = models.OneToOneField(
        Team, models.CASCADE, null=True, blank=True, related_name="teams_webhook", verbose_name=_("team")
    )
    url = models.URLField(_("Teams workflow address"), max_length=1000, validators=[validate_webhook_url])

    class Meta:
        verbose_name = _("Teams webhook")
        verbose_name_plural = _("Teams webhooks")
        constraints = [
            models.CheckConstraint(
                condition=Q(employee__isnull=True, team__isnull=False)
                | Q(employee__isnull=False, team__isnull=True),
                name="reminders_teamswebhook_person_or_team",
            )
        ]

    def __str__(self):
        return str(self.employee or self.team)
