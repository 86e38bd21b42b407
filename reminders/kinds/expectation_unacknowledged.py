"""Each member an expectation applies to, two days after its current version was published, until
they acknowledge it."""

from datetime import timedelta

from django.db.models import Exists, F, OuterRef
from django.utils.translation import gettext_lazy as _

from goals.models import Acknowledgement, Expectation
from people.models import Employee
from reminders.rule import Due, ReminderKind

GRACE = timedelta(days=2)


class ExpectationUnacknowledged(ReminderKind):
    key = "expectation_unacknowledged"
    label = _("Expectation to acknowledge")

    def due(self, now):
        """Pairs (member, current version) without an acknowledgement, one query per kind of audience."""
        acknowledged = Acknowledgement.objects.filter(employee=OuterRef("pk"), version=OuterRef("version_id"))
        members = Employee.objects.active()
        versions = (
            Expectation.objects.active()
            .exclude(current_version=None)
            .filter(current_version__created_at__lte=now - GRACE)
        )
        audiences = [
            members.filter(team__expectations__in=versions.filter(scope=Expectation.Scope.TEAM)).annotate(
                version_id=F("team__expectations__current_version_id"),
                published_at=F("team__expectations__current_version__created_at"),
            ),
            members.filter(site__expectations__in=versions.filter(scope=Expectation.Scope.SITE)).annotate(
                version_id=F("site__expectations__current_version_id"),
                published_at=F("site__expectations__current_version__created_at"),
            ),
        ]
        pending = []
        for audience in audiences:
            pending += audience.filter(~Exists(acknowledged)).values_list("pk", "version_id", "published_at")
        for version_id, published_at in versions.filter(scope=Expectation.Scope.ORGANISATION).values_list(
            "current_version_id", "current_version__created_at"
        ):  # organisation-wide ones are few: one query each
            members_pending = members.exclude(acknowledgements__version_id=version_id).values_list(
                "pk", flat=True
            )
            pending += [(pk, version_id, published_at) for pk in members_pending]
        return [Due(version_id, pk, published, published + GRACE) for pk, version_id, published in pending]

    def still_applies(self, reminder, now):
        """The version is still current and the recipient has not acknowledged it."""
        return (
            Expectation.objects.unacknowledged_by(reminder.recipient)
            .filter(current_version_id=reminder.object_id)
            .first()
        )


kind = ExpectationUnacknowledged()
