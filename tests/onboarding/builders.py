"""Templates and onboardings ready for a test."""

from coaching.models import ConversationType
from onboarding.models import DayCount, Phase, Responsibility
from tests.onboarding.factories import ChecklistTemplateFactory, TemplateTaskFactory


def small_template(*, check_in=True):
    """A template with a task before the start (IT), one in the classroom (the new hire), one for the
    floor walker and, with `check_in`, a check-in with the leader at the end of week 1."""
    template = ChecklistTemplateFactory(
        name="Base training", name_nb="Grunnopplæring", name_sv="Grundutbildning"
    )
    TemplateTaskFactory(
        template=template,
        position=0,
        phase=Phase.BEFORE_START,
        title="Create system accounts",
        title_nb="Opprett brukerkontoer",
        title_sv="Skapa användarkonton",
        responsible=Responsibility.IT,
        offset_days=-3,
        day_count=DayCount.WORKING,
    )
    TemplateTaskFactory(
        template=template,
        position=1,
        title="Complete the GDPR module",
        title_nb="Fullfør GDPR-modulen",
        title_sv="Slutför GDPR-modulen",
        offset_days=2,
        is_compliance=True,
    )
    TemplateTaskFactory(
        template=template,
        position=2,
        phase=Phase.ON_THE_FLOOR,
        title="Listen to five calls and check compliance",
        responsible=Responsibility.FLOOR_WALKER,
        offset_days=10,
    )
    if check_in:
        TemplateTaskFactory(
            template=template,
            position=3,
            phase=Phase.ON_THE_FLOOR,
            title="Check-in at the end of week 1",
            responsible=Responsibility.LEADER,
            offset_days=4,
            check_in_type=ConversationType.objects.get(kind=ConversationType.Kind.ONBOARDING),
        )
    return template
