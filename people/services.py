from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from people.models import Employee, PositionChange

POSITION_FIELDS = ("title", "role", "team_id")


@transaction.atomic
def employee_update(*, employee: Employee, changed_by, data: dict, change_note: str = "") -> Employee:
    """Save profile changes; a new title, role or team is also recorded in the position history."""
    # Read from the database: a bound ModelForm has already changed the instance in memory.
    position_before = Employee.objects.filter(pk=employee.pk).values_list(*POSITION_FIELDS).get()
    for field, value in data.items():
        setattr(employee, field, value)
    employee.full_clean()
    employee.save()
    if tuple(getattr(employee, field) for field in POSITION_FIELDS) != position_before:
        PositionChange.objects.create(
            employee=employee,
            changed_on=timezone.localdate(),
            title=employee.title,
            role=employee.role,
            team=employee.team,
            note=change_note,
            recorded_by=changed_by,
        )
    return employee


@transaction.atomic
def my_profile_update(*, employee: Employee, email: str, phone: str, language: str) -> Employee:
    """An employee's own contact details and language."""
    employee.phone = phone
    employee.language = language
    employee.full_clean()
    employee.save(update_fields=["phone", "language"])
    employee.user.email = email
    employee.user.save(update_fields=["email"])
    return employee


def employment_end_deactivate(*, today) -> int:
    """Deactivate the logins of everyone whose employment ended before `today`, in one UPDATE.

    Idempotent: logins already inactive are left alone, so a repeated or late run changes nothing
    more. Returns how many logins were deactivated."""
    ended = Employee.objects.filter(ended_on__lt=today).values("user_id")
    return get_user_model().objects.filter(is_active=True, pk__in=ended).update(is_active=False)
