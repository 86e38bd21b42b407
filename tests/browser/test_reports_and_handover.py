"""HR in the browser: reads the coverage report per site, opens a site's teams and downloads their CSV
(Norwegian), does the same with the training compliance report (Swedish), searches a large site's
teams (Swedish), and hands a team to a new leader (Swedish), searching for the new leader among many
(Norwegian)."""

import csv
import datetime
import io

from django.utils import timezone
from playwright.sync_api import expect

from coaching.forms import CANDIDATES_OFFERED
from coaching.models import Conversation
from people.models import Employee, Role, Team
from tests.coaching.factories import ConversationFactory
from tests.dashboards.builders import held
from tests.factories import AgentFactory, EmployeeFactory
from tests.onboarding.training_helpers import completed, only


def coverage_report(cast, log_in, language, main_menu, title):
    """HR, reading in `language`, opens the coverage report; all six of Cards were seen this month."""
    cast.hr.language = language
    cast.hr.save()
    for person in [cast.agent, cast.teammate, *AgentFactory.create_batch(4, team=cast.team)]:
        held(person, days_ago=0)
    page = log_in(cast.hr)
    page.get_by_role("navigation", name=main_menu).get_by_role("link", name="Rapporter").click()
    page.get_by_role("link", name=title).click()
    return page


def test_hr_opens_the_coverage_report_and_downloads_its_csv(cast, log_in):
    page = coverage_report(cast, log_in, "nb", "Hovedmeny", "Samtaledekning")
    expect(page.get_by_role("heading", level=1)).to_have_text("Samtaledekning")
    expect(page.locator(f"#site-{cast.site.pk}")).to_contain_text("100 % (6 av 6)")  # Cards; Loans too small
    expect(page.locator(f"#site-{cast.other_site.pk}")).to_contain_text("–")
    expect(page.get_by_label("Team")).to_have_count(0)  # a site first
    page.get_by_role("link", name=cast.site.name, exact=True).click()
    expect(page.get_by_label("Lokasjon")).to_have_value(str(cast.site.pk))
    expect(page.get_by_label("Team").locator("option")).to_have_count(3)  # all, Cards, Loans
    expect(page.locator(f"#team-{cast.team.pk}")).to_contain_text("100 % (6 av 6)")
    expect(page.locator(f"#team-{cast.other_team.pk}")).to_have_count(0)  # one person: not shown
    expect(page.get_by_role("img", name="Andel som hadde en samtale, per måned (%)")).to_be_visible()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Last ned CSV").click()
    rows = list(csv.reader(io.StringIO(open(download_info.value.path(), encoding="utf-8-sig").read())))
    assert rows[0][:4] == ["Team", "Lokasjon", "Måned", "Personer"]
    assert [cast.team.name, cast.site.name, f"{timezone.localdate():%Y-%m}", "6", "6", "100"] in rows
    assert not any(row[0] == cast.other_team.name for row in rows)

    page.get_by_label("Fra").fill("2026-05-01")
    page.get_by_label("Til").fill("2026-03-01")
    page.get_by_role("button", name="Vis", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("Slutten av perioden er før starten.")


def test_hr_reads_training_compliance_and_downloads_its_csv(cast, log_in):
    cast.hr.language = "sv"
    cast.hr.save()
    only("aml", "gdpr")
    members = [cast.agent, cast.teammate, *AgentFactory.create_batch(4, team=cast.team)]
    for person in members:
        Employee.objects.filter(pk=person.pk).update(started_on=datetime.date(2020, 1, 6))
        for code in ("aml", "gdpr"):
            if (person, code) != (cast.teammate, "gdpr"):  # never done, long past the grace period
                completed(person, code, days_ago=10)
    page = log_in(cast.hr)

    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Rapporter").click()
    page.get_by_role("link", name="Utbildningar uppfyllda").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Utbildningar uppfyllda")
    expect(page.locator(f"#site-{cast.site.pk}")).to_contain_text("(5 av 6)")
    page.get_by_role("link", name=cast.site.name, exact=True).click()
    expect(page.locator(f"#team-{cast.team.pk}")).to_contain_text("(5 av 6)")
    expect(page.locator(f"#team-{cast.other_team.pk}")).to_have_count(0)  # too small: not shown
    chart = "Andel som uppfyllde alla obligatoriska utbildningar vid månadens slut (%)"
    expect(page.get_by_role("img", name=chart)).to_be_visible()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Ladda ner CSV").click()
    rows = list(csv.reader(io.StringIO(open(download_info.value.path(), encoding="utf-8-sig").read())))
    assert rows[0] == ["Team", "Arbetsplats", "Månad", "Personer", "Uppfyllt", "Andel (%)"]
    assert [cast.team.name, cast.site.name, f"{timezone.localdate():%Y-%m}", "6", "5", "83"] in rows


def test_hr_finds_a_team_of_a_large_site_in_a_report_by_searching_in_swedish(cast, log_in, monkeypatch):
    monkeypatch.setattr("dashboards.report_views.TEAM_OPTIONS", 1)  # a site of more teams than listed
    page = coverage_report(cast, log_in, "sv", "Huvudmeny", "Samtalstäckning")
    page.get_by_role("link", name=cast.site.name, exact=True).click()
    team = page.get_by_label("Team", exact=True)
    expect(team.locator("option")).to_have_count(1)  # all teams; the search offers the rest
    page.get_by_label("Hitta ett team").fill("car")
    expect(team.locator(f'option[value="{cast.team.pk}"]')).to_have_count(1)
    team.select_option(str(cast.team.pk))
    page.get_by_role("button", name="Visa", exact=True).click()

    expect(page.locator(f"#team-{cast.team.pk}")).to_contain_text("100 % (6 av 6)")
    expect(page.get_by_label("Team", exact=True)).to_have_value(str(cast.team.pk))


# The main menu, its People menu, "Sites and teams" and a team's "Change team leader", per language.
SWEDISH = ("Huvudmeny", "Personer", "Arbetsplatser och team", "Byt teamledare")
NORWEGIAN = ("Hovedmeny", "Personer", "Lokasjoner og team", "Bytt teamleder")


def open_the_handover(page, team, words):
    """From the main menu to `team`'s handover page, as HR clicks their way there."""
    main_menu, people, sites_and_teams, change_leader = words
    menu = page.get_by_role("navigation", name=main_menu)
    menu.get_by_role("button", name=people).click()
    menu.get_by_role("link", name=sites_and_teams).click()
    page.get_by_role("link", name=team.site.name, exact=True).click()
    page.locator(f"#team-{team.pk}").get_by_role("link", name=change_leader).click()


def test_hr_hands_a_team_over_to_a_new_leader(cast, log_in):
    cast.hr.language = "sv"
    cast.hr.save()
    successor = EmployeeFactory(
        role=Role.TEAM_LEADER,
        title="Teamledare",
        site=cast.site,
        user__first_name="Nora",
        user__last_name="Nyström",
    )
    booked = ConversationFactory(
        employee=cast.agent, scheduled_at=timezone.now() + datetime.timedelta(days=2)
    )
    page = log_in(cast.hr)

    open_the_handover(page, cast.team, SWEDISH)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Överlämning: {cast.team.name}")
    expect(page.locator("#handover-conversations")).to_contain_text(cast.agent.full_name)
    page.get_by_label("Ny teamledare").select_option(str(successor.pk))
    page.get_by_label(f"Anteckning till den nya teamledaren om {cast.teammate.full_name}").fill(
        "Vill bli handledare."
    )
    page.get_by_role("button", name="Lämna över teamet").click()

    expect(page.get_by_text("Nora Nyström är nu teamledare för Cards")).to_be_visible()
    assert Team.objects.get(pk=cast.team.pk).leader == successor
    assert Conversation.objects.get(pk=booked.pk).leader == successor


def test_hr_finds_the_new_leader_of_a_team_at_a_large_site_by_searching_in_norwegian(cast, log_in):
    cast.hr.language = "nb"
    cast.hr.save()
    EmployeeFactory.create_batch(CANDIDATES_OFFERED, role=Role.TEAM_LEADER, site=cast.site)
    successor = EmployeeFactory(
        role=Role.TEAM_LEADER, site=cast.site, user__first_name="Nora", user__last_name="Nyström"
    )
    page = log_in(cast.hr)

    open_the_handover(page, cast.team, NORWEGIAN)

    choice = page.get_by_label("Ny teamleder")
    expect(choice.locator("option")).to_have_count(3)  # the two members, and the empty choice
    page.get_by_label("Finn en teamleder").fill("nora nyst")
    expect(choice.locator("option")).to_have_count(2)
    choice.select_option(str(successor.pk))
    page.get_by_role("button", name="Overlever teamet").click()

    expect(page.get_by_text("Nora Nyström er nå teamleder for Cards")).to_be_visible()
    assert Team.objects.get(pk=cast.team.pk).leader == successor
