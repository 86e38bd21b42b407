import pytest
from django.urls import reverse

from people.models import Employee, PositionChange
from tests.factories import AgentFactory


def test_each_role_lands_on_its_home_page(client, cast):
    expected = {
        "agent": reverse("coaching:my_conversations"),
        "leader": reverse("dashboards:leader_dashboard"),
        "manager": reverse("dashboards:coverage"),
        "hr": reverse("people:directory"),
        "trainer": reverse("people:my_profile"),
    }
    for role, url in expected.items():
        client.force_login(getattr(cast, role).user)
        assert client.get(reverse("home")).url == url


def test_a_login_without_employee_record_gets_a_clear_page(client, cast):
    client.force_login(cast.no_employee)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert "no employee record" in response.content.decode()
    assert client.get(reverse("people:my_profile")).status_code == 403


def test_an_agent_changes_contact_details_and_language_only(client, cast):
    client.force_login(cast.agent.user)
    response = client.post(
        reverse("people:my_profile"),
        {"email": "new@bank.example", "phone": "+46 70 123 45 67", "language": "sv", "title": "Boss"},
    )
    assert response.status_code == 302
    cast.agent.refresh_from_db()
    assert (cast.agent.user.email, cast.agent.phone, cast.agent.language) == (
        "new@bank.example",
        "+46 70 123 45 67",
        "sv",
    )
    assert cast.agent.title == "Customer service advisor"


def test_bad_contact_details_are_refused_with_a_translated_message_and_nothing_saved(client, cast):
    cast.agent.language = "sv"
    cast.agent.save()
    client.force_login(cast.agent.user)
    response = client.post(
        reverse("people:my_profile"), {"email": "not-an-email", "phone": "call me", "language": "sv"}
    )
    assert response.status_code == 200
    assert "Fyll i en giltig e-postadress" in response.content.decode()
    cast.agent.refresh_from_db()
    assert cast.agent.phone == ""


def test_the_roster_searches_by_name_and_filters_by_shift(client, cast):
    night = AgentFactory(team=cast.team, shift=Employee.Shift.NIGHT, user__first_name="Nattis")
    client.force_login(cast.leader.user)
    names = client.get(reverse("people:roster"), {"q": "nattis"}).context["page"].object_list
    assert list(names) == [night]
    by_shift = client.get(reverse("people:roster"), {"shift": "night"}).context["page"].object_list
    assert list(by_shift) == [night]


def test_the_directory_pages_through_everyone_hr_sees(client, cast):
    AgentFactory.create_batch(30, team=cast.far_team)
    client.force_login(cast.hr.user)
    page = client.get(reverse("people:directory"), {"page": 2}).context["page"]
    assert page.number == 2 and page.paginator.count == Employee.objects.count()


def test_a_bad_filter_value_is_ignored_not_an_error(client, cast):
    client.force_login(cast.hr.user)
    assert client.get(reverse("people:directory"), {"team": "abc", "page": "x"}).status_code == 200


def test_hr_moving_someone_records_the_position_change(client, cast):
    client.force_login(cast.hr.user)
    response = client.post(
        reverse("people:employee_edit", args=[cast.agent.pk]),
        {
            "title": "Floor walker",
            "role": "agent",
            "team": cast.other_team.pk,
            "shift": "day",
            "employment_type": "permanent",
            "change_note": "Internal move",
        },
    )
    assert response.status_code == 302
    change = PositionChange.objects.get(employee=cast.agent)
    assert (change.title, change.team, change.note, change.recorded_by) == (
        "Floor walker",
        cast.other_team,
        "Internal move",
        cast.hr.user,
    )


def test_a_leader_records_strengths_but_cannot_move_people(client, cast):
    client.force_login(cast.leader.user)
    response = client.post(
        reverse("people:employee_edit", args=[cast.agent.pk]),
        {
            "strengths": "Calm under pressure",
            "shift": "evening",
            "employment_type": "hourly",
            "title": "Manager",
            "team": cast.other_team.pk,
        },
    )
    assert response.status_code == 302
    cast.agent.refresh_from_db()
    assert (cast.agent.strengths, cast.agent.team, cast.agent.title) == (
        "Calm under pressure",
        cast.team,
        "Customer service advisor",
    )
    assert not PositionChange.objects.exists()


def test_an_end_date_before_the_start_is_refused(client, cast):
    client.force_login(cast.hr.user)
    data = {
        "title": "x",
        "role": "agent",
        "shift": "day",
        "employment_type": "permanent",
        "ended_on": "2000-01-01",
    }
    response = client.post(reverse("people:employee_edit", args=[cast.agent.pk]), data)
    assert response.status_code == 200
    assert "cannot be before the start date" in response.content.decode()


def test_the_language_switch_saves_the_employees_preference(client, cast):
    client.force_login(cast.agent.user)
    client.post(reverse("people:set_language"), {"language": "nb", "next": "/me/"})
    cast.agent.refresh_from_db()
    assert cast.agent.language == "nb"
    assert "Min profil" in client.get(reverse("people:my_profile")).content.decode()


def test_the_language_switch_never_redirects_off_site(client):
    response = client.post(
        reverse("people:set_language"), {"language": "sv", "next": "https://evil.example/"}
    )
    assert response.url == "/"


def test_a_request_runs_in_the_viewers_language_and_site_time_zone(rf, cast):
    from django.utils import timezone, translation

    from people.middleware import EmployeePreferencesMiddleware

    cast.far_agent.language = "nb"
    cast.far_agent.save()
    request = rf.get("/")
    request.user = cast.far_agent.user
    seen = EmployeePreferencesMiddleware(
        lambda request: (translation.get_language(), timezone.get_current_timezone_name())
    )(request)
    assert seen == ("nb", "Europe/Oslo")


@pytest.mark.parametrize("viewer", ["leader", "hr"])
def test_the_employee_page_shows_the_position_history(client, cast, viewer):
    PositionChange.objects.create(employee=cast.agent, changed_on="2024-05-01", title="Mentor", role="agent")
    client.force_login(getattr(cast, viewer).user)
    assert "Mentor" in client.get(cast.agent.get_absolute_url()).content.decode()


def test_a_login_without_employee_record_is_told_why_on_employee_pages(client, cast):
    client.force_login(cast.no_employee)
    response = client.get(reverse("people:my_profile"))
    assert response.status_code == 403
    assert "no employee record" in response.content.decode()


def test_english_dates_use_iso_and_a_24_hour_clock(client, cast):
    import datetime

    from django.utils import formats, translation

    with translation.override("en"):
        moment = datetime.datetime(2026, 11, 25, 15, 30)
        assert formats.date_format(moment, "SHORT_DATETIME_FORMAT") == "2026-11-25 15:30"
        assert formats.get_format("FIRST_DAY_OF_WEEK") == 1


def test_the_roster_offers_only_the_filters_a_leader_needs(client, cast):
    client.force_login(cast.leader.user)
    form = client.get(reverse("people:roster")).context["filter"].form
    assert list(form.fields) == ["q", "team", "shift", "employment_type"]


def test_a_persons_page_leads_to_their_conversations_and_goals(client, cast):
    client.force_login(cast.hr.user)
    html = client.get(cast.agent.get_absolute_url()).content.decode()
    assert reverse("dashboards:employee_overview", args=[cast.agent.pk]) in html
    assert reverse("goals:employee_goals", args=[cast.agent.pk]) in html


def test_a_users_language_and_time_zone_end_with_their_request(client, cast):
    from django.utils import timezone, translation

    cast.far_agent.language = "nb"
    cast.far_agent.save()
    client.force_login(cast.far_agent.user)
    assert client.get(reverse("people:my_profile")).status_code == 200
    assert translation.get_language() == "en"
    assert timezone.get_current_timezone_name() == "Europe/Stockholm"  # the server's default
