"""The follow-up state and the coverage figures read from the rhythms' copies of the history
(`last_held_at`, `last_seen_at`) agree with what was computed from the history itself before those
copies existed. The earlier computation lives here only, as the reference."""

import datetime
import random
import zoneinfo

import pytest
from django.db.models import Case, Exists, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Greatest, TruncDate
from django.db.models.lookups import LessThan
from django.utils import timezone

from coaching.models import (
    COVERAGE_COVERED,
    COVERAGE_OVERDUE,
    COVERAGE_PAUSED,
    AddDays,
    Conversation,
    ConversationType,
    Rhythm,
)
from coaching.selectors import Coverage
from dashboards.selectors import coverage_by
from people.models import Employee
from tests.coaching.factories import (
    ConversationFactory,
    HeldConversationFactory,
    RhythmFactory,
    conversation_type,
)
from tests.factories import AgentFactory, TeamFactory

FOLLOW_UP = ConversationType.Kind.FOLLOW_UP
HELD = Conversation.Status.HELD
PAUSES = ["none", "none", "none", "paused_open", "paused_until_later", "returned", "returns_today", "ahead"]


def _held_by(employee_ref):
    return Conversation.objects.filter(employee=employee_ref, status=HELD)


def status_from_history(rhythms, today):
    """`Rhythm.objects.with_status` as it was: the last held conversation looked up per rhythm."""
    held = _held_by(OuterRef("employee"))
    last_held = held.filter(conversation_type=OuterRef("conversation_type")).order_by("-scheduled_at")
    due = AddDays(Coalesce(TruncDate("ref_last_held_at"), F("employee__started_on")), F("cadence_days"))
    paused = Q(paused_on__isnull=False, paused_on__lte=today) & (
        Q(resumes_on__isnull=True) | Q(resumes_on__gt=today)
    )
    held_since_return = held.annotate(held_on=TruncDate("scheduled_at")).filter(
        held_on__gte=OuterRef("resumes_on")
    )
    return (
        rhythms.annotate(ref_last_held_at=Subquery(last_held.values("scheduled_at")[:1]))
        .annotate(
            ref_next_due_on=Greatest(due, Coalesce(F("resumes_on"), Value(datetime.date.min))),
            ref_is_paused=Case(When(paused, then=Value(True)), default=Value(False)),
            ref_welcome_back_due=Case(
                When(Q(resumes_on__isnull=True) | Q(resumes_on__gt=today), then=Value(False)),
                When(~Exists(held_since_return), then=Value(True)),
                default=Value(False),
            ),
        )
        .annotate(
            ref_is_overdue=Case(
                When(Q(ref_is_paused=False, ref_next_due_on__lt=today), then=Value(True)),
                default=Value(False),
            )
        )
    )


def coverage_state_from_history(rhythms, today):
    """`Rhythm.objects.with_coverage_state` as it was."""
    last_held = _held_by(OuterRef("employee")).filter(conversation_type=OuterRef("conversation_type"))
    base = Coalesce(
        TruncDate(Subquery(last_held.order_by("-scheduled_at").values("scheduled_at")[:1])),
        F("employee__started_on"),
    )
    paused = Q(paused_on__isnull=False, paused_on__lte=today) & (
        Q(resumes_on__isnull=True) | Q(resumes_on__gt=today)
    )
    return rhythms.annotate(
        ref_state=Case(
            When(paused, then=Value(COVERAGE_PAUSED)),
            When(resumes_on__gte=today, then=Value(COVERAGE_COVERED)),
            When(LessThan(AddDays(base, F("cadence_days")), today), then=Value(COVERAGE_OVERDUE)),
            default=Value(COVERAGE_COVERED),
        )
    )


def coverage_by_from_history(*, members, key, today):
    """`dashboards.selectors.coverage_by` as it was: a state and a last-held look-up per person, counted
    in Python."""
    state = (
        coverage_state_from_history(
            Rhythm.objects.filter(employee=OuterRef("pk"), conversation_type__kind=FOLLOW_UP), today
        )
        .order_by()
        .values("ref_state")[:1]
    )
    last_held = _held_by(OuterRef("pk")).order_by("-scheduled_at").values("scheduled_at")[:1]
    rows = (
        members.filter(team__isnull=False)
        .exclude(pk=F("team__leader"))
        .annotate(ref_state=Subquery(state), ref_last_held_on=TruncDate(Subquery(last_held)))
        .order_by()
        .values_list(key, "ref_state", "ref_last_held_on")
    )
    coverage: dict[int, Coverage] = {}
    for group, follow_up, last_held_on in rows:
        days = None if last_held_on is None else (today - last_held_on).days
        coverage.setdefault(group, Coverage()).count(state=follow_up, days_since_seen=days)
    return coverage


def varied_history(cast, today, rng):
    """Sixty people at two sites: paused, back from a pause, never held, overdue, due soon, seen only in
    other types, without a follow-up rhythm; conversations near midnight in UTC and local time."""
    teams = [cast.team, cast.other_team, TeamFactory(site=cast.other_site, leader=cast.other_leader)]
    for index in range(60):
        person = AgentFactory(
            team=teams[index % 3], started_on=today - datetime.timedelta(rng.randint(0, 900))
        )
        if rng.random() < 0.9:
            cadence = rng.choice([7, 14, 30, 90])
            pause = rng.choice(PAUSES)
            day = lambda days: today + datetime.timedelta(days=days)  # noqa: E731
            paused_on, resumes_on = {
                "none": (None, None),
                "paused_open": (day(-rng.randint(0, 60)), None),
                "paused_until_later": (day(-rng.randint(0, 60)), day(rng.randint(1, 40))),
                "returned": (day(-rng.randint(90, 200)), day(-rng.randint(1, 30))),
                "returns_today": (day(-rng.randint(30, 90)), today),
                "ahead": (day(rng.randint(1, 10)), day(rng.randint(20, 60))),
            }[pause]
            RhythmFactory(employee=person, cadence_days=cadence, paused_on=paused_on, resumes_on=resumes_on)
            if rng.random() < 0.4:
                RhythmFactory(
                    employee=person, conversation_type=conversation_type("coaching"), cadence_days=30
                )
        for _ in range(rng.choice([0, 0, 1, 2, 3, 5])):
            kind = rng.choice([FOLLOW_UP, FOLLOW_UP, "coaching", "development"])
            days_back = rng.choice([0, 1, 2, 6, 7, 8, 13, 14, 15, 29, 31, 60, 89, 91, 200, 400])
            hour, minute = rng.choice([(0, 10), (6, 0), (12, 0), (22, 50), (23, 40)])
            moment = datetime.datetime.combine(
                today - datetime.timedelta(days=days_back), datetime.time(hour, minute), tzinfo=datetime.UTC
            )
            factory = HeldConversationFactory if rng.random() < 0.85 else ConversationFactory
            factory(employee=person, conversation_type=conversation_type(kind), scheduled_at=moment)


@pytest.mark.parametrize("zone", ["Europe/Stockholm", "Europe/Helsinki", "UTC"])
def test_states_and_coverage_agree_with_the_history(cast, zone):
    with timezone.override(zoneinfo.ZoneInfo(zone)):
        today = timezone.localdate()
        varied_history(cast, today, random.Random(14))
        rhythms = Rhythm.objects.order_by("pk")

        now = rhythms.with_status(today).with_coverage_state(today)
        before = coverage_state_from_history(status_from_history(rhythms, today), today)
        fields = ["next_due_on", "is_paused", "is_overdue", "welcome_back_due"]
        assert [(r.pk, *(getattr(r, f) for f in fields), r.coverage_state) for r in now] == [
            (r.pk, *(getattr(r, f"ref_{f}") for f in fields), r.ref_state) for r in before
        ]
        assert {r.ref_state for r in before} == {COVERAGE_PAUSED, COVERAGE_OVERDUE, COVERAGE_COVERED}
        assert {r.ref_welcome_back_due for r in before} == {True, False}

        members = Employee.objects.visible_to(cast.hr.user).active()
        for key in ("team_id", "team__site_id"):
            assert coverage_by(members=members, key=key, today=today) == coverage_by_from_history(
                members=members, key=key, today=today
            )
