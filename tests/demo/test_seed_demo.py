"""seed_demo: the sizes it accepts, and that even a small organisation has every demo login."""

import argparse
import io

import pytest
from django.core.management import CommandError, call_command

import people.demo
from demo.management.commands.bench import _sizes
from people.models import Employee, Role

ROLE_OF_LOGIN = {
    "agent": Role.AGENT,
    "leader": Role.TEAM_LEADER,
    "manager": Role.MANAGER,
    "head": Role.MANAGER,
    "hr": Role.HR,
    "trainer": Role.TRAINER,
}


@pytest.mark.parametrize("employees", [-1, 0, 9, 25_001, 100_000])
def test_seed_demo_refuses_sizes_outside_10_to_25000(db, employees):
    with pytest.raises(CommandError, match="between 10 and 25,000"):
        call_command("seed_demo", employees=employees)
    assert not Employee.objects.exists()


def test_a_small_seed_still_has_every_demo_login(db):
    call_command("seed_demo", employees=60, stdout=io.StringIO())
    logins = Employee.objects.filter(user__username__in=people.demo.DEMO_LOGINS).select_related("user")
    assert {e.user.username: e.role for e in logins} == ROLE_OF_LOGIN
    assert set(people.demo.DEMO_LOGINS) == set(ROLE_OF_LOGIN)
    assert all(e.user.check_password(people.demo.DEMO_PASSWORD) for e in logins)
    assert 50 <= Employee.objects.count() <= 70


def test_bench_takes_comma_separated_sizes_within_the_seed_limits():
    assert _sizes("250,2500,25000") == [250, 2500, 25000]
    for wrong in ("250,30000", "5", "big", ""):
        with pytest.raises(argparse.ArgumentTypeError):
            _sizes(wrong)
