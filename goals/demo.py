"""Demo data for goals: expectations with acknowledgements, goals with check-ins, a year of KPIs.

Reads the people seeded by people.demo and writes everything in bulk, so that 5,000 employees take
a few seconds. Deterministic for a given random generator and date.
"""

import datetime
import random
from collections import defaultdict
from decimal import Decimal

from django.db import connection
from django.db.models import OuterRef, Subquery
from django.utils import formats, timezone, translation

from config.bulk import insert_rows, insert_values
from goals.models import (
    Acknowledgement,
    CheckIn,
    Expectation,
    ExpectationVersion,
    Goal,
    KpiMeasurement,
    Metric,
)
from people.demo import writing_language
from people.models import Employee, Role, Site, Team

BATCH = 5000
GOAL_CHUNK = 2000

# What people write, in the language they write in (people.demo.writing_language): expectations in
# their author's, goals in their agent's.
ORGANISATION_EXPECTATIONS = {
    "en": [
        (
            "We treat every customer fairly",
            "We give every customer the same good advice, whatever their situation.\n\n"
            "We never sell a product the customer does not need.",
        ),
        (
            "We protect customer data",
            "We only open a customer's records when we are helping that customer.\n\n"
            "We lock our screen when we leave our desk.",
        ),
    ],
    "nb": [
        (
            "Vi behandler alle kunder rettferdig",
            "Vi gir alle kunder de samme gode rådene, uansett situasjon.\n\n"
            "Vi selger aldri et produkt kunden ikke trenger.",
        ),
        (
            "Vi beskytter kundedata",
            "Vi åpner bare en kundes opplysninger når vi hjelper den kunden.\n\n"
            "Vi låser skjermen når vi går fra pulten.",
        ),
    ],
    "sv": [
        (
            "Vi behandlar alla kunder rättvist",
            "Vi ger alla kunder samma goda råd, oavsett situation.\n\n"
            "Vi säljer aldrig en produkt som kunden inte behöver.",
        ),
        (
            "Vi skyddar kunddata",
            "Vi öppnar bara en kunds uppgifter när vi hjälper just den kunden.\n\n"
            "Vi låser skärmen när vi lämnar vår plats.",
        ),
    ],
}
SITE_EXPECTATIONS = {
    "en": [
        (
            "We are ready when the shift starts",
            "Logged in, headset on and today's messages read when the shift begins.",
        ),
    ],
    "nb": [
        (
            "Vi er klare når vakten starter",
            "Logget inn, hodesett på og dagens meldinger lest når vakten begynner.",
        ),
    ],
    "sv": [
        (
            "Vi är redo när passet börjar",
            "Inloggad, headset på och dagens meddelanden lästa när passet börjar.",
        ),
    ],
}
TEAM_EXPECTATIONS = {
    "en": [
        (
            "We answer every e-mail within one working day",
            "Every e-mail gets an answer within one working day.",
        ),
        (
            "We solve the case in the first contact",
            "Whenever we have the mandate, we solve the case in the first contact instead of passing it on.",
        ),
        (
            "We share what we learn",
            "Once a week each of us shares one thing we learned with the team, in the stand-up or on chat.",
        ),
        (
            "We help each other in the queue",
            "When the queue is long we take calls outside our speciality and ask for help when we need it.",
        ),
    ],
    "nb": [
        ("Vi svarer på all e-post innen én arbeidsdag", "All e-post får svar innen én arbeidsdag."),
        (
            "Vi løser saken i første kontakt",
            "Når vi har fullmakt, løser vi saken i første kontakt i stedet for å sende den videre.",
        ),
        (
            "Vi deler det vi lærer",
            "En gang i uken deler hver av oss én ting vi har lært med teamet, på morgenmøtet eller i chatten.",
        ),
        (
            "Vi hjelper hverandre i køen",
            "Når køen er lang, tar vi samtaler utenfor vårt eget område og ber om hjelp når vi trenger det.",
        ),
    ],
    "sv": [
        ("Vi svarar på all e-post inom en arbetsdag", "All e-post får svar inom en arbetsdag."),
        (
            "Vi löser ärendet vid första kontakt",
            "När vi har mandat löser vi ärendet vid första kontakt i stället för att skicka det vidare.",
        ),
        (
            "Vi delar med oss av det vi lär oss",
            "En gång i veckan delar var och en av oss en sak vi har lärt oss med teamet, på morgonmötet "
            "eller i chatten.",
        ),
        (
            "Vi hjälper varandra i kön",
            "När kön är lång tar vi samtal utanför vårt eget område och ber om hjälp när vi behöver det.",
        ),
    ],
}
EDITED_SUFFIX = {
    "en": "\n\nWhen we cannot, we tell the customer when they will hear from us.",
    "nb": "\n\nNår vi ikke kan, sier vi til kunden når de vil høre fra oss.",
    "sv": "\n\nNär vi inte kan, berättar vi för kunden när de kommer att höra av oss.",
}
ACKNOWLEDGEMENT_COMMENTS = {
    "en": "What if the customer asks for an exception?",
    "nb": "Hva om kunden ber om et unntak?",
    "sv": "Vad gör vi om kunden ber om ett undantag?",
}
# code: (low, high of a person's level, monthly noise, movement per month towards better)
KPI_PROFILES = {
    "fcr": (62, 84, 2.5, 0.3),
    "csat": (72, 93, 2.0, 0.2),
    "quality": (76, 97, 2.5, 0.2),
    "aht": (260, 460, 15, -2.0),
}
DEVELOPMENT_GOALS = {
    "en": [
        ("Ready to act as floor walker", "I like helping new colleagues and want to grow towards training."),
        ("Handle mortgage questions without transferring", "I want customers to get their answer from me."),
        ("Lead one team meeting a month", "I want to try leadership before I apply for a team leader role."),
    ],
    "nb": [
        ("Klar til å være fadder", "Jeg liker å hjelpe nye kolleger og vil utvikle meg mot opplæring."),
        ("Svare på boliglånsspørsmål uten å sette over", "Jeg vil at kundene skal få svaret fra meg."),
        (
            "Lede ett teammøte i måneden",
            "Jeg vil prøve meg som leder før jeg søker en stilling som teamleder.",
        ),
    ],
    "sv": [
        (
            "Redo att vara handledare",
            "Jag tycker om att hjälpa nya kollegor och vill utvecklas mot utbildning.",
        ),
        ("Svara på bolånefrågor utan att koppla vidare", "Jag vill att kunderna ska få svaret av mig."),
        (
            "Leda ett teammöte i månaden",
            "Jag vill prova på att leda innan jag söker en tjänst som teamledare.",
        ),
    ],
}
BEHAVIOUR_GOALS = {
    "en": [
        (
            "Summarise the agreed next step at the end of each call",
            "Customers should know what happens next.",
        ),
        ("Say no in a good way", "A clear no with an alternative is better service than a vague maybe."),
        (
            "Ask a colleague for help before transferring",
            "We learn from each other and the customer waits less.",
        ),
    ],
    "nb": [
        ("Oppsummere neste steg på slutten av hver samtale", "Kunden skal vite hva som skjer videre."),
        ("Si nei på en god måte", "Et tydelig nei med et alternativ er bedre service enn et vagt kanskje."),
        ("Spørre en kollega før jeg setter over", "Vi lærer av hverandre, og kunden venter kortere."),
    ],
    "sv": [
        ("Sammanfatta nästa steg i slutet av varje samtal", "Kunden ska veta vad som händer härnäst."),
        (
            "Säga nej på ett bra sätt",
            "Ett tydligt nej med ett alternativ är bättre service än ett vagt kanske.",
        ),
        ("Fråga en kollega innan jag kopplar vidare", "Vi lär oss av varandra och kunden väntar kortare."),
    ],
}
WHY_KPI = {
    "en": [
        "Customers should not have to call twice.",
        "Today I made a difference for the people I spoke to.",
        "I want to see my own progress month by month.",
        "It is what I am proud of at the end of a shift.",
    ],
    "nb": [
        "Kundene skal ikke måtte ringe to ganger.",
        "I dag gjorde jeg en forskjell for dem jeg snakket med.",
        "Jeg vil se min egen utvikling måned for måned.",
        "Det er det jeg er stolt av når vakten er over.",
    ],
    "sv": [
        "Kunderna ska inte behöva ringa två gånger.",
        "I dag gjorde jag skillnad för dem jag pratade med.",
        "Jag vill se min egen utveckling månad för månad.",
        "Det är det jag är stolt över när passet är slut.",
    ],
}
LAST_QUARTER = {"en": "{name} last quarter", "nb": "{name} forrige kvartal", "sv": "{name} förra kvartalet"}


def _month_ends(today, months):
    first = today.replace(day=1)
    ends = []
    for _ in range(months):
        last = first - datetime.timedelta(days=1)
        ends.append(last)
        first = last.replace(day=1)
    return sorted(ends)


def _quarter(today, offset=0):
    index = (today.month - 1) // 3 + offset
    year = today.year + index // 4
    start = datetime.date(year, (index % 4) * 3 + 1, 1)
    end_month = start.month + 3
    end = datetime.date(year + (end_month > 12), (end_month - 1) % 12 + 1, 1) - datetime.timedelta(days=1)
    return start, end


def _number(value, language):
    with translation.override(language):
        return formats.number_format(value)


def _at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))


def seed(*, rng: random.Random, today: datetime.date) -> None:
    """Expectations for the organisation, each site and each team (most acknowledged, some changed
    since), one to three goals per agent in every state with check-ins, and twelve months of KPIs."""
    people = list(Employee.objects.active().select_related("user", "site", "team__leader").order_by("pk"))
    if not people:
        return
    teams = list(Team.objects.select_related("leader__user", "leader__site").order_by("pk"))
    leader_of_team = {team.pk: team.leader for team in teams}
    metrics = {metric.code: metric for metric in Metric.objects.filter(code__in=KPI_PROFILES)}
    levels = _seed_measurements(rng, today, people, metrics)
    _seed_expectations(rng, today, people, teams)
    _seed_goals(rng, today, people, leader_of_team, metrics, levels)


def _seed_measurements(rng, today, people, metrics):
    """Monthly values for the last 12 months for everyone on the phones; returns the latest values."""
    months = _month_ends(today, 12)
    imported_at = _at(today)
    latest = {}

    def rows():
        for person in people:
            if person.role != Role.AGENT:
                continue
            for code, (low, high, noise, trend) in KPI_PROFILES.items():
                level = rng.uniform(low, high)
                for period_end in months:
                    level += trend + rng.uniform(-noise, noise) / 2
                    value = Decimal(str(round(level + rng.uniform(-noise, noise), 1)))
                    yield (person.pk, metrics[code].pk, period_end, value, imported_at)
                latest[(person.pk, code)] = value

    insert_values(KpiMeasurement, rows(), ["employee", "metric", "period_end", "value", "imported_at"])
    return latest


def _seed_expectations(rng, today, people, teams):
    hr = next((p for p in people if p.role == Role.HR), None)
    managers = defaultdict(list)
    for person in people:
        if person.role == Role.MANAGER:
            managers[person.site_id].append(person)
    written = _at(today - datetime.timedelta(days=200))
    language = writing_language(hr) if hr else "en"
    plan = [
        (Expectation.Scope.ORGANISATION, None, None, title, text, hr, language)
        for title, text in ORGANISATION_EXPECTATIONS[language]
    ]
    for site in Site.objects.order_by("pk"):
        author = (managers.get(site.pk) or [None])[0]
        language = writing_language(author) if author else site.language
        plan += [
            (Expectation.Scope.SITE, site, None, title, text, author, language)
            for title, text in SITE_EXPECTATIONS[language]
        ]
    for team in teams:
        language = writing_language(team.leader)
        for title, text in rng.sample(TEAM_EXPECTATIONS[language], rng.randint(2, 3)):
            plan.append((Expectation.Scope.TEAM, None, team, title, text, team.leader, language))
    expectations, edits, languages = [], [], []
    for scope, site, team, title, text, author, language in plan:
        edited_at = None
        if scope == Expectation.Scope.TEAM and rng.random() < 0.3:  # reworded lately: read it again
            edited_at = _at(today - datetime.timedelta(days=rng.randint(3, 40)))
        edits.append(edited_at)
        languages.append(language)
        expectations.append(
            Expectation(
                scope=scope,
                site=site,
                team=team,
                title=title,
                text=text + EDITED_SUFFIX[language] if edited_at else text,
                created_by=author,
                created_at=written,
                updated_at=edited_at or written,
            )
        )
    expectations = Expectation.objects.bulk_create(expectations, batch_size=BATCH)
    if expectations[0].pk is None:  # databases that cannot return keys from a bulk insert
        expectations = list(Expectation.objects.order_by("pk"))
    versions = []
    for expectation, edited_at, language in zip(expectations, edits, languages, strict=True):
        original = expectation.text.removesuffix(EDITED_SUFFIX[language]) if edited_at else expectation.text
        versions.append((expectation.pk, 1, expectation.title, original, expectation.created_by_id, written))
        if edited_at:
            versions.append(
                (expectation.pk, 2, expectation.title, expectation.text, expectation.created_by_id, edited_at)
            )
    insert_values(
        ExpectationVersion, versions, ["expectation", "number", "title", "text", "created_by", "created_at"]
    )
    newest = (
        ExpectationVersion.objects.filter(expectation=OuterRef("pk")).order_by("-number").values("pk")[:1]
    )
    Expectation.objects.update(current_version=Subquery(newest))
    by_expectation = defaultdict(dict)
    for pk, expectation_id, number in ExpectationVersion.objects.values_list(
        "pk", "expectation_id", "number"
    ):
        by_expectation[expectation_id][number] = pk

    organisation = [e for e in expectations if e.scope == Expectation.Scope.ORGANISATION]
    by_site, by_team = defaultdict(list), defaultdict(list)
    for expectation in expectations:
        if expectation.scope == Expectation.Scope.SITE:
            by_site[expectation.site_id].append(expectation)
        elif expectation.scope == Expectation.Scope.TEAM:
            by_team[expectation.team_id].append(expectation)
    edited = {e.pk for e, edited_at in zip(expectations, edits, strict=True) if edited_at}
    rows = []
    for person in people:
        for expectation in organisation + by_site[person.site_id] + by_team.get(person.team_id, []):
            chance = rng.random()
            if chance < 0.12:
                continue  # not yet read
            numbers = by_expectation[expectation.pk]
            read_at = _at(today - datetime.timedelta(days=rng.randint(1, 190)))
            comment = ACKNOWLEDGEMENT_COMMENTS[writing_language(person)] if chance > 0.97 else ""
            rows.append((person.pk, numbers[1], read_at, comment))
            if expectation.pk in edited and chance >= 0.5:  # the others still have to read the change
                rows.append(
                    (person.pk, numbers[2], _at(today - datetime.timedelta(days=rng.randint(0, 2))), "")
                )
    insert_values(Acknowledgement, rows, ["employee", "version", "acknowledged_at", "comment"])


def _seed_goals(rng, today, people, leader_of_team, metrics, levels):
    this_start, this_end = _quarter(today)
    last_start, last_end = _quarter(today, -1)
    goals = []
    for person in people:
        leader = leader_of_team.get(person.team_id)
        if person.role != Role.AGENT or leader is None:
            continue
        language = writing_language(person)
        code = rng.choice(["fcr", "csat", "quality", "aht"])
        metric = metrics[code]
        with translation.override(language):  # the metric as this agent names it, the number as they write it
            name, unit = metric.name, metric.unit
        latest = levels[(person.pk, code)]
        step = Decimal(rng.choice([3, 4, 5])) if code != "aht" else Decimal(-rng.choice([20, 30, 40]))
        status = rng.choices(
            [Goal.Status.AGREED, Goal.Status.PROPOSED, Goal.Status.DRAFT], weights=[75, 20, 5]
        )[0]
        goals.append(
            _goal(
                person, leader, status, rng, this_start, this_end,
                kind=Goal.Kind.KPI, title=f"{name}: {_number(latest + step, language)}{'' if unit == '%' else ' '}{unit}",
                metric=metric, baseline=latest, target=latest + step, why=rng.choice(WHY_KPI[language]),
            )
        )  # fmt: skip
        if rng.random() < 0.6:
            kind = Goal.Kind.DEVELOPMENT if rng.random() < 0.5 else Goal.Kind.BEHAVIOUR
            title, why = rng.choice(
                (DEVELOPMENT_GOALS if kind == Goal.Kind.DEVELOPMENT else BEHAVIOUR_GOALS)[language]
            )
            status = rng.choices([Goal.Status.AGREED, Goal.Status.PROPOSED], weights=[80, 20])[0]
            goals.append(_goal(person, leader, status, rng, this_start, this_end + datetime.timedelta(days=91),
                               kind=kind, title=title, why=why))  # fmt: skip
        if rng.random() < 0.5:
            outcome = rng.choices(Goal.OUTCOMES, weights=[60, 30, 10])[0]
            goal = _goal(person, leader, Goal.Status.AGREED, rng, last_start, last_end, kind=Goal.Kind.KPI,
                         title=LAST_QUARTER[language].format(name=name), metric=metric, baseline=latest - step,
                         target=latest, why=rng.choice(WHY_KPI[language]))  # fmt: skip
            goal.status = outcome
            goal.decided_at, goal.decided_by = _at(last_end + datetime.timedelta(days=3)), leader
            goals.append(goal)
    # Columns the database fills itself (updated_at) are left to it.
    columns = [f.name for f in Goal._meta.concrete_fields if not f.primary_key and not f.has_db_default()]
    attnames = [Goal._meta.get_field(name).attname for name in columns]
    already = set(Goal.objects.values_list("pk", flat=True))
    insert_values(Goal, [tuple(getattr(goal, name) for name in attnames) for goal in goals], columns)
    new_keys = [pk for pk in Goal.objects.order_by("pk").values_list("pk", flat=True) if pk not in already]
    for goal, pk in zip(goals, new_keys, strict=True):  # keys ascend in insertion order
        goal.pk = pk
    created = goals
    _insert_history(created)
    goals = [goal for goal in created if goal.status == Goal.Status.AGREED]
    _seed_kpi_progress(
        rng, [g for g in goals if g.kind == Goal.Kind.KPI and g.starts_on <= today <= g.due_on]
    )
    check_ins = []
    for goal in goals:
        if goal.kind == Goal.Kind.KPI:
            continue  # imported measurements show KPI progress
        day = goal.starts_on + datetime.timedelta(days=14)
        percent = 0
        while day <= today:
            percent = min(100, percent + rng.randint(5, 20))
            status = rng.choices(list(CheckIn.Status), weights=[90, 7, 3])[0]
            check_ins.append(
                CheckIn(goal=goal, checked_on=day, status=status, percent_complete=percent,
                        author_id=goal.employee_id, created_at=_at(day))
            )  # fmt: skip
            day += datetime.timedelta(days=30)
    CheckIn.objects.bulk_create(check_ins, batch_size=BATCH)


def _seed_kpi_progress(rng, goals):
    """The imported values of running KPI goals, rewritten to tell a believable story: the value just
    before the goal started is its baseline, most people move along the plan towards the target and
    about one in twelve stalls. Plain noise would put half the floor "off track" and hide who needs help."""
    for start in range(0, len(goals), GOAL_CHUNK):  # a chunk at a time keeps memory flat
        _rewrite_kpi_values(rng, goals[start : start + GOAL_CHUNK])


def _rewrite_kpi_values(rng, goals):
    rows = KpiMeasurement.objects.filter(
        employee_id__in={g.employee_id for g in goals},
        metric_id__in={g.metric_id for g in goals},
        period_end__gte=min(g.starts_on for g in goals) - datetime.timedelta(days=31),
    ).only("employee_id", "metric_id", "period_end", "value")
    series = defaultdict(list)
    for row in rows:
        series[(row.employee_id, row.metric_id)].append(row)
    changed = []
    for goal in goals:
        values = sorted(series[(goal.employee_id, goal.metric_id)], key=lambda row: row.period_end)
        before = [row for row in values if row.period_end < goal.starts_on]
        if before:  # the agreed baseline is the last value before the start
            before[-1].value = goal.baseline
            changed.append(before[-1])
        stalled = rng.random() < 0.08
        span = max((goal.due_on - goal.starts_on).days, 1)
        for row in values:
            if not goal.starts_on <= row.period_end <= goal.due_on:
                continue
            share = 0.0 if stalled else (row.period_end - goal.starts_on).days / span + rng.uniform(0.0, 0.1)
            row.value = (
                goal.baseline + (goal.target - goal.baseline) * Decimal(str(round(share, 2)))
            ).quantize(Decimal("0.1"))
            changed.append(row)
    if connection.vendor != "postgresql":
        KpiMeasurement.objects.bulk_update(changed, ["value"], batch_size=BATCH)
        return
    # One UPDATE joined to COPYed values instead of CASE expressions of thousands of branches.
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE demo_kpi_value (id bigint, value numeric) ON COMMIT DROP")
        insert_rows("demo_kpi_value", ["id", "value"], {row.pk: row.value for row in changed}.items())
        cursor.execute(
            f"UPDATE {quote(KpiMeasurement._meta.db_table)} AS kpi SET value = new.value "
            "FROM demo_kpi_value AS new WHERE kpi.id = new.id"
        )
        cursor.execute("DROP TABLE demo_kpi_value")


def _insert_history(goals):
    """The "created" entry of each goal's change history, as simple-history would write it."""
    history = Goal.history.model
    filled = [f for f in Goal._meta.concrete_fields if not f.has_db_default()]  # updated_at: the database's
    columns = [f.name for f in filled] + ["history_date", "history_type", "history_user"]
    own = [f.attname for f in filled]
    rows = [
        (*(getattr(goal, name) for name in own), goal._history_date, "+", goal._history_user.pk)
        for goal in goals
    ]
    insert_values(history, rows, columns)


def _goal(person, leader, status, rng, starts_on, due_on, *, kind, title, why, metric=None, baseline=None,
          target=None):  # fmt: skip
    proposed_at = _at(starts_on - datetime.timedelta(days=rng.randint(1, 10)))
    goal = Goal(
        employee=person,
        kind=kind,
        title=title,
        why_it_matters=why,
        metric=metric,
        baseline=baseline,
        target=target,
        starts_on=starts_on,
        due_on=due_on,
        status=status,
        created_by=leader,
        created_at=proposed_at,
    )
    if status in (Goal.Status.PROPOSED, Goal.Status.AGREED):
        goal.leader_agreed_at, goal.leader_agreed_by = proposed_at, leader
        if status == Goal.Status.AGREED or rng.random() < 0.3:
            goal.employee_agreed_at = proposed_at + datetime.timedelta(days=rng.randint(0, 5))
            goal.employee_agreed_by = person
            if status == Goal.Status.PROPOSED:  # the employee proposed; the leader has not agreed yet
                goal.leader_agreed_at = goal.leader_agreed_by = None
                goal.created_by = person
    goal._history_user = leader.user
    goal._history_date = proposed_at
    return goal
