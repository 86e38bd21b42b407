"""People import from the HR export: previewed, applied whole or not at all, once, by HR only."""

import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from people.models import Employee, PositionChange, Role, Team
from people_import.models import PeopleImport
from people_import.services import COLUMNS, error_message, people_import_confirm, people_import_upload

HEADER = ";".join(COLUMNS)


def csv(*lines) -> bytes:
    return "\n".join([HEADER, *lines]).encode()


def line(number, first, last, site, team, role, title, leader="", start="2024-03-01", end="", email=None):
    email = email or f"{first.lower()}.{last.lower()}@bank.example"
    return ";".join([number, first, last, email, site, team, role, title, leader, start, end])


@pytest.fixture
def export(cast):
    """The cast's Uppsala Cards team as HR sends it, plus a newcomer, and the agent changing title."""
    agent, leader = cast.agent, cast.leader
    return csv(
        line(
            leader.employee_number,
            leader.user.first_name,
            leader.user.last_name,
            "Uppsala",
            "",
            "leader",
            leader.title,
            start=leader.started_on.isoformat(),
            email=leader.user.email,
        ),
        line(
            agent.employee_number,
            agent.user.first_name,
            agent.user.last_name,
            "Uppsala",
            "Cards",
            "agent",
            "Senior adviser",
            leader.employee_number,
            agent.started_on.isoformat(),
            email=agent.user.email,
        ),
        line(
            "N1", "Nora", "Ny", "Uppsala", "Cards", "agent", "Adviser", leader.employee_number, "2027-02-01"
        ),
    )


def upload(client, content, name="hr.csv"):
    return client.post(
        reverse("people_import:upload"), {"file": SimpleUploadedFile(name, content, "text/csv")}
    )


def test_the_preview_shows_what_changes_and_changes_nothing(client, cast, export):
    client.force_login(cast.hr.user)
    response = upload(client, export)
    record = PeopleImport.objects.get()
    assert response.status_code == 302 and response.url == record.get_absolute_url()
    assert (record.created_count, record.changed_count, record.unchanged_count) == (1, 1, 1)
    page = client.get(record.get_absolute_url())
    assert page.status_code == 200 and "Nora Ny" in page.content.decode()
    assert not Employee.objects.filter(employee_number="N1").exists()
    cast.agent.refresh_from_db()
    assert cast.agent.title != "Senior adviser"


def test_confirming_applies_it_whole_and_records_position_changes(client, cast, export):
    client.force_login(cast.hr.user)
    upload(client, export)
    record = PeopleImport.objects.get()
    assert client.post(reverse("people_import:confirm", args=[record.pk])).status_code == 302
    newcomer = Employee.objects.get(employee_number="N1")
    assert (newcomer.team, newcomer.role, newcomer.user.email) == (
        cast.team,
        Role.AGENT,
        "nora.ny@bank.example",
    )
    assert not newcomer.user.has_usable_password()
    change = PositionChange.objects.get(employee=cast.agent)
    assert (change.title, change.recorded_by) == ("Senior adviser", cast.hr.user)
    assert PeopleImport.objects.get().status == PeopleImport.Status.CONFIRMED


def test_the_same_file_again_changes_nothing(client, cast, export):
    first = people_import_upload(content=export, file_name="a.csv", user=cast.hr.user, now=timezone.now())
    people_import_confirm(people_import=first, user=cast.hr.user, now=timezone.now())
    again = people_import_upload(content=export, file_name="a.csv", user=cast.hr.user, now=timezone.now())
    assert (again.created_count, again.changed_count, again.ended_count, again.unchanged_count) == (
        0,
        0,
        0,
        3,
    )
    people_import_confirm(people_import=again, user=cast.hr.user, now=timezone.now())
    assert Employee.objects.filter(employee_number="N1").count() == 1
    assert PositionChange.objects.count() == 1


def test_a_second_confirm_changes_nothing_more(client, cast, export):
    client.force_login(cast.hr.user)
    upload(client, export)
    record = PeopleImport.objects.get()
    client.post(reverse("people_import:confirm", args=[record.pk]))
    response = client.post(reverse("people_import:confirm", args=[record.pk]), follow=True)
    assert "already imported" in response.content.decode()
    assert PositionChange.objects.count() == 1


def test_new_teams_are_made_and_led_by_the_leader_in_the_file(cast):
    content = csv(
        line("N1", "Nora", "Ny", "Oslo", "Pensions", "agent", "Adviser", cast.far_leader.employee_number)
    )
    record = people_import_upload(content=content, file_name="a.csv", user=cast.hr.user, now=timezone.now())
    people_import_confirm(people_import=record, user=cast.hr.user, now=timezone.now())
    team = Team.objects.get(name="Pensions")
    assert (team.site, team.leader) == (cast.other_site, cast.far_leader)


@pytest.mark.parametrize(
    ("lines", "code"),
    [
        (
            [
                line("A1", "Ann", "A", "Uppsala", "Cards", "leader", "Lead", "B1"),
                line("B1", "Bo", "B", "Uppsala", "Loans", "leader", "Lead", "A1"),
            ],
            "leader_cycle",
        ),
        ([line("A1", "Ann", "A", "Atlantis", "Cards", "agent", "Adviser")], "site_unknown"),
        (
            [
                line("A1", "Ann", "A", "Uppsala", "Cards", "agent", "Adviser"),
                line("A1", "Bo", "B", "Uppsala", "Cards", "agent", "Adviser"),
            ],
            "duplicate_number",
        ),
        ([line("A1", "Ann", "A", "Uppsala", "Cards", "agent", "Adviser", "ZZZ")], "leader_unknown"),
        ([line("A1", "Ann", "A", "Uppsala", "Cards", "chief", "Adviser")], "role_unknown"),
        ([line("A1", "Ann", "A", "Uppsala", "Cards", "agent", "Adviser", start="tomorrow")], "date"),
        (
            [line("A1", "Ann", "A", "Uppsala", "Cards", "agent", "Adviser", end="2020-01-01")],
            "ends_before_start",
        ),
    ],
    ids=[
        "cycle",
        "unknown-site",
        "duplicate-number",
        "unknown-leader",
        "unknown-role",
        "bad-date",
        "ends-first",
    ],
)
def test_a_file_with_an_error_is_refused_whole_with_a_translated_message(client, cast, lines, code):
    cast.hr.language = "nb"
    cast.hr.save()
    client.force_login(cast.hr.user)
    good = line("OK1", "Ola", "Ok", "Uppsala", "Cards", "agent", "Adviser")
    upload(client, csv(good, *lines))
    record = PeopleImport.objects.get()
    assert code in {error[1] for error in record.errors}
    page = client.get(record.get_absolute_url()).content.decode()
    params = next(params for _line, error, params in record.errors if error == code)
    with translation.override("nb"):
        norwegian = error_message(code, params)
    assert escape(norwegian) in page and norwegian != error_message(code, params)
    client.post(reverse("people_import:confirm", args=[record.pk]))
    assert not Employee.objects.filter(employee_number__in=["OK1", "A1", "B1"]).exists()
    assert PeopleImport.objects.get().status == PeopleImport.Status.PREVIEWED


def test_someone_elses_email_is_refused(cast):
    content = csv(
        line("N1", "Nora", "Ny", "Uppsala", "Cards", "agent", "Adviser", email=cast.agent.user.email)
    )
    record = people_import_upload(content=content, file_name="a.csv", user=cast.hr.user, now=timezone.now())
    assert [error[1] for error in record.errors] == ["email_taken"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\n\n", "The file is empty."),
        (
            b"employee_number;name\nE1;Ann",
            "Missing columns: %(columns)s. The first line must name the columns %(expected)s.",
        ),
    ],
    ids=["empty", "missing-columns"],
)
def test_a_file_that_cannot_be_read_is_a_translated_400(client, cast, content, message):
    cast.hr.language = "sv"
    cast.hr.save()
    client.force_login(cast.hr.user)
    response = upload(client, content)
    assert response.status_code == 400
    with translation.override("sv"):
        expected = translation.gettext(message).split("%")[0]
    assert expected != message.split("%")[0] and escape(expected) in response.content.decode()
    assert not PeopleImport.objects.exists()


def test_a_leader_who_leaves_with_people_left_behind_is_listed(client, cast):
    leader = cast.leader
    end = (timezone.localdate() + datetime.timedelta(days=14)).isoformat()
    content = csv(
        line(
            leader.employee_number,
            leader.user.first_name,
            leader.user.last_name,
            "Uppsala",
            "Cards",
            "leader",
            leader.title,
            start=leader.started_on.isoformat(),
            end=end,
            email=leader.user.email,
        )
    )
    record = people_import_upload(content=content, file_name="a.csv", user=cast.hr.user, now=timezone.now())
    assert record.ended_count == 1
    record = people_import_confirm(people_import=record, user=cast.hr.user, now=timezone.now())
    assert record.leaderless == [
        {"team": "Cards", "site": "Uppsala", "leader": leader.full_name, "leaves_on": end, "people": 2}
    ]
    client.force_login(cast.hr.user)
    assert "Teams that will have no leader" in client.get(record.get_absolute_url()).content.decode()


@pytest.mark.parametrize("role", ["agent", "leader", "manager", "trainer"])
def test_only_hr_sees_imports(client, cast, export, role):
    record = people_import_upload(content=export, file_name="a.csv", user=cast.hr.user, now=timezone.now())
    client.force_login(getattr(cast, role).user)
    assert client.get(record.get_absolute_url()).status_code == 403
    assert client.post(reverse("people_import:confirm", args=[record.pk])).status_code == 403


def test_the_nightly_command_imports_and_a_dry_run_changes_nothing(cast, export, tmp_path, capsys):
    path = tmp_path / "hr.csv"
    path.write_bytes(export)
    call_command("import_people", str(path), "--dry-run")
    assert not Employee.objects.filter(employee_number="N1").exists()
    call_command("import_people", str(path), "--as", "hr")
    assert Employee.objects.filter(employee_number="N1").exists()
    assert "1 new, 1 changed" in capsys.readouterr().out


def test_the_nightly_command_refuses_a_file_with_errors(cast, tmp_path):
    path = tmp_path / "hr.csv"
    path.write_bytes(csv(line("A1", "Ann", "A", "Atlantis", "Cards", "agent", "Adviser")))
    with pytest.raises(CommandError, match="1 errors"):
        call_command("import_people", str(path))
    assert not Employee.objects.filter(employee_number="A1").exists()


@pytest.mark.parametrize("people", [5, 60])
def test_checking_a_file_costs_the_same_queries_whatever_its_size(cast, people, django_assert_num_queries):
    content = csv(
        *[
            line(
                f"Q{n}", "Per", f"Son{n}", "Uppsala", "Cards", "agent", "Adviser", cast.leader.employee_number
            )
            for n in range(people)
        ]
    )
    with django_assert_num_queries(9):
        people_import_upload(content=content, file_name="a.csv", user=cast.hr.user, now=timezone.now())


def test_an_excel_workbook_is_read_like_the_csv(cast):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(COLUMNS))
    sheet.append(
        [
            42,
            "Nora",
            "Ny",
            "nora@bank.example",
            "Uppsala",
            "Cards",
            "Agent",
            "Adviser",
            cast.leader.employee_number,
            datetime.datetime(2027, 2, 1),
            None,
        ]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    record = people_import_upload(
        content=buffer.getvalue(), file_name="hr.xlsx", user=cast.hr.user, now=timezone.now()
    )
    assert record.errors == [] and record.created_count == 1
    people_import_confirm(people_import=record, user=cast.hr.user, now=timezone.now())
    nora = Employee.objects.get(employee_number="42")
    assert (nora.started_on, nora.role, nora.team) == (datetime.date(2027, 2, 1), Role.AGENT, cast.team)


def test_a_broken_workbook_is_a_clear_error(client, cast):
    client.force_login(cast.hr.user)
    response = upload(client, b"PK\x03\x04 not really a workbook", name="hr.xlsx")
    assert response.status_code == 400 and "Excel workbook" in response.content.decode()
