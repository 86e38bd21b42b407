import pytest

from people.models import Employee

CAST_EMPLOYEES = [
    "leader",
    "other_leader",
    "far_leader",
    "agent",
    "teammate",
    "other_agent",
    "far_agent",
    "manager",
    "other_manager",
    "hr",
    "trainer",
]


def visible_names(cast, user, **kwargs):
    people = {getattr(cast, name).pk: name for name in CAST_EMPLOYEES}
    return {people[pk] for pk in Employee.objects.visible_to(user, **kwargs).values_list("pk", flat=True)}


@pytest.mark.parametrize(
    ("viewer", "expected"),
    [
        ("agent", {"agent"}),
        ("trainer", {"trainer"}),
        ("leader", {"leader", "agent", "teammate"}),
        ("far_leader", {"far_leader", "far_agent"}),
        (
            "manager",
            {"leader", "other_leader", "agent", "teammate", "other_agent", "manager", "hr", "trainer"},
        ),
        ("other_manager", {"far_leader", "far_agent", "other_manager"}),
        ("hr", set(CAST_EMPLOYEES)),
    ],
)
def test_each_role_sees_exactly_its_people(cast, viewer, expected):
    assert visible_names(cast, getattr(cast, viewer).user) == expected


@pytest.mark.parametrize(
    ("viewer", "expected"),
    [
        ("agent", set()),
        ("leader", {"agent", "teammate"}),
        ("manager", set()),
        ("hr", set(CAST_EMPLOYEES)),
    ],
)
def test_each_role_may_edit_exactly_its_people(cast, viewer, expected):
    assert visible_names(cast, getattr(cast, viewer).user, for_edit=True) == expected


def test_superuser_sees_everyone_and_a_user_without_employee_nobody(cast):
    assert visible_names(cast, cast.superuser) == set(CAST_EMPLOYEES)
    assert visible_names(cast, cast.no_employee) == set()


def test_a_manager_follows_the_sites_they_manage(cast):
    cast.manager.managed_sites.add(cast.other_site)
    assert {"far_agent", "far_leader"} <= visible_names(cast, cast.manager.user)


def test_people_who_have_left_stay_visible_to_hr_only(cast):
    cast.agent.ended_on = cast.agent.started_on
    cast.agent.save()
    assert "agent" not in visible_names(cast, cast.leader.user)
    assert "agent" in visible_names(cast, cast.hr.user)
