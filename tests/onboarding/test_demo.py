"""The demo has people in onboarding right now, one of them in the demo leader's team."""

import random

from django.utils import timezone

import coaching.demo
import goals.demo
import onboarding.demo
import people.demo
from onboarding.models import FloorNote, Onboarding, OnboardingTask


def test_the_demo_has_people_in_onboarding_with_ticked_and_overdue_tasks(db):
    today = timezone.localdate()
    people.demo.seed(rng=random.Random(7), today=today, employees=120)
    goals.demo.seed(rng=random.Random(9), today=today)
    coaching.demo.seed(rng=random.Random(8), today=today)
    onboarding.demo.seed(rng=random.Random(10), today=today)

    running = Onboarding.objects.running()
    assert running.count() >= 2
    newhire = running.get(employee__user__username="newhire")
    assert newhire.employee.team.leader.user.username == "leader"
    assert newhire.floor_walker.user.username == "agent"
    assert newhire.trainer.user.username == "trainer"
    tasks = OnboardingTask.objects.filter(onboarding=newhire)
    assert tasks.filter(completed_at__isnull=False).exists()
    overdue = tasks.overdue(today)
    assert overdue.count() >= 2 and overdue.filter(assignee=newhire.floor_walker).exists()
    assert tasks.filter(conversation__isnull=False).exists()  # the later check-ins are booked
    assert FloorNote.objects.filter(employee=newhire.employee).count() == 3
