"""Writes of SCIM provisioning: people and teams as the identity provider describes them.

People are created and changed through people.services (employee_create, employee_update), so the
position history records what the identity provider changes. Deactivation never deletes: it ends the
employment today and switches the login off; every record about the person stays.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from people.models import Employee, Site, Team
from people.services import employee_create, employee_update, team_save
from sso.models import PROVISIONING_ISSUER, ExternalIdentity


class ProvisioningError(Exception):
    """A request the identity provider must correct; `conflict` when it names what already exists."""

    def __init__(self, message: str, *, conflict: bool = False):
        super().__init__(message)
        self.message = message
        self.conflict = conflict


@dataclass
class PersonData:
    """A person as a SCIM User describes them. `team` is UNCHANGED unless the request names one."""

    username: str
    first_name: str
    last_name: str
    email: str
    external_id: str
    employee_number: str
    title: str
    active: bool
    site: Site | None
    team: object


UNCHANGED = object()


def _check_unique(*, employee: Employee | None, data: PersonData):
    users = get_user_model().objects.filter(username__iexact=data.username)
    numbers = Employee.objects.filter(employee_number=data.employee_number)
    identities = ExternalIdentity.objects.filter(issuer=PROVISIONING_ISSUER, subject=data.external_id)
    if employee is not None:
        users = users.exclude(pk=employee.user_id)
        numbers = numbers.exclude(pk=employee.pk)
        identities = identities.exclude(user_id=employee.user_id)
    if users.exists():
        raise ProvisioningError(
            _("The user name %(name)s is taken by someone else.") % {"name": data.username}, conflict=True
        )
    if numbers.exists():
        raise ProvisioningError(
            _("The employee number %(number)s is taken by someone else.") % {"number": data.employee_number},
            conflict=True,
        )
    if data.external_id and identities.exists():
        raise ProvisioningError(
            _("The external id %(id)s is taken by someone else.") % {"id": data.external_id}, conflict=True
        )


def _messages(error: ValidationError) -> str:
    return " ".join(error.messages)


def _end_date(employee: Employee, active: bool, today):
    """Deactivated: the employment ends today (its last day), or stays ended earlier; reactivated: open."""
    if active:
        return None
    if employee.ended_on is not None and employee.ended_on <= today:
        return employee.ended_on
    return max(today, employee.started_on)


@transaction.atomic
def person_provision(*, employee: Employee | None, data: PersonData, by, today) -> Employee:
    """Create (employee None) or replace a person from a SCIM User. Nothing is saved when the request
    is refused (ProvisioningError). Safe to repeat: the same data changes nothing more."""
    _check_unique(employee=employee, data=data)
    names = {
        "username": data.username,
        "first_name": data.first_name,
        "last_name": data.last_name,
        "email": data.email,
    }
    try:
        if employee is None:
            site = data.site
            team = None if data.team is UNCHANGED else data.team
            employee = employee_create(
                created_by=by,
                user_data={**names, "is_active": data.active},
                employee_data={
                    "employee_number": data.employee_number,
                    "title": data.title,
                    "site": site,
                    "team": team,
                    "started_on": today,
                    "ended_on": None if data.active else today,
                    "language": site.language,
                },
            )
        else:
            user = employee.user
            for field, value in names.items():
                setattr(user, field, value)
            user.is_active = data.active
            user.full_clean(exclude=["password"])
            user.save()
            changes = {
                "employee_number": data.employee_number,
                "title": data.title,
                "ended_on": _end_date(employee, data.active, today),
            }
            if data.site is not None:
                changes["site"] = data.site
            if data.team is not UNCHANGED:
                changes["team"] = data.team
            employee_update(
                employee=employee, changed_by=by, data=changes, change_note=_("Provisioning (SCIM)")
            )
    except ValidationError as error:
        raise ProvisioningError(_messages(error)) from None
    _external_id_set(employee=employee, external_id=data.external_id)
    return employee


def _external_id_set(*, employee: Employee, external_id: str):
    identities = ExternalIdentity.objects.filter(issuer=PROVISIONING_ISSUER, user_id=employee.user_id)
    if not external_id:
        identities.delete()
    elif not identities.update(subject=external_id):
        ExternalIdentity.objects.create(
            issuer=PROVISIONING_ISSUER, user_id=employee.user_id, subject=external_id
        )


@transaction.atomic
def person_deactivate(*, employee: Employee, by, today) -> bool:
    """SCIM DELETE: the login is switched off and the employment ends; nothing is deleted. False
    when the person was already deactivated (nothing changes)."""
    switched_off = (
        get_user_model().objects.filter(pk=employee.user_id, is_active=True).update(is_active=False)
    )
    ended_on = _end_date(employee, False, today)
    if ended_on != employee.ended_on:
        employee_update(
            employee=employee,
            changed_by=by,
            data={"ended_on": ended_on},
            change_note=_("Provisioning (SCIM)"),
        )
    return bool(switched_off)


@transaction.atomic
def team_provision(*, team: Team | None, name: str, site: Site, member_ids, by) -> Team:
    """Create (team None) or replace a team from a SCIM Group. `member_ids` (employee ids, or None to
    leave the members as they are) become its members: newcomers move from their team to this one (at
    its site), people left out leave it. Each move is in the position history."""
    namesakes = Team.objects.filter(site=site if team is None else team.site, name__iexact=name)
    if namesakes.exclude(pk=getattr(team, "pk", None)).exists():
        raise ProvisioningError(
            _("A team called %(name)s already exists at this site.") % {"name": name}, conflict=True
        )
    try:
        if team is None:
            team = team_save(team=Team(name=name, site=site))
        else:
            # The lock makes two membership changes of one team at once happen one after the other.
            team = Team.objects.select_for_update(of=("self",)).get(pk=team.pk)
            if team.name != name:
                team.name = name
                team = team_save(team=team)
    except ValidationError as error:
        raise ProvisioningError(_messages(error)) from None
    if member_ids is not None:
        _members_set(team=team, member_ids=set(member_ids), by=by)
    return team


def _members_set(*, team: Team, member_ids: set, by):
    joining = list(Employee.objects.filter(pk__in=member_ids).exclude(team=team).select_related("user"))
    known = Employee.objects.filter(pk__in=member_ids).count()
    if known != len(member_ids):
        raise ProvisioningError(_("A member of the group is not a person known to Samtal."))
    note = _("Provisioning (SCIM)")
    for employee in joining:
        employee_update(
            employee=employee, changed_by=by, data={"team": team, "site": team.site}, change_note=note
        )
    for employee in Employee.objects.filter(team=team).exclude(pk__in=member_ids):
        employee_update(employee=employee, changed_by=by, data={"team": None}, change_note=note)


@transaction.atomic
def team_dissolve(*, team: Team, by) -> None:
    """SCIM DELETE of a group: its members leave the team; the team itself stays, with its history."""
    team = Team.objects.select_for_update(of=("self",)).get(pk=team.pk)
    _members_set(team=team, member_ids=set(), by=by)
