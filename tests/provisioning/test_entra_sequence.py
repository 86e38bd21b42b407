"""A replay of what Microsoft Entra ID sends when it provisions an application: its connection
test, a new person (matched first by userName), a group assignment, changes, and unassignment.
The externalId it sends (the object id, when mapped so) links the person's first single sign-on."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from people.models import Employee, Role, Site
from tests.provisioning.helpers import ENTERPRISE, Scim, provisioning_key
from tests.sso.test_sign_in import provider, sign_in, signed_in_user  # noqa: F401 (the provider fixture)

OBJECT_ID = "7b0c3a8e-5f3e-4d2b-9c51-0d9f1a2b3c4d"


def test_entra_provisioning_cycle(client, cast, provider, settings):  # noqa: F811
    settings.SCIM_DEFAULT_SITE = "Uppsala"
    Site.objects.filter(pk=cast.site.pk).update(language="sv")
    scim = Scim(client, provisioning_key(cast.hr.user))

    # "Test connection": a filter on a made-up user name must answer an empty list, not an error.
    probe = scim.get("Users", filter='userName eq "non-existent user 2f0e3b"')
    assert probe.status_code == 200 and probe.json()["totalResults"] == 0

    # A new assignment: look the person up, then create them.
    assert scim.get("Users", filter='userName eq "linnea.berg@bank.example"').json()["Resources"] == []
    created = scim.post(
        "Users",
        {
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE],
            "externalId": OBJECT_ID,
            "userName": "linnea.berg@bank.example",
            "active": True,
            "displayName": "Linnea Berg",
            "emails": [{"primary": True, "type": "work", "value": "linnea.berg@bank.example"}],
            "meta": {"resourceType": "User"},
            "name": {"formatted": "Linnea Berg", "familyName": "Berg", "givenName": "Linnea"},
            ENTERPRISE: {"employeeNumber": "SE-4711", "department": "Kundservice"},
        },
    )
    assert created.status_code == 201, created.content
    person_id = created.json()["id"]
    with translation.override("sv"):  # no title from Entra ID: the role's name in the site's language
        assert created.json()["title"] == str(Role.AGENT.label)

    # The group it is assigned through: found by displayName, then the member added.
    group = scim.get("Groups", filter='displayName eq "Cards"', excludedAttributes="members").json()
    group_id = group["Resources"][0]["id"]
    added = scim.patch(
        f"Groups/{group_id}", {"op": "Add", "path": "members", "value": [{"value": person_id}]}
    )
    assert added.status_code == 200, added.content
    assert Employee.objects.get(pk=person_id).team == cast.team

    # A change in Entra ID: several replacements in one PATCH.
    changed = scim.patch(
        f"Users/{person_id}",
        {"op": "Replace", "path": "title", "value": "Kundrådgivare"},
        {"op": "Replace", "path": "name.familyName", "value": "Berg Ek"},
        {"op": "Replace", "path": "displayName", "value": "Linnea Berg Ek"},
    )
    assert changed.status_code == 200 and changed.json()["title"] == "Kundrådgivare"

    # Her first single sign-on is linked by the object id, though her e-mail is another one there.
    response, _callback = sign_in(client, provider, sub=OBJECT_ID, email="l.berg@other.example")
    assert response.status_code == 302 and signed_in_user(client).username == "linnea.berg@bank.example"
    client.post(reverse("logout"))

    # Unassigned from the application: Entra ID sends active "False"; she cannot sign in any more.
    off = scim.patch(f"Users/{person_id}", {"op": "Replace", "path": "active", "value": "False"})
    assert off.status_code == 200 and off.json()["active"] is False
    response, _callback = sign_in(client, provider, sub=OBJECT_ID, email="linnea.berg@bank.example")
    assert response.status_code == 403 and signed_in_user(client) is None
    person = Employee.objects.get(pk=person_id)
    assert person.team == cast.team and person.position_changes.count() == 3
    assert not get_user_model().objects.get(pk=person.user_id).is_active
