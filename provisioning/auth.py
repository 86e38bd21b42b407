"""Who may call /scim/v2/: the identity provider, with a provisioning token (api.ApiToken of kind
PROVISIONING) as its bearer token. A session, a personal or service token, a revoked token or one
whose owner no longer has access is refused with a SCIM error (401)."""

import json

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scim import constants, exceptions
from django_scim.middleware import SCIMAuthCheckMiddleware
from rest_framework.authentication import get_authorization_header

from api.models import ApiToken, hash_key
from people.models import Role


def provisioning_token(request) -> ApiToken | None:
    """The active provisioning token the request carries, if its owner may still answer for it."""
    parts = get_authorization_header(request).split()
    if len(parts) != 2 or parts[0].lower() != b"bearer":
        return None
    try:
        key = parts[1].decode("ascii")
    except UnicodeError:
        return None
    token = (
        ApiToken.objects.active()
        .filter(kind=ApiToken.Kind.PROVISIONING, key_hash=hash_key(key))
        .select_related("user__employee")
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    employee = getattr(token.user, "employee", None)
    if token.user.is_superuser:
        return token
    if employee is None or employee.role != Role.HR or employee.has_ended(timezone.localdate()):
        return None
    return token


def scim_error(error: exceptions.SCIMException) -> HttpResponse:
    return HttpResponse(
        json.dumps(error.to_dict()), content_type=constants.SCIM_CONTENT_TYPE, status=error.status
    )


class ProvisioningTokenCheck(SCIMAuthCheckMiddleware):
    """django-scim2's AUTH_CHECK_MIDDLEWARE (it wraps every SCIM view): the token's owner becomes the
    request's user, who is recorded as the author of the changes in the position history."""

    def process_request(self, request):
        token = provisioning_token(request)
        if token is None:
            response = scim_error(
                exceptions.AuthorizationError(_("Send a valid provisioning token as the bearer token."))
            )
            response["WWW-Authenticate"] = 'Bearer realm="Samtal SCIM"'
            return response
        request.user = token.user
        request.provisioning_token = token
        return None
