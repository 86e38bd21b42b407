"""Every look at someone else's profile, history, goals or conversations leaves one row: who, what,
when and from where. HR reads the log, each person reads who looked at their data, nobody edits it."""

import datetime

import pytest
from django.contrib.admin.sites import site as admin_site
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from hr.models import AccessLogEntry
from hr.services import access_log_purge
from hr.tasks import access_log_purge_task
from tests.coaching.factories import HeldConversationFactory
from tests.goals.factories import GoalFactory


def entries():
    return list(AccessLogEntry.objects.values_list("viewer__username", "subject__user__username", "what"))


@pytest.mark.parametrize(
    ("url", "what"),
    [
        (lambda cast: reverse("people:employee_detail", args=[cast.agent.pk]), "profile"),
        (lambda cast: reverse("people:employee_edit", args=[cast.agent.pk]), "profile"),
        (lambda cast: reverse("goals:employee_goals", args=[cast.agent.pk]), "goals"),
        (lambda cast: GoalFactory(employee=cast.agent).get_absolute_url(), "goals"),
        (lambda cast: HeldConversationFactory(employee=cast.agent).get_absolute_url(), "conversations"),
        (lambda cast: reverse("dashboards:employee_overview", args=[cast.agent.pk]), "conversations"),
        (lambda cast: reverse("hr:history", args=[cast.agent.pk]), "history"),
        (lambda cast: reverse("hr:history_export", args=[cast.agent.pk, "csv"]), "export"),
    ],
)
def test_a_leader_looking_at_an_agents_data_leaves_one_row(client, cast, url, what):
    target = url(cast)
    client.force_login(cast.leader.user)
    assert client.get(target).status_code == 200
    assert entries() == [("leader", "agent", what)]
    entry = AccessLogEntry.objects.get()
    assert entry.ip_address == "127.0.0.1"
    assert timezone.now() - entry.at < datetime.timedelta(minutes=1)


def test_looking_at_ones_own_data_leaves_no_row(client, cast):
    client.force_login(cast.agent.user)
    for url in [
        reverse("people:employee_detail", args=[cast.agent.pk]),
        reverse("people:my_profile"),
        reverse("hr:history", args=[cast.agent.pk]),
        HeldConversationFactory(employee=cast.agent).get_absolute_url(),
    ]:
        assert client.get(url).status_code == 200
    assert entries() == []


def test_a_page_out_of_scope_leaves_no_row(client, cast):
    client.force_login(cast.other_leader.user)
    assert client.get(reverse("people:employee_detail", args=[cast.agent.pk])).status_code == 404
    assert entries() == []


def test_behind_the_proxy_the_address_is_the_one_the_proxy_saw(client, cast, settings):
    settings.BEHIND_PROXY, settings.TRUSTED_PROXY_COUNT = True, 1
    client.force_login(cast.hr.user)
    client.get(cast.agent.get_absolute_url(), HTTP_X_FORWARDED_FOR="6.6.6.6, 10.1.2.3")
    assert AccessLogEntry.objects.get().ip_address == "10.1.2.3"


def test_hr_reads_the_log_filtered_by_person_and_kind(client, cast):
    AccessLogEntry.objects.create(viewer=cast.leader.user, subject=cast.agent, what="goals")
    AccessLogEntry.objects.create(viewer=cast.manager.user, subject=cast.teammate, what="profile")
    client.force_login(cast.hr.user)
    page = client.get(reverse("hr:access_log"), {"employee": cast.agent.pk, "what": "goals"})
    assert [(e.viewer, e.subject) for e in page.context["page"]] == [(cast.leader.user, cast.agent)]
    assert len(client.get(reverse("hr:access_log")).context["page"]) == 2


@pytest.mark.parametrize("person", ["agent", "leader", "manager", "trainer"])
def test_only_hr_opens_the_whole_log(client, cast, person):
    client.force_login(getattr(cast, person).user)
    assert client.get(reverse("hr:access_log")).status_code == 403


def test_each_person_sees_who_looked_at_their_data_and_nobody_elses(client, cast):
    AccessLogEntry.objects.create(viewer=cast.hr.user, subject=cast.agent, what="history")
    AccessLogEntry.objects.create(viewer=cast.hr.user, subject=cast.other_agent, what="history")
    client.force_login(cast.agent.user)
    page = client.get(reverse("hr:my_access_log")).context["page"]
    assert [entry.subject for entry in page] == [cast.agent]
    client.force_login(cast.other_agent.user)
    assert [entry.subject for entry in client.get(reverse("hr:my_access_log")).context["page"]] == [
        cast.other_agent
    ]


def test_a_period_ending_before_it_starts_is_a_translated_error(client, cast):
    cast.hr.language = "sv"
    cast.hr.save()
    client.force_login(cast.hr.user)
    response = client.get(reverse("hr:access_log"), {"start": "2026-05-01", "end": "2026-04-01"})
    assert response.status_code == 400
    assert "Periodens slut kan inte ligga före dess början." in response.content.decode()


def test_bad_filter_values_are_a_bad_request(client, cast):
    client.raise_request_exception = False
    client.force_login(cast.hr.user)
    assert client.get(reverse("hr:access_log"), {"what": "everything"}).status_code == 400
    assert client.get(reverse("hr:access_log"), {"start": "yesterday"}).status_code == 400


def test_nobody_adds_changes_or_deletes_log_rows_in_the_admin(cast):
    entry = AccessLogEntry.objects.create(viewer=cast.hr.user, subject=cast.agent, what="history")
    request = RequestFactory().get("/")
    request.user = cast.superuser
    model_admin = admin_site._registry[AccessLogEntry]
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, entry)
    assert not model_admin.has_delete_permission(request, entry)
    assert model_admin.has_view_permission(request, entry)


def test_the_admin_lists_the_log_for_a_superuser(client, cast):
    AccessLogEntry.objects.create(viewer=cast.hr.user, subject=cast.agent, what="history")
    client.force_login(cast.superuser)
    assert client.get(reverse("admin:hr_accesslogentry_changelist")).status_code == 200
    entry = AccessLogEntry.objects.get()
    assert (
        client.post(reverse("admin:hr_accesslogentry_delete", args=[entry.pk]), {"post": "yes"}).status_code
        == 403
    )
    assert AccessLogEntry.objects.exists()


def test_rows_older_than_the_retention_period_are_deleted(cast, settings):
    settings.ACCESS_LOG_RETENTION_DAYS = 30
    now = timezone.now()
    old = AccessLogEntry.objects.create(
        subject=cast.agent, what="profile", at=now - datetime.timedelta(days=31)
    )
    kept = AccessLogEntry.objects.create(
        subject=cast.agent, what="profile", at=now - datetime.timedelta(days=29)
    )
    assert access_log_purge(now=now) == 1
    assert list(AccessLogEntry.objects.all()) == [kept]
    assert not AccessLogEntry.objects.filter(pk=old.pk).exists()
    assert access_log_purge_task.delay().get() == 0  # again: nothing left to delete


@pytest.mark.parametrize("rows", [2, 60])
def test_the_log_page_runs_the_same_queries_whatever_its_length(
    client, cast, rows, django_assert_num_queries
):
    AccessLogEntry.objects.bulk_create(
        AccessLogEntry(viewer=cast.leader.user, subject=cast.agent, what="goals") for _ in range(rows)
    )
    client.force_login(cast.hr.user)
    with django_assert_num_queries(5):
        assert client.get(reverse("hr:access_log")).status_code == 200
