"""Two clicks, two tabs or two people at once change an onboarding once (PostgreSQL row locks)."""

import datetime
import zoneinfo

from django.core.exceptions import ValidationError

from onboarding import services
from onboarding.models import FloorNote, Onboarding
from tests.coaching.factories import ConversationFactory
from tests.conftest import build_cast
from tests.onboarding.builders import small_template
from tests.races import race, racing

pytestmark = racing
NOW = datetime.datetime(2027, 3, 1, 9, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Stockholm"))


def _start(cast, template, by):
    return lambda: services.onboarding_start(
        employee=cast.agent,
        template=template,
        starts_on=datetime.date(2027, 3, 8),
        trainer=cast.trainer,
        started_by=by,
        now=NOW,
    )


def test_two_hr_clicks_on_start_create_one_onboarding():
    cast = build_cast()
    template = small_template()
    results = race(_start(cast, template, cast.hr.user), _start(cast, template, cast.leader.user))
    assert sorted(isinstance(result, ValidationError) for result in results) == [False, True]
    assert Onboarding.objects.count() == 1
    assert Onboarding.objects.get().tasks.filter(conversation__isnull=False).count() == 1


def test_a_double_tick_records_once():
    cast = build_cast()
    task = _start(cast, small_template(check_in=False), cast.hr.user)().tasks.first()
    results = race(
        lambda: services.onboarding_task_tick(task=task, by=cast.agent.user, comment="first", now=NOW),
        lambda: services.onboarding_task_tick(task=task, by=cast.leader.user, comment="second", now=NOW),
    )
    assert sorted(results) == [False, True]
    task.refresh_from_db()
    assert task.comment in {"first", "second"} and task.completed_by in {cast.agent.user, cast.leader.user}


def test_ticking_the_last_two_tasks_at_once_completes_the_onboarding():
    cast = build_cast()
    onboarding = _start(cast, small_template(check_in=False), cast.hr.user)()
    first, second, third = onboarding.tasks.all()
    services.onboarding_task_tick(task=first, by=cast.leader.user, now=NOW)
    race(
        lambda: services.onboarding_task_tick(task=second, by=cast.leader.user, now=NOW),
        lambda: services.onboarding_task_tick(task=third, by=cast.teammate.user, now=NOW),
    )
    onboarding.refresh_from_db()
    assert onboarding.status == Onboarding.Status.COMPLETED


def test_a_double_click_on_add_to_agenda_adds_one_item():
    cast = build_cast()
    conversation = ConversationFactory(employee=cast.agent)
    note = FloorNote.objects.create(
        employee=cast.agent, author=cast.leader, text="Forgot to verify", created_at=NOW
    )

    def add():
        return services.floor_note_to_agenda(note=note, conversation=conversation, by=cast.leader)

    assert sorted(race(add, add)) == [False, True]
    assert conversation.agenda_items.count() == 1
