"""Two people, tabs or clicks at the same moment change a goal, an acknowledgement or an import once.

Two real connections race on PostgreSQL (SQLite cannot lock rows, so these are skipped there).
"""

import datetime
import zoneinfo
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from goals import services
from goals.kpi_import import kpi_import_confirm, kpi_import_upload
from goals.models import Acknowledgement, Expectation, Goal, KpiImport, KpiMeasurement, Metric
from tests.conftest import build_cast
from tests.races import race, racing

pytestmark = racing
NOW = datetime.datetime(2026, 8, 3, 9, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Oslo"))


@pytest.fixture
def cast():
    return build_cast()


@pytest.fixture
def draft(cast):
    return Goal.objects.create(
        employee=cast.agent,
        kind=Goal.Kind.KPI,
        title="First-contact resolution at 75 %",
        metric=Metric.objects.get(code="fcr"),
        baseline=Decimal("68"),
        target=Decimal("75"),
        starts_on=datetime.date(2026, 8, 1),
        due_on=datetime.date(2026, 10, 31),
    )


def test_employee_and_leader_agreeing_at_once_are_both_recorded(cast, draft):
    race(
        lambda: services.goal_agree(goal=Goal.objects.get(pk=draft.pk), by=cast.agent, now=NOW),
        lambda: services.goal_agree(goal=Goal.objects.get(pk=draft.pk), by=cast.leader, now=NOW),
    )
    draft.refresh_from_db()
    assert draft.status == Goal.Status.AGREED
    assert (draft.employee_agreed_by, draft.leader_agreed_by) == (cast.agent, cast.leader)


def test_two_outcomes_at_once_close_the_goal_once(cast, draft):
    Goal.objects.filter(pk=draft.pk).update(
        status=Goal.Status.AGREED, employee_agreed_at=NOW, leader_agreed_at=NOW
    )
    outcomes = race(
        lambda: services.goal_decide(
            goal=Goal.objects.get(pk=draft.pk), by=cast.leader, outcome="achieved", now=NOW
        ),
        lambda: services.goal_decide(
            goal=Goal.objects.get(pk=draft.pk), by=cast.hr, outcome="dropped", now=NOW
        ),
    )
    assert sorted(isinstance(o, ValidationError) for o in outcomes) == [False, True]
    draft.refresh_from_db()
    assert draft.history.filter(status__in=Goal.OUTCOMES).count() == 1  # decided once, one history entry
    winner = next(o for o in outcomes if isinstance(o, Goal))
    assert (draft.status, draft.decided_by) == (winner.status, winner.decided_by)


def test_a_double_acknowledgement_is_recorded_once(cast):
    expectation = services.expectation_create(
        author=cast.leader,
        scope=Expectation.Scope.TEAM,
        team=cast.team,
        title="E-mail",
        text="Same day.",
        now=NOW,
    )
    race(
        *[
            lambda: services.acknowledgement_record(
                employee=cast.agent,
                expectation=expectation,
                version_id=expectation.current_version_id,
                now=NOW,
            )
        ]
        * 2
    )
    assert Acknowledgement.objects.filter(employee=cast.agent).count() == 1


def test_two_edits_at_once_publish_one_new_version_each_without_a_clash(cast):
    expectation = services.expectation_create(
        author=cast.leader,
        scope=Expectation.Scope.TEAM,
        team=cast.team,
        title="E-mail",
        text="Same day.",
        now=NOW,
    )
    outcomes = race(
        lambda: services.expectation_update(
            expectation=Expectation.objects.get(pk=expectation.pk),
            author=cast.leader,
            title="E-mail",
            text="Within four hours.",
            based_on=1,
            now=NOW,
        ),
        lambda: services.expectation_update(
            expectation=Expectation.objects.get(pk=expectation.pk),
            author=cast.leader,
            title="E-mail",
            text="Within two hours.",
            based_on=1,
            now=NOW,
        ),
    )
    assert sorted(isinstance(o, ValidationError) for o in outcomes) == [False, True]  # the later one is told
    assert expectation.versions.count() == 2


def test_a_double_kpi_import_confirm_writes_the_rows_once(cast):
    content = (
        "employee_number;metric;period_end;value\n"
        f"{cast.agent.employee_number};fcr;2026-07-31;12,5\n"
        f"{cast.teammate.employee_number};fcr;2026-07-31;70\n"
    ).encode()
    record = kpi_import_upload(content=content, file_name="wfm.csv", user=cast.leader.user, now=NOW)
    outcomes = race(
        *[
            lambda: kpi_import_confirm(
                kpi_import=KpiImport.objects.get(pk=record.pk), user=cast.leader.user, now=NOW
            )
        ]
        * 2
    )
    assert sorted(isinstance(o, ValidationError) for o in outcomes) == [False, True]
    result = next(o for o in outcomes if not isinstance(o, ValidationError))
    assert (result.created, result.updated) == (2, 0)
    assert KpiMeasurement.objects.count() == 2
    record.refresh_from_db()
    assert (record.status, record.created_count) == (KpiImport.Status.CONFIRMED, 2)
