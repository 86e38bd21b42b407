from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The "issuer" of the ids that SCIM provisioning keeps (the User's externalId). When the identity
# provider sends its object id as externalId, a person's first single sign-on is linked by it.
PROVISIONING_ISSUER = "scim"


class ExternalIdentity(models.Model):
    """The identity provider's stable id for a person (Entra ID's `oid`, else `sub`), linked at their
    first single sign-on (by e-mail, once) and the only thing matched from then on."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="external_identities", verbose_name=_("user")
    )
    issuer = models.CharField(_("issuer"), max_length=300)
    subject = models.CharField(_("subject"), max_length=255)
    linked_at = models.DateTimeField(_("linked at"), default=timezone.now)
    last_sign_in_at = models.DateTimeField(_("last sign-in"), null=True, blank=True)

    class Meta:
        verbose_name = _("external identity")
        verbose_name_plural = _("external identities")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="sso_identity_unique_subject"),
            models.UniqueConstraint(fields=["issuer", "user"], name="sso_identity_one_per_user"),
        ]

    def __str__(self):
        return f"{self.user} · {self.subject}"
