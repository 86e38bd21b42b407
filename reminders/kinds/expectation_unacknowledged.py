"""Each member an expectation applies to, two days after its current version was published, until
they acknowledge it."""

from datetime import timedelta

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from goals.models import Expectation, ExpectationVersion
from reminders.rule import Due, ReminderKind

GRACE = timedelta(days=2)


class ExpectationUnacknowledged(ReminderKind):
    key = "expectation_unacknowledged"
    label = _("Expectation to acknowledge")
    compliance = True  # team standards must be acknowledged

    def due(self, now):
        pending = Expectation.objects.filter(
            current_version__created_at__lte=now - GRACE
        ).pending_acknowledgements(
            unless=self.recorded(object_id="version_id", recipient_id="pk", occurrence="published_at")
        )
        return [Due(version_id, pk, published, published + GRACE) for pk, version_id, published in pending]

    def still_applies(self, reminder, now):
        """The version is still current and the recipient has not acknowledged it."""
        return (
            Expectation.objects.unacknowledged_by(reminder.recipient)
            .filter(current_version_id=reminder.object_id)
            .first()
        )

    def url(self, reminder):
        expectation_id = (
            ExpectationVersion.objects.filter(pk=reminder.object_id)
            .values_list("expectation_id", flat=True)
            .first()
        )
        return reverse("goals:expectation_detail", args=[expectation_id])


kind = ExpectationUnacknowledged()
