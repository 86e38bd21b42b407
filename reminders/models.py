from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from people.models import Employee


class ReminderQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A person's reminders are theirs alone: everyone sees only those sent to themself."""
        viewer = getattr(user, "employee", None)
        if viewer is None:
            return self.none()
        return self.filter(recipient=viewer)

    def unclaimed_due(self, now):
        """Reminders due by `now` that no send task has claimed yet."""
        return self.filter(claimed_at=None, due_at__lte=now)


class Reminder(models.Model):
    """One reminder to one person about one occurrence of something; the unique key makes a sweep
    safe to repeat and a send task safe to receive the same id twice."""

    class Kind(models.TextChoices):
        CONVERSATION_SOON = "conversation_soon", _("Conversation tomorrow")
        FOLLOW_UP_OVERDUE = "follow_up_overdue", _("Follow-up conversation overdue")
        SUMMARY_UNCONFIRMED = "summary_unconfirmed", _("Conversation summary to confirm")
        EXPECTATION_UNACKNOWLEDGED = "expectation_unacknowledged", _("Expectation to acknowledge")
        GOAL_AWAITING_AGREEMENT = "goal_awaiting_agreement", _("Goal waiting for your agreement")
        WEEKLY_DIGEST = "weekly_digest", _("Weekly digest for team leaders")
        ACTION_ITEM_DUE = "action_item_due", _("Action item due")

    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField(
        _("object")
    )  # conversation, rhythm, version, goal, leader or action item
    recipient = models.ForeignKey(
        Employee, models.CASCADE, related_name="reminders", verbose_name=_("recipient")
    )
    occurrence = models.DateTimeField(_("occurrence"))  # which instance of a recurring thing
    due_at = models.DateTimeField(_("due at"))
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)  # opened from the reminders page

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
            models.Index(fields=["due_at"], condition=Q(claimed_at=None), name="reminders_reminder_unclaimed")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.recipient} ({self.due_at:%Y-%m-%d %H:%M})"
