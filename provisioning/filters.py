"""SCIM filters, translated to the ORM (django-scim2's own parser writes PostgreSQL-flavoured raw SQL
for a flat user table; ours spans Employee, User and ExternalIdentity and runs on SQLite too).

Supported: `<attribute> eq "<value>"`, the filters identity providers send to match a record before
they create it (Entra ID: userName, externalId; groups: displayName), and `and` between them.
Anything else is refused with 400 (invalidFilter)."""

import re

from django.db.models import Q

from people.models import Employee, Team
from sso.models import PROVISIONING_ISSUER

LARGEST_ID = 2**63 - 1  # BigAutoField: a larger number is no id (and PostgreSQL would refuse it)
CONDITION = re.compile(r'\s*([\w.:]+)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*', re.IGNORECASE)


def conditions(filter_query: str) -> list[tuple[str, str]]:
    """[(attribute, value)] of `a eq "x" and b eq "y"`; ValueError for anything else."""
    found = []
    for part in re.split(r"\s+and\s+", filter_query.strip(), flags=re.IGNORECASE):
        match = CONDITION.fullmatch(part)
        if match is None:
            raise ValueError(f'only `attribute eq "value"` filters are supported, not {part!r}')
        found.append((match[1].lower(), match[2].replace('\\"', '"').replace("\\\\", "\\")))
    return found


def is_id(value: str) -> bool:
    return value.isdigit() and int(value) <= LARGEST_ID


def _id(value: str) -> Q:
    return Q(pk=int(value)) if is_id(value) else Q(pk__in=[])


class PersonFilter:
    attr_map = {}  # django-scim2's adapters read it; our PATCH does not need it
    lookups = {
        "id": _id,
        "username": lambda value: Q(user__username__iexact=value),
        "externalid": lambda value: Q(
            user__external_identities__issuer=PROVISIONING_ISSUER, user__external_identities__subject=value
        ),
        "emails.value": lambda value: Q(user__email__iexact=value),
        "emails": lambda value: Q(user__email__iexact=value),
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:user:employeenumber": lambda value: Q(
            employee_number=value
        ),
    }
    model = Employee

    @classmethod
    def search(cls, filter_query, request=None):
        """The records matching the filter (a QuerySet); ValueError for an unsupported filter."""
        query = Q()
        for attribute, value in conditions(filter_query):
            lookup = cls.lookups.get(attribute)
            if lookup is None:
                raise ValueError(f"filtering on {attribute} is not supported")
            query &= lookup(value)
        return cls.model.objects.filter(query).order_by("pk")


class TeamFilter(PersonFilter):
    lookups = {
        "id": _id,
        "displayname": lambda value: Q(name__iexact=value),
    }
    model = Team
