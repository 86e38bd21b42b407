"""Whether an action item is overdue is decided by ActionItem.is_overdue alone; pages ask it."""

import datetime
import re
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from tests.coaching.factories import ActionItemFactory, HeldConversationFactory

DUE_DATE_COMPARISON = re.compile(r"due_on\s*(<|>|<=|>=)\s*")


def test_no_template_compares_due_dates_itself():
    templates = Path(settings.BASE_DIR).glob("*/templates/**/*.html")
    offenders = [str(path) for path in templates if DUE_DATE_COMPARISON.search(path.read_text())]
    assert offenders == []


def test_the_employee_overview_flags_only_open_items_past_their_due_date(client, cast):
    held = HeldConversationFactory(employee=cast.agent)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    late = ActionItemFactory(conversation=held, due_on=yesterday, text="Late one")
    ActionItemFactory(conversation=held, due_on=timezone.localdate(), text="Due today")
    assert late.is_overdue()
    client.force_login(cast.leader.user)
    page = client.get(reverse("dashboards:employee_overview", args=[cast.agent.pk])).content.decode()
    assert page.count(">Overdue</span>") == 1
