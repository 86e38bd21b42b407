from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from people.access_log import Viewed
from people.models import Employee, Role


class PrivacySettings(models.Model):
    """The organisation's choices, made by its data-protection officer (one row, edited in the admin)."""

    class HrConversationAccess(models.TextChoices):
        OCCURRENCE = "occurrence", _("That it happened (date, type, leader, confirmed or not)")
        SUMMARY = "summary", _("The shared summary too")

    hr_conversation_access = models.CharField(
        _("what HR may read of a conversation"),
        max_length=12,
        choices=HrConversationAccess.choices,
        default=HrConversationAccess.OCCURRENCE,
    )
    private_notes_in_own_export = models.BooleanField(
        _("private notes about a person are in their own data export"),
        default=True,
        help_text=_(
            "Notes a leader writes about a person are that person's personal data (CJEU C-434/16 Nowak)."
        ),
    )
    retention_months = models.PositiveIntegerField(
        _("retention after the end date (months)"),
        default=24,
        validators=[MinValueValidator(1)],
        help_text=_("Personal data of people who left are anonymised this long after their end date."),
    )
    decided_by = models.CharField(
        _("decided by"), max_length=200, blank=True, help_text=_("The data-protection officer.")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("privacy settings")
        verbose_name_plural = _("privacy settings")
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="hr_privacysettings_singleton")]

    def __str__(self):
        return str(_("Privacy settings"))

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def current(cls) -> "PrivacySettings":
        """The settings in force: the defaults until the data-protection officer saves them."""
        return cls.objects.filter(pk=1).first() or cls(pk=1)

    @property
    def hr_reads_summary(self) -> bool:
        return self.hr_conversation_access == self.HrConversationAccess.SUMMARY


class AccessLogEntryQuerySet(models.QuerySet):
    def visible_to(self, user):
        """HR and superusers read the whole log; everyone else who has looked at their own data."""
        if user is None or not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        viewer = getattr(user, "employee", None)
        if viewer is None:
            return self.none()
        if viewer.role == Role.HR:
            return self.all()
        return self.filter(subject=viewer)


class AccessLogEntry(models.Model):
    """Someone other than the person looked at or exported their data. Written once, never changed."""

    class What(models.TextChoices):
        PROFILE = Viewed.PROFILE, _("Profile")
        HISTORY = Viewed.HISTORY, _("Development history")
        GOALS = Viewed.GOALS, _("Goals")
        CONVERSATIONS = Viewed.CONVERSATIONS, _("Conversations")
        EXPORT = Viewed.EXPORT, _("Export")

    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("viewer")
    )
    subject = models.ForeignKey(
        Employee, models.CASCADE, related_name="access_log_entries", verbose_name=_("whose data")
    )
    what = models.CharField(_("what"), max_length=20, choices=What.choices)
    at = models.DateTimeField(_("when"), default=timezone.now)
    ip_address = models.GenericIPAddressField(_("from address"), null=True, blank=True)

    objects = AccessLogEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["subject", "-at"], name="hr_accesslog_subject_idx"),
            models.Index(fields=["at"], name="hr_accesslog_at_idx"),
        ]

    def __str__(self):
        return f"{self.viewer} · {self.subject_id} · {self.what}"


class LegalHoldQuerySet(models.QuerySet):
    def active(self):
        return self.filter(lifted_at__isnull=True)


class LegalHold(models.Model):
    """While a hold is in place, nothing of the person is erased, by the retention task or on request."""

    employee = models.ForeignKey(
        Employee, models.CASCADE, related_name="legal_holds", verbose_name=_("employee")
    )
    reason = models.CharField(_("reason"), max_length=300)
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("placed by")
    )
    placed_at = models.DateTimeField(_("placed at"), default=timezone.now)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lifted by"),
    )
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)
    lift_reason = models.CharField(_("reason for lifting"), max_length=300, blank=True)

    objects = LegalHoldQuerySet.as_manager()

    class Meta:
        verbose_name = _("legal hold")
        verbose_name_plural = _("legal holds")
        ordering = ["-placed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["employee"], condition=Q(lifted_at__isnull=True), name="hr_legalhold_one_active"
            )
        ]

    def __str__(self):
        return f"{self.employee_id} · {self.reason}"


class Erasure(models.Model):
    """That a person's personal data were erased, when, why and by whom; never what was erased."""

    class Reason(models.TextChoices):
        RETENTION = "retention", _("Retention period passed")
        REQUEST = "request", _("Erasure on request")

    employee = models.OneToOneField(
        Employee, models.CASCADE, related_name="erasure", verbose_name=_("employee")
    )
    reason = models.CharField(_("reason"), max_length=10, choices=Reason.choices)
    erased_at = models.DateTimeField(_("erased at"), default=timezone.now)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )

    class Meta:
        verbose_name = _("erasure")
        verbose_name_plural = _("erasures")
        ordering = ["-erased_at"]

    def __str__(self):
        return f"{self.employee_id} · {self.get_reason_display()}"
