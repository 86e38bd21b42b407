"""The registry of reminder kinds: one module per kind, found without a list to edit."""

import pkgutil

import pytest
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone, translation

import reminders.kinds
from reminders import kinds
from reminders.models import Reminder
from reminders.rule import ReminderKind

RENDERED_BY_COACHING = {
    "conversation_invitation",
    "conversation_handover",
    "summary_request",
}  # coaching/mail.py builds them


def test_every_module_in_the_kinds_package_is_a_registered_kind():
    modules = {info.name for info in pkgutil.iter_modules(reminders.kinds.__path__)}
    assert {kind.key for kind in kinds.every()} == modules
    assert modules >= {
        "conversation_soon",
        "follow_up_overdue",
        "summary_unconfirmed",
        "expectation_unacknowledged",
        "goal_awaiting_agreement",
        "weekly_digest",
        "action_item_due",
        *RENDERED_BY_COACHING,
    }


@pytest.mark.parametrize("kind", kinds.every(), ids=lambda kind: kind.key)
def test_each_kind_has_a_translated_label_and_its_own_templates(kind):
    labels = set()
    for language in ("en", "nb", "sv"):
        with translation.override(language):
            labels.add(str(kind.label))
    assert len(labels) == 3
    if kind.key in RENDERED_BY_COACHING:
        assert type(kind).message is not ReminderKind.message
    else:
        for part in ("subject", "body"):
            get_template(f"reminders/email/{kind.key}_{part}.txt")


def test_the_reminders_page_names_a_kind_by_its_label(client, cast):
    now = timezone.now()
    Reminder.objects.create(
        kind="follow_up_overdue", object_id=1, recipient=cast.agent, occurrence=now, due_at=now, sent_at=now
    )
    client.force_login(cast.agent.user)
    assert "Follow-up conversation overdue" in client.get(reverse("reminders:my_reminders")).content.decode()


def test_the_admin_filters_reminders_by_the_kinds_of_the_registry(client, cast):
    now = timezone.now()
    for kind in ("follow_up_overdue", "weekly_digest"):
        Reminder.objects.create(kind=kind, object_id=1, recipient=cast.leader, occurrence=now, due_at=now)
    client.force_login(cast.superuser)
    response = client.get(reverse("admin:reminders_reminder_changelist") + "?kind=weekly_digest")
    assert response.status_code == 200
    assert [r.kind for r in response.context["cl"].result_list] == ["weekly_digest"]
    assert "Invitation to a conversation" in response.content.decode()  # every kind is offered
