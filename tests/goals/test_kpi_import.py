"""KPI CSV import: kept as an import record, previewed with every error, confirmed once, scoped."""

import datetime
import zoneinfo
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from goals.kpi_import import kpi_import_confirm, kpi_import_discard, kpi_import_upload
from goals.models import KpiImport, KpiImportRow, KpiMeasurement, Metric
from people.models import Employee

NOW = datetime.datetime(2026, 8, 3, 9, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Oslo"))
HEADER = "employee_number,metric,period_end,value"


def csv_for(*rows, header=HEADER):
    return "\n".join([header, *rows]) + "\n"


def upload(client, text, *, encoding="utf-8-sig", name="kpi.csv"):
    return client.post(
        reverse("goals:kpi_import"), {"file": SimpleUploadedFile(name, text.encode(encoding), "text/csv")}
    )


def uploaded(user, text, *, encoding="utf-8"):
    return kpi_import_upload(content=text.encode(encoding), file_name="kpi.csv", user=user, now=NOW)


def messages_by_line(record):
    return {
        row.line: [str(message) for message in row.error_messages] for row in record.rows.order_by("line")
    }


@pytest.fixture
def good_file(cast):
    return csv_for(
        f"{cast.agent.employee_number},fcr,2026-01-31,71.5",
        f"{cast.agent.employee_number},csat,2026-01-31,88",
        f"{cast.teammate.employee_number},Quality score,2026-01-31,92",
    )


def test_a_valid_file_is_kept_as_an_import_previewed_then_imported(client, cast, good_file):
    client.force_login(cast.leader.user)
    response = upload(client, good_file, name="wfm.csv")

    record = KpiImport.objects.get()
    assert response.status_code == 302 and response.url == record.get_absolute_url()
    assert (record.file_name, record.uploaded_by, record.row_count, record.error_count, record.status) == (
        "wfm.csv",
        cast.leader.user,
        3,
        0,
        KpiImport.Status.PREVIEWED,
    )
    assert len(record.checksum) == 64 and record.rows.count() == 3
    assert all("71.5" not in str(value) for value in client.session.values())  # nothing in the session
    preview = client.get(record.get_absolute_url())
    assert preview.status_code == 200 and b"All 3 rows are valid." in preview.content
    assert not KpiMeasurement.objects.exists()  # a preview writes nothing

    response = client.post(reverse("goals:kpi_import_confirm", args=[record.pk]))

    assert response.status_code == 302
    assert KpiMeasurement.objects.count() == 3
    fcr = KpiMeasurement.objects.get(metric__code="fcr")
    assert (fcr.employee, fcr.period_end, fcr.value, fcr.imported_by) == (
        cast.agent,
        datetime.date(2026, 1, 31),
        Decimal("71.50"),
        cast.leader.user,
    )
    record.refresh_from_db()
    assert (record.status, record.created_count, record.updated_count) == (KpiImport.Status.CONFIRMED, 3, 0)
    assert not record.rows.exists()  # the rows are measurements now


def test_the_same_file_twice_does_not_duplicate_and_a_corrected_value_replaces_the_old(cast, good_file):
    user = cast.leader.user
    first = kpi_import_confirm(kpi_import=uploaded(user, good_file), user=user, now=NOW)
    second = kpi_import_confirm(kpi_import=uploaded(user, good_file), user=user, now=NOW)
    assert (first.created, second.created, second.unchanged) == (3, 0, 3)
    corrected = good_file.replace("71.5", "72")
    third = kpi_import_confirm(kpi_import=uploaded(user, corrected), user=user, now=NOW)
    assert (third.created, third.updated) == (0, 1)
    assert KpiMeasurement.objects.count() == 3
    assert KpiMeasurement.objects.get(metric__code="fcr").value == Decimal("72.00")


def test_the_same_file_uploaded_twice_is_recognised(client, cast, good_file):
    client.force_login(cast.leader.user)
    upload(client, good_file)
    second = KpiImport.objects.get(pk=upload(client, good_file).url.split("/")[-2])
    response = client.get(second.get_absolute_url())
    assert response.context["earlier"] == KpiImport.objects.order_by("pk").first()
    assert b"The same file was uploaded before" in response.content


def test_one_bad_row_rejects_the_whole_file_and_every_error_is_shown(client, cast):
    text = csv_for(
        f"{cast.agent.employee_number},fcr,2026-01-31,71.5",
        "E99999,fcr,2026-01-31,70",
        f"{cast.teammate.employee_number},speed,2026-01-31,70",
        f"{cast.teammate.employee_number},fcr,31st January,seventy",
    )
    client.force_login(cast.leader.user)
    record = KpiImport.objects.get(pk=upload(client, text).url.split("/")[-2])
    assert messages_by_line(record) == {
        2: [],
        3: ["Unknown employee number, or someone outside your scope."],
        4: ["Unknown metric “speed”."],
        5: ["“31st January” is not a date; write it as YYYY-MM-DD.", "“seventy” is not a number."],
    }
    response = client.get(record.get_absolute_url())
    assert b"3 rows have errors." in response.content
    assert reverse("goals:kpi_import_confirm", args=[record.pk]).encode() not in response.content
    response = client.post(reverse("goals:kpi_import_confirm", args=[record.pk]), follow=True)  # forced
    assert b"Nothing is imported until every row is valid." in response.content
    assert not KpiMeasurement.objects.exists()


def test_an_out_of_scope_number_gets_the_same_message_as_an_unknown_one_naming_no_one(cast):
    record = uploaded(
        cast.leader.user,
        csv_for(f"{cast.far_agent.employee_number},fcr,2026-01-31,70", "E99999,fcr,2026-01-31,70"),
    )
    out_of_scope, unknown = messages_by_line(record)[2], messages_by_line(record)[3]
    assert out_of_scope == unknown
    user = cast.far_agent.user
    assert not any(name in out_of_scope[0] for name in (user.first_name, user.last_name, str(cast.far_agent)))


@pytest.mark.parametrize(
    ("value_cell", "message"),
    [
        ("7\x000", "The line contains a NUL character."),
        ("x" * 131_073, "The line cannot be read: a cell is longer than 131,072 characters."),
        ("9999999999.999", "“9999999999.999” is too large: values must be below 10,000,000,000."),
        ("1e400", "“1e400” is too large: values must be below 10,000,000,000."),
        ("70,1,2", "The line has 6 cells but the header has 4."),
    ],
    ids=["nul", "cell-over-the-csv-limit", "decimal-overflow", "exponent", "too-many-columns"],
)
def test_a_hostile_cell_is_a_row_error_never_a_server_error(client, cast, value_cell, message):
    text = csv_for(
        f"{cast.agent.employee_number},fcr,2026-01-31,71",
        f"{cast.agent.employee_number},csat,2026-01-31,{value_cell}",
    )
    client.force_login(cast.leader.user)
    response = upload(client, text)
    assert response.status_code == 302
    record = KpiImport.objects.get()
    assert record.error_count == 1
    assert any(error.startswith(message) for error in messages_by_line(record)[3])
    assert client.get(record.get_absolute_url()).status_code == 200
    assert client.post(reverse("goals:kpi_import_confirm", args=[record.pk])).status_code == 302
    assert not KpiMeasurement.objects.exists()


def test_a_cell_longer_than_a_field_is_an_error(cast):
    record = uploaded(cast.leader.user, csv_for(f"{cast.agent.employee_number},fcr,2026-01-31,{'7' * 101}"))
    assert "A cell is longer than 100 characters." in messages_by_line(record)[2]


def test_a_decimal_comma_in_a_comma_separated_file_is_an_error_not_twelve(cast):
    record = uploaded(cast.leader.user, csv_for(f"{cast.agent.employee_number},fcr,2026-07-31,12,5"))
    assert messages_by_line(record)[2] == [
        'The line has 5 cells but the header has 4. Write a decimal comma in quotes ("12,5") '
        "or separate the columns with semicolons."
    ]
    with pytest.raises(ValidationError):
        kpi_import_confirm(kpi_import=record, user=cast.leader.user, now=NOW)
    assert not KpiMeasurement.objects.exists()


def test_a_quoted_decimal_comma_in_a_comma_separated_file_is_read(cast):
    record = uploaded(cast.leader.user, csv_for(f'{cast.agent.employee_number},fcr,2026-07-31,"12,5"'))
    assert record.rows.get().value == Decimal("12.50")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "cp1252"])
def test_a_nordic_file_with_semicolons_and_decimal_commas_is_imported(cast, encoding):
    Metric.objects.create(code="nojd", name="Kundnöjdhet", unit="%")
    text = csv_for(
        f"{cast.agent.employee_number};Kundnöjdhet;31.01.2026;71,5",
        f"{cast.teammate.employee_number};FCR;2026-01-31;12,5",
        header="Employee_number;metric;period_end;value",
    ).replace("\n", "\r\n")
    record = uploaded(cast.leader.user, text, encoding=encoding)
    assert record.is_valid, messages_by_line(record)
    kpi_import_confirm(kpi_import=record, user=cast.leader.user, now=NOW)
    assert sorted(KpiMeasurement.objects.values_list("metric__code", "period_end", "value")) == [
        ("fcr", datetime.date(2026, 1, 31), Decimal("12.50")),
        ("nojd", datetime.date(2026, 1, 31), Decimal("71.50")),
    ]


def test_a_file_in_no_known_encoding_is_a_clear_error(client, cast):
    client.force_login(cast.leader.user)
    content = (HEADER + "\nE1,fcr,2026-01-31,\x81\n").encode("latin-1")
    response = client.post(reverse("goals:kpi_import"), {"file": SimpleUploadedFile("k.csv", content)})
    assert response.status_code == 400
    assert "neither UTF-8 nor Windows-1252" in response.context["form"].errors["file"][0]
    assert not KpiImport.objects.exists()


def test_missing_columns_are_a_clear_error(client, cast):
    client.force_login(cast.leader.user)
    response = upload(client, csv_for("E1,fcr,70", header="employee_number,metric,value"))
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [
        "Missing columns: period_end. The first line must name the columns "
        "employee_number, metric, period_end, value."
    ]


def test_an_empty_file_is_an_error(cast):
    with pytest.raises(ValidationError, match="The file is empty."):
        uploaded(cast.leader.user, "\n\n")


def test_the_same_row_twice_in_one_file_is_an_error(cast):
    row = f"{cast.agent.employee_number},fcr,2026-01-31,71"
    record = uploaded(cast.leader.user, csv_for(row, row))
    assert messages_by_line(record)[3] == ["The same employee, metric and period end is already on line 2."]


def test_hr_imports_for_everyone(cast):
    text = csv_for(f"{cast.far_agent.employee_number},fcr,2026-01-31,70")
    assert uploaded(cast.hr.user, text).is_valid
    assert not uploaded(cast.leader.user, text).is_valid


def test_the_confirm_step_checks_the_scope_again(cast, good_file):
    record = uploaded(cast.leader.user, good_file)
    Employee.objects.filter(pk=cast.teammate.pk).update(team=cast.other_team)  # moved after the preview
    with pytest.raises(ValidationError, match="no longer in your scope"):
        kpi_import_confirm(kpi_import=record, user=cast.leader.user, now=NOW)
    assert not KpiMeasurement.objects.exists()
    assert KpiImport.objects.get().status == KpiImport.Status.PREVIEWED


def test_a_second_confirm_changes_nothing_and_says_so(client, cast, good_file):
    client.force_login(cast.leader.user)
    record = uploaded(cast.leader.user, good_file)
    client.post(reverse("goals:kpi_import_confirm", args=[record.pk]))
    KpiMeasurement.objects.update(value=Decimal("1"))  # a later import changed them
    response = client.post(reverse("goals:kpi_import_confirm", args=[record.pk]), follow=True)
    assert b"This file was already imported or discarded" in response.content
    assert set(KpiMeasurement.objects.values_list("value", flat=True)) == {Decimal("1")}


def test_a_discarded_import_drops_its_rows_and_cannot_be_confirmed(client, cast, good_file):
    client.force_login(cast.leader.user)
    record = uploaded(cast.leader.user, good_file)
    assert client.post(reverse("goals:kpi_import_discard", args=[record.pk])).status_code == 302
    record.refresh_from_db()
    assert (record.status, record.decided_at is not None) == (KpiImport.Status.DISCARDED, True)
    assert not KpiImportRow.objects.exists()
    assert kpi_import_discard(kpi_import=record, now=NOW) is False  # a repeat is quiet
    with pytest.raises(ValidationError):
        kpi_import_confirm(kpi_import=record, user=cast.leader.user, now=NOW)
    assert not KpiMeasurement.objects.exists()


def test_past_imports_are_listed_to_their_uploader_and_hr_only(client, cast, good_file):
    mine = uploaded(cast.leader.user, good_file)
    client.force_login(cast.leader.user)
    assert client.get(reverse("goals:kpi_import")).context["past_imports"] == [mine]
    client.force_login(cast.other_leader.user)
    assert client.get(reverse("goals:kpi_import")).context["past_imports"] == []
    assert client.get(mine.get_absolute_url()).status_code == 404
    assert client.post(reverse("goals:kpi_import_confirm", args=[mine.pk])).status_code == 404
    client.force_login(cast.hr.user)
    assert client.get(reverse("goals:kpi_import")).context["past_imports"] == [mine]
    assert client.post(reverse("goals:kpi_import_confirm", args=[mine.pk])).status_code == 404
    assert not KpiMeasurement.objects.exists()


def test_the_preview_shows_counts_capped_error_rows_and_the_first_rows_in_constant_queries(client, cast):
    client.force_login(cast.leader.user)
    counts = []
    for size in (5, 300):
        rows = [
            f"{cast.agent.employee_number},fcr,{datetime.date(2026, 1, 1) + datetime.timedelta(days=n)},x"
            for n in range(size)
        ]
        record = uploaded(cast.leader.user, csv_for(*rows))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(record.get_absolute_url())
        counts.append(len(queries))
    assert counts[0] == counts[1] > 0
    assert len(response.context["error_rows"]) == 100 and len(response.context["first_rows"]) == 20
    assert b"The first 100 of 300 rows with errors." in response.content


def test_kpi_measurements_are_not_ordered_through_the_employee_name():
    assert not KpiMeasurement._meta.ordering
    assert "people_employee" not in str(KpiMeasurement.objects.all().query)


def test_a_person_deleted_between_preview_and_confirm_stops_the_import(cast, good_file):
    record = uploaded(cast.leader.user, good_file)
    cast.teammate.delete()
    with pytest.raises(ValidationError, match="no longer in your scope"):
        kpi_import_confirm(kpi_import=record, user=cast.leader.user, now=NOW)
    assert not KpiMeasurement.objects.exists()
