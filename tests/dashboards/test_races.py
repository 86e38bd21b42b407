"""Two refreshes of the stored counts at the same moment (the beat ticking twice, a slow worker)."""

import datetime

import pytest
from django.utils import timezone

from dashboards.models import StoredCoverage
from dashboards.stored_coverage import coverage_refresh
from tests.conftest import build_cast
from tests.races import race, racing

pytestmark = racing


@pytest.fixture
def cast():
    return build_cast()


def test_two_coverage_refreshes_at_once_leave_one_count_per_team_and_site(cast):
    now = timezone.now()
    results = race(
        lambda: coverage_refresh(now=now),
        lambda: coverage_refresh(now=now + datetime.timedelta(seconds=1)),
    )

    assert not [result for result in results if isinstance(result, Exception)]
    assert sorted(StoredCoverage.objects.values_list("team__name", "site__name")) == [
        ("Cards", "Uppsala"),
        ("Loans", "Uppsala"),
        ("Savings", "Oslo"),
    ]
