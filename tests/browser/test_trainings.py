"""Mandatory trainings in the browser: a Norwegian leader records a completion and sees the matrix
turn valid; a Swedish HR partner imports a file of completions, and reads the sites then finds a team."""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from onboarding.models import TrainingCompletion, TrainingImport
from onboarding.trainings import site_compliance_refresh
from tests.onboarding.training_helpers import completed, only


def open_trainings(page, *, menu, group, link):
    """The trainings sit in the onboarding drop-down of the menu bar."""
    navigation = page.get_by_role("navigation", name=menu)
    navigation.get_by_role("button", name=group).click()
    navigation.get_by_role("link", name=link, exact=True).click()


def test_a_norwegian_leader_records_a_completion_and_the_matrix_turns_valid(cast, log_in):
    only("aml")
    cast.far_leader.language = "nb"
    cast.far_leader.save()
    page = log_in(cast.far_leader)
    open_trainings(page, menu="Hovedmeny", group="Opplæring", link="Kurs")
    row = page.get_by_role("row").filter(has_text=cast.far_agent.full_name)
    expect(row).to_contain_text("Aldri tatt")
    expect(page.get_by_text("0 %")).to_be_visible()

    row.get_by_role("link", name=cast.far_agent.full_name).click()
    day = timezone.localdate() - datetime.timedelta(days=2)
    page.get_by_label("Kurs*").select_option(label="Antihvitvasking")
    page.get_by_label("Gjennomført").fill(day.isoformat())
    page.get_by_label("Dokumentasjon (valgfritt)").fill("SERT-0042")
    page.get_by_role("button", name="Registrer", exact=True).click()
    expect(page.get_by_text("Antihvitvasking er registrert for")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="SERT-0042")).to_be_visible()

    open_trainings(page, menu="Hovedmeny", group="Opplæring", link="Kurs")
    expect(page.get_by_role("row").filter(has_text=cast.far_agent.full_name)).to_contain_text("Gyldig")
    expect(page.get_by_text("100 %")).to_be_visible()
    completion = TrainingCompletion.objects.get()
    assert (completion.employee, completion.completed_on, completion.recorded_by) == (
        cast.far_agent,
        day,
        cast.far_leader.user,
    )


def test_a_swedish_hr_partner_imports_completions_from_a_file(cast, log_in, tmp_path):
    only("aml", "gdpr")
    cast.hr.language = "sv"
    cast.hr.save()
    day = timezone.localdate() - datetime.timedelta(days=7)
    csv_file = tmp_path / "lms-export.csv"
    csv_file.write_bytes(
        (
            "employee_number;training;completed_on;evidence\r\n"
            f"{cast.agent.employee_number};Åtgärder mot penningtvätt;{day:%d.%m.%Y};INT-1\r\n"
            f"{cast.far_agent.employee_number};gdpr;{day.isoformat()};\r\n"
        ).encode("cp1252")
    )
    page = log_in(cast.hr)
    open_trainings(page, menu="Huvudmeny", group="Introduktion", link="Utbildningar")
    page.get_by_role("link", name="Importera genomföranden").click()
    page.get_by_label("CSV-fil").set_input_files(str(csv_file))
    page.get_by_role("button", name="Kontrollera filen").click()

    expect(page.get_by_text("Alla 2 rader är giltiga.")).to_be_visible()
    assert not TrainingCompletion.objects.exists()
    page.get_by_role("button", name="Importera 2 rader").click()

    expect(page.get_by_text("2 nya genomföranden")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="lms-export.csv")).to_contain_text("Importerad")
    assert TrainingImport.objects.get().status == TrainingImport.Status.CONFIRMED
    assert sorted(TrainingCompletion.objects.values_list("evidence", flat=True)) == ["", "INT-1"]


def test_a_swedish_hr_partner_reads_the_sites_as_counted_then_finds_a_team(cast, log_in):
    only("aml")
    completed(cast.agent)
    site_compliance_refresh(now=timezone.now())
    cast.hr.language = "sv"
    cast.hr.save()
    page = log_in(cast.hr)
    open_trainings(page, menu="Huvudmeny", group="Introduktion", link="Utbildningar")
    expect(page.get_by_text("Siffrorna är från")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text=cast.site.name)).to_be_visible()

    page.get_by_label("Hitta ett team").fill("car")
    team = page.get_by_label("Team", exact=True)
    expect(team.locator("option")).to_have_count(2)  # none chosen, and Cards
    team.select_option(label=f"{cast.team.name} · {cast.site.name}")
    page.get_by_role("button", name="Visa", exact=True).click()

    expect(page.get_by_role("row").filter(has_text=cast.agent.full_name)).to_contain_text("Giltig")
    expect(page.get_by_role("row").filter(has_text=cast.teammate.full_name)).to_contain_text("Aldrig gjord")
    expect(page.get_by_text("Siffrorna är från")).to_have_count(0)  # a team is counted as it is now
