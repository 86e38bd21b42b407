"""People in onboarding right now, for the demo organisation (deterministic for a given seed).

New hires join a few teams (one of them the demo team leader's, with the login "newhire") and start
the seeded three-week base training (migration 0002): the demo trainer and, in the demo leader's team, the demo agent
as floor walker hold tasks. Tasks already due are mostly ticked, some are overdue, and the floor walker
and trainer have written floor notes. Runs after coaching's history (the new hires have none yet).
"""

import datetime
import random
import zoneinfo

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from onboarding import services
from onboarding.models import ChecklistTemplate, FloorNote, OnboardingTask
from people.demo import DEMO_PASSWORD, FIRST_NAMES, LAST_NAMES, TITLES, writing_language
from people.models import Employee, Role, Team

BASE_TRAINING = "Base training: customer service (three weeks)"
DEMO_LOGINS = {"newhire": "New hire in onboarding (Uppsala)"}
TEAMS_PER_NEW_HIRE = 8  # about one team in eight has someone new
TICKED_SHARE = 0.8  # of the tasks already due; the rest are overdue
NOTES = {
    "en": [
        ("Handled an angry caller about a blocked card calmly and kept to the routine.", "CASE-20417"),
        ("Forgot to verify identity before reading out the balance. We went through the routine again.", ""),
        ("Good questions about the AML flags in the payment view.", ""),
        ("Asked for help at the right moment on a mortgage question.", "CALL-88213"),
    ],
    "nb": [
        ("Håndterte en sint kunde med sperret kort rolig og fulgte rutinen.", "SAK-20417"),
        ("Glemte å kontrollere identiteten før saldoen ble lest opp. Vi gikk gjennom rutinen igjen.", ""),
        ("Gode spørsmål om hvitvaskingsvarslene i betalingsbildet.", ""),
        ("Ba om hjelp i riktig øyeblikk på et spørsmål om boliglån.", "SAMTALE-88213"),
    ],
    "sv": [
        ("Hanterade en arg kund med spärrat kort lugnt och följde rutinen.", "ÄRENDE-20417"),
        ("Glömde att kontrollera identiteten innan saldot lästes upp. Vi gick igenom rutinen igen.", ""),
        ("Bra frågor om penningtvättsflaggorna i betalningsvyn.", ""),
        ("Bad om hjälp i rätt ögonblick på en fråga om bolån.", "SAMTAL-88213"),
    ],
}


def seed(*, rng: random.Random, today: datetime.date) -> None:
    """Start onboardings for new hires in about one team in eight (the demo leader's team always)."""
    template = ChecklistTemplate.objects.filter(name_en=BASE_TRAINING).first()
    if template is None:
        return
    now = timezone.now()
    teams = list(
        Team.objects.filter(leader__isnull=False).select_related("site", "leader__user").order_by("pk")
    )
    demo_team = next((team for team in teams if team.leader.user.username == "leader"), None)
    chosen = [
        team for index, team in enumerate(teams) if index % TEAMS_PER_NEW_HIRE == 0 and team != demo_team
    ]
    if demo_team is not None:
        chosen.insert(0, demo_team)
    trainers = {e.site_id: e for e in Employee.objects.filter(role=Role.TRAINER).order_by("-user__username")}
    hr = Employee.objects.filter(role=Role.HR).select_related("user").order_by("pk").first()
    password = make_password(DEMO_PASSWORD)
    for number, team in enumerate(chosen, start=1):
        is_demo = team == demo_team
        starts_on = today - datetime.timedelta(days=17 if is_demo else rng.randint(-5, 45))
        new_hire = _new_hire(team, number, starts_on, rng, password, login="newhire" if is_demo else None)
        floor_walker = _floor_walker(team, new_hire, prefer_login=is_demo)
        trainer = trainers.get(team.site_id)
        onboarding = services.onboarding_start(
            employee=new_hire,
            template=template,
            starts_on=starts_on,
            trainer=trainer,
            floor_walker=floor_walker,
            hr_contact=hr,
            started_by=hr.user if hr else None,
            now=now,  # check-ins already past stay tasks (mostly ticked below); the later ones are booked
        )
        _tick_what_is_done(onboarding, today, rng, hr, keep_overdue=2 if is_demo else 0)
        _floor_notes(onboarding, [floor_walker, trainer], today, rng)


def _new_hire(team, number, starts_on, rng, password, *, login):
    site = team.site
    first, last = rng.choice(FIRST_NAMES[site.country]), rng.choice(LAST_NAMES[site.country])
    username = login or f"new.{first}.{last}.{number}".lower().replace("ø", "o").replace("å", "a").replace(
        "ä", "a"
    ).replace("ö", "o")
    user = get_user_model().objects.create(
        username=username,
        first_name=first,
        last_name=last,
        password=password,
        email=f"{username}@bank.example",
    )
    language = "en" if login or team.leader.language == "en" else site.language
    employee = Employee(
        user=user,
        employee_number=f"{site.country}N{number:04d}",
        role=Role.AGENT,
        site=site,
        team=team,
        started_on=starts_on,
        language=language,
    )
    employee.title = TITLES[writing_language(employee)]["agent"]
    employee.save()
    return employee


def _floor_walker(team, new_hire, *, prefer_login):
    """An experienced agent of the team: the demo agent in the demo leader's team."""
    agents = (
        Employee.objects.filter(team=team, role=Role.AGENT).exclude(pk=new_hire.pk).select_related("user")
    )
    login = agents.filter(user__username="agent").first() if prefer_login else None
    return login or agents.order_by("started_on", "pk").first()


def _tick_what_is_done(onboarding, today, rng, hr, *, keep_overdue):
    """Tick most tasks already due, on their due date, by their assignee (HR for IT's); leave the
    rest overdue, at least `keep_overdue` of them (one of them the floor walker's, when there is one)."""
    zone = zoneinfo.ZoneInfo(onboarding.employee.site.time_zone)
    due = list(
        OnboardingTask.objects.filter(onboarding=onboarding, due_on__lt=today)
        .select_related("assignee__user")
        .order_by("-due_on", "position")
    )
    kept = [task for task in due if task.responsible == "floor_walker"][:1] if keep_overdue else []
    kept += [task for task in due if task not in kept][: max(0, keep_overdue - len(kept))]
    for task in due:
        if task in kept or rng.random() > TICKED_SHARE:
            continue
        at = datetime.datetime.combine(task.due_on, datetime.time(15, 30), tzinfo=zone)
        by = task.assignee.user if task.assignee else (hr.user if hr else None)
        services.onboarding_task_tick(task=task, by=by, now=at)


def _floor_notes(onboarding, authors, today, rng):
    authors = [author for author in authors if author is not None]
    if not authors or onboarding.starts_on > today:
        return
    language = writing_language(onboarding.employee)
    zone = zoneinfo.ZoneInfo(onboarding.employee.site.time_zone)
    days = max(1, (today - onboarding.starts_on).days)
    FloorNote.objects.bulk_create(
        FloorNote(
            employee=onboarding.employee,
            author=authors[index % len(authors)],
            text=text,
            reference=reference,
            created_at=datetime.datetime.combine(
                onboarding.starts_on + datetime.timedelta(days=rng.randint(0, days - 1)),
                datetime.time(rng.randint(9, 16), rng.choice([5, 20, 40])),
                tzinfo=zone,
            ),
        )
        for index, (text, reference) in enumerate(rng.sample(NOTES[language], k=3))
    )
