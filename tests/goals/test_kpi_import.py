"""KPI CSV import: preview with every error, all-or-nothing import, no duplicates, scoped."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from goals.kpi_import import kpi_csv_check, kpi_csv_import
from goals.models import KpiMeasurement
from people.models import Employee


def csv_for(*rows, header="employee_number,metric,period_end,value"):
    return "\n".join([header, *rows]) + "\n"


def upload(client, text, *, encoding="utf-8-sig", name="kpi.csv"):
    return client.post(
        reverse("goals:kpi_import"), {"file": SimpleUploadedFile(name, text.encode(encoding), "text/csv")}
    )


@pytest.fixture
def good_file(cast):
    return csv_for(
        f"{cast.agent.employee_number},fcr,2026-01-31,71.5",
        f"{cast.agent.employee_number},csat,2026-01-31,88",
        f"{cast.teammate.employee_number},Quality score,2026-01-31,92",
    )


def test_a_valid_file_is_previewed_then_imported(client, cast, good_file):
    client.force_login(cast.leader.user)
    preview = upload(client, good_file)
    assert preview.status_code == 200 and preview.context["check"].is_valid
    assert not KpiMeasurement.objects.exists()  # a preview writes nothing

    response = client.post(reverse("goals:kpi_import_confirm"), {"token": preview.context["token"]})

    assert response.status_code == 302
    assert KpiMeasurement.objects.count() == 3
    fcr = KpiMeasurement.objects.get(metric__code="fcr")
    assert (fcr.employee, fcr.period_end, fcr.value, fcr.imported_by) == (
        cast.agent,
        datetime.date(2026, 1, 31),
        Decimal("71.50"),
        cast.leader.user,
    )


def test_the_same_file_twice_does_not_duplicate_and_a_corrected_value_replaces_the_old(cast, good_file):
    _, first = kpi_csv_import(text=good_file, user=cast.leader.user)
    _, second = kpi_csv_import(text=good_file, user=cast.leader.user)
    assert (first.created, second.created, second.unchanged) == (3, 0, 3)
    corrected = good_file.replace("71.5", "72")
    _, third = kpi_csv_import(text=corrected, user=cast.leader.user)
    assert (third.created, third.updated) == (0, 1)
    assert KpiMeasurement.objects.count() == 3
    assert KpiMeasurement.objects.get(metric__code="fcr").value == Decimal("72.00")


def test_one_bad_row_rejects_the_whole_file_and_every_error_is_shown(client, cast):
    text = csv_for(
        f"{cast.agent.employee_number},fcr,2026-01-31,71.5",
        "E99999,fcr,2026-01-31,70",
        f"{cast.teammate.employee_number},speed,2026-01-31,70",
        f"{cast.teammate.employee_number},fcr,31st January,seventy",
        f"{cast.other_agent.employee_number},fcr,2026-01-31,70",
    )
    client.force_login(cast.leader.user)
    response = upload(client, text)
    check = response.context["check"]
    assert response.status_code == 400 and not check.is_valid
    errors = {row.line: row.errors for row in check.rows}
    assert errors[2] == []
    assert errors[3] == ["Unknown employee number E99999."]
    assert errors[4] == ["Unknown metric “speed”."]
    assert errors[5] == [
        "“31st January” is not a date; write it as YYYY-MM-DD.",
        "“seventy” is not a number.",
    ]
    assert errors[6] == [f"{cast.other_agent} ({cast.other_agent.employee_number}) is out of your scope."]
    assert b"/goals/kpi-import/confirm/" not in response.content  # no Import button
    assert not KpiMeasurement.objects.exists()
    client.post(reverse("goals:kpi_import_confirm"), {"token": response.context["token"]})  # forced anyway
    assert not KpiMeasurement.objects.exists()


def test_a_file_in_another_encoding_is_a_clear_error(client, cast):
    client.force_login(cast.leader.user)
    text = csv_for(f"{cast.agent.employee_number},Kundnöjdhet,2026-01-31,88")
    response = upload(client, text, encoding="latin-1")
    assert "The file is not UTF-8 encoded" in response.context["form"].errors["file"][0]
    assert not KpiMeasurement.objects.exists()


def test_missing_columns_are_a_clear_error(client, cast):
    client.force_login(cast.leader.user)
    response = upload(client, csv_for("E1,fcr,70", header="employee_number,metric,value"))
    assert response.context["check"].file_errors == [
        "Missing columns: period_end. The first line must name the columns "
        "employee_number, metric, period_end, value."
    ]


def test_semicolons_decimal_commas_and_nordic_dates_are_understood(cast):
    text = csv_for(
        f"{cast.agent.employee_number};FCR;31.01.2026;71,5", header="Employee_number;metric;period_end;value"
    )
    check = kpi_csv_check(text=text, user=cast.leader.user)
    assert check.is_valid
    assert (check.rows[0].period_end, check.rows[0].value) == (datetime.date(2026, 1, 31), Decimal("71.50"))


def test_the_same_row_twice_in_one_file_is_an_error(cast):
    row = f"{cast.agent.employee_number},fcr,2026-01-31,71"
    check = kpi_csv_check(text=csv_for(row, row), user=cast.leader.user)
    assert check.rows[1].errors == ["The same employee, metric and period end is already on line 2."]


def test_hr_imports_for_everyone(cast):
    text = csv_for(f"{cast.far_agent.employee_number},fcr,2026-01-31,70")
    assert kpi_csv_check(text=text, user=cast.hr.user).is_valid
    assert not kpi_csv_check(text=text, user=cast.leader.user).is_valid


def test_the_confirm_step_validates_again(client, cast, good_file):
    client.force_login(cast.leader.user)
    token = upload(client, good_file).context["token"]
    Employee.objects.filter(pk=cast.teammate.pk).update(
        team=cast.other_team
    )  # moved between preview and import
    response = client.post(reverse("goals:kpi_import_confirm"), {"token": token})
    assert response.status_code == 400
    assert not KpiMeasurement.objects.exists()


def test_a_forged_token_imports_nothing(client, cast, good_file):
    client.force_login(cast.leader.user)
    upload(client, good_file)
    client.post(reverse("goals:kpi_import_confirm"), {"token": "forged"})
    assert not KpiMeasurement.objects.exists()


def test_an_empty_file_is_an_error(cast):
    assert kpi_csv_check(text="", user=cast.leader.user).file_errors == ["The file is empty."]
