"""HR and managers build checklist templates with ordered tasks, a text per language."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from onboarding.models import ChecklistTemplate, Onboarding
from tests.onboarding.builders import small_template
from tests.onboarding.factories import ChecklistTemplateFactory


def template_data(**changes):
    data = {
        "name_en": "Chat onboarding",
        "name_nb": "Opplæring i chat",
        "name_sv": "",
        "is_active": "on",
        "tasks-TOTAL_FORMS": "2",
        "tasks-INITIAL_FORMS": "0",
        "tasks-0-position": "1",
        "tasks-0-phase": "before_start",
        "tasks-0-title_en": "Order headset",
        "tasks-0-title_sv": "Beställ headset",
        "tasks-0-responsible": "it",
        "tasks-0-offset_days": "-5",
        "tasks-0-day_count": "working",
        "tasks-1-position": "2",
        "tasks-1-phase": "classroom",
        "tasks-1-title_nb": "Fullfør hvitvaskingsmodulen",
        "tasks-1-responsible": "new_hire",
        "tasks-1-offset_days": "3",
        "tasks-1-day_count": "calendar",
        "tasks-1-is_compliance": "on",
    }
    return {**data, **changes}


@pytest.mark.parametrize("viewer", ["hr", "manager"])
def test_hr_and_managers_create_a_template_with_ordered_tasks(client, cast, viewer):
    client.force_login(getattr(cast, viewer).user)
    response = client.post(reverse("onboarding:template_create"), template_data())
    assert response.status_code == 302
    template = ChecklistTemplate.objects.get(name_en="Chat onboarding")
    assert template.name_nb == "Opplæring i chat"
    first, second = template.tasks.order_by("position")
    assert (first.title_en, first.title_sv, first.offset_days) == ("Order headset", "Beställ headset", -5)
    assert second.title_en == "Fullfør hvitvaskingsmodulen"  # the fallback column gets the text given
    assert second.is_compliance


@pytest.mark.parametrize("viewer", ["agent", "leader", "trainer"])
def test_others_cannot_manage_templates(client, cast, viewer):
    client.force_login(getattr(cast, viewer).user)
    assert client.get(reverse("onboarding:template_list")).status_code == 403
    assert client.post(reverse("onboarding:template_create"), template_data()).status_code == 403


@pytest.mark.parametrize(
    ("offset", "message"),
    [
        ("ten", "Oppgi dagene fra start som et helt tall, f.eks. -5 eller 10."),
        ("400", "En oppgave kan senest ha frist på dag 365 etter start."),
        ("-400", "En oppgave kan tidligst ha frist på dag -365 (før start)."),
    ],
)
def test_a_bad_offset_is_a_translated_message_and_nothing_is_saved(client, cast, offset, message):
    cast.hr.language = "nb"
    cast.hr.save()
    client.force_login(cast.hr.user)
    response = client.post(
        reverse("onboarding:template_create"),
        template_data(**{"tasks-1-offset_days": offset}),
        HTTP_ACCEPT_LANGUAGE="nb",
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ChecklistTemplate.objects.filter(name_en="Chat onboarding").exists()


def test_a_task_needs_a_title_in_some_language(client, cast):
    client.force_login(cast.hr.user)
    response = client.post(
        reverse("onboarding:template_create"),
        template_data(**{"tasks-0-title_en": "", "tasks-0-title_sv": ""}),
    )
    assert response.status_code == 200
    assert not ChecklistTemplate.objects.filter(name_en="Chat onboarding").exists()


def test_add_another_task_keeps_what_was_typed(client, cast):
    client.force_login(cast.hr.user)
    response = client.post(reverse("onboarding:template_create"), template_data(add_task="1"))
    assert response.status_code == 200
    assert len(response.context["tasks"].forms) == 3
    assert not ChecklistTemplate.objects.filter(name_en="Chat onboarding").exists()


def test_editing_a_template_on_its_page_leaves_running_onboardings_alone(client, cast):
    from onboarding.services import onboarding_start

    template = small_template(check_in=False)
    onboarding = onboarding_start(
        employee=cast.agent,
        template=template,
        starts_on=timezone.localdate(),
        started_by=cast.hr.user,
        now=timezone.now(),
    )
    before = list(onboarding.tasks.values_list("title_en", "due_on"))
    client.force_login(cast.hr.user)
    url = reverse("onboarding:template_edit", args=[template.pk])
    formset = client.get(url).context["tasks"]
    count = str(formset.initial_form_count())
    data = {"name_en": "Renamed", "is_active": "on", "tasks-TOTAL_FORMS": count, "tasks-INITIAL_FORMS": count}
    for index, form in enumerate(formset.initial_forms):
        for name, field in form.fields.items():
            value = form.initial.get(name, field.initial)
            if value is not None and value is not False and value != "":
                data[f"tasks-{index}-{name}"] = value.pk if hasattr(value, "pk") else value
    data["tasks-0-title_en"] = "Changed"
    data["tasks-0-offset_days"] = "50"
    data["tasks-1-DELETE"] = "on"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["tasks"].errors
    assert template.tasks.count() == 2
    assert list(onboarding.tasks.values_list("title_en", "due_on")) == before


def test_a_template_without_tasks_cannot_start_an_onboarding(client, cast):
    template = ChecklistTemplateFactory(name_en="Empty", name_sv="Tom")
    cast.hr.language = "sv"
    cast.hr.save()
    client.force_login(cast.hr.user)
    response = client.post(
        reverse("onboarding:onboarding_start"),
        {
            "employee": cast.agent.employee_number,
            "template": template.pk,
            "starts_on": timezone.localdate().isoformat(),
            "kind": "new_hire",
        },
    )
    assert response.status_code == 200
    with translation.override("sv"):
        assert "Mallen har inga uppgifter än" in response.content.decode()
    assert not Onboarding.objects.exists()


def test_a_start_date_years_in_the_past_is_a_translated_error(client, cast):
    template = small_template(check_in=False)
    cast.hr.language = "nb"
    cast.hr.save()
    client.force_login(cast.hr.user)
    response = client.post(
        reverse("onboarding:onboarding_start"),
        {
            "employee": cast.agent.employee_number,
            "template": template.pk,
            "starts_on": (timezone.localdate() - datetime.timedelta(days=3 * 365)).isoformat(),
            "kind": "new_hire",
        },
    )
    assert response.status_code == 200
    assert "Startdatoen må ligge innenfor ett år fra i dag" in response.content.decode()
    assert not Onboarding.objects.exists()
