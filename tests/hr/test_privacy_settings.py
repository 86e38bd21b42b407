"""The data-protection officer's settings: one row, defaults until saved, changed by superusers only,
with their history kept; the report threshold can never go below three."""

from django.urls import reverse

from hr.models import PrivacySettings


def test_the_defaults_hold_until_the_officer_saves_settings(db):
    privacy = PrivacySettings.current()
    assert privacy.hr_conversation_access == PrivacySettings.HrConversationAccess.OCCURRENCE
    assert privacy.private_notes_in_own_export is True
    assert privacy.retention_months == 24
    assert not PrivacySettings.objects.exists()


def test_a_superuser_saves_the_one_row_in_the_admin_and_its_history_is_kept(client, cast):
    client.force_login(cast.superuser)
    response = client.post(
        reverse("admin:hr_privacysettings_add"),
        {"hr_conversation_access": "summary", "retention_months": 36, "decided_by": "DPO Dahl"},
    )
    assert response.status_code == 302
    privacy = PrivacySettings.current()
    assert (privacy.pk, privacy.hr_reads_summary, privacy.private_notes_in_own_export) == (1, True, False)
    assert privacy.history.count() == 1
    assert client.get(reverse("admin:hr_privacysettings_add")).status_code == 403  # one row only
    delete = reverse("admin:hr_privacysettings_delete", args=[1])
    assert client.get(delete).status_code == 403


def test_a_second_save_keeps_the_single_row(db):
    PrivacySettings(retention_months=12).save()
    PrivacySettings(retention_months=18).save()
    assert list(PrivacySettings.objects.values_list("pk", "retention_months")) == [(1, 18)]


def test_staff_who_are_not_superusers_cannot_change_them(client, cast):
    cast.hr.user.is_staff = True
    cast.hr.user.save()
    client.force_login(cast.hr.user)
    assert client.get(reverse("admin:hr_privacysettings_add")).status_code == 403


def test_the_threshold_defaults_to_five(settings):
    from config import settings as project_settings

    assert project_settings.REPORT_MIN_GROUP_SIZE == 5
