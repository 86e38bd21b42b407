"""The admin is no side door: fields the services own are read-only there, and no admin list of
any app filters or searches on protected text (a row count would reveal it letter by letter)."""

import pytest
from django.contrib import admin
from django.urls import reverse

from coaching.admin import PROTECTED_TEXT, reaches_protected_text
from coaching.models import Conversation
from tests.coaching.factories import ActionItemFactory, HeldConversationFactory, PrivateNoteFactory

LOOKUPS = ["contains", "startswith", "regex", "gte"]
MAX_DEPTH = 3


def protected_paths(model, depth=MAX_DEPTH, seen=()):
    """Every lookup path from `model` to protected text, through at most `depth` fields."""
    paths = [name for owner, name in PROTECTED_TEXT if owner is model]
    if depth <= 1:
        return paths
    for field in model._meta.get_fields():
        if not field.is_relation or field.related_model is None or field.related_model in seen:
            continue
        for rest in protected_paths(field.related_model, depth - 1, (*seen, model)):
            paths.append(f"{field.name}__{rest}")
    return paths


def registered_admins():
    return sorted(admin.site._registry.items(), key=lambda pair: pair[0]._meta.label)


def test_no_admin_list_filters_or_searches_protected_text():
    for model, model_admin in registered_admins():
        entries = [*model_admin.search_fields, *(f for f in model_admin.list_filter if isinstance(f, str))]
        for entry in entries:
            assert not reaches_protected_text(model, entry.lstrip("^=@")), (model, entry)


@pytest.fixture
def secrets(cast):
    """One conversation whose protected text holds the secret, and one without it."""
    conversation = HeldConversationFactory(
        employee=cast.agent, shared_notes="SECRET shared", wellbeing_comment="SECRET wellbeing"
    )
    PrivateNoteFactory(conversation=conversation, text="SECRET private")
    ActionItemFactory(conversation=conversation)
    other = HeldConversationFactory(employee=cast.teammate, shared_notes="plain", wellbeing_comment="plain")
    PrivateNoteFactory(conversation=other, text="plain")
    ActionItemFactory(conversation=other)
    return conversation


def test_no_changelist_answers_a_lookup_on_protected_text(client, cast, secrets):
    client.force_login(cast.superuser)
    checked = 0
    for model, _model_admin in registered_admins():
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        plain = client.get(url)
        assert plain.status_code == 200, url
        for path in protected_paths(model):
            for lookup in LOOKUPS:
                response = client.get(url, {f"{path}__{lookup}": "SECRET"})
                checked += 1
                if response.status_code == 200:  # ignored, never applied: the same rows as without it
                    assert response.context["cl"].result_count == plain.context["cl"].result_count, (
                        url,
                        path,
                    )
                else:  # refused (400), or sent back to the unfiltered list (302 to ?e=1)
                    assert response.status_code in (302, 400), (url, path, response.status_code)
    assert checked > 20  # the walk reached the conversation, action item and people admins


def test_the_conversation_admin_refuses_a_filter_on_its_own_shared_notes(client, cast, secrets):
    client.force_login(cast.superuser)
    url = reverse("admin:coaching_conversation_changelist")
    for field in ("shared_notes", "wellbeing_comment"):
        assert client.get(url, {f"{field}__startswith": "SECRET"}).status_code == 400
    assert client.get(url, {"private_notes__text__contains": "SECRET"}).status_code == 400


def test_status_summary_and_owed_mail_are_read_only_in_the_conversation_admin(client, cast, secrets):
    conversation_admin = admin.site._registry[Conversation]
    read_only = set(conversation_admin.get_readonly_fields(None))
    owned = {"status", "held_at", "summary_confirmed_at", "summary_requested_at", "invitation_changed_at"}
    assert owned <= read_only
    action_inline = next(i for i in conversation_admin.inlines if i.model.__name__ == "ActionItem")
    assert {"completed_at", "dropped_at"} <= set(action_inline.readonly_fields)
    client.force_login(cast.superuser)
    page = client.get(reverse("admin:coaching_conversation_change", args=[secrets.pk])).content.decode()
    assert 'name="status"' not in page
    assert 'name="summary_confirmed_at_0"' not in page
