"""Who reaches which onboarding page, and what each person sees of it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from coaching.models import AgendaItem
from onboarding.models import FloorNote, Onboarding, OnboardingTask, Responsibility
from onboarding.views import TASKS_PER_PAGE
from tests.coaching.factories import ConversationFactory, HeldConversationFactory
from tests.factories import AgentFactory
from tests.onboarding.factories import FloorNoteFactory, OnboardingFactory, OnboardingTaskFactory
from tests.policy import AGENT_RECORD_READERS


@pytest.fixture
def onboarding(cast):
    """cast.agent is new: the trainer and the teammate (floor walker) hold tasks."""
    onboarding = OnboardingFactory(employee=cast.agent, trainer=cast.trainer, floor_walker=cast.teammate)
    today = timezone.localdate()
    OnboardingTaskFactory(onboarding=onboarding, title="Complete the GDPR module")
    OnboardingTaskFactory(
        onboarding=onboarding,
        title="Product module",
        responsible=Responsibility.TRAINER,
        assignee=cast.trainer,
        due_on=today - datetime.timedelta(days=2),
    )
    OnboardingTaskFactory(
        onboarding=onboarding,
        title="Listen to five calls",
        responsible=Responsibility.FLOOR_WALKER,
        assignee=cast.teammate,
    )
    return onboarding


def task(onboarding, title):
    return onboarding.tasks.get(title_en=title)


@pytest.mark.parametrize(("viewer", "status"), AGENT_RECORD_READERS)
def test_onboarding_detail_visibility(client, cast, onboarding, viewer, status):
    client.force_login(getattr(cast, viewer).user)
    assert client.get(onboarding.get_absolute_url()).status_code == status


def test_the_leader_sees_the_whole_onboarding_with_overdue_tasks_standing_out(client, cast, onboarding):
    client.force_login(cast.leader.user)
    html = client.get(onboarding.get_absolute_url()).content.decode()
    assert "Complete the GDPR module" in html and "Listen to five calls" in html
    assert html.count("onb-task-overdue") == 1
    assert "0 of 3 tasks done" in html


def test_the_new_hire_sees_their_checklist_and_ticks_only_their_own_tasks(client, cast, onboarding):
    client.force_login(cast.agent.user)
    response = client.get(reverse("onboarding:my_onboarding"))
    html = response.content.decode()
    assert "Product module" in html  # the whole plan
    own = task(onboarding, "Complete the GDPR module")
    assert reverse("onboarding:task_tick", args=[own.pk]) in html
    others = task(onboarding, "Product module")
    assert reverse("onboarding:task_tick", args=[others.pk]) not in html
    assert client.post(reverse("onboarding:task_tick", args=[others.pk])).status_code == 403


def test_a_tick_through_htmx_swaps_the_card_and_the_progress(client, cast, onboarding):
    own = task(onboarding, "Complete the GDPR module")
    client.force_login(cast.agent.user)
    response = client.post(
        reverse("onboarding:task_tick", args=[own.pk]),
        {"comment": "Passed", "with_progress": "1"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert html.lstrip().startswith("<li") and "Passed" in html
    assert 'hx-swap-oob="true"' in html and "1 of 3 tasks done" in html
    own.refresh_from_db()
    assert own.completed_by == cast.agent.user and own.comment == "Passed"


def test_a_tick_without_javascript_redirects_back(client, cast, onboarding):
    own = task(onboarding, "Complete the GDPR module")
    client.force_login(cast.agent.user)
    response = client.post(reverse("onboarding:task_tick", args=[own.pk]), {"next": "/onboarding/"})
    assert response.status_code == 302 and response["Location"] == "/onboarding/"
    response = client.post(reverse("onboarding:task_reopen", args=[own.pk]), {"next": "/onboarding/"})
    own.refresh_from_db()
    assert own.is_open


def test_the_trainer_sees_only_their_tasks_and_the_new_hire_s_name(client, cast, onboarding):
    client.force_login(cast.trainer.user)
    response = client.get(reverse("onboarding:my_tasks"))
    html = response.content.decode()
    assert "Product module" in html and cast.agent.full_name in html
    assert "Complete the GDPR module" not in html and "Listen to five calls" not in html
    assert reverse("people:employee_detail", args=[cast.agent.pk]) not in html
    assert onboarding.get_absolute_url() not in html
    assert client.get(onboarding.get_absolute_url()).status_code == 404
    assert client.get(reverse("people:employee_detail", args=[cast.agent.pk])).status_code in (403, 404)
    assert client.get(reverse("dashboards:employee_overview", args=[cast.agent.pk])).status_code == 404
    mine = task(onboarding, "Product module")
    assert client.post(reverse("onboarding:task_tick", args=[mine.pk])).status_code == 302
    not_mine = task(onboarding, "Complete the GDPR module")
    assert client.post(reverse("onboarding:task_tick", args=[not_mine.pk])).status_code == 404
    assert not_mine.__class__.objects.get(pk=not_mine.pk).is_open


@pytest.mark.parametrize(
    ("viewer", "status"), [("other_leader", 404), ("other_agent", 404), ("manager", 403)]
)
def test_outsiders_cannot_tick(client, cast, onboarding, viewer, status):
    own = task(onboarding, "Complete the GDPR module")
    client.force_login(getattr(cast, viewer).user)
    assert client.post(reverse("onboarding:task_tick", args=[own.pk])).status_code == status


def test_the_leader_sets_a_task_aside_with_a_reason_and_adds_one(client, cast, onboarding):
    client.force_login(cast.leader.user)
    own = task(onboarding, "Complete the GDPR module")
    url = reverse("onboarding:task_set_aside", args=[own.pk])
    assert client.post(url, {"reason": ""}).status_code == 200
    assert client.post(url, {"reason": "Done at the previous employer"}).status_code == 302
    own.refresh_from_db()
    assert own.not_applicable_reason == "Done at the previous employer"
    response = client.post(
        reverse("onboarding:task_add", args=[onboarding.pk]),
        {
            "title": "Sit with the fraud team",
            "responsible": "floor_walker",
            "phase": "on_the_floor",
            "due_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 302
    assert onboarding.tasks.get(is_ad_hoc=True).assignee == cast.teammate


@pytest.mark.parametrize(("viewer", "status"), [("agent", 403), ("other_leader", 404), ("manager", 403)])
def test_only_the_leader_and_hr_set_aside_or_add(client, cast, onboarding, viewer, status):
    own = task(onboarding, "Complete the GDPR module")
    client.force_login(getattr(cast, viewer).user)
    assert client.get(reverse("onboarding:task_set_aside", args=[own.pk])).status_code == status
    assert client.get(reverse("onboarding:task_add", args=[onboarding.pk])).status_code == status


def test_a_leader_starts_an_onboarding_only_for_their_team(client, cast):
    from onboarding.models import ChecklistTemplate

    template = ChecklistTemplate.objects.get(name_en="Base training: customer service (three weeks)")
    client.force_login(cast.leader.user)
    data = {"template": template.pk, "starts_on": timezone.localdate().isoformat(), "kind": "new_hire"}
    response = client.post(reverse("onboarding:onboarding_start"), {**data, "employee": cast.other_agent.pk})
    assert response.status_code == 200 and not Onboarding.objects.exists()
    response = client.post(
        reverse("onboarding:onboarding_start"),
        {**data, "employee": cast.agent.pk, "trainer": cast.trainer.pk, "floor_walker": cast.teammate.pk},
    )
    assert response.status_code == 302
    onboarding = Onboarding.objects.get()
    assert onboarding.employee == cast.agent and onboarding.floor_walker == cast.teammate


def test_a_start_date_that_is_not_a_date_is_a_form_error(client, cast):
    client.force_login(cast.hr.user)
    response = client.post(
        reverse("onboarding:onboarding_start"),
        {"employee": cast.agent.employee_number, "starts_on": "31.02.2027", "kind": "new_hire"},
    )
    assert response.status_code == 200 and not Onboarding.objects.exists()


@pytest.mark.parametrize("viewer", ["agent", "trainer"])
def test_agents_and_trainers_cannot_start_one(client, cast, viewer):
    client.force_login(getattr(cast, viewer).user)
    assert client.get(reverse("onboarding:onboarding_start")).status_code == 403


def test_site_progress_shows_the_manager_their_sites_only(client, cast, onboarding):
    far = OnboardingFactory(employee=cast.far_agent)
    OnboardingTaskFactory(onboarding=far)
    client.force_login(cast.manager.user)
    response = client.get(reverse("onboarding:site_progress"))
    assert [row["employee__site__name"] for row in response.context["sites"]] == ["Uppsala"]
    assert [o.pk for o in response.context["page"]] == [onboarding.pk]
    assert response.context["sites"][0]["overdue"] == 1
    assert client.get(reverse("onboarding:site_progress"), {"site": "x"}).status_code == 400
    client.force_login(cast.hr.user)
    response = client.get(reverse("onboarding:site_progress"))
    assert len(response.context["sites"]) == 2


def test_the_leader_dashboard_shows_onboarding_progress(client, cast, onboarding):
    client.force_login(cast.leader.user)
    response = client.get(reverse("dashboards:leader_dashboard"))
    row = next(row for row in response.context["rows"] if row.employee == cast.agent)
    assert row.onboarding[1].total == 3 and row.onboarding[1].overdue == 1
    assert onboarding.get_absolute_url() in response.content.decode()


# Floor notes ---------------------------------------------------------------------------------------


def test_the_floor_walker_picks_only_the_new_hires_they_support(client, cast, onboarding):
    client.force_login(cast.teammate.user)
    response = client.get(reverse("onboarding:floor_note_add"))
    assert list(response.context["form"].fields["employee"].queryset) == [cast.agent]
    response = client.post(
        reverse("onboarding:floor_note_add"), {"employee": cast.other_agent.pk, "text": "Not mine"}
    )
    assert response.status_code == 200 and not FloorNote.objects.exists()
    response = client.post(
        reverse("onboarding:floor_note_add"),
        {"employee": cast.agent.pk, "text": "Forgot to verify identity", "reference": "CASE-1182"},
    )
    assert response.status_code == 302
    note = FloorNote.objects.get()
    assert (note.author, note.reference) == (cast.teammate, "CASE-1182")


def test_the_leader_notes_about_their_team(client, cast):
    client.force_login(cast.leader.user)
    people = client.get(reverse("onboarding:floor_note_add")).context["form"].fields["employee"].queryset
    assert set(people) == {cast.agent, cast.teammate}


@pytest.mark.parametrize(
    ("reader", "sees"),
    [
        ("teammate", True),  # its author
        ("leader", True),
        ("agent", False),
        ("other_agent", False),
        ("manager", False),
        ("hr", False),
        ("other_leader", False),
        ("trainer", False),
    ],
)
def test_floor_notes_reach_their_author_and_the_team_leader_only(cast, onboarding, reader, sees):
    FloorNoteFactory(employee=cast.agent, author=cast.teammate)
    assert FloorNote.objects.visible_to(getattr(cast, reader).user).exists() is sees


def test_the_leader_prepares_a_conversation_with_the_notes_since_the_last_one(client, cast, onboarding):
    HeldConversationFactory(employee=cast.agent, scheduled_at=timezone.now() - datetime.timedelta(days=10))
    conversation = ConversationFactory(
        employee=cast.agent, scheduled_at=timezone.now() + datetime.timedelta(days=1)
    )
    FloorNoteFactory(
        employee=cast.agent,
        author=cast.teammate,
        created_at=timezone.now() - datetime.timedelta(days=20),
        text="Old note",
    )
    note = FloorNoteFactory(employee=cast.agent, author=cast.teammate, text="Handled an angry caller well")
    client.force_login(cast.leader.user)
    page = client.get(conversation.get_absolute_url()).content.decode()
    panel_url = reverse("onboarding:floor_notes_panel", args=[conversation.pk])
    assert panel_url in page
    panel = client.get(panel_url, HTTP_HX_REQUEST="true").content.decode()
    assert "Handled an angry caller well" in panel and "Old note" not in panel
    add = reverse("onboarding:floor_note_to_agenda", args=[note.pk, conversation.pk])
    assert add in panel
    assert client.post(add).status_code == 302
    assert client.post(add).status_code == 302
    assert list(AgendaItem.objects.filter(conversation=conversation).values_list("text", flat=True)) == [
        "Handled an angry caller well"
    ]
    note.refresh_from_db()
    assert note.agenda_item is not None


@pytest.mark.parametrize(
    ("viewer", "status"), [("agent", 403), ("other_leader", 404), ("manager", 403), ("hr", 403)]
)
def test_nobody_else_reaches_the_floor_notes_panel(client, cast, viewer, status):
    conversation = ConversationFactory(employee=cast.agent)
    FloorNoteFactory(employee=cast.agent, author=cast.leader)
    client.force_login(getattr(cast, viewer).user)
    assert client.get(reverse("onboarding:floor_notes_panel", args=[conversation.pk])).status_code == status
    page = client.get(conversation.get_absolute_url())
    if page.status_code == 200:
        assert "floor-notes" not in page.content.decode()
        assert reverse("onboarding:floor_notes_panel", args=[conversation.pk]) not in page.content.decode()


def test_a_note_about_someone_else_cannot_go_on_this_agenda(client, cast):
    conversation = ConversationFactory(employee=cast.agent)
    other = FloorNoteFactory(employee=cast.teammate, author=cast.leader)
    client.force_login(cast.leader.user)
    response = client.post(reverse("onboarding:floor_note_to_agenda", args=[other.pk, conversation.pk]))
    assert response.status_code == 404
    assert not AgendaItem.objects.exists()


# Query counts ---------------------------------------------------------------------------------------

# session, user, employee; the onboarding; its tasks
CHECKLIST_QUERIES = 5
# session, user, employee; the open tasks with their new hires, the latest done
# ones; may the viewer note anyone
MY_TASKS_QUERIES = 7  # the open tasks are counted for paging


@pytest.mark.parametrize("tasks", [10, 100])
def test_the_new_hire_checklist_runs_the_same_queries_at_any_length(
    client, cast, tasks, django_assert_num_queries
):
    onboarding = OnboardingFactory(employee=cast.agent, trainer=cast.trainer)
    for index in range(tasks):
        OnboardingTaskFactory(
            onboarding=onboarding,
            assignee=[cast.agent, cast.trainer, cast.leader][index % 3],
            completed_at=timezone.now() if index % 4 == 0 else None,
            completed_by=cast.leader.user if index % 4 == 0 else None,
        )
    client.force_login(cast.agent.user)
    with django_assert_num_queries(CHECKLIST_QUERIES):
        response = client.get(reverse("onboarding:my_onboarding"))
    assert response.context["progress"].total == tasks


@pytest.mark.parametrize("new_hires", [2, 20])
def test_the_trainer_start_page_runs_the_same_queries_for_any_number_of_new_hires(
    client, cast, new_hires, django_assert_num_queries
):
    for _ in range(new_hires):
        onboarding = OnboardingFactory(employee=AgentFactory(team=cast.team), trainer=cast.trainer)
        OnboardingTaskFactory.create_batch(3, onboarding=onboarding, assignee=cast.trainer)
    client.force_login(cast.trainer.user)
    with django_assert_num_queries(MY_TASKS_QUERIES):
        response = client.get(reverse("onboarding:my_tasks"))
    assert response.context["page"].paginator.count == 3 * new_hires
    assert OnboardingTask.objects.count() == 3 * new_hires


def test_the_trainer_start_page_shows_the_soonest_open_tasks_a_page_at_a_time(client, cast):
    onboarding = OnboardingFactory(employee=AgentFactory(team=cast.team), trainer=cast.trainer)
    start = timezone.localdate()
    for day in range(TASKS_PER_PAGE + 5):
        OnboardingTaskFactory(
            onboarding=onboarding, assignee=cast.trainer, due_on=start + datetime.timedelta(days=day)
        )
    client.force_login(cast.trainer.user)
    first = client.get(reverse("onboarding:my_tasks"))
    second = client.get(reverse("onboarding:my_tasks"), {"page": 2})
    assert [task.due_on for task in first.context["page"]] == [
        start + datetime.timedelta(days=d) for d in range(TASKS_PER_PAGE)
    ]
    assert len(second.context["page"]) == 5
    assert "?page=2" in first.content.decode()
