"""People in onboarding right now, for the demo organisation (deterministic for a given seed).

New hires join a few teams (one of them the demo team leader's, with the login "newhire") and start
the seeded three-week base training (migration 0002): the demo trainer and, in the demo leader's team, the demo agent
as floor walker hold tasks. Tasks already due are mostly ticked, some are overdue, and the floor walker
and trainer have written floor notes. Runs after coaching's history (the new hires have none yet).
"""

import datetime
import random
import zoneinfo
from collections import defaultdict

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from coaching.models import Conversation, ConversationType
from coaching.services import rhythms_ensure
from onboarding import services
from onboarding.models import ChecklistTemplate, FloorNote, Onboarding, OnboardingTask
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
    """Start onboardings for new hires in about one team in eight (the demo leader's team always).

    The rows are those onboarding_start and onboarding_task_tick write (the same tasks, bookings,
    rhythms, history and statuses), built in memory and written in a few bulk inserts: through the
    services, each of the few hundred onboardings of a large demo took dozens of queries."""
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
    template_tasks = list(template.tasks.select_related("check_in_type").order_by("position", "pk"))
    floor_walkers = _floor_walkers(chosen, demo_team)
    password = make_password(DEMO_PASSWORD)
    onboardings, tasks, check_ins, notes = [], [], [], []
    for number, team in enumerate(chosen, start=1):
        is_demo = team == demo_team
        starts_on = today - datetime.timedelta(days=17 if is_demo else rng.randint(-5, 45))
        new_hire = _new_hire(team, number, starts_on, rng, password, login="newhire" if is_demo else None)
        floor_walker, trainer = floor_walkers.get(team.pk), trainers.get(team.site_id)
        onboarding = Onboarding(
            employee=new_hire,
            template=template,
            starts_on=starts_on,
            leader=team.leader,
            trainer=trainer,
            floor_walker=floor_walker,
            hr_contact=hr,
            started_by=hr.user if hr else None,
        )
        own_tasks = services.onboarding_tasks_from(onboarding, template_tasks)
        zone = zoneinfo.ZoneInfo(team.site.time_zone)
        for task, source in zip(own_tasks, template_tasks, strict=True):
            # Check-ins already past stay tasks (mostly ticked below); the later ones are booked.
            check_in_at = services.check_in_at(task, zone)
            if source.check_in_type is not None and check_in_at >= now:
                task.conversation = Conversation(
                    leader=team.leader,
                    employee=new_hire,
                    conversation_type=source.check_in_type,
                    scheduled_at=check_in_at,
                    duration_minutes=services.CHECK_IN_MINUTES,
                    invitation_changed_at=now,  # owed an invitation, as every booking
                )
                check_ins.append(task.conversation)
        _tick_what_is_done(onboarding, own_tasks, today, rng, hr, zone, keep_overdue=2 if is_demo else 0)
        notes += _floor_notes(onboarding, [floor_walker, trainer], today, rng, zone)
        onboardings.append(onboarding)
        tasks += own_tasks
    _save(onboardings, tasks, check_ins, notes)


def _save(onboardings, tasks, check_ins, notes):
    """Write in the order the services do: people, onboardings (with their history entry), bookings
    (with theirs) and the rhythms a booking ensures, then tasks; an onboarding whose every task is
    ticked completes, as the last tick's status check would have done."""
    new_hires = [onboarding.employee for onboarding in onboardings]
    users = get_user_model().objects.bulk_create([employee.user for employee in new_hires])
    for employee, user in zip(new_hires, users, strict=True):
        employee.user = user
    bulk_create_with_history(new_hires, Employee)  # as saving each new hire records their history
    completed = [
        (onboarding, onboarding.completed_at) for onboarding in onboardings if onboarding.completed_at
    ]
    for onboarding, _completed_at in completed:  # the history entry shows the onboarding as it started
        onboarding.completed_at = None
    bulk_create_with_history(onboardings, Onboarding)
    bulk_create_with_history(check_ins, Conversation)
    booked = defaultdict(set)
    for conversation in check_ins:
        booked[conversation.conversation_type].add(conversation.employee_id)
    rhythms_ensure(employees=sorted({pk for people in booked.values() for pk in people}))
    for conversation_type, people in booked.items():
        if conversation_type.kind != ConversationType.Kind.FOLLOW_UP:
            rhythms_ensure(employees=sorted(people), conversation_type=conversation_type)
    OnboardingTask.objects.bulk_create(tasks)
    for onboarding, completed_at in completed:
        Onboarding.objects.filter(pk=onboarding.pk).update(
            status=Onboarding.Status.COMPLETED, completed_at=completed_at
        )
    FloorNote.objects.bulk_create(notes)


def _new_hire(team, number, starts_on, rng, password, *, login):
    """An unsaved employee with their unsaved user."""
    site = team.site
    first, last = rng.choice(FIRST_NAMES[site.country]), rng.choice(LAST_NAMES[site.country])
    username = login or f"new.{first}.{last}.{number}".lower().replace("ø", "o").replace("å", "a").replace(
        "ä", "a"
    ).replace("ö", "o")
    user = get_user_model()(
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
    return employee


def _floor_walkers(teams, demo_team):
    """The floor walker of each team's new hire: the team's longest-serving agent, and the demo
    agent in the demo leader's team."""
    agents = Employee.objects.filter(team__in=teams, role=Role.AGENT).select_related("user")
    chosen = {}
    for agent in agents.order_by("started_on", "pk"):
        if agent.team_id == getattr(demo_team, "pk", None) and agent.user.username == "agent":
            chosen[agent.team_id] = agent
        else:
            chosen.setdefault(agent.team_id, agent)
    return chosen


def _tick_what_is_done(onboarding, tasks, today, rng, hr, zone, *, keep_overdue):
    """Tick most tasks already due, on their due date, by their assignee (HR for IT's); leave the
    rest overdue, at least `keep_overdue` of them (one of them the floor walker's, when there is one).
    A tick that leaves no task open completes the onboarding then."""
    # Latest due first, then by position.
    due = sorted(
        (task for task in tasks if task.due_on < today),
        key=lambda task: (-task.due_on.toordinal(), task.position),
    )
    kept = [task for task in due if task.responsible == "floor_walker"][:1] if keep_overdue else []
    kept += [task for task in due if task not in kept][: max(0, keep_overdue - len(kept))]
    for task in due:
        if task in kept or rng.random() > TICKED_SHARE:
            continue
        task.completed_at = datetime.datetime.combine(task.due_on, datetime.time(15, 30), tzinfo=zone)
        task.completed_by = task.assignee.user if task.assignee else (hr.user if hr else None)
        if all(task.completed_at for task in tasks):
            onboarding.completed_at = task.completed_at


def _floor_notes(onboarding, authors, today, rng, zone):
    authors = [author for author in authors if author is not None]
    if not authors or onboarding.starts_on > today:
        return []
    language = writing_language(onboarding.employee)
    days = max(1, (today - onboarding.starts_on).days)
    return [
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
    ]
