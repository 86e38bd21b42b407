import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from people.models import Role, Site

KEY_PREFIX = "smt_"


def hash_key(key: str) -> str:
    """Tokens are 256 random bits, so one SHA-256 is enough: nothing to guess, nothing to stretch."""
    return hashlib.sha256(key.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at=None)

    def visible_to(self, user):
        """Tokens `user` may see and revoke: HR and administrators every token (to switch off an
        integration, or a leaver's scripts); anyone else their own personal tokens."""
        if user is None or not user.is_authenticated:
            return self.none()
        employee = getattr(user, "employee", None)
        if user.is_superuser or (employee is not None and employee.role == Role.HR):
            return self.all()
        return self.filter(user=user, kind=ApiToken.Kind.PERSONAL)


class ApiToken(models.Model):
    """A bearer token for the API. Only its hash is stored; the key is shown once, when issued.

    Personal: belongs to a person and sees what they see in the app.
    Service (for an integration): issued by HR or an administrator, read only, limited to the sites
    chosen here and never more than its issuer sees; revoked by whoever may manage tokens.
    Provisioning: the identity provider's SCIM secret (see provisioning/). It reaches /scim/v2/ and
    nothing else, as personal and service tokens never reach /scim/; issued by HR or an administrator."""

    class Kind(models.TextChoices):
        PERSONAL = "personal", _("Personal")
        SERVICE = "service", _("Service (integration)")
        PROVISIONING = "provisioning", _("Provisioning (SCIM)")

    name = models.CharField(_("name"), max_length=100, help_text=_("What the token is for."))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PERSONAL)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("owner"),
        help_text=_("Personal: the person. Service: the HR person or administrator who answers for it."),
    )
    sites = models.ManyToManyField(
        Site, blank=True, related_name="+", verbose_name=_("sites"), help_text=_("Service tokens only.")
    )
    prefix = models.CharField(_("prefix"), max_length=12, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("revoked by"),
    )

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    def issue_key(self) -> str:
        """A new random key for this (unsaved) token: its hash and prefix are kept, the key returned."""
        key = KEY_PREFIX + secrets.token_urlsafe(32)
        self.prefix = key[:12]
        self.key_hash = hash_key(key)
        return key

    @property
    def is_service(self) -> bool:
        return self.kind == self.Kind.SERVICE

    @property
    def is_provisioning(self) -> bool:
        return self.kind == self.Kind.PROVISIONING

    def clean(self):
        if self.kind != self.Kind.PERSONAL and self.user_id is not None:
            employee = getattr(self.user, "employee", None)
            if not (self.user.is_superuser or (employee is not None and employee.role == Role.HR)):
                raise ValidationError(
                    {"user": _("Only HR or an administrator can answer for a service or provisioning token.")}
                )
