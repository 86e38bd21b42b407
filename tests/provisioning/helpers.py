import json

from api.models import ApiToken
from api.services import token_issue

SCIM = "application/scim+json"
USER = "urn:ietf:params:scim:schemas:core:2.0:User"
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
SAMTAL = "urn:ietf:params:scim:schemas:extension:samtal:2.0:User"
PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp"


def provisioning_key(issuer_user) -> str:
    return token_issue(user=issuer_user, name="Entra ID", kind=ApiToken.Kind.PROVISIONING)[1]


class Scim:
    """A test client that talks to /scim/v2/ as the identity provider does."""

    def __init__(self, client, key):
        self.client = client
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}

    def get(self, path, **params):
        return self.client.get(f"/scim/v2/{path}", params, **self.headers)

    def send(self, method, path, body):
        data = body if isinstance(body, str | bytes) else json.dumps(body)
        return getattr(self.client, method)(f"/scim/v2/{path}", data, content_type=SCIM, **self.headers)

    def post(self, path, body):
        return self.send("post", path, body)

    def put(self, path, body):
        return self.send("put", path, body)

    def patch(self, path, *operations):
        return self.send("patch", path, {"schemas": [PATCH], "Operations": list(operations)})

    def delete(self, path):
        return self.client.delete(f"/scim/v2/{path}", **self.headers)


def user_body(user_name="ada@bank.example", number="S1001", **extra) -> dict:
    body = {
        "schemas": [USER, ENTERPRISE],
        "userName": user_name,
        "externalId": "0f8c-ada",
        "name": {"givenName": "Ada", "familyName": "Lind"},
        "emails": [{"value": user_name, "type": "work", "primary": True}],
        "title": "Customer advisor",
        "active": True,
        ENTERPRISE: {"employeeNumber": number},
    }
    body.update(extra)
    return body
