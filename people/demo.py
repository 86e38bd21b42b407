"""The demo organisation: a Nordic bank's customer service, deterministic for a given seed."""

import datetime
import random

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from people.models import Employee, PositionChange, Role, Site, Team

DEMO_PASSWORD = "samtal-demo"
DEMO_LOGINS = {  # username: who; these users see English, the rest their site's language
    "agent": "Agent (Uppsala)",
    "leader": "Team leader (Uppsala)",
    "manager": "Site manager (Uppsala)",
    "head": "Head of customer service (all sites)",
    "hr": "HR partner",
    "trainer": "Trainer",
}

SITES = [  # name, country, time zone, language, share of the staff, open around the clock
    ("Uppsala", "SE", Site.TimeZone.STOCKHOLM, "sv", 0.45, True),
    ("Helsingborg", "SE", Site.TimeZone.STOCKHOLM, "sv", 0.27, False),
    ("Oslo", "NO", Site.TimeZone.OSLO, "nb", 0.28, False),
]
FIRST_NAMES = {
    "SE": "Anna Erik Maria Lars Karin Johan Sara Anders Emma Per Elin Mikael Linnea Oskar Ida Fredrik Maja "
    "Henrik Ebba Nils Klara Gustav Alva Viktor Agnes Axel Wilma Hugo Astrid Emil Signe Olle Tove Linus".split(),
    "NO": "Ingrid Ole Kari Lars Nora Magnus Silje Henrik Emma Jonas Ida Sindre Marte Eirik Hanne Andreas Thea "
    "Knut Sofie Håkon Ragnhild Even Tuva Sander Maren Vegard Live Tobias Synnøve Øystein Frida Mathias".split(),
}
LAST_NAMES = {
    "SE": "Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson Gustafsson Pettersson "
    "Jonsson Jansson Hansson Bengtsson Lindberg Lindqvist Berg Sjöberg Holm Lund Ek Björk Wallin Hedlund".split(),
    "NO": "Hansen Johansen Olsen Larsen Andersen Pedersen Nilsen Kristiansen Jensen Karlsen Johnsen Pettersen "
    "Eriksen Berg Haugen Hagen Johannessen Andreassen Jacobsen Dahl Jørgensen Halvorsen Lie Moen Solberg".split(),
}
TEAM_NAMES = (
    "Cards Loans Savings Mortgages Payments Fraud Online Pensions Insurance Business Premium Chat".split()
)
STRENGTHS = [
    "Calm with upset customers; explains clearly.",
    "Strong on cards and payments; colleagues ask for help.",
    "Fast in the systems, high first-contact resolution.",
    "Warm tone on chat; customers thank by name.",
    "Thorough with compliance checks.",
]
DEVELOPMENT = [
    "Keep calls shorter without losing warmth.",
    "Confidence with mortgage questions.",
    "Written e-mail answers: structure and tone.",
    "Saying no to a customer in a good way.",
    "Taking the lead in team meetings.",
]
MOTIVATION = [
    "Making a difference for the customer on a bad day.",
    "Learning something new every week.",
    "A good team around me and being trusted.",
    "Seeing my numbers improve month by month.",
    "Helping new colleagues find their feet.",
]


def seed(*, rng: random.Random, today: datetime.date, employees: int = 250) -> None:
    """Create sites, teams and about `employees` people with history. Expects an empty database."""
    sites = [
        Site.objects.create(name=name, country=country, time_zone=tz, language=language)
        for name, country, tz, language, _share, _round_the_clock in SITES
    ]
    password = make_password(DEMO_PASSWORD)
    people = _People(rng=rng, today=today, password=password)

    head = people.add(sites[0], Role.MANAGER, "Head of customer service", login="head")
    people.add(sites[1], Role.HR, "HR partner", login="hr")
    people.add(sites[2], Role.HR, "HR partner")
    for index, site in enumerate(sites):
        people.add(site, Role.MANAGER, "Customer service manager", login="manager" if index == 0 else None)
    for index in range(3):
        people.add(sites[index], Role.TRAINER, "Trainer", login="trainer" if index == 0 else None)

    team_count = max(len(sites), round(employees / 10))
    agent_count = max(team_count, employees - len(people.rows) - team_count)
    teams = []
    for index in range(team_count):
        site = _pick_site(sites, index, team_count)
        leader = people.add(site, Role.TEAM_LEADER, "Team leader", login="leader" if index == 0 else None)
        teams.append(
            Team(name=_team_name(sum(team.site == site for team in teams)), site=site, leader=leader)
        )
    people.save()
    Team.objects.bulk_create(teams)

    for index in range(agent_count):
        team = teams[index % team_count]
        people.add(
            team.site,
            Role.AGENT,
            "Customer service advisor",
            team=team,
            login="agent" if index == 0 else None,
        )
    people.save()
    head.managed_sites.set(sites)
    _position_history(rng, today, people.rows, teams)


def _pick_site(sites, index, team_count):
    bounds, total = [], 0.0
    for _name, _country, _tz, _language, share, _round in SITES:
        total += share
        bounds.append(total * team_count)
    return sites[next(i for i, bound in enumerate(bounds) if index < bound)]


def _team_name(index_at_site):
    """Cards, Loans, … and, past the list, Cards 2, Loans 2, …"""
    name = TEAM_NAMES[index_at_site % len(TEAM_NAMES)]
    round_ = index_at_site // len(TEAM_NAMES) + 1
    return name if round_ == 1 else f"{name} {round_}"


class _People:
    """Collects employees with their users so that both are written in a few bulk inserts."""

    def __init__(self, *, rng, today, password):
        self.rng, self.today, self.password = rng, today, password
        self.rows: list[Employee] = []
        self._pending: list[tuple] = []
        self._numbers = 0
        self._usernames: set[str] = set()

    def add(self, site, role, title, *, team=None, login=None):
        rng = self.rng
        first, last = rng.choice(FIRST_NAMES[site.country]), rng.choice(LAST_NAMES[site.country])
        self._numbers += 1
        username = login or self._username(first, last)
        user = get_user_model()(
            username=username,
            first_name=first,
            last_name=last,
            password=self.password,
            email=f"{username}@bank.example",
        )
        round_the_clock = site.name == SITES[0][0]
        employee = Employee(
            employee_number=f"{site.country}{self._numbers:05d}",
            title=title,
            role=role,
            site=site,
            team=team,
            started_on=self.today - datetime.timedelta(days=rng.randint(20, 8 * 365)),
            employment_type=Employee.EmploymentType.HOURLY
            if role == Role.AGENT and rng.random() < 0.25
            else Employee.EmploymentType.PERMANENT,
            shift=rng.choice(
                list(Employee.Shift) if round_the_clock else [Employee.Shift.DAY, Employee.Shift.EVENING]
            ),
            language="en" if login else site.language,
            phone=f"+{46 if site.country == 'SE' else 47} 7{rng.randint(10000000, 99999999)}",
            strengths=rng.choice(STRENGTHS),
            development_areas=rng.choice(DEVELOPMENT),
            motivation=rng.choice(MOTIVATION),
            career_interests=rng.sample([c.value for c in Employee.CareerInterest], k=rng.randint(0, 2)),
        )
        self._pending.append((user, employee))
        self.rows.append(employee)
        return employee

    def _username(self, first, last):
        base = (
            f"{first}.{last}".lower().replace("ø", "o").replace("å", "a").replace("ä", "a").replace("ö", "o")
        )
        username, suffix = base, 1
        while username in self._usernames:
            suffix += 1
            username = f"{base}{suffix}"
        self._usernames.add(username)
        return username

    def save(self):
        users = get_user_model().objects.bulk_create([user for user, _employee in self._pending])
        for user, (_unsaved, employee) in zip(users, self._pending, strict=True):
            employee.user = user
        Employee.objects.bulk_create([employee for _user, employee in self._pending])
        self._pending = []


def _position_history(rng, today, employees, teams):
    """Everyone's start, leaders' internal promotions and some moves between teams."""
    changes = []
    for employee in employees:
        if employee.role == Role.TEAM_LEADER and rng.random() < 0.9:  # most leaders come from the floor
            promoted_on = min(today, employee.started_on + datetime.timedelta(days=rng.randint(400, 1500)))
            changes.append(
                PositionChange(
                    employee=employee,
                    changed_on=employee.started_on,
                    title="Customer service advisor",
                    role=Role.AGENT,
                )
            )
            changes.append(
                PositionChange(
                    employee=employee,
                    changed_on=promoted_on,
                    title=employee.title,
                    role=employee.role,
                    note="Internal promotion",
                )
            )
            continue
        if employee.role == Role.AGENT and employee.team and rng.random() < 0.15:
            first_team = rng.choice([team for team in teams if team.site_id == employee.site_id])
            moved_on = employee.started_on + (today - employee.started_on) / 2
            changes.append(
                PositionChange(
                    employee=employee,
                    changed_on=employee.started_on,
                    title=employee.title,
                    role=employee.role,
                    team=first_team,
                )
            )
            changes.append(
                PositionChange(
                    employee=employee,
                    changed_on=moved_on,
                    title=employee.title,
                    role=employee.role,
                    team=employee.team,
                    note="Moved team",
                )
            )
            continue
        changes.append(
            PositionChange(
                employee=employee,
                changed_on=employee.started_on,
                title=employee.title,
                role=employee.role,
                team=employee.team,
            )
        )
    PositionChange.objects.bulk_create(changes)
