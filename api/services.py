"""Issuing and revoking API tokens."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from api.models import ApiToken


@transaction.atomic
def token_issue(*, user, name: str, kind=ApiToken.Kind.PERSONAL, sites=()) -> tuple[ApiToken, str]:
    """A new token and its key (shown once; only the hash is stored)."""
    token = ApiToken(user=user, name=name, kind=kind)
    token.full_clean(exclude=["prefix", "key_hash"])
    if token.is_service and not sites:
        raise ValidationError(_("A service token needs at least one site."))
    key = token.issue_key()
    token.save()
    if token.is_service:
        token.sites.set(sites)
    return token, key


def token_revoke(*, token: ApiToken, by, now) -> bool:
    """Revoke a token from now on; False when it was already revoked (nothing changes)."""
    return bool(ApiToken.objects.filter(pk=token.pk, revoked_at=None).update(revoked_at=now, revoked_by=by))
