"""django-scim2 adapters: a SCIM User is a people.Employee with its login, a SCIM Group a people.Team.

User                                   Samtal
  id                                   the employee's id
  userName                             the login's user name (Entra ID: the UPN)
  name.givenName / name.familyName     first and last name
  emails (the primary, else the first) e-mail address
  active                               false: the login is switched off and the employment ends today
  externalId                           kept as the person's "scim" ExternalIdentity (see sso.backend)
  title                                title (new people without one: "Agent" in the site's language)
  enterprise employeeNumber            employee number (required, unique)
  samtal extension site, team          site and team by name (else: the person's own, or the default
                                       site and no team; groups move people between teams too)
Group                                  a team: displayName is its name, members its employees
"""

import zoneinfo
from urllib.parse import urljoin

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_scim import constants, exceptions
from django_scim.adapters import SCIMGroup, SCIMUser

from people.models import Employee, Role, Site, Team
from provisioning import services
from provisioning.filters import is_id
from provisioning.patch import apply_operations
from sso.models import PROVISIONING_ISSUER

ENTERPRISE = constants.SchemaURI.ENTERPRISE_USER
SAMTAL_USER = "urn:ietf:params:scim:schemas:extension:samtal:2.0:User"
SAMTAL_GROUP = "urn:ietf:params:scim:schemas:extension:samtal:2.0:Group"


def employee_model():
    """USER_MODEL_GETTER: the SCIM Users are employees."""
    return Employee


def base_location(request=None, *args, **kwargs):
    """BASE_LOCATION_GETTER: the address the identity provider called, as the host of `location`s."""
    return request.build_absolute_uri("/")


def _bad(message):
    return exceptions.BadRequestError(message, scim_type="invalidValue")


def _text(document: dict, key: str, *, required_message=None) -> str:
    value = document.get(key)
    if value is None or value == "":
        if required_message:
            raise _bad(required_message)
        return ""
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise _bad(_("%(attribute)s must be text.") % {"attribute": key})
    return str(value).strip()


def _boolean(value, attribute) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):  # Entra ID sends "False" in PATCH
        return value.lower() == "true"
    raise _bad(_("%(attribute)s must be true or false.") % {"attribute": attribute})


def _object(document: dict, key: str) -> dict:
    value = document.get(key) or {}
    if not isinstance(value, dict):
        raise _bad(_("%(attribute)s must be an object.") % {"attribute": key})
    return value


def _site(name: str, current: Site | None) -> Site:
    """The site named in the request, else the current one, else SCIM_DEFAULT_SITE or the only site."""
    if name:
        site = Site.objects.filter(name__iexact=name).first()
        if site is None:
            raise _bad(_("There is no site called %(name)s.") % {"name": name})
        return site
    if current is not None:
        return current
    default = settings.SCIM_DEFAULT_SITE
    sites = list(Site.objects.filter(name__iexact=default)[:1] if default else Site.objects.all()[:2])
    if len(sites) != 1:
        raise _bad(
            _("Name the site in the Samtal extension, or set SCIM_DEFAULT_SITE: there is more than one site.")
        )
    return sites[0]


def _conflict_or_bad(error: services.ProvisioningError):
    if error.conflict:
        return exceptions.IntegrityError(error.message, scim_type="uniqueness")
    return _bad(error.message)


class ScimAdapterMixin:
    id_field = "pk"

    def validate_dict(self, d):
        """Checked while reading it (from_dict), with Samtal's own messages."""

    def handle_operations(self, operations):
        """PATCH: the operations are applied to the current representation, which then replaces the
        record as a PUT would, through the same checks."""
        document = apply_operations(self.to_dict(), operations)
        self.from_dict(document)
        self.save()

    @staticmethod
    def today_at(site: Site):
        """Today in the site's time zone: a start or end date is the site's calendar day."""
        return timezone.localdate(timezone.now(), zoneinfo.ZoneInfo(site.time_zone))


class ScimPerson(ScimAdapterMixin, SCIMUser):
    @classmethod
    def with_related(cls, records):
        return records.select_related("user", "site", "team").prefetch_related("user__external_identities")

    @property
    def display_name(self):
        return self.obj.full_name

    @property
    def external_id(self) -> str | None:
        for identity in self.obj.user.external_identities.all():  # prefetched in lists
            if identity.issuer == PROVISIONING_ISSUER:
                return identity.subject
        return None

    def to_dict(self):
        employee, user = self.obj, self.obj.user
        team = employee.team
        return {
            "schemas": [constants.SchemaURI.USER, ENTERPRISE, SAMTAL_USER],
            "id": self.id,
            "externalId": self.external_id,
            "userName": user.username,
            "name": {
                "givenName": user.first_name,
                "familyName": user.last_name,
                "formatted": self.display_name,
            },
            "displayName": self.display_name,
            "title": employee.title,
            "emails": [{"value": user.email, "type": "work", "primary": True}] if user.email else [],
            "active": employee.may_use_samtal(self.today_at(employee.site)),
            "groups": [{"value": str(team.pk), "display": team.name}] if team else [],
            ENTERPRISE: {"employeeNumber": employee.employee_number},
            SAMTAL_USER: {"site": employee.site.name, "team": team.name if team else None},
            "meta": {
                "resourceType": self.resource_type,
                "created": user.date_joined.isoformat(),
                "lastModified": employee.updated_at.isoformat(),
                "location": self.location,
            },
        }

    def from_dict(self, d):
        current = self.obj if self.obj.pk else None
        username = _text(d, "userName", required_message=_("userName is missing."))
        name = _object(d, "name")
        samtal = _object(d, SAMTAL_USER)
        site = _site(_text(samtal, "site"), current.site if current else None)
        team = services.UNCHANGED
        if "team" in samtal:
            team_name = _text(samtal, "team")
            team = Team.objects.filter(site=site, name__iexact=team_name).first() if team_name else None
            if team_name and team is None:
                raise _bad(
                    _("There is no team called %(team)s at %(site)s.") % {"team": team_name, "site": site}
                )
        active = d.get("active")
        title = _text(d, "title") or (current.title if current else "")
        if not title:
            with translation.override(site.language):
                title = str(Role.AGENT.label)
        self.data = services.PersonData(
            username=username,
            first_name=_text(name, "givenName"),
            last_name=_text(name, "familyName"),
            email=self._email(d.get("emails")),
            external_id=_text(d, "externalId"),
            employee_number=_text(
                _object(d, ENTERPRISE),
                "employeeNumber",
                required_message=_("The employee number (enterprise extension, employeeNumber) is missing."),
            ),
            title=title,
            active=(current.user.is_active if current else True)
            if active is None
            else _boolean(active, "active"),
            site=site,
            team=team,
        )

    def _email(self, emails) -> str:
        if not emails:
            return ""
        if not isinstance(emails, list) or not all(isinstance(email, dict) for email in emails):
            raise _bad(_("emails must be a list of objects."))
        primary = [email for email in emails if email.get("primary") is True] or emails
        address = _text(primary[0], "value")
        try:
            validate_email(address)
        except ValidationError:
            raise _bad(_("%(address)s is not an e-mail address.") % {"address": address}) from None
        return address

    def save(self):
        try:
            self.obj = services.person_provision(
                employee=self.obj if self.obj.pk else None,
                data=self.data,
                by=self.request.user,
                today=self.today_at(self.data.site),
            )
        except services.ProvisioningError as error:
            raise _conflict_or_bad(error) from None

    def delete(self):
        services.person_deactivate(
            employee=self.obj, by=self.request.user, today=self.today_at(self.obj.site)
        )


class ScimTeam(ScimAdapterMixin, SCIMGroup):
    @classmethod
    def with_related(cls, records):
        return records.select_related("site").prefetch_related("members__user")

    def to_dict(self):
        team = self.obj
        return {
            "schemas": [constants.SchemaURI.GROUP, SAMTAL_GROUP],
            "id": self.id,
            "displayName": team.name,
            "members": [
                {
                    "value": str(member.pk),
                    "display": member.full_name,
                    "$ref": urljoin(
                        base_location(self.request), reverse("scim:users", kwargs={"uuid": member.pk})
                    ),
                }
                for member in team.members.all()
            ],
            SAMTAL_GROUP: {"site": team.site.name},
            "meta": {
                "resourceType": self.resource_type,
                "lastModified": team.updated_at.isoformat(),
                "location": self.location,
            },
        }

    def from_dict(self, d):
        current = self.obj if self.obj.pk else None
        self.name = _text(d, "displayName", required_message=_("displayName is missing."))
        self.site = current.site if current else _site(_text(_object(d, SAMTAL_GROUP), "site"), None)
        members = d.get("members")
        if members is None:
            self.member_ids = None
            return
        if not isinstance(members, list) or not all(isinstance(member, dict) for member in members):
            raise _bad(_("members must be a list of objects."))
        ids = [_text(member, "value") for member in members]
        if not all(is_id(value) for value in ids):
            raise _bad(_("A member of the group is not a person known to Samtal."))
        self.member_ids = {int(value) for value in ids}

    def save(self):
        try:
            self.obj = services.team_provision(
                team=self.obj if self.obj.pk else None,
                name=self.name,
                site=self.site,
                member_ids=self.member_ids,
                by=self.request.user,
            )
        except services.ProvisioningError as error:
            raise _conflict_or_bad(error) from None

    def delete(self):
        services.team_dissolve(team=self.obj, by=self.request.user)
