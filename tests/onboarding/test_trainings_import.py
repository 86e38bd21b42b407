"""CSV import of training completions: kept as an import record, previewed with every error,
rejected whole on any error, confirmed once, idempotent, scoped."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from onboarding.models import TrainingCompletion, TrainingImport
from onboarding.training_import import error_messages, training_import_confirm, training_import_upload
from tests.onboarding.training_helpers import completed

pytestmark = pytest.mark.clock
HEADER = "employee_number;training;completed_on;evidence"


def csv_for(*rows, header=HEADER):
    return "\n".join([header, *rows]) + "\n"


def upload(client, text, *, encoding="utf-8-sig", name="lms.csv"):
    return client.post(
        reverse("onboarding:training_import"),
        {"file": SimpleUploadedFile(name, text.encode(encoding), "text/csv")},
    )


def uploaded(user, text):
    return training_import_upload(content=text.encode(), file_name="lms.csv", user=user, now=timezone.now())


def messages_by_line(record):
    return {row.line: error_messages(row) for row in record.rows.order_by("line")}


@pytest.fixture
def day():
    return timezone.localdate() - datetime.timedelta(days=10)


@pytest.fixture
def good_file(cast, day):
    return csv_for(
        f"{cast.agent.employee_number};aml;{day.isoformat()};CERT-1",
        f"{cast.agent.employee_number};Personvern (GDPR);{day:%d.%m.%Y};",
        f"{cast.teammate.employee_number};Informationssäkerhet;{day.isoformat()};https://lms.example/42",
    )


def test_a_valid_file_is_previewed_then_imported(client, cast, good_file, day):
    client.force_login(cast.leader.user)
    response = upload(client, good_file)

    record = TrainingImport.objects.get()
    assert response.status_code == 302 and response.url == record.get_absolute_url()
    assert (record.row_count, record.error_count, record.status) == (3, 0, TrainingImport.Status.PREVIEWED)
    preview = client.get(record.get_absolute_url())
    assert preview.status_code == 200 and "All 3 rows are valid." in preview.content.decode()
    assert not TrainingCompletion.objects.exists()  # a preview records nothing

    response = client.post(reverse("onboarding:training_import_confirm", args=[record.pk]))

    assert response.status_code == 302
    completions = TrainingCompletion.objects.order_by("requirement__code", "employee_id")
    assert [(c.employee, c.requirement.code, c.completed_on, c.evidence) for c in completions] == [
        (cast.agent, "aml", day, "CERT-1"),
        (cast.agent, "gdpr", day, ""),
        (cast.teammate, "infosec", day, "https://lms.example/42"),
    ]
    assert all(c.training_import == record and c.recorded_by == cast.leader.user for c in completions)
    assert completions[0].valid_until.year == day.year + 1
    record.refresh_from_db()
    assert (record.status, record.created_count) == (TrainingImport.Status.CONFIRMED, 3)
    assert not record.rows.exists()
    listing = client.get(reverse("onboarding:training_import")).content.decode()
    assert "lms.csv" in listing


def test_the_same_file_twice_records_nothing_new(cast, good_file, day):
    user = cast.leader.user
    completed(cast.agent, "aml", on=day, evidence="by hand")
    first = training_import_confirm(training_import=uploaded(user, good_file), user=user, now=timezone.now())
    second = training_import_confirm(training_import=uploaded(user, good_file), user=user, now=timezone.now())
    assert (first.created, first.already_recorded) == (2, 1)
    assert (second.created, second.already_recorded) == (0, 3)
    assert TrainingCompletion.objects.count() == 3
    assert TrainingCompletion.objects.get(requirement__code="aml").evidence == "by hand"


def test_the_evidence_column_may_be_left_out(cast, day):
    text = csv_for(
        f"{cast.agent.employee_number},AML,{day.isoformat()}", header="employee_number,training,completed_on"
    )
    record = uploaded(cast.hr.user, text)
    assert record.is_valid
    training_import_confirm(training_import=record, user=cast.hr.user, now=timezone.now())
    assert TrainingCompletion.objects.get().evidence == ""


def test_one_bad_row_rejects_the_whole_file_and_every_error_is_shown(client, cast, day):
    future = timezone.localdate() + datetime.timedelta(days=3)
    text = csv_for(
        f"{cast.agent.employee_number};aml;{day.isoformat()};",
        f"{cast.other_agent.employee_number};aml;{day.isoformat()};",  # another leader's team
        "E99999;aml;2026-01-01;",
        f"{cast.teammate.employee_number};fire drill;{day.isoformat()};",
        f"{cast.teammate.employee_number};gdpr;last week;",
        f"{cast.teammate.employee_number};gdpr;{future.isoformat()};",
        f"{cast.agent.employee_number};AML;{day.isoformat()};",
        ";aml;2026-01-01",
    )
    client.force_login(cast.leader.user)
    record = TrainingImport.objects.get(pk=upload(client, text).url.split("/")[-2])
    assert messages_by_line(record) == {
        2: [],
        3: ["Unknown employee number, or someone outside your scope."],
        4: ["Unknown employee number, or someone outside your scope."],
        5: ["Unknown training “fire drill”."],
        6: ["“last week” is not a date; write it as YYYY-MM-DD."],
        7: [f"The completion date {future.isoformat()} is in the future."],
        8: ["The same employee, training and date is already on line 2."],
        9: ["The line has 3 cells but the header has 4."],
    }
    page = client.get(record.get_absolute_url()).content.decode()
    assert "7 rows have errors" in page and "Import 8 rows" not in page
    response = client.post(reverse("onboarding:training_import_confirm", args=[record.pk]))
    assert response.status_code == 302 and not TrainingCompletion.objects.exists()
    with pytest.raises(ValidationError):
        training_import_confirm(training_import=record, user=cast.leader.user, now=timezone.now())


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The submitted file is empty."),
        (b"employee_number;completed_on\nE1;2026-01-01\n", "Missing columns: training."),
        (HEADER.encode() + b"\n", "The file has a header but no rows."),
        (b"employee_number;training;completed_on\nE1;\x81\x8d;2026-01-01\n", "neither UTF-8"),
    ],
)
def test_an_unusable_file_is_refused_with_a_message(client, cast, content, message):
    client.force_login(cast.hr.user)
    response = client.post(
        reverse("onboarding:training_import"), {"file": SimpleUploadedFile("x.csv", content, "text/csv")}
    )
    assert response.status_code == 400 and message in response.content.decode()
    assert not TrainingImport.objects.exists()


def test_a_large_file_previews_only_the_first_rows_and_the_rows_in_error(client, cast, day):
    rows = [
        f"{cast.agent.employee_number};aml;{(day - datetime.timedelta(days=n)).isoformat()};"
        for n in range(300)
    ]
    rows += [f"E99999;aml;{day.isoformat()};"] * 150
    client.force_login(cast.leader.user)
    record = TrainingImport.objects.get(pk=upload(client, csv_for(*rows)).url.split("/")[-2])
    response = client.get(record.get_absolute_url())
    assert (len(response.context["first_rows"]), len(response.context["error_rows"])) == (20, 100)
    assert "The first 100 of 150 rows with errors." in response.content.decode()


def test_imports_are_scoped_to_their_uploader_and_hr(client, cast, good_file):
    record = uploaded(cast.leader.user, good_file)
    for viewer in (cast.other_leader, cast.far_leader):
        client.force_login(viewer.user)
        assert client.get(record.get_absolute_url()).status_code == 404
        assert client.post(reverse("onboarding:training_import_confirm", args=[record.pk])).status_code == 404
    for viewer in (cast.agent, cast.manager):
        client.force_login(viewer.user)
        assert client.get(reverse("onboarding:training_import")).status_code == 403
    client.force_login(cast.hr.user)
    assert client.get(record.get_absolute_url()).status_code == 200
    assert client.post(reverse("onboarding:training_import_confirm", args=[record.pk])).status_code == 404
    assert not TrainingCompletion.objects.exists()


def test_a_discarded_file_records_nothing_and_cannot_be_confirmed(client, cast, good_file):
    record = uploaded(cast.leader.user, good_file)
    client.force_login(cast.leader.user)
    client.post(reverse("onboarding:training_import_discard", args=[record.pk]))
    client.post(reverse("onboarding:training_import_confirm", args=[record.pk]))
    record.refresh_from_db()
    assert record.status == TrainingImport.Status.DISCARDED and not record.rows.exists()
    assert not TrainingCompletion.objects.exists()
