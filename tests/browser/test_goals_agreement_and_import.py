import datetime
import re
from decimal import Decimal

from playwright.sync_api import expect

from goals import services
from goals.models import Acknowledgement, Expectation, Goal, KpiImport, KpiMeasurement, Metric


def test_agent_acknowledges_an_expectation_and_agrees_to_a_goal_from_their_leader(cast, log_in):
    expectation = services.expectation_create(
        author=cast.leader,
        scope=Expectation.Scope.TEAM,
        team=cast.team,
        title="We answer every e-mail within one working day",
        text="Every e-mail gets an answer within one working day.",
    )
    today = datetime.date.today()
    goal = services.goal_create(
        employee=cast.agent,
        by=cast.leader,
        kind="kpi",
        title="First-contact resolution at 75 %",
        why_it_matters="Customers should not have to call twice.",
        metric=Metric.objects.get(code="fcr"),
        baseline=Decimal("68"),
        target=Decimal("75"),
        starts_on=today,
        due_on=today + datetime.timedelta(days=90),
    )

    page = log_in(cast.agent)
    page.get_by_role("link", name="My goals").click()
    expect(page.get_by_role("heading", name="1 expectation to acknowledge")).to_be_visible()
    page.get_by_role("link", name=expectation.title).click()
    page.get_by_label("Comment or question to your leader (optional)").fill("Does this include weekends?")
    page.get_by_role("button", name=f"I have read and understood “{expectation.title}”").click()
    expect(page.get_by_text("You acknowledged this version on")).to_be_visible()

    page.get_by_role("link", name="My goals").click()
    expect(page.get_by_text("1 goal is waiting for your agreement.")).to_be_visible()
    page.get_by_role("link", name=goal.title).click()
    page.get_by_role("button", name="Agree to this goal").click()
    expect(page.get_by_text("The goal is agreed. Good luck!")).to_be_visible()
    expect(page.get_by_role("heading", name="Add a check-in")).to_be_visible()

    acknowledgement = Acknowledgement.objects.get(employee=cast.agent)
    assert acknowledgement.comment == "Does this include weekends?"
    goal.refresh_from_db()
    assert goal.status == Goal.Status.AGREED and goal.employee_agreed_by == cast.agent


def test_leader_uploads_a_kpi_file_with_one_bad_row_and_it_is_rejected(cast, log_in, tmp_path):
    csv_file = tmp_path / "wfm-export.csv"
    csv_file.write_text(
        "employee_number,metric,period_end,value\n"
        f"{cast.agent.employee_number},fcr,2026-01-31,71.5\n"
        f"{cast.teammate.employee_number},fcr,2026-01-31,not measured\n",
        encoding="utf-8",
    )
    page = log_in(cast.leader)
    page.get_by_role("link", name="Team goals").click()
    page.get_by_role("link", name="Import KPIs").click()
    page.get_by_label("CSV file").set_input_files(str(csv_file))
    page.get_by_role("button", name="Check the file").click()

    expect(page.get_by_text("1 row has errors.")).to_be_visible()
    bad_row = (
        page.get_by_role("row").filter(has_text=cast.teammate.employee_number).first
    )  # errors come first
    expect(bad_row).to_contain_text("“not measured” is not a number.")
    expect(page.get_by_role("button", name=re.compile(r"^Import"))).to_have_count(0)
    assert not KpiMeasurement.objects.exists()


def test_a_swedish_leader_imports_a_semicolon_file_with_decimal_commas_and_sees_it_listed(
    cast, log_in, tmp_path
):
    cast.leader.language = "sv"
    cast.leader.save()
    csv_file = tmp_path / "wfm-export.csv"
    csv_file.write_bytes(
        (
            "employee_number;metric;period_end;value\r\n"
            f"{cast.agent.employee_number};fcr;31.07.2026;71,5\r\n"
            f"{cast.teammate.employee_number};csat;31.07.2026;88\r\n"
        ).encode("cp1252")
    )
    page = log_in(cast.leader)
    page.get_by_role("link", name="Teamets mål").click()
    page.get_by_role("link", name="Importera KPI:er").click()
    page.get_by_label("CSV-fil").set_input_files(str(csv_file))
    page.get_by_role("button", name="Kontrollera filen").click()

    expect(page.get_by_text("Alla 2 rader är giltiga.")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text=cast.agent.employee_number)).to_contain_text("71,5")
    assert not KpiMeasurement.objects.exists()
    page.get_by_role("button", name="Importera 2 rader").click()

    expect(page.get_by_text("2 nya värden")).to_be_visible()
    past = page.get_by_role("row").filter(has_text="wfm-export.csv")
    expect(past).to_contain_text("Importerad")
    assert sorted(KpiMeasurement.objects.values_list("value", flat=True)) == [
        Decimal("71.50"),
        Decimal("88.00"),
    ]
    assert KpiImport.objects.get().status == KpiImport.Status.CONFIRMED
