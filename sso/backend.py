"""Signing in with the bank's OpenID Connect provider (mozilla-django-oidc's code flow, with PKCE).

The ID token is checked for its signature (the provider's published keys), issuer, audience (our
client id), expiry and nonce. People are matched by the provider's stable id (OIDC_SUBJECT_CLAIM:
`oid` for Entra ID, else `sub`) kept in ExternalIdentity; only at a person's first sign-in is the
e-mail address used, to link them. Display names are never matched. Nobody is created here: people
come from HR (the admin, the import). Whoever has no employee record, has left, or whose login is
switched off is refused.
"""

import logging

import jwt
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.db import IntegrityError, transaction
from django.utils import timezone
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from sso import provider
from sso.models import PROVISIONING_ISSUER, ExternalIdentity

logger = logging.getLogger(__name__)


class Refused(Exception):
    """A sign-in refused for a reason the person is told (see sso.views.REASONS)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class OidcBackend(OIDCAuthenticationBackend):
    OIDC_RP_IDP_SIGN_KEY = None  # the keys come from the provider's jwks_uri

    def __init__(self, *args, **kwargs):
        # Django builds a backend for every request of a signed-in user (get_user): no settings
        # checks and no network here; the endpoints are read when a sign-in needs them.
        self.UserModel = get_user_model()

    @property
    def OIDC_RP_CLIENT_ID(self):
        return settings.OIDC_RP_CLIENT_ID

    @property
    def OIDC_RP_CLIENT_SECRET(self):
        return settings.OIDC_RP_CLIENT_SECRET

    @property
    def OIDC_RP_SIGN_ALGO(self):
        return settings.OIDC_RP_SIGN_ALGO

    @property
    def OIDC_OP_TOKEN_ENDPOINT(self):
        return provider.endpoint("token_endpoint")

    @property
    def OIDC_OP_JWKS_ENDPOINT(self):
        return provider.endpoint("jwks_uri")

    def authenticate(self, request, **kwargs):
        if request is None or "nonce" not in kwargs or not provider.enabled():
            return None  # a password login, or single sign-on is not configured
        try:
            return super().authenticate(request, **kwargs)
        except Refused as refusal:
            reason = refusal.reason
        except (requests.RequestException, ValueError):
            logger.exception("Single sign-on: the identity provider could not be reached or answered badly")
            reason = "provider"
        except (SuspiciousOperation, jwt.PyJWTError) as error:  # bad signature, unknown key, wrong nonce
            logger.warning("Single sign-on refused: %s", error)
            reason = "token"
        request.sso_refusal = reason
        return None

    def _verify_jws(self, payload, key):
        algorithm = self.OIDC_RP_SIGN_ALGO
        if jwt.get_unverified_header(payload).get("alg") != algorithm:
            raise Refused("token")
        try:
            return jwt.decode(
                payload,
                key,
                algorithms=[algorithm],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=provider.metadata()["issuer"],
                leeway=settings.OIDC_CLOCK_LEEWAY_SECONDS,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.ExpiredSignatureError:
            raise Refused("expired") from None
        except jwt.InvalidAudienceError:
            raise Refused("audience") from None
        except jwt.InvalidIssuerError:
            raise Refused("issuer") from None

    def get_userinfo(self, access_token, id_token, payload):
        """The verified ID token's claims: the user info endpoint adds nothing we match on."""
        return payload

    def get_or_create_user(self, access_token, id_token, payload):
        subject = str(payload.get(settings.OIDC_SUBJECT_CLAIM) or "")
        if not subject:
            raise Refused("token")
        issuer = payload["iss"]
        identity = (
            ExternalIdentity.objects.select_related("user").filter(issuer=issuer, subject=subject).first()
        )
        if identity is None:
            identity = self._link_at_first_sign_in(issuer, subject, payload)
        user = identity.user
        employee = getattr(user, "employee", None)
        if not user.is_active or employee is None or employee.has_ended(timezone.localdate()):
            raise Refused("ended")
        ExternalIdentity.objects.filter(pk=identity.pk).update(last_sign_in_at=timezone.now())
        return user

    def _link_at_first_sign_in(self, issuer, subject, claims) -> ExternalIdentity:
        """Link the provider's id to the person SCIM provisioned with it as externalId, else to the one
        employee with the token's e-mail address."""
        provisioned = ExternalIdentity.objects.filter(issuer=PROVISIONING_ISSUER, subject=subject).first()
        if provisioned is not None:
            return self._link(provisioned.user, issuer, subject)
        email = str(claims.get(settings.OIDC_EMAIL_CLAIM) or "").strip()
        if not email or claims.get("email_verified") is False:
            raise Refused("unknown")
        users = list(self.UserModel.objects.filter(email__iexact=email, employee__isnull=False)[:2])
        if len(users) != 1:
            raise Refused("unknown")
        return self._link(users[0], issuer, subject)

    def _link(self, user, issuer, subject) -> ExternalIdentity:
        try:
            with transaction.atomic():
                return ExternalIdentity.objects.create(user=user, issuer=issuer, subject=subject)
        except IntegrityError:
            # This person is already linked to another account of the provider: not theirs to take.
            raise Refused("unknown") from None


def is_single_sign_on(request, credentials) -> bool:
    """For django-axes (AXES_WHITELIST_CALLABLE): a refused single sign-on is no password guess, and
    counting it would lock out everyone behind the bank's one outgoing address (no username)."""
    return bool(credentials) and "nonce" in credentials
