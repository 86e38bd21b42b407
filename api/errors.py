"""One error shape for the whole API, in the caller's language:

    {"detail": "<message>", "code": "<code>", "fields": {"<parameter>": ["<message>", ...]}}

`fields` only when a parameter was refused (400). The messages are Samtal's own (this app's
catalogues), not DRF's: DRF's catalogues are not loaded, so that they cannot override Django's
wording of the form errors the pages show."""

import math

from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler


def _message(exc, code):
    if isinstance(exc, exceptions.AuthenticationFailed):
        return str(exc.detail)  # api.auth's own messages
    if isinstance(exc, exceptions.Throttled):
        return _("Too many requests: try again in %(seconds)d seconds.") % {
            "seconds": math.ceil(exc.wait or 1)
        }
    messages = {
        "not_authenticated": _("Sign in, or send an API token in the header “Authorization: Bearer <key>”."),
        "permission_denied": _("The API only reads."),
        "not_found": _("Not found: it does not exist, or it is not in your scope."),
        "method_not_allowed": _("The API only reads."),
        "not_acceptable": _("The API answers in JSON only."),
    }
    return messages.get(code, _("The request could not be answered."))


def exception_handler(exc, context):
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        fields = response.data if isinstance(response.data, dict) else {"non_field_errors": response.data}
        response.data = {"detail": _("The request is not valid."), "code": "invalid", "fields": fields}
    else:
        detail = response.data.get("detail", "") if isinstance(response.data, dict) else ""
        code = getattr(detail, "code", "error")
        response.data = {"detail": _message(exc, code), "code": code}
    return response
