from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from people.models import Role, UploadedFile


class PeopleImportQuerySet(models.QuerySet):
    def visible_to(self, user):
        """HR and administrators see every import; nobody else sees any."""
        if user is None or not user.is_authenticated:
            return self.none()
        if user.is_superuser or getattr(getattr(user, "employee", None), "role", None) == Role.HR:
            return self.all()
        return self.none()


class PeopleImport(UploadedFile):
    """One HR export: previewed (what would be created, changed and ended), then applied whole or discarded.

    The rows as read are kept in `rows` until then; the preview is worked out from them again at
    confirmation, against the database as it is at that moment."""

    rows = models.JSONField(_("rows"), default=list, blank=True)
    errors = models.JSONField(_("errors"), default=list, blank=True)  # [line, code, params]
    created_count = models.PositiveIntegerField(_("new people"), default=0)
    changed_count = models.PositiveIntegerField(_("changed people"), default=0)
    ended_count = models.PositiveIntegerField(_("people leaving"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged people"), default=0)
    leaderless = models.JSONField(_("teams left without a leader"), default=list, blank=True)

    objects = PeopleImportQuerySet.as_manager()

    class Meta:
        verbose_name = _("people import")
        verbose_name_plural = _("people imports")
        ordering = ["-uploaded_at", "-pk"]

    def get_absolute_url(self):
        return reverse("people_import:detail", args=[self.pk])

    @property
    def is_valid(self):
        return bool(self.rows) and not self.errors
