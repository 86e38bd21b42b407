"""API authentication: `Authorization: Bearer <key>` with a personal or service token (a provisioning
token is for /scim/v2/ only and is refused here like an unknown one)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header

from api.models import ApiToken, hash_key


class ApiTokenAuthentication(BaseAuthentication):
    """A bad, unknown or revoked key, or one whose owner may no longer use Samtal, is refused (401);
    without the header, session authentication has its turn."""

    keyword = "Bearer"

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.lower().encode():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Invalid token header."))
        try:
            key = parts[1].decode("ascii")
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from None
        token = (
            ApiToken.objects.active()
            .exclude(kind=ApiToken.Kind.PROVISIONING)
            .select_related("user__employee__site", "user__employee__team")
            .filter(key_hash=hash_key(key))
            .first()
        )
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        user = token.user
        employee = getattr(user, "employee", None)
        if not user.is_active or (employee is not None and employee.has_ended(timezone.localdate())):
            raise exceptions.AuthenticationFailed(_("The token's owner no longer has access to Samtal."))
        return user, token

    def authenticate_header(self, request):
        return self.keyword


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """How the OpenAPI schema describes the token: an HTTP bearer scheme."""

    target_class = ApiTokenAuthentication
    name = "bearerToken"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "A personal or service API token."}
