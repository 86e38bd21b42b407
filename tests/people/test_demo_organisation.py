"""The demo organisation: realistic, deterministic, and every demo login sees exactly its people."""

import random

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.utils import timezone

import people.demo
from people.models import Employee, PositionChange, Role, Site, Team


@pytest.fixture
def demo(db):
    people.demo.seed(rng=random.Random(2026), today=timezone.localdate(), employees=120)


def expected_visible(viewer: Employee, everyone: list[Employee]) -> set[int]:
    """The policy of DESIGN.md, written out by hand over plain Python objects."""
    if viewer.role == Role.HR:
        return {e.pk for e in everyone}
    if viewer.role == Role.TEAM_LEADER:
        return {e.pk for e in everyone if e.team and e.team.leader_id == viewer.pk} | {viewer.pk}
    if viewer.role == Role.MANAGER:
        sites = {viewer.site_id} | {site.pk for site in viewer.managed_sites.all()}
        return {e.pk for e in everyone if e.site_id in sites}
    return {viewer.pk}


@pytest.mark.parametrize("username", list(people.demo.DEMO_LOGINS))
def test_each_demo_login_sees_exactly_its_people(demo, username):
    everyone = list(Employee.objects.select_related("team"))
    viewer = Employee.objects.get(user__username=username)
    visible = set(Employee.objects.visible_to(viewer.user).values_list("pk", flat=True))
    assert visible == expected_visible(viewer, everyone)
    assert len(visible) > 1 or viewer.role in (Role.AGENT, Role.TRAINER)


def test_the_demo_organisation_looks_like_a_nordic_bank(demo):
    assert set(Site.objects.values_list("name", "country")) == {
        ("Uppsala", "SE"),
        ("Helsingborg", "SE"),
        ("Oslo", "NO"),
    }
    assert Team.objects.count() == 12 and not Team.objects.filter(leader=None).exists()
    roles = dict(Employee.objects.values_list("role").annotate(n=Count("pk")))
    assert roles[Role.HR] == 2 and roles[Role.TRAINER] == 3 and roles[Role.MANAGER] == 4
    assert {"hourly", "permanent"} <= set(Employee.objects.values_list("employment_type", flat=True))
    promotions = [notes["promotion"] for notes in people.demo.POSITION_NOTES.values()]
    assert PositionChange.objects.filter(note__in=promotions).exists()
    assert Employee.objects.get(user__username="agent").language == "en"
    assert (
        Employee.objects.filter(site__name="Oslo")
        .exclude(user__username__in=people.demo.DEMO_LOGINS)[0]
        .language
        == "nb"
    )


def test_the_demo_organisation_is_the_same_for_the_same_seed(db):
    people.demo.seed(rng=random.Random(7), today=timezone.localdate(), employees=30)
    first = list(
        Employee.objects.order_by("employee_number").values_list("user__username", "title", "team__name")
    )
    Employee.objects.all().delete()
    Team.objects.all().delete()
    Site.objects.all().delete()
    get_user_model().objects.all().delete()
    people.demo.seed(rng=random.Random(7), today=timezone.localdate(), employees=30)
    again = list(
        Employee.objects.order_by("employee_number").values_list("user__username", "title", "team__name")
    )
    assert first == again


@pytest.mark.parametrize(
    ("who", "language"),
    [
        (Q(site__name="Oslo"), "nb"),
        (Q(site__name="Helsingborg"), "sv"),
        (Q(team__leader__user__username="leader") | Q(user__username__in=people.demo.DEMO_LOGINS), "en"),
    ],
)
def test_demo_profiles_are_written_in_the_sites_language_and_the_demo_team_in_english(demo, who, language):
    employees = Employee.objects.filter(who).exclude(
        Q(user__username__in=people.demo.DEMO_LOGINS) if language != "en" else Q(pk=None)
    )
    assert employees.count() > 3
    for employee in employees:
        assert employee.strengths in people.demo.STRENGTHS[language]
        assert employee.motivation in people.demo.MOTIVATION[language]
        assert employee.title in people.demo.TITLES[language].values()
