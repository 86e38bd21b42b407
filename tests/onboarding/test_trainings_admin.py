"""The trainings admin: requirements translated per language with roles and sites; completions and
imports belong to their services (read-only there)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from onboarding.models import TrainingRequirement
from onboarding.training_import import training_import_upload
from tests.admin_forms import change_form_data
from tests.onboarding.training_helpers import completed, requirement


def test_a_requirement_is_edited_per_language_with_its_roles_and_sites(client, cast):
    client.force_login(cast.superuser)
    url = reverse("admin:onboarding_trainingrequirement_change", args=[requirement().pk])
    page = client.get(url).content.decode()
    assert 'name="name_nb"' in page and 'name="name_sv"' in page
    data = change_form_data(client, url, name_sv="Penningtvätt", roles=["agent"], sites=[cast.site.pk])
    assert client.post(url, data).status_code == 302
    aml = TrainingRequirement.objects.get(code="aml")
    assert (aml.name_sv, aml.roles, list(aml.sites.all())) == ("Penningtvätt", ["agent"], [cast.site])
    assert aml.history.count() == 1


def test_a_completion_keeps_what_the_service_recorded(client, cast):
    completion = completed(cast.agent)
    client.force_login(cast.superuser)
    url = reverse("admin:onboarding_trainingcompletion_change", args=[completion.pk])
    data = change_form_data(client, url, evidence="Corrected", valid_until="2099-01-01")
    assert client.post(url, data).status_code == 302
    completion.refresh_from_db()
    assert completion.evidence == "Corrected" and completion.valid_until.year < 2099
    assert client.get(reverse("admin:onboarding_trainingcompletion_add")).status_code == 403


@pytest.mark.parametrize("action", ["add", "change", "delete"])
def test_nobody_changes_an_import_in_the_admin(client, cast, action):
    record = training_import_upload(
        content=b"employee_number,training,completed_on\nE1,aml,2026-01-01\n",
        file_name="x.csv",
        user=cast.hr.user,
        now=timezone.now(),
    )
    client.force_login(cast.superuser)
    args = [] if action == "add" else [record.pk]
    url = reverse(f"admin:onboarding_trainingimport_{action}", args=args)
    if action == "change":
        assert client.post(url, {"status": "confirmed"}).status_code == 403
    else:
        assert client.post(url, {"post": "yes"}).status_code == 403
    assert client.get(reverse("admin:onboarding_trainingimport_changelist")).status_code == 200
