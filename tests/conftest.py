import datetime
import glob
import os
import zoneinfo
from importlib import import_module
from types import SimpleNamespace

import pytest
import time_machine
from django.apps import apps
from django.conf import settings

from people.models import Role, Site
from tests.factories import AgentFactory, EmployeeFactory, SiteFactory, TeamFactory, UserFactory


def browser_tests_missing() -> str | None:
    """What the browser tests lack on this machine, as one line saying how to get it; None if nothing."""
    chromium = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    missing = [] if os.access(chromium, os.X_OK) else [f"Chromium ({chromium})"]
    if not glob.glob("/usr/lib/*/libatomic.so.1") + glob.glob("/lib/*/libatomic.so.1"):
        missing.append("libatomic1 (Playwright's driver)")
    if not missing:
        return None
    return (
        f"browser tests skipped: {' and '.join(missing)} missing; install with "
        "`sudo apt-get install chromium libatomic1` (or `make test` as root) or set CHROMIUM_PATH"
    )


def pytest_report_header(config):
    missing = browser_tests_missing()
    if missing and os.environ.get("CI") != "true":
        return missing
    return None


def pytest_configure(config):
    """Test-wide settings, set before any server thread starts: fast hashing, eager tasks, plain HTTP."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.READINESS_SWEEP_MAX_AGE = None  # no worker sweeps during tests; test_security sets it itself
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def clock():
    """Run the test at SAMTAL_TEST_NOW (a local time in Europe/Oslo, e.g. 2027-03-28T01:30) when it is set.

    `make test` runs the tests marked `clock` once more on a winter day, a summer day and both
    daylight-saving switch days, so a test that assumes today's UTC offset fails in CI on any date."""
    moment = os.environ.get("SAMTAL_TEST_NOW")
    if not moment:
        yield None
        return
    start = datetime.datetime.fromisoformat(moment).replace(tzinfo=zoneinfo.ZoneInfo("Europe/Oslo"))
    with time_machine.travel(start, tick=True) as traveller:
        yield traveller


# Idempotent seeding functions of the data migrations. A transactional test (a race on PostgreSQL, a
# browser test) ends by flushing every table, these included, so each one seeds them again first.
DATA_MIGRATION_SEEDS = [
    import_module("coaching.migrations.0002_seed_conversation_types").seed,
    import_module("goals.migrations.0002_seed_metrics").seed_metrics,
    import_module("coaching.migrations.0006_seed_conversation_type_translations").seed,
    import_module("goals.migrations.0005_seed_metric_translations").seed,
    import_module("onboarding.migrations.0002_seed_base_training_template").seed,
    import_module("onboarding.migrations.0004_seed_training_requirements").seed,
]


@pytest.fixture(autouse=True)
def reference_data(request):
    """The conversation types and metrics the data migrations seed, also in transactional tests."""
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(request.fixturenames)
    )
    if transactional:
        request.getfixturevalue("transactional_db")
        for seed in DATA_MIGRATION_SEEDS:
            seed(apps, None)


def build_cast():
    """A small organisation with one person in each position the access rules distinguish."""
    site = SiteFactory(name="Uppsala", country="SE", time_zone=Site.TimeZone.STOCKHOLM)
    other_site = SiteFactory(name="Oslo", country="NO", time_zone=Site.TimeZone.OSLO, language="nb")
    team = TeamFactory(name="Cards", site=site, leader__user__username="leader")
    other_team = TeamFactory(name="Loans", site=site, leader__user__username="other_leader")
    far_team = TeamFactory(name="Savings", site=other_site, leader__user__username="far_leader")
    manager = EmployeeFactory(role=Role.MANAGER, title="Site manager", site=site, user__username="manager")
    other_manager = EmployeeFactory(
        role=Role.MANAGER, title="Site manager", site=other_site, user__username="other_manager"
    )
    return SimpleNamespace(
        site=site,
        other_site=other_site,
        team=team,
        other_team=other_team,
        far_team=far_team,
        leader=team.leader,
        other_leader=other_team.leader,
        far_leader=far_team.leader,
        agent=AgentFactory(team=team, user__username="agent"),
        teammate=AgentFactory(team=team, user__username="teammate"),
        other_agent=AgentFactory(team=other_team, user__username="other_agent"),
        far_agent=AgentFactory(team=far_team, user__username="far_agent"),
        manager=manager,
        other_manager=other_manager,
        hr=EmployeeFactory(role=Role.HR, title="HR partner", site=site, user__username="hr"),
        trainer=EmployeeFactory(role=Role.TRAINER, title="Trainer", site=site, user__username="trainer"),
        superuser=UserFactory(username="admin", is_staff=True, is_superuser=True),
        no_employee=UserFactory(username="no_employee"),
    )


@pytest.fixture
def cast(db):
    return build_cast()
