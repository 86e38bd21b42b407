from api.models import ApiToken
from api.services import token_issue


def personal_key(employee) -> str:
    return token_issue(user=employee.user, name="Script")[1]


def service_key(issuer_user, *sites) -> str:
    return token_issue(user=issuer_user, name="HR sync", kind=ApiToken.Kind.SERVICE, sites=sites)[1]


def bearer(key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def ids(response) -> set:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}
