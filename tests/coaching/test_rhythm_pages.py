import datetime

from django.urls import reverse
from django.utils import timezone

from coaching.models import ConversationType, Rhythm
from tests.coaching.factories import conversation_type


def test_leader_changes_the_cadence_per_person_and_adds_a_coaching_rhythm(client, cast):
    client.force_login(cast.leader.user)
    url = reverse("coaching:rhythm_edit", args=[cast.agent.pk])
    form = client.get(url).context["form"]
    data = {name: "" for name in form.fields}
    follow_up = conversation_type()
    coaching = conversation_type(ConversationType.Kind.COACHING)
    data[f"cadence_{follow_up.pk}"] = "7"
    data[f"cadence_{coaching.pk}"] = "21"
    response = client.post(url, data)
    assert response.status_code == 302
    cadences = {r.conversation_type.kind: r.cadence_days for r in Rhythm.objects.filter(employee=cast.agent)}
    assert cadences == {"follow_up": 7, "coaching": 21}

    data[f"cadence_{coaching.pk}"] = ""
    client.post(url, data)
    assert set(
        Rhythm.objects.filter(employee=cast.agent).values_list("conversation_type__kind", flat=True)
    ) == {"follow_up"}


def test_the_follow_up_rhythm_cannot_be_removed(client, cast):
    client.force_login(cast.leader.user)
    url = reverse("coaching:rhythm_edit", args=[cast.agent.pk])
    form = client.get(url).context["form"]
    response = client.post(url, {name: "" for name in form.fields})
    assert response.status_code == 200
    assert f"cadence_{conversation_type().pk}" in response.context["form"].errors


def test_pause_and_resume_lead_to_a_welcome_back_conversation(client, cast):
    client.force_login(cast.leader.user)
    today = timezone.localdate()
    response = client.post(
        reverse("coaching:rhythm_pause", args=[cast.agent.pk]),
        {
            "paused_on": (today - datetime.timedelta(days=100)).isoformat(),
            "resumes_on": (today + datetime.timedelta(days=200)).isoformat(),
            "reason": "Parental leave",
        },
    )
    assert response.status_code == 302
    rhythm = Rhythm.objects.with_status(today).get(employee=cast.agent)
    assert rhythm.is_paused and not rhythm.is_overdue
    assert rhythm.pause_reason == "Parental leave"

    client.post(reverse("coaching:rhythm_resume", args=[cast.agent.pk]))
    rhythm = Rhythm.objects.with_status(today).get(employee=cast.agent)
    assert not rhythm.is_paused
    assert rhythm.resumes_on == today
    assert rhythm.welcome_back_due
    page = client.get(reverse("coaching:rhythm_edit", args=[cast.agent.pk]))
    assert page.context["welcome_back_due"] is True
    assert "type=welcome_back" in page.content.decode()


def test_a_pause_ending_before_it_starts_is_refused(client, cast):
    client.force_login(cast.leader.user)
    today = timezone.localdate()
    client.post(
        reverse("coaching:rhythm_pause", args=[cast.agent.pk]),
        {"paused_on": today.isoformat(), "resumes_on": today.isoformat(), "reason": "Studies"},
    )
    assert not Rhythm.objects.filter(employee=cast.agent, paused_on__isnull=False).exists()


def test_hr_may_manage_rhythms(client, cast):
    client.force_login(cast.hr.user)
    assert client.get(reverse("coaching:rhythm_edit", args=[cast.far_agent.pk])).status_code == 200
