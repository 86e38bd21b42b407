"""Personal data of people who left go after the retention period, or on request; a legal hold stops
both; what stays (rows, dates, statuses, scores) keeps the figures right."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from coaching.models import Conversation, PrivateNote
from goals.models import Goal
from hr.models import Erasure, LegalHold, PrivacySettings
from hr.services import erase_on_request, erasure_due_on, legal_hold_place, months_before, retention_sweep
from hr.tasks import retention_sweep_task
from people.models import Employee
from tests.coaching.factories import AgendaItemFactory, HeldConversationFactory, PrivateNoteFactory
from tests.goals.factories import GoalFactory
from tests.races import race, racing

TODAY = datetime.date(2027, 6, 15)


def leave(employee, ended_on):
    employee.ended_on = ended_on
    employee.started_on = min(employee.started_on, ended_on - datetime.timedelta(days=365))
    employee.phone = "+46 70 000 00 00"
    employee.strengths = "Calm with upset customers"
    employee.save()


def with_data(employee):
    conversation = HeldConversationFactory(employee=employee, energy=4, workload=2, wins="A save")
    PrivateNoteFactory(conversation=conversation)
    AgendaItemFactory(conversation=conversation, text="My shifts")
    GoalFactory(employee=employee, title="Faster answers", status=Goal.Status.ACHIEVED)
    return conversation


def erased(employee):
    employee.refresh_from_db()
    employee.user.refresh_from_db()
    return Erasure.objects.filter(employee=employee).exists()


def test_month_arithmetic_keeps_to_the_months_last_day():
    assert months_before(datetime.date(2027, 3, 31), 1) == datetime.date(2027, 2, 28)
    assert months_before(datetime.date(2027, 6, 15), 24) == datetime.date(2025, 6, 15)
    assert erasure_due_on(datetime.date(2025, 6, 14), 24) == datetime.date(2027, 6, 15)


def test_the_sweep_anonymises_who_left_more_than_the_period_ago_and_keeps_the_figures(cast):
    leave(cast.agent, datetime.date(2025, 6, 14))  # 24 months and a day
    leave(cast.teammate, datetime.date(2025, 6, 15))  # exactly 24 months: not yet
    conversation = with_data(cast.agent)
    with_data(cast.teammate)
    assert retention_sweep(today=TODAY) == 1
    assert erased(cast.agent) and not erased(cast.teammate)
    agent = cast.agent
    assert (agent.user.first_name, agent.user.last_name, agent.user.email, agent.phone, agent.strengths) == (
        "",
        "",
        "",
        "",
        "",
    )
    assert not agent.user.is_active and not agent.user.has_usable_password()
    conversation.refresh_from_db()
    assert (conversation.shared_notes, conversation.wins) == ("", "")
    assert (conversation.status, conversation.energy, conversation.workload) == ("held", 4, 2)
    assert not PrivateNote.objects.filter(conversation=conversation).exists()
    assert Goal.objects.get(employee=agent).status == Goal.Status.ACHIEVED
    assert not Conversation.history.filter(
        employee_id=agent.pk, shared_notes__contains="first-contact"
    ).exists()
    assert not Employee.history.filter(id=agent.pk, strengths__contains="Calm").exists()
    assert Erasure.objects.get(employee=agent).reason == Erasure.Reason.RETENTION


def test_the_sweep_is_idempotent_and_the_task_runs_it(cast):
    leave(cast.agent, datetime.date(2020, 1, 1))
    assert retention_sweep(today=TODAY) == 1
    assert retention_sweep(today=TODAY) == 0
    assert Erasure.objects.count() == 1
    assert retention_sweep_task.delay().get() == 0


def test_the_officers_retention_period_is_used(cast):
    PrivacySettings(retention_months=6).save()
    leave(cast.agent, datetime.date(2026, 12, 1))
    assert retention_sweep(today=TODAY) == 1


def test_a_legal_hold_keeps_the_data_until_it_is_lifted(client, cast):
    leave(cast.agent, datetime.date(2020, 1, 1))
    client.force_login(cast.hr.user)
    client.post(reverse("hr:legal_hold_place", args=[cast.agent.pk]), {"hold-reason": "Dispute 2027-14"})
    assert LegalHold.objects.active().get().reason == "Dispute 2027-14"
    assert retention_sweep(today=TODAY) == 0
    client.post(reverse("hr:legal_hold_lift", args=[cast.agent.pk]), {"lift-reason": "Settled"})
    assert not LegalHold.objects.active().exists()
    assert retention_sweep(today=TODAY) == 1


def test_erasing_someone_on_legal_hold_is_a_translated_error_and_erases_nothing(client, cast):
    legal_hold_place(employee=cast.agent, reason="Dispute", by=cast.hr.user)
    cast.hr.language = "nb"
    cast.hr.save()
    client.force_login(cast.hr.user)
    response = client.post(reverse("hr:employee_erase", args=[cast.agent.pk]), {"confirm": "on"}, follow=True)
    assert "Denne personen har rettslig hold" in response.content.decode()
    assert not erased(cast.agent) and cast.agent.user.first_name


def test_hr_erases_on_request_and_a_record_says_so(client, cast):
    from axes.models import AccessLog

    with_data(cast.agent)
    AccessLog.objects.create(username=cast.agent.user.username, ip_address="10.0.0.1", user_agent="x")
    client.force_login(cast.hr.user)
    response = client.post(reverse("hr:employee_erase", args=[cast.agent.pk]), {"confirm": "on"})
    assert response.status_code == 302
    assert erased(cast.agent)
    record = Erasure.objects.get()
    assert (record.reason, record.requested_by) == (Erasure.Reason.REQUEST, cast.hr.user)
    assert not AccessLog.objects.filter(ip_address="10.0.0.1").exists()  # the login records go too
    response = client.post(reverse("hr:employee_erase", args=[cast.agent.pk]), {"confirm": "on"}, follow=True)
    assert "already been erased" in response.content.decode()
    assert Erasure.objects.count() == 1


def test_erasing_without_confirming_does_nothing(client, cast):
    client.force_login(cast.hr.user)
    client.post(reverse("hr:employee_erase", args=[cast.agent.pk]), {})
    assert not erased(cast.agent)


def test_a_hold_without_a_reason_is_refused(client, cast):
    client.force_login(cast.hr.user)
    client.post(reverse("hr:legal_hold_place", args=[cast.agent.pk]), {"hold-reason": ""})
    assert not LegalHold.objects.exists()


def test_lifting_when_there_is_no_hold_is_a_message(client, cast):
    client.force_login(cast.hr.user)
    response = client.post(
        reverse("hr:legal_hold_lift", args=[cast.agent.pk]), {"lift-reason": "x"}, follow=True
    )
    assert "not on legal hold" in response.content.decode()


@pytest.mark.parametrize("person", ["agent", "leader", "manager"])
def test_only_hr_places_holds_erases_or_sees_the_dry_run(client, cast, person):
    client.force_login(getattr(cast, person).user)
    assert client.get(reverse("hr:retention")).status_code == 403
    assert client.get(reverse("hr:employee_privacy", args=[cast.agent.pk])).status_code == 403
    assert (
        client.post(reverse("hr:employee_erase", args=[cast.agent.pk]), {"confirm": "on"}).status_code == 403
    )
    assert not erased(cast.agent)


def test_the_dry_run_lists_who_is_due_and_when_and_who_is_held(client, cast):
    today = timezone.localdate()
    leave(cast.agent, months_before(today, 25))
    leave(cast.teammate, months_before(today, 23))  # due within the next 90 days
    leave(cast.other_agent, months_before(today, 12))  # not yet
    leave(cast.far_agent, months_before(today, 30))
    legal_hold_place(employee=cast.far_agent, reason="Dispute", by=cast.hr.user)
    client.force_login(cast.hr.user)
    response = client.get(reverse("hr:retention"))
    listed = [employee for employee, _due_on, _is_due in response.context["rows"]]
    assert listed == [cast.agent, cast.teammate]
    assert list(response.context["held"]) == [cast.far_agent]
    assert not Erasure.objects.exists()  # a dry run


@pytest.mark.parametrize("people", [2, 30])
def test_the_dry_run_runs_the_same_queries_whatever_its_length(
    client, cast, people, django_assert_num_queries
):
    from tests.factories import AgentFactory

    for agent in AgentFactory.create_batch(people, team=cast.team):
        leave(agent, datetime.date(2020, 1, 1))
    client.force_login(cast.hr.user)
    with django_assert_num_queries(7):
        assert client.get(reverse("hr:retention")).status_code == 200


class TestRaces:
    pytestmark = racing

    def test_a_hold_and_an_erasure_at_once_never_both_succeed(self, cast):
        outcomes = race(
            lambda: legal_hold_place(employee=cast.agent, reason="Dispute", by=cast.hr.user),
            lambda: erase_on_request(employee=cast.agent, by=cast.hr.user),
        )
        failures = [
            outcome for outcome in outcomes if outcome is not None and not isinstance(outcome, LegalHold)
        ]
        assert len(failures) == 1
        assert LegalHold.objects.exists() != Erasure.objects.exists()

    def test_two_erasures_at_once_erase_once(self, cast):
        race(*[lambda: erase_on_request(employee=cast.agent, by=cast.hr.user)] * 2)
        assert Erasure.objects.count() == 1
        assert get_user_model().objects.get(pk=cast.agent.user_id).username.startswith("erased-")


@pytest.mark.parametrize("holds", [1, 8])
def test_a_persons_privacy_page_runs_the_same_queries_whatever_its_holds(
    client, cast, holds, django_assert_num_queries
):
    for index in range(holds):
        hold = legal_hold_place(employee=cast.agent, reason=f"Case {index}", by=cast.hr.user)
        if index < holds - 1:
            LegalHold.objects.filter(pk=hold.pk).update(lifted_at=timezone.now(), lift_reason="Closed")
    client.force_login(cast.hr.user)
    with django_assert_num_queries(7):
        response = client.get(reverse("hr:employee_privacy", args=[cast.agent.pk]))
    assert len(response.context["holds"]) == holds


@pytest.mark.parametrize("reader", ["hr", "superuser"])
def test_hr_reaches_anyones_privacy_page_and_an_unknown_person_is_not_found(client, cast, reader):
    user = getattr(cast, reader)
    client.force_login(getattr(user, "user", user))
    assert client.get(reverse("hr:employee_privacy", args=[cast.far_agent.pk])).status_code == 200
    assert client.get(reverse("hr:employee_privacy", args=[999999])).status_code == 404
