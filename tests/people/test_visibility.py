import pytest
from django.contrib.auth import get_user_model
from django.db.models import Q

from people.models import Employee, Role, Site, Team
from tests.factories import AgentFactory, EmployeeFactory, TeamFactory

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


def scope_before_issue_14(user, *, for_edit=False):
    """The scopes as they were written before they were shaped for the planner (issue 14): an OR of
    a subquery and `pk = me`. The rewritten scopes must return exactly these rows."""
    viewer = getattr(user, "employee", None)
    if user.is_superuser or (viewer is not None and viewer.role == Role.HR):
        return Employee.objects.all()
    if viewer is None:
        return Employee.objects.none()
    if viewer.role == Role.TEAM_LEADER:
        led = Q(team__in=Team.objects.filter(leader=viewer).values("pk"))
        return Employee.objects.active().filter(led if for_edit else led | Q(pk=viewer.pk))
    if for_edit:
        return Employee.objects.none()
    if viewer.role == Role.MANAGER:
        sites = Site.objects.filter(Q(managers=viewer) | Q(pk=viewer.site_id)).values("pk")
        return Employee.objects.active().filter(Q(site__in=sites) | Q(pk=viewer.pk))
    return Employee.objects.filter(pk=viewer.pk)


def teams_before_issue_14(user):
    visible = scope_before_issue_14(user)
    return Team.objects.filter(Q(pk__in=visible.values("team_id")) | Q(leader__in=visible.values("pk")))


def an_organisation_with_every_kind_of_team(cast):
    """The cast, plus a leader of two teams, a leader of none, a team without a leader, a leader who is
    a member of their own team, a manager of two sites and people who have left."""
    two_teams = TeamFactory(name="Pensions", site=cast.site, leader__user__username="two_teams").leader
    TeamFactory(name="Insurance", site=cast.other_site, leader=two_teams)
    AgentFactory(team=two_teams.led_teams.get(name="Insurance"), user__username="insurance_agent")
    EmployeeFactory(role=Role.TEAM_LEADER, site=cast.site, team=None, user__username="leads_nothing")
    TeamFactory(name="Leaderless", site=cast.site, leader=None)
    AgentFactory(team=cast.site.teams.get(name="Leaderless"), user__username="leaderless_agent")
    member = TeamFactory(
        name="Mortgages", site=cast.other_site, leader__user__username="member_leader"
    ).leader
    member.team = member.led_teams.get()
    member.save()
    AgentFactory(team=member.team, user__username="mortgage_agent")
    left = AgentFactory(team=cast.team, user__username="left_agent")
    left.ended_on = left.started_on
    left.save()
    left_leader = TeamFactory(name="Closed", site=cast.site, leader__user__username="left_leader").leader
    left_leader.ended_on = left_leader.started_on
    left_leader.save()
    cast.manager.managed_sites.add(cast.other_site)


def sites_where_they_see_someone(user):
    """Site.visible_to as written first, before a manager's sites were probed one by one."""
    if user.is_superuser or getattr(getattr(user, "employee", None), "role", None) == Role.HR:
        return Site.objects.all()
    return Site.objects.filter(pk__in=Employee.objects.visible_to(user).values("site_id"))


def every_user(cast):
    return [*get_user_model().objects.select_related("employee").order_by("pk"), cast.no_employee]


def test_the_rewritten_scopes_return_the_same_people_and_teams_for_every_role(cast):
    an_organisation_with_every_kind_of_team(cast)
    users = every_user(cast)
    assert len(users) > 20
    for user in users:
        user = type(user).objects.get(pk=user.pk)  # a fresh user, as a request has
        for for_edit in (False, True):
            assert set(
                Employee.objects.visible_to(user, for_edit=for_edit).values_list("pk", flat=True)
            ) == set(scope_before_issue_14(user, for_edit=for_edit).values_list("pk", flat=True)), (
                user.username,
                for_edit,
            )
        assert set(Team.objects.visible_to(user).values_list("pk", flat=True)) == set(
            teams_before_issue_14(user).values_list("pk", flat=True)
        ), user.username
        assert set(Site.objects.visible_to(user)) == set(sites_where_they_see_someone(user)), user.username


def test_a_leader_without_a_team_sees_only_themself(cast):
    an_organisation_with_every_kind_of_team(cast)
    leads_nothing = Employee.objects.get(user__username="leads_nothing")
    assert list(Employee.objects.visible_to(leads_nothing.user)) == [leads_nothing]
    assert not Employee.objects.visible_to(leads_nothing.user, for_edit=True).exists()
    assert not Team.objects.visible_to(leads_nothing.user).exists()


def test_a_leader_of_two_teams_sees_both(cast):
    an_organisation_with_every_kind_of_team(cast)
    two_teams = Employee.objects.get(user__username="two_teams")
    assert set(Employee.objects.visible_to(two_teams.user).values_list("user__username", flat=True)) == {
        "two_teams",
        "insurance_agent",
    }
