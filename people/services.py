from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from people.models import Employee, PositionChange, Role, Site, Team

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
def team_leader_change(
    *, team: Team, new_leader: Employee, expected_leader_id: int | None, changed_by, change_note: str = ""
) -> Employee | None:
    """HR gives `team` a new leader; returns the previous one (None if it had none). The new leader is
    made a team leader filed under the team, which the position history records when it changes their
    role or team (an agent promoted from within, a leader moving team).

    Guarded: the team's row is locked and must still have `expected_leader_id` as its leader (what the
    HR page showed), so a second submit or a change made meanwhile raises ValidationError and changes
    nothing. The caller's transaction holds the lock until everything that moves with the team is moved."""
    locked = Team.objects.select_for_update(of=("self",)).select_related("leader").get(pk=team.pk)
    if locked.leader_id != expected_leader_id:
        raise ValidationError(
            _("The team's leader was changed while you had this page open. Check the handover and try again.")
        )
    if new_leader.pk == locked.leader_id:
        raise ValidationError(_("%(name)s already leads this team.") % {"name": new_leader})
    previous = locked.leader
    locked.leader = new_leader
    locked.save(update_fields=["leader"])
    team.leader = new_leader
    if new_leader.role != Role.TEAM_LEADER or new_leader.team_id != locked.pk:
        employee_update(
            employee=new_leader,
            changed_by=changed_by,
            data={"role": Role.TEAM_LEADER, "team": locked},
            change_note=change_note,
        )
    return previous


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


@transaction.atomic
def employee_create(*, created_by, user_data: dict, employee_data: dict) -> Employee:
    """A new person: a login without a password (they sign in through single sign-on or set one with
    "Forgot your password?") and their employee record, the first step of their position history."""
    user = get_user_model()(**user_data)
    user.set_unusable_password()
    user.full_clean()
    user.save()
    employee = Employee(user=user, **employee_data)
    employee.full_clean()
    employee.save()
    PositionChange.objects.create(
        employee=employee,
        changed_on=employee.started_on,
        title=employee.title,
        role=employee.role,
        team=employee.team,
        recorded_by=created_by,
    )
    return employee


@transaction.atomic
def site_save(*, site: Site) -> Site:
    site.full_clean()
    site.save()
    return site


@transaction.atomic
def team_save(*, team: Team) -> Team:
    """Create or change a team. Its leader is set here only while it has none: a new leader for a
    team with people is a handover (what moves with it is decided there)."""
    if team.pk is not None:
        leader_before = Team.objects.select_for_update().values_list("leader_id", flat=True).get(pk=team.pk)
        if leader_before is not None and team.leader_id != leader_before:
            raise ValidationError(
                _("Give the team a new leader through the handover, so that nothing is lost.")
            )
    team.full_clean()
    team.save()
    return team
