import datetime

import factory
from django.contrib.auth import get_user_model

from people.models import Employee, PositionChange, Role, Site, Team

PASSWORD = "samtal-test-password"


class SiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Site
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Site {n}")
    country = "SE"
    time_zone = Site.TimeZone.STOCKHOLM
    language = "sv"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="sv_SE")
    last_name = factory.Faker("last_name", locale="sv_SE")
    email = factory.LazyAttribute(lambda user: f"{user.username}@bank.example")
    password = factory.django.Password(PASSWORD)


class EmployeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employee

    user = factory.SubFactory(UserFactory)
    employee_number = factory.Sequence(lambda n: f"E{n:05d}")
    title = "Customer service advisor"
    role = Role.AGENT
    site = factory.SubFactory(SiteFactory)
    team = None
    started_on = datetime.date(2022, 3, 1)
    language = "en"


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    name = factory.Sequence(lambda n: f"Team {n}")
    site = factory.SubFactory(SiteFactory)
    leader = factory.SubFactory(
        EmployeeFactory, role=Role.TEAM_LEADER, title="Team leader", site=factory.SelfAttribute("..site")
    )


class AgentFactory(EmployeeFactory):
    """An agent in `team` (give one), at the team's site."""

    site = factory.LazyAttribute(lambda agent: agent.team.site if agent.team else SiteFactory())


class PositionChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PositionChange

    employee = factory.SubFactory(EmployeeFactory)
    changed_on = datetime.date(2023, 1, 1)
    title = factory.SelfAttribute("employee.title")
    role = factory.SelfAttribute("employee.role")
    team = factory.SelfAttribute("employee.team")
