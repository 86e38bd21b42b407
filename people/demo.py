"""The demo organisation: a Nordic bank's customer service, deterministic for a given seed."""

import datetime
import random
from collections import Counter, defaultdict

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from people.models import Employee, PositionChange, Role, Site, Team

DEMO_PASSWORD = "samtal-demo"
BATCH = 2000  # rows per INSERT: 25,000 people in one statement would be a 10 MB query
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
# What demo people write is in the language they write in (writing_language below).
TITLES = {
    "en": {
        "head": "Head of customer service",
        "hr": "HR partner",
        "manager": "Customer service manager",
        "trainer": "Trainer",
        "leader": "Team leader",
        "agent": "Customer service advisor",
    },
    "nb": {
        "head": "Kundeservicedirektør",
        "hr": "HR-partner",
        "manager": "Kundeservicesjef",
        "trainer": "Instruktør",
        "leader": "Teamleder",
        "agent": "Kunderådgiver",
    },
    "sv": {
        "head": "Kundtjänstchef, alla kontor",
        "hr": "HR-partner",
        "manager": "Kundtjänstchef",
        "trainer": "Utbildare",
        "leader": "Teamledare",
        "agent": "Kundrådgivare",
    },
}
POSITION_NOTES = {
    "en": {"promotion": "Internal promotion", "moved": "Moved team"},
    "nb": {"promotion": "Intern forfremmelse", "moved": "Byttet team"},
    "sv": {"promotion": "Intern befordran", "moved": "Bytte team"},
}
STRENGTHS = {
    "en": [
        "Calm with upset customers; explains clearly.",
        "Strong on cards and payments; colleagues ask for help.",
        "Fast in the systems, high first-contact resolution.",
        "Warm tone on chat; customers thank by name.",
        "Thorough with compliance checks.",
    ],
    "nb": [
        "Rolig med opprørte kunder; forklarer tydelig.",
        "Sterk på kort og betaling; kollegene spør om hjelp.",
        "Rask i systemene, høy løsningsgrad i første kontakt.",
        "Varm tone i chatten; kundene takker ved navn.",
        "Grundig med kontrollene som regelverket krever.",
    ],
    "sv": [
        "Lugn med upprörda kunder; förklarar tydligt.",
        "Stark på kort och betalningar; kollegorna frågar om hjälp.",
        "Snabb i systemen, hög lösningsgrad vid första kontakt.",
        "Varm ton i chatten; kunderna tackar med namn.",
        "Noggrann med kontrollerna som regelverket kräver.",
    ],
}
DEVELOPMENT = {
    "en": [
        "Keep calls shorter without losing warmth.",
        "Confidence with mortgage questions.",
        "Written e-mail answers: structure and tone.",
        "Saying no to a customer in a good way.",
        "Taking the lead in team meetings.",
    ],
    "nb": [
        "Kortere samtaler uten å miste varmen.",
        "Trygghet på spørsmål om boliglån.",
        "Skriftlige svar på e-post: struktur og tone.",
        "Å si nei til en kunde på en god måte.",
        "Å ta ordet i teammøtene.",
    ],
    "sv": [
        "Kortare samtal utan att tappa värmen.",
        "Trygghet i frågor om bolån.",
        "Skriftliga svar på e-post: struktur och ton.",
        "Att säga nej till en kund på ett bra sätt.",
        "Att ta täten på teammötena.",
    ],
}
MOTIVATION = {
    "en": [
        "Making a difference for the customer on a bad day.",
        "Learning something new every week.",
        "A good team around me and being trusted.",
        "Seeing my numbers improve month by month.",
        "Helping new colleagues find their feet.",
    ],
    "nb": [
        "Å gjøre en forskjell for kunden på en dårlig dag.",
        "Å lære noe nytt hver uke.",
        "Et godt team rundt meg og å bli vist tillit.",
        "Å se tallene mine bli bedre måned for måned.",
        "Å hjelpe nye kolleger til å finne seg til rette.",
    ],
    "sv": [
        "Att göra skillnad för kunden en dålig dag.",
        "Att lära mig något nytt varje vecka.",
        "Ett bra team omkring mig och att bli litad på.",
        "Att se mina siffror bli bättre månad för månad.",
        "Att hjälpa nya kollegor att komma in i jobbet.",
    ],
}


def writing_language(employee) -> str:
    """The language a demo person writes in: English for the demo logins and the team of the demo
    team leader, so a newcomer can read what they see; their site's language for everyone else.
    (In the demo only the logins prefer English, so a preference for English marks them.)"""
    team = employee.team
    if employee.language == "en" or (team is not None and team.leader.language == "en"):
        return "en"
    return employee.site.language


def seed(*, rng: random.Random, today: datetime.date, employees: int = 250) -> None:
    """Create sites, teams and about `employees` people with history. Expects an empty database."""
    sites = [
        Site.objects.create(name=name, country=country, time_zone=tz, language=language)
        for name, country, tz, language, _share, _round_the_clock in SITES
    ]
    password = make_password(DEMO_PASSWORD)
    people = _People(rng=rng, today=today, password=password)

    head = people.add(sites[0], Role.MANAGER, "head", login="head")
    people.add(sites[1], Role.HR, "hr", login="hr")
    people.add(sites[2], Role.HR, "hr")
    for index, site in enumerate(sites):
        people.add(site, Role.MANAGER, "manager", login="manager" if index == 0 else None)
    for index in range(3):
        people.add(sites[index], Role.TRAINER, "trainer", login="trainer" if index == 0 else None)

    team_count = max(len(sites), round(employees / 10))
    agent_count = max(team_count, employees - len(people.rows) - team_count)
    teams = []
    teams_at = Counter()
    for index in range(team_count):
        site = _pick_site(sites, index, team_count)
        leader = people.add(site, Role.TEAM_LEADER, "leader", login="leader" if index == 0 else None)
        teams.append(Team(name=_team_name(teams_at[site.name]), site=site, leader=leader))
        teams_at[site.name] += 1
    people.save()
    Team.objects.bulk_create(teams, batch_size=BATCH)

    for index in range(agent_count):
        team = teams[index % team_count]
        people.add(
            team.site,
            Role.AGENT,
            "agent",
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

    def add(self, site, role, job, *, team=None, login=None):
        """An employee with the title `job` (a key of TITLES) in the language they write in."""
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
        )
        language = writing_language(employee)
        employee.title = TITLES[language][job]
        employee.strengths = rng.choice(STRENGTHS[language])
        employee.development_areas = rng.choice(DEVELOPMENT[language])
        employee.motivation = rng.choice(MOTIVATION[language])
        employee.career_interests = rng.sample(
            [c.value for c in Employee.CareerInterest], k=rng.randint(0, 2)
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
        users = get_user_model().objects.bulk_create(
            [user for user, _employee in self._pending], batch_size=BATCH
        )
        for user, (_unsaved, employee) in zip(users, self._pending, strict=True):
            employee.user = user
        Employee.objects.bulk_create([employee for _user, employee in self._pending], batch_size=BATCH)
        self._pending = []


def _position_history(rng, today, employees, teams):
    """Everyone's start, leaders' internal promotions and some moves between teams."""
    changes = []
    teams_at = defaultdict(list)
    for team in teams:
        teams_at[team.site_id].append(team)
    for employee in employees:
        language = writing_language(employee)
        notes = POSITION_NOTES[language]
        if employee.role == Role.TEAM_LEADER and rng.random() < 0.9:  # most leaders come from the floor
            promoted_on = min(today, employee.started_on + datetime.timedelta(days=rng.randint(400, 1500)))
            changes.append(
                PositionChange(
                    employee=employee,
                    changed_on=employee.started_on,
                    title=TITLES[language]["agent"],
                    role=Role.AGENT,
                )
            )
            changes.append(
                PositionChange(
                    employee=employee,
                    changed_on=promoted_on,
                    title=employee.title,
                    role=employee.role,
                    note=notes["promotion"],
                )
            )
            continue
        if employee.role == Role.AGENT and employee.team and rng.random() < 0.15:
            first_team = rng.choice(teams_at[employee.site_id])
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
                    note=notes["moved"],
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
    PositionChange.objects.bulk_create(changes, batch_size=BATCH)
