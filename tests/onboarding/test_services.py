"""Starting an onboarding and moving its tasks: due dates, assignees, translations, check-ins, repeats."""

import datetime
import zoneinfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from coaching.models import Conversation
from onboarding import services
from onboarding.models import DayCount, Onboarding, Responsibility
from tests.factories import AgentFactory, EmployeeFactory
from tests.onboarding.builders import small_template
from tests.onboarding.factories import ChecklistTemplateFactory

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")
NOW = datetime.datetime(2027, 3, 1, 9, 0, tzinfo=STOCKHOLM)  # a Monday
MONDAY = datetime.date(2027, 3, 8)


def start(cast, template, **kwargs):
    values = {
        "employee": cast.agent,
        "template": template,
        "starts_on": MONDAY,
        "trainer": cast.trainer,
        "floor_walker": cast.teammate,
        "hr_contact": cast.hr,
        "it_contact": cast.hr,
        "started_by": cast.hr.user,
        "now": NOW,
    }
    return services.onboarding_start(**{**values, **kwargs})


@pytest.mark.parametrize(
    ("offset", "day_count", "expected"),
    [
        (0, DayCount.CALENDAR, MONDAY),
        (-3, DayCount.CALENDAR, datetime.date(2027, 3, 5)),
        (-3, DayCount.WORKING, datetime.date(2027, 3, 3)),  # Friday, Thursday, Wednesday
        (5, DayCount.WORKING, datetime.date(2027, 3, 15)),  # the next Monday
        (4, DayCount.WORKING, datetime.date(2027, 3, 12)),
        (30, DayCount.CALENDAR, datetime.date(2027, 4, 7)),
    ],
)
def test_due_dates_count_calendar_or_working_days(offset, day_count, expected):
    assert services.due_on(MONDAY, offset, day_count) == expected


def test_start_copies_tasks_with_due_dates_assignees_and_every_language(cast):
    onboarding = start(cast, small_template())
    tasks = {task.title_en: task for task in onboarding.tasks.all()}
    accounts = tasks["Create system accounts"]
    assert accounts.due_on == datetime.date(2027, 3, 3)
    assert accounts.assignee == cast.hr  # the IT contact
    assert (accounts.title_nb, accounts.title_sv) == ("Opprett brukerkontoer", "Skapa användarkonton")
    assert tasks["Complete the GDPR module"].assignee == cast.agent
    assert tasks["Complete the GDPR module"].is_compliance
    assert tasks["Listen to five calls and check compliance"].assignee == cast.teammate
    assert onboarding.leader == cast.leader


def test_a_check_in_becomes_a_conversation_with_the_leader_on_its_due_date(cast):
    onboarding = start(cast, small_template())
    task = onboarding.tasks.get(title_en="Check-in at the end of week 1")
    conversation = task.conversation
    assert conversation.leader == cast.leader and conversation.employee == cast.agent
    assert conversation.status == Conversation.Status.SCHEDULED
    assert timezone.localtime(conversation.scheduled_at, STOCKHOLM).date() == datetime.date(2027, 3, 12)


def test_a_check_in_already_past_stays_a_task_without_a_booking(cast):
    onboarding = start(cast, small_template(), starts_on=datetime.date(2027, 2, 1))
    assert onboarding.tasks.get(title_en="Check-in at the end of week 1").conversation is None


def test_editing_the_template_changes_no_running_onboarding(cast):
    template = small_template()
    onboarding = start(cast, template)
    source = template.tasks.get(title_en="Complete the GDPR module")
    source.title_en, source.title_nb, source.offset_days = "Renamed", "Omdøpt", 40
    source.save()
    template.tasks.filter(title_en="Create system accounts").delete()
    task = onboarding.tasks.get(position=1)
    assert (task.title_en, task.title_nb, task.due_on) == (
        "Complete the GDPR module",
        "Fullfør GDPR-modulen",
        datetime.date(2027, 3, 10),
    )
    assert onboarding.tasks.count() == 4


def test_a_template_without_tasks_cannot_start_an_onboarding(cast):
    with pytest.raises(ValidationError) as error:
        start(cast, ChecklistTemplateFactory())
    assert "template" in error.value.error_dict
    assert not Onboarding.objects.exists()


@pytest.mark.parametrize("years", [-3, 2])
def test_a_start_date_years_away_is_refused(cast, years):
    with pytest.raises(ValidationError) as error:
        start(cast, small_template(), starts_on=MONDAY.replace(year=MONDAY.year + years))
    assert "starts_on" in error.value.error_dict
    assert not Onboarding.objects.exists()


def test_a_second_start_for_the_same_person_is_refused(cast):
    template = small_template(check_in=False)
    start(cast, template)
    with pytest.raises(ValidationError):
        start(cast, template)
    assert Onboarding.objects.count() == 1


def test_a_person_without_a_team_leader_cannot_start(cast):
    loner = EmployeeFactory(site=cast.site)
    with pytest.raises(ValidationError):
        start(cast, small_template(), employee=loner)


def test_a_tick_records_who_and_when_once(cast):
    onboarding = start(cast, small_template(check_in=False))
    task = onboarding.tasks.first()
    assert services.onboarding_task_tick(task=task, by=cast.agent.user, comment="Done in class", now=NOW)
    later = NOW + datetime.timedelta(hours=1)
    assert not services.onboarding_task_tick(task=task, by=cast.leader.user, comment="again", now=later)
    task.refresh_from_db()
    assert (task.completed_at, task.completed_by, task.comment) == (NOW, cast.agent.user, "Done in class")


def test_the_last_open_task_completes_the_onboarding_and_a_reopen_runs_it_again(cast):
    onboarding = start(cast, small_template(check_in=False))
    first, *rest = onboarding.tasks.all()
    assert services.onboarding_task_set_aside(task=first, reason="Already has accounts", now=NOW)
    for task in rest:
        services.onboarding_task_tick(task=task, by=cast.leader.user, now=NOW)
    onboarding.refresh_from_db()
    assert onboarding.status == Onboarding.Status.COMPLETED and onboarding.completed_at == NOW
    assert services.onboarding_task_reopen(task=first, now=NOW)
    assert not services.onboarding_task_reopen(task=first, now=NOW)
    onboarding.refresh_from_db()
    assert onboarding.status == Onboarding.Status.RUNNING and onboarding.completed_at is None
    first.refresh_from_db()
    assert first.is_open and first.not_applicable_reason == ""


def test_not_applicable_needs_a_reason(cast):
    task = start(cast, small_template(check_in=False)).tasks.first()
    with pytest.raises(ValidationError):
        services.onboarding_task_set_aside(task=task, reason="  ", now=NOW)
    task.refresh_from_db()
    assert task.is_open


def test_an_ad_hoc_task_reads_the_same_in_every_language(cast):
    onboarding = start(cast, small_template(check_in=False))
    task = services.onboarding_task_add(
        onboarding=onboarding,
        title="Sit with the fraud team",
        responsible=Responsibility.FLOOR_WALKER,
        due_on=MONDAY + datetime.timedelta(days=12),
        now=NOW,
    )
    assert task.is_ad_hoc and task.assignee == cast.teammate
    assert task.title_nb == task.title_sv == task.title_en == "Sit with the fraud team"


def test_floor_notes_only_about_people_one_may_note(cast):
    start(cast, small_template(check_in=False))
    stranger = AgentFactory(team=cast.other_team)
    assert services.floor_note_add(
        author=cast.teammate, employee=cast.agent, text="Calm with a caller", now=NOW
    )
    assert services.floor_note_add(author=cast.trainer, employee=cast.agent, text="Good questions", now=NOW)
    assert services.floor_note_add(
        author=cast.leader, employee=cast.teammate, text="Helped a colleague", now=NOW
    )
    for author, about in [
        (cast.trainer, stranger),
        (cast.teammate, stranger),
        (cast.other_leader, cast.agent),
    ]:
        with pytest.raises(PermissionDenied):
            services.floor_note_add(author=author, employee=about, text="No", now=NOW)


def test_a_floor_note_goes_on_the_agenda_once(cast):
    from tests.coaching.factories import ConversationFactory

    conversation = ConversationFactory(employee=cast.agent)
    note = services.floor_note_add(
        author=cast.leader, employee=cast.agent, text="Verified identity well", now=NOW
    )
    assert services.floor_note_to_agenda(note=note, conversation=conversation, by=cast.leader)
    assert not services.floor_note_to_agenda(note=note, conversation=conversation, by=cast.leader)
    assert [item.text for item in conversation.agenda_items.all()] == ["Verified identity well"]
    with pytest.raises(PermissionDenied):
        services.floor_note_to_agenda(note=note, conversation=conversation, by=cast.other_leader)


def test_the_seeded_base_training_starts_in_every_language(cast):
    from onboarding.models import ChecklistTemplate

    template = ChecklistTemplate.objects.get(name_en="Base training: customer service (three weeks)")
    assert template.name_sv == "Grundutbildning: kundtjänst (tre veckor)"
    onboarding = start(cast, template)
    tasks = list(onboarding.tasks.all())
    assert len(tasks) == template.tasks.count() > 20
    assert all(task.title_en and task.title_nb and task.title_sv for task in tasks)
    check_ins = [task for task in tasks if task.conversation_id]
    assert len(check_ins) == 4  # end of week 1, week 3, day 30, day 90
    assert {task.responsible for task in tasks} == set(Responsibility.values)
    assert any(task.is_compliance for task in tasks)
