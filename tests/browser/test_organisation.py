import datetime
import re

from playwright.sync_api import expect

from people.models import Employee


def test_hr_adds_a_team_and_a_new_person_to_it_in_swedish(cast, log_in):
    cast.hr.language = "sv"
    cast.hr.save()
    page = log_in(cast.hr)

    menu = page.get_by_role("navigation", name="Huvudmeny")
    menu.get_by_role("button", name="Personer", exact=True).click()
    menu.get_by_role("link", name="Arbetsplatser och team").click()
    page.get_by_role("link", name="Nytt team").click()
    page.get_by_label("Namn").fill("Chatt")
    page.get_by_label("Arbetsplats").select_option(label=cast.site.name)
    page.get_by_label("Teamledarens anställningsnummer").fill(cast.other_leader.employee_number)
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.get_by_text("Teamet Chatt har sparats.")).to_be_visible()
    expect(page.get_by_role("link", name="Chatt")).to_be_visible()

    page.get_by_role("main").get_by_role("link", name="Arbetsplatser och team").click()
    page.get_by_role("link", name="Ny person").click()
    page.get_by_label("Förnamn").fill("Elsa")
    page.get_by_label("Efternamn").fill("Lund")
    page.get_by_label("E-post").fill("elsa.lund@bank.example")
    page.get_by_label("Anställningsnummer").fill("E-7001")
    page.get_by_label("Titel").fill("Kundrådgivare")
    page.get_by_label("Arbetsplats").select_option(label=cast.site.name)
    page.get_by_label("Team", exact=True).fill("chatt")
    page.get_by_label("Startdatum").fill("2027-02-01")
    page.get_by_role("button", name="Spara", exact=True).click()

    expect(page.get_by_text("Elsa Lund har lagts till i Samtal.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Elsa Lund")
    assert Employee.objects.get(employee_number="E-7001").team.name == "Chatt"


def test_hr_finds_the_team_whose_leader_has_left_and_opens_its_handover_in_norwegian(cast, log_in):
    Employee.objects.filter(pk=cast.leader.pk).update(ended_on=datetime.date(2027, 1, 29))
    cast.hr.language = "nb"
    cast.hr.save()
    page = log_in(cast.hr)

    menu = page.get_by_role("navigation", name="Hovedmeny")
    menu.get_by_role("button", name="Personer", exact=True).click()
    menu.get_by_role("link", name="Lokasjoner og team").click()
    site_row = page.get_by_role("row").filter(has=page.get_by_role("link", name=cast.site.name, exact=True))
    site_row.get_by_role("link", name="1", exact=True).click()

    expect(page.get_by_text("Team som trenger en teamleder", exact=True)).to_be_visible()
    team_row = page.locator(f"#team-{cast.team.pk}")
    expect(team_row).to_contain_text("Siste dag 29.01.2027")
    expect(page.locator(f"#team-{cast.other_team.pk}")).to_have_count(0)  # its leader stays
    team_row.get_by_role("link", name="Bytt teamleder").click()
    expect(page).to_have_url(re.compile(f"/coaching/handover/{cast.team.pk}/$"))
