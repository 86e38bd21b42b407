"""The admin is no side door for onboardings: what the services own is read-only, and a floor note's
text is never shown."""

from django.contrib import admin
from django.urls import reverse

from onboarding.models import ChecklistTemplate, FloorNote, Onboarding, OnboardingTask
from tests.onboarding.factories import FloorNoteFactory, OnboardingFactory, OnboardingTaskFactory


def test_every_onboarding_admin_page_opens(client, cast):
    onboarding = OnboardingFactory(employee=cast.agent)
    task = OnboardingTaskFactory(onboarding=onboarding)
    note = FloorNoteFactory(employee=cast.agent, author=cast.leader, text="SECRET observation")
    template = ChecklistTemplate.objects.first()
    client.force_login(cast.superuser)
    for model, pk in [
        (ChecklistTemplate, template.pk),
        (Onboarding, onboarding.pk),
        (OnboardingTask, task.pk),
        (FloorNote, note.pk),
    ]:
        name = f"admin:onboarding_{model._meta.model_name}"
        assert client.get(reverse(f"{name}_changelist")).status_code == 200
        page = client.get(reverse(f"{name}_change", args=[pk]))
        assert page.status_code == 200
        assert "SECRET" not in page.content.decode()


def test_service_owned_fields_are_read_only():
    task_admin = admin.site._registry[OnboardingTask]
    assert {
        "completed_at",
        "completed_by",
        "not_applicable_at",
        "not_applicable_reason",
        "conversation",
    } <= set(task_admin.readonly_fields)
    onboarding_admin = admin.site._registry[Onboarding]
    assert {"status", "completed_at", "employee", "template"} <= set(onboarding_admin.readonly_fields)
    assert not onboarding_admin.has_add_permission(None)
    assert "text" not in admin.site._registry[FloorNote].fields
