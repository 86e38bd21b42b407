"""Two years of conversation history for the demo organisation, deterministic for a given seed.

Every agent in a team gets a follow-up rhythm and held conversations on it, with notes, wellbeing,
wins and action items. Most people are on rhythm; some drift and are overdue, some are on parental
leave (paused) or just back from it (welcome-back due), some summaries wait for confirmation, and
the coming weeks have conversations booked. Everything is written with a few bulk inserts.
"""

import bisect
import datetime
import json
import random
from collections import defaultdict
from zoneinfo import ZoneInfo

from django.core.management.color import no_style
from django.db import connection, models
from django.db.models import Max
from django.utils import timezone, translation

from coaching.models import (
    ActionItem,
    AgendaItem,
    Conversation,
    ConversationType,
    GuidingAnswer,
    PrivateNote,
    QualityScore,
    Rhythm,
)
from config.bulk import insert_rows
from goals.models import KpiMeasurement
from people.demo import writing_language
from people.models import Employee, Role

HISTORY_DAYS = 2 * 365
SNAPSHOT_DAYS = 120
BATCH = 2000
AGENT_CHUNK = 2000  # agents whose history is built and written at a time

# What people write, in the language they write in (people.demo.writing_language).
NOTES = {
    "en": [
        "Went through last fortnight's numbers. First-contact resolution is up; transfers to the card team "
        "are still frequent, so we agreed to look at which questions could be solved directly.",
        "Good talk about the busy Monday mornings. Customer satisfaction steady. We discussed how to close "
        "calls politely when the customer wants to chat on.",
        "Reviewed the chat backlog week. Quality checks were fine. Talked about taking short breaks between "
        "difficult calls.",
        "Numbers on target. We spoke about the new mortgage routine and what still feels unclear.",
        "A tougher period with many complaints after the app outage. We talked about what helps to reset "
        "after an angry caller.",
        "Handling time is down without losing warmth. We discussed helping the new colleagues on the floor.",
        "We looked at three e-mail answers together: clear and friendly; the structure could be tighter.",
        "Talked about the schedule for the summer and how the evening shifts feel.",
    ],
    "nb": [
        "Gikk gjennom tallene for de siste to ukene. Løsningsgraden i første kontakt går opp; det blir "
        "fortsatt mange overføringer til kortteamet, så vi ble enige om å se på hvilke spørsmål som kan "
        "løses direkte.",
        "God prat om de travle mandagsmorgenene. Kundetilfredsheten er stabil. Vi snakket om hvordan man "
        "avslutter en samtale høflig når kunden vil fortsette å prate.",
        "Så på uken med kø i chatten. Kvalitetskontrollene var fine. Snakket om å ta korte pauser mellom "
        "vanskelige samtaler.",
        "Tallene er på mål. Vi snakket om den nye boliglånsrutinen og hva som fortsatt er uklart.",
        "En tyngre periode med mange klager etter nedetiden i appen. Vi snakket om hva som hjelper for å "
        "hente seg inn etter en sint kunde.",
        "Behandlingstiden har gått ned uten at varmen har forsvunnet. Vi snakket om å hjelpe de nye "
        "kollegene på gulvet.",
        "Vi så på tre e-postsvar sammen: tydelige og vennlige; strukturen kan strammes inn.",
        "Snakket om vaktplanen for sommeren og hvordan kveldsvaktene oppleves.",
    ],
    "sv": [
        "Gick igenom siffrorna för de senaste två veckorna. Lösningsgraden vid första kontakt ökar; det blir "
        "fortfarande många kopplingar till kortteamet, så vi kom överens om att se vilka frågor som kan "
        "lösas direkt.",
        "Bra samtal om de stressiga måndagsmorgnarna. Kundnöjdheten är stabil. Vi pratade om hur man "
        "avslutar ett samtal artigt när kunden vill fortsätta prata.",
        "Tittade på veckan med kö i chatten. Kvalitetskontrollerna såg bra ut. Pratade om att ta korta "
        "pauser mellan svåra samtal.",
        "Siffrorna är i nivå med målen. Vi pratade om den nya bolånerutinen och vad som fortfarande är oklart.",
        "En tyngre period med många klagomål efter avbrottet i appen. Vi pratade om vad som hjälper för att "
        "återhämta sig efter en arg kund.",
        "Hanteringstiden har gått ner utan att värmen försvunnit. Vi pratade om att hjälpa de nya kollegorna "
        "i kundtjänsten.",
        "Vi tittade på tre e-postsvar tillsammans: tydliga och vänliga; strukturen kan bli stramare.",
        "Pratade om schemat för sommaren och hur kvällspassen känns.",
    ],
}
ANSWERS = {  # to the guiding questions: whole sentences, never cut
    "en": [
        "Mostly good. The Monday queues are hard, but I feel more confident with card questions now.",
        "The call with the customer who was stuck abroad: I solved it in one go.",
        "I would like more time with the mortgage team before I take those calls alone.",
        "Ending calls on time without sounding rushed.",
        "Better than last month; the new checklist helps.",
    ],
    "nb": [
        "Stort sett bra. Køene på mandager er tøffe, men jeg er tryggere på kortspørsmål nå.",
        "Samtalen med kunden som satt fast i utlandet: jeg løste det på første forsøk.",
        "Jeg vil gjerne ha mer tid med boliglånsteamet før jeg tar de samtalene alene.",
        "Å avslutte samtalene i tide uten å virke stresset.",
        "Bedre enn forrige måned; den nye sjekklisten hjelper.",
    ],
    "sv": [
        "Mestadels bra. Köerna på måndagar är tuffa, men jag känner mig tryggare med kortfrågor nu.",
        "Samtalet med kunden som satt fast utomlands: jag löste det på en gång.",
        "Jag skulle vilja ha mer tid med bolåneteamet innan jag tar de samtalen själv.",
        "Att avsluta samtalen i tid utan att låta stressad.",
        "Bättre än förra månaden; den nya checklistan hjälper.",
    ],
}
WINS = {
    "en": [
        "A customer called back just to say thank you for sorting out a blocked card abroad.",
        "Best first-contact resolution in the team this month.",
        "Helped a new colleague through their first fraud call.",
        "Praised in the quality review for a calm and clear explanation of fees.",
        "Stayed late to clear the chat queue during the outage; the team noticed.",
        "",
        "",
    ],
    "nb": [
        "En kunde ringte tilbake bare for å takke for hjelpen med et sperret kort i utlandet.",
        "Høyest løsningsgrad i første kontakt i teamet denne måneden.",
        "Hjalp en ny kollega gjennom den første samtalen om svindel.",
        "Fikk ros i kvalitetsgjennomgangen for en rolig og tydelig forklaring av gebyrer.",
        "Ble igjen for å tømme chatkøen under nedetiden; teamet la merke til det.",
        "",
        "",
    ],
    "sv": [
        "En kund ringde tillbaka bara för att tacka för hjälpen med ett spärrat kort utomlands.",
        "Högst lösningsgrad vid första kontakt i teamet den här månaden.",
        "Hjälpte en ny kollega genom det första samtalet om bedrägeri.",
        "Fick beröm i kvalitetsgenomgången för en lugn och tydlig förklaring av avgifter.",
        "Stannade kvar för att beta av chattkön under avbrottet; teamet märkte det.",
        "",
        "",
    ],
}
WELLBEING_COMMENTS = {
    "en": [
        "Feels good about the work; a bit tired after the evening shifts.",
        "Energised by the new tasks.",
        "The queue pressure is heavy right now.",
        "Sleeping badly after night shifts; we will look at the rota.",
        "",
        "",
        "",
    ],
    "nb": [
        "Trives med jobben; litt sliten etter kveldsvaktene.",
        "Får energi av de nye oppgavene.",
        "Køpresset er tungt akkurat nå.",
        "Sover dårlig etter nattevakter; vi ser på turnusen.",
        "",
        "",
        "",
    ],
    "sv": [
        "Trivs med jobbet; lite trött efter kvällspassen.",
        "Får energi av de nya uppgifterna.",
        "Trycket från kön är tungt just nu.",
        "Sover dåligt efter nattpass; vi ser över schemat.",
        "",
        "",
        "",
    ],
}
_EMPLOYEE, _LEADER = ActionItem.Owner.EMPLOYEE, ActionItem.Owner.LEADER
ACTIONS = {
    "en": [
        ("Listen to two recorded calls with the buddy and note one thing to copy", _EMPLOYEE),
        ("Ask the card team for their checklist on blocked cards", _EMPLOYEE),
        ("Book the mortgage refresher course", _LEADER),
        ("Look at the evening rota so that no one has more than two late shifts in a row", _LEADER),
        ("Try the new closing phrase on ten calls and tell how it went", _EMPLOYEE),
        ("Shadow the quality team for an afternoon", _EMPLOYEE),
        ("Check whether a second screen can be ordered", _LEADER),
        ("Write down three questions customers often ask about fees", _EMPLOYEE),
    ],
    "nb": [
        ("Lytt til to innspilte samtaler med fadderen og noter én ting å ta etter", _EMPLOYEE),
        ("Be kortteamet om sjekklisten deres for sperrede kort", _EMPLOYEE),
        ("Meld på oppfriskningskurset i boliglån", _LEADER),
        ("Se på kveldsturnusen så ingen har mer enn to seine vakter på rad", _LEADER),
        ("Prøv den nye avslutningsfrasen i ti samtaler og fortell hvordan det gikk", _EMPLOYEE),
        ("Hospiter hos kvalitetsteamet en ettermiddag", _EMPLOYEE),
        ("Undersøk om det kan bestilles en skjerm til", _LEADER),
        ("Skriv ned tre spørsmål kundene ofte stiller om gebyrer", _EMPLOYEE),
    ],
    "sv": [
        ("Lyssna på två inspelade samtal med handledaren och notera en sak att ta efter", _EMPLOYEE),
        ("Be kortteamet om deras checklista för spärrade kort", _EMPLOYEE),
        ("Boka repetitionskursen i bolån", _LEADER),
        ("Se över kvällsschemat så att ingen har mer än två sena pass i rad", _LEADER),
        ("Testa den nya avslutningsfrasen i tio samtal och berätta hur det gick", _EMPLOYEE),
        ("Följ med kvalitetsteamet en eftermiddag", _EMPLOYEE),
        ("Kolla om en extra skärm kan beställas", _LEADER),
        ("Skriv ner tre frågor som kunderna ofta ställer om avgifter", _EMPLOYEE),
    ],
}
AGENDA = {
    "en": [
        "My schedule next month",
        "Feedback on the chat pilot",
        "Could I try a day with the credit department?",
        "Questions about the new fee rules",
        "How am I doing on the quality checks?",
    ],
    "nb": [
        "Vaktplanen min neste måned",
        "Tilbakemelding på chatpiloten",
        "Kan jeg prøve en dag hos kredittavdelingen?",
        "Spørsmål om de nye gebyrreglene",
        "Hvordan ligger jeg an i kvalitetskontrollene?",
    ],
    "sv": [
        "Mitt schema nästa månad",
        "Återkoppling på chattpiloten",
        "Kan jag få prova en dag på kreditavdelningen?",
        "Frågor om de nya avgiftsreglerna",
        "Hur ligger jag till i kvalitetskontrollerna?",
    ],
}
PRIVATE = {
    "en": [
        "Seems to carry a lot at home right now; ask gently next time.",
        "Ready for more responsibility; consider as buddy for the next new hire.",
        "Check whether the workload complaint is about one customer segment.",
    ],
    "nb": [
        "Ser ut til å bære mye hjemme nå; spør forsiktig neste gang.",
        "Klar for mer ansvar; vurder som fadder for neste nyansatte.",
        "Sjekk om klagen på arbeidsmengden gjelder ett kundesegment.",
    ],
    "sv": [
        "Verkar bära på mycket hemma just nu; fråga varsamt nästa gång.",
        "Redo för mer ansvar; överväg som handledare för nästa nyanställda.",
        "Kolla om klagomålet på arbetsbelastningen gäller ett kundsegment.",
    ],
}
COACHING_COMMENTS = {
    "en": [
        "Clear greeting and good identification; the summary at the end could be shorter.",
        "Listened well and found the real need; remember to document the agreement in the case.",
    ],
    "nb": [
        "Tydelig hilsen og god legitimering; oppsummeringen på slutten kunne vært kortere.",
        "Lyttet godt og fant det egentlige behovet; husk å dokumentere avtalen i saken.",
    ],
    "sv": [
        "Tydlig hälsning och bra identifiering; sammanfattningen i slutet kunde vara kortare.",
        "Lyssnade bra och hittade det verkliga behovet; kom ihåg att dokumentera överenskommelsen i ärendet.",
    ],
}
EMPLOYEE_COMMENTS = {
    "en": "Thanks, a good summary. I also want to add the shift question.",
    "nb": "Takk, et godt referat. Jeg vil også legge til spørsmålet om vaktene.",
    "sv": "Tack, en bra sammanfattning. Jag vill också lägga till frågan om passen.",
}
PAUSE_REASONS = {"en": "Parental leave", "nb": "Foreldrepermisjon", "sv": "Föräldraledighet"}
ROOMS = ["Room Fjorden", "Room Skogen", "Teams"]  # names of rooms and tools, the same in every language
BOOKED_PLACES = {
    "en": [*ROOMS, "Meet at the coffee machine"],
    "nb": [*ROOMS, "Vi møtes ved kaffemaskinen"],
    "sv": [*ROOMS, "Vi ses vid kaffemaskinen"],
}
PROFILES = (  # share of agents, and what their recent history looks like
    ("on_rhythm", 0.66),
    ("drifting", 0.16),  # last conversation long ago: overdue
    ("paused", 0.05),  # on parental leave now
    ("returned", 0.04),  # back from leave, welcome-back conversation due
    ("new", 0.09),  # started recently: weekly onboarding check-ins
)


def seed(*, rng: random.Random, today: datetime.date) -> None:
    """Conversation history for every agent with a team leader. Expects no coaching rows yet.
    Agents are handled a chunk at a time (the same random sequence as all at once), so memory stays
    flat at 25,000 people."""
    types = {kind.kind: kind for kind in ConversationType.objects.all()}
    agents = Employee.objects.filter(role=Role.AGENT, team__leader__isnull=False)
    agent_ids = list(agents.order_by("pk").values_list("pk", flat=True))
    builder = _Builder(rng=rng, today=today, types=types)
    for start in range(0, len(agent_ids), AGENT_CHUNK):
        chunk = agents.filter(pk__in=agent_ids[start : start + AGENT_CHUNK])
        for agent in chunk.select_related("site", "team__leader__user", "user").order_by("pk"):
            builder.person(agent)
        builder.freeze_key_figures()
        builder.save()


class _Builder:
    def __init__(self, *, rng, today, types):
        self.rng, self.today, self.types = rng, today, types
        self.now = timezone.now()
        self.showcase = False
        self.demo_leader_sees_someone_overdue = False
        self._guides = {}
        self._clear()

    def _clear(self):
        self.rhythms: list[Rhythm] = []
        # Rows in the order of CONVERSATION_COLUMNS and CHILD_COLUMNS, ready for COPY: building model
        # instances or dicts for a million rows took most of the seed's time. A child holds the index
        # of its conversation in this chunk until save() knows the conversations' ids.
        self.conversations: list[list] = []
        self.children: dict[str, list[list]] = {kind: [] for kind in CHILD_COLUMNS}
        self.seen: set[tuple] = set()  # (kind, conversation index, question or criterion)
        self.newcomers: list[Employee] = []  # started recently: their start date moves

    # One person ------------------------------------------------------------------------------------

    def person(self, agent):
        rng, today = self.rng, self.today
        profile = _pick(rng, PROFILES)
        self.showcase = agent.user.username == "agent"  # the demo login shows every part of the page
        self.language = writing_language(agent)
        self.open_actions = set()  # an agent never has the same action item open twice
        if self.showcase:
            profile = "on_rhythm"
        elif agent.team.leader.user.username == "leader" and not self.demo_leader_sees_someone_overdue:
            profile = "drifting"  # the demo leader's dashboard shows someone who needs a conversation
            self.demo_leader_sees_someone_overdue = True
        if profile == "new":
            agent.started_on = max(agent.started_on, today - datetime.timedelta(days=rng.randint(10, 60)))
            self.newcomers.append(agent)
        cadence = rng.choice([14, 14, 14, 14, 7, 21, 28])
        leader_id = agent.team.leader_id
        zone = ZoneInfo(agent.site.time_zone)
        round_the_clock = agent.shift in (Employee.Shift.NIGHT, Employee.Shift.ROTATING)
        energy_base, workload_base = rng.choice([2, 3, 3, 4, 4, 4, 5]), rng.choice([2, 3, 3, 3, 4, 4, 5])
        start = max(agent.started_on, today - datetime.timedelta(days=HISTORY_DAYS))

        paused_on = resumes_on = None
        if profile == "paused":
            paused_on = today - datetime.timedelta(days=rng.randint(30, 200))
            resumes_on = today + datetime.timedelta(days=rng.randint(30, 250))
        elif profile == "returned":
            paused_on = today - datetime.timedelta(days=rng.randint(200, 330))
            resumes_on = today - datetime.timedelta(days=rng.randint(1, 12))
        pause_reason = PAUSE_REASONS[self.language] if paused_on else ""
        follow_up = self.types[ConversationType.Kind.FOLLOW_UP]
        self.rhythms.append(
            Rhythm(
                employee=agent,
                conversation_type=follow_up,
                cadence_days=cadence,
                paused_on=paused_on,
                resumes_on=resumes_on,
                pause_reason=pause_reason,
            )
        )
        coached = rng.random() < 0.45
        if coached:
            self.rhythms.append(
                Rhythm(
                    employee=agent,
                    conversation_type=self.types[ConversationType.Kind.COACHING],
                    cadence_days=30,
                    paused_on=paused_on,
                    resumes_on=resumes_on,
                    pause_reason=pause_reason,
                )
            )

        # Where the regular history stops: drifting people were last seen weeks ago.
        last_day = today - datetime.timedelta(days=1)
        if profile == "drifting":
            last_day = today - datetime.timedelta(days=cadence + rng.randint(5, 40))

        def when(day):
            hour = (
                rng.choice([7, 9, 10, 13, 15, 18, 21, 23])
                if round_the_clock
                else rng.choice([8, 9, 10, 13, 14, 15])
            )
            local = datetime.datetime.combine(day, datetime.time(hour, rng.choice([0, 0, 30])), tzinfo=zone)
            return local.astimezone(datetime.UTC)

        def away(day):
            return paused_on is not None and paused_on <= day < (resumes_on or datetime.date.max)

        kind = ConversationType.Kind.FOLLOW_UP
        if profile == "new":
            self._held(
                agent,
                leader_id,
                ConversationType.Kind.GETTING_TO_KNOW,
                when(start + datetime.timedelta(days=2)),
                energy_base,
                workload_base,
                recent=True,
            )
            for week in range(1, 7):  # weekly onboarding check-ins during the first weeks on the floor
                day = start + datetime.timedelta(days=7 * week)
                if day < today:
                    self._held(
                        agent,
                        leader_id,
                        ConversationType.Kind.ONBOARDING,
                        when(day),
                        energy_base,
                        workload_base,
                        recent=True,
                    )
        # Walk back from the last one: people on rhythm were seen within their cadence, drifting
        # people weeks too long ago. The very latest one may have been missed or cancelled.
        day = last_day - datetime.timedelta(days=0 if profile == "drifting" else rng.randint(0, cadence - 2))
        latest = True
        while day >= start:
            if not away(day):
                roll = rng.random()
                status = Conversation.Status.HELD
                if not latest and roll < 0.03:
                    status = Conversation.Status.CANCELLED
                elif not latest and roll < 0.05:
                    status = Conversation.Status.MISSED
                recent = (today - day).days < 3 * cadence
                self._held(
                    agent,
                    leader_id,
                    kind,
                    when(day),
                    energy_base,
                    workload_base,
                    recent=recent,
                    status=status,
                )
                latest = False
            day -= datetime.timedelta(days=cadence + rng.randint(-2, 3))
        if coached:
            day = start + datetime.timedelta(days=rng.randint(5, 30))
            while day <= last_day:
                if not away(day):
                    self._held(
                        agent,
                        leader_id,
                        ConversationType.Kind.COACHING,
                        when(day),
                        energy_base,
                        workload_base,
                        recent=(today - day).days < 40,
                    )
                day += datetime.timedelta(days=30 + rng.randint(-4, 6))
        for years_ago in (1, 0):
            day = today - datetime.timedelta(days=365 * years_ago + rng.randint(20, 200))
            if start < day <= last_day and not away(day):
                self._held(
                    agent,
                    leader_id,
                    ConversationType.Kind.DEVELOPMENT,
                    when(day),
                    energy_base,
                    workload_base,
                    recent=years_ago == 0,
                )

        # The coming weeks: those on rhythm (and returners) have their next conversation booked.
        if profile in ("on_rhythm", "new", "returned") and (self.showcase or rng.random() < 0.8):
            next_kind = ConversationType.Kind.WELCOME_BACK if profile == "returned" else kind
            next_day = today + datetime.timedelta(
                days=rng.randint(0 if profile == "returned" else 1, cadence)
            )
            scheduled_at = when(next_day)
            duration, location = rng.choice(DURATIONS), rng.choice(BOOKED_PLACES[self.language])
            index = self._add(
                [None, agent.pk, leader_id, self.types[next_kind].pk, Conversation.Status.SCHEDULED,
                 scheduled_at, duration, location, None, "", "", None, None, "", "", "", None,
                 NO_SNAPSHOT, None, None, "", 0, self.now]
            )  # fmt: skip
            for text in rng.sample(AGENDA[self.language], k=2 if self.showcase else rng.randint(0, 2)):
                self.children["agenda"].append([index, agent.pk, text, self.now])

    def _held(
        self,
        agent,
        leader_id,
        kind,
        scheduled_at,
        energy_base,
        workload_base,
        *,
        recent,
        status=Conversation.Status.HELD,
    ):
        rng, language, now = self.rng, self.language, self.now
        if scheduled_at >= now:
            return
        conversation_type = self.types[kind]
        held = status == Conversation.Status.HELD
        duration = 60 if kind == ConversationType.Kind.DEVELOPMENT else rng.choice(DURATIONS)
        location = rng.choice(ROOMS)
        notes = wins = wellbeing_comment = employee_comment = reference = channel = ""
        energy = workload = interaction_on = held_at = confirmed_at = None
        if held:
            held_at = min(now, scheduled_at + datetime.timedelta(minutes=rng.randint(30, 600)))
            notes = rng.choice(NOTES[language])
            wins = rng.choice(WINS[language])
            energy = _clamp(energy_base + rng.choice([-1, 0, 0, 0, 1]))
            workload = _clamp(workload_base + rng.choice([-1, 0, 0, 1]))
            wellbeing_comment = rng.choice(WELLBEING_COMMENTS[language])
            # Older summaries are confirmed; a few recent ones still wait for the employee.
            if not recent or (not self.showcase and rng.random() < 0.6):
                confirmed_at = min(now, held_at + datetime.timedelta(hours=rng.randint(2, 72)))
                if rng.random() < 0.1:
                    employee_comment = EMPLOYEE_COMMENTS[language]
            if kind == ConversationType.Kind.COACHING:
                reference = f"CASE-{rng.randint(100000, 999999)}"
                channel = rng.choice(CHANNELS)
                interaction_on = (scheduled_at - datetime.timedelta(days=rng.randint(1, 5))).date()
        index = self._add(
            [None, agent.pk, leader_id, conversation_type.pk, status, scheduled_at, duration, location, None,
             notes, wins, energy, workload, wellbeing_comment, reference, channel, interaction_on, NO_SNAPSHOT,
             held_at, confirmed_at, employee_comment, 0 if held else 1, now]
        )  # fmt: skip
        if not held:
            return
        children = self.children
        choices = [action for action in ACTIONS[language] if action[0] not in self.open_actions]
        count = min(len(choices), rng.choice([0, 1, 1, 2] if recent else [0, 0, 1]))
        for text, owner in rng.sample(choices, k=count):
            due_on = scheduled_at.date() + datetime.timedelta(days=rng.choice([7, 14, 21, 30]))
            completed_at = dropped_at = None
            if not recent or (not self.showcase and rng.random() < 0.35):
                done_at = scheduled_at + datetime.timedelta(days=rng.randint(1, 20))
                if rng.random() < 0.08:
                    dropped_at = min(done_at, now)
                else:
                    completed_at = min(done_at, now)
            else:
                self.open_actions.add(text)
            children["action"].append([agent.pk, index, text, owner, due_on, completed_at, dropped_at, now])
        if not recent:
            return
        questions, criteria = self._guide(conversation_type, language)
        coaching = kind == ConversationType.Kind.COACHING
        answers = [
            rng.choice((COACHING_COMMENTS if coaching else ANSWERS)[language]),
            rng.choice(ANSWERS[language]),
        ]
        for question, answer in zip(questions, answers, strict=False):
            self._add_once("answer", index, question, answer)
        if rng.random() < 0.15:
            children["private"].append([index, leader_id, rng.choice(PRIVATE[language]), now, now])
        if coaching:
            for criterion in criteria:
                self._add_once("score", index, criterion, rng.choice([2, 3, 3, 4, 4, 5]))

    def _add_once(self, kind, index, key, value):
        """One answer per question and one score per criterion of a conversation."""
        if (kind, index, key) not in self.seen:
            self.seen.add((kind, index, key))
            self.children[kind].append([index, key, value])

    def _guide(self, conversation_type, language):
        """The questions and criteria of `conversation_type` as a leader writing `language` reads them."""
        key = (conversation_type.pk, language)
        if key not in self._guides:
            with translation.override(language):
                self._guides[key] = conversation_type.question_list(), conversation_type.criterion_list()
        return self._guides[key]

    def freeze_key_figures(self):
        """Recent held conversations carry the key figures of their day, as if they had been
        frozen when marked held (the goals demo has imported a year of measurements by now)."""
        since = self.today - datetime.timedelta(days=SNAPSHOT_DAYS)
        measurements, period_ends = defaultdict(list), defaultdict(list)
        employees = {conversation[EMPLOYEE] for conversation in self.conversations}
        rows = KpiMeasurement.objects.filter(
            employee_id__in=employees, period_end__gte=since - datetime.timedelta(days=62)
        ).values_list("employee_id", "metric_id", "period_end", "value")
        for employee_id, metric_id, period_end, value in rows.order_by("period_end"):
            measurements[employee_id].append((metric_id, period_end, value))
            period_ends[employee_id].append(period_end)
        snapshots = {}  # (person, how many of their measurements are out by then): the JSON
        for conversation in self.conversations:
            held_on = conversation[SCHEDULED_AT].date()
            if conversation[STATUS] != Conversation.Status.HELD or held_on < since:
                continue
            person = conversation[EMPLOYEE]
            key = (person, bisect.bisect_right(period_ends[person], held_on))
            if key not in snapshots:
                latest = {}
                for metric_id, period_end, value in measurements[person][: key[1]]:
                    latest[metric_id] = {
                        "metric_id": metric_id,
                        "value": str(value),
                        "measured_on": period_end.isoformat(),
                        "target": None,
                    }
                snapshots[key] = json.dumps(list(latest.values()))
            conversation[KPI_SNAPSHOT] = snapshots[key]

    def _add(self, conversation):
        self.conversations.append(conversation)
        return len(self.conversations) - 1

    # Writing ---------------------------------------------------------------------------------------

    def _copy_last_held(self):
        """The rhythms' copies of the history (`Rhythm.refresh_last_held` in SQL), from the
        conversations of this chunk: every conversation of a person is built in the same chunk."""
        of_type, any_type = {}, {}
        for conversation in self.conversations:
            if conversation[STATUS] != Conversation.Status.HELD:
                continue
            person, at = conversation[EMPLOYEE], conversation[SCHEDULED_AT]
            key = (person, conversation[CONVERSATION_TYPE])
            of_type[key] = max(at, of_type.get(key, at))
            any_type[person] = max(at, any_type.get(person, at))
        for rhythm in self.rhythms:
            rhythm.last_held_at = of_type.get((rhythm.employee_id, rhythm.conversation_type_id))
            rhythm.last_seen_at = any_type.get(rhythm.employee_id)

    def save(self):
        """Rhythms through the ORM; the hundreds of thousands of history rows with COPY (PostgreSQL)
        or plain multi-row inserts. Primary keys are assigned here so that the children can point
        at their conversation."""
        Employee.objects.bulk_update(self.newcomers, ["started_on"], batch_size=BATCH)
        self._copy_last_held()
        Rhythm.objects.bulk_create(self.rhythms, batch_size=BATCH)
        first_id = _next_id(Conversation)
        for offset, conversation in enumerate(self.conversations):
            conversation[ID] = first_id + offset
        _insert(Conversation, CONVERSATION_COLUMNS, self.conversations)
        for kind, model in CHILD_MODELS.items():
            rows, slot = self.children[kind], CHILD_COLUMNS[kind].index("conversation_id")
            for row in rows:
                row[slot] += first_id
            _insert(model, CHILD_COLUMNS[kind], rows)
        with connection.cursor() as cursor:  # PostgreSQL: move the id sequence past the ids set above
            for sql in connection.ops.sequence_reset_sql(no_style(), [Conversation]):
                cursor.execute(sql)
        self._clear()


CONVERSATION_COLUMNS = [
    "id",
    "employee_id",
    "leader_id",
    "conversation_type_id",
    "status",
    "scheduled_at",
    "duration_minutes",
    "location",
    "requested_by_id",
    "shared_notes",
    "wins",
    "energy",
    "workload",
    "wellbeing_comment",
    "interaction_reference",
    "interaction_channel",
    "interaction_on",
    "kpi_snapshot",
    "held_at",
    "summary_confirmed_at",
    "employee_comment",
    "calendar_sequence",
    "created_at",
]
CHILD_COLUMNS = {
    "agenda": ["conversation_id", "author_id", "text", "created_at"],
    "action": [
        "employee_id",
        "conversation_id",
        "text",
        "owner",
        "due_on",
        "completed_at",
        "dropped_at",
        "created_at",
    ],
    "answer": ["conversation_id", "question", "answer"],
    "score": ["conversation_id", "criterion", "score"],
    "private": ["conversation_id", "author_id", "text", "created_at", "updated_at"],
}


CHILD_MODELS = {
    "agenda": AgendaItem,
    "action": ActionItem,
    "answer": GuidingAnswer,
    "score": QualityScore,
    "private": PrivateNote,
}
ID, EMPLOYEE, CONVERSATION_TYPE, STATUS, SCHEDULED_AT, KPI_SNAPSHOT = (
    CONVERSATION_COLUMNS.index(column)
    for column in ("id", "employee_id", "conversation_type_id", "status", "scheduled_at", "kpi_snapshot")
)
NO_SNAPSHOT = "[]"  # kpi_snapshot is written as JSON text
DURATIONS = [30, 30, 45]
CHANNELS = list(Conversation.Channel)


def _next_id(model) -> int:
    return (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1


def _sqlite_datetime(value):
    """What Django's SQLite backend stores for an aware datetime (naive UTC text), without its
    per-call checks: a few microseconds saved a million times."""
    return str(value.astimezone(datetime.UTC).replace(tzinfo=None))


def _insert(model, columns, rows: list[list]) -> None:
    """INSERT `rows` (values in `columns` order) into `model`'s table. PostgreSQL's driver takes
    dates and datetimes as they are; SQLite gets the text Django would store for them."""
    if rows and connection.vendor == "sqlite":
        fields = [model._meta.get_field(column.removesuffix("_id")) for column in columns]
        as_text = [
            (position, _sqlite_datetime if isinstance(field, models.DateTimeField) else str)
            for position, field in enumerate(fields)
            if isinstance(field, models.DateField)  # DateTimeField is a DateField too
        ]
        for row in rows:
            for position, adapt in as_text:
                if row[position] is not None:
                    row[position] = adapt(row[position])
    insert_rows(model._meta.db_table, columns, rows)


def _pick(rng, weighted):
    roll, total = rng.random(), 0.0
    for value, share in weighted:
        total += share
        if roll < total:
            return value
    return weighted[-1][0]


def _clamp(value):
    return max(1, min(5, value))
