from urllib.parse import urlencode

import requests
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.generic import View
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from sso import provider

REASONS = {
    "token": _("The answer from your organisation's sign-in service could not be verified."),
    "expired": _("The sign-in took too long and has expired."),
    "audience": _("The sign-in was meant for another application, not Samtal."),
    "issuer": _("The sign-in came from another identity provider than the one Samtal trusts."),
    "state": _("This sign-in has already been used or was started in another browser."),
    "unknown": _(
        "No one in Samtal matches your account. Ask HR to check the e-mail address Samtal has for you."
    ),
    "ended": _("You cannot sign in to Samtal: your employment has ended or your login is switched off."),
    "provider": _(
        "Your organisation's sign-in service cannot be reached just now. Try again in a few minutes."
    ),
    "cancelled": _("The sign-in was cancelled."),
}


def refused(request, reason, status=403):
    return render(request, "sso/refused.html", {"message": REASONS[reason]}, status=status)


@method_decorator(login_not_required, name="dispatch")
class SignInView(OIDCAuthenticationRequestView):
    """Sends the browser to the provider with a fresh state, nonce and PKCE challenge."""

    def __init__(self, **kwargs):
        View.__init__(self, **kwargs)  # the endpoints are read on request, not at start-up

    @property
    def OIDC_RP_CLIENT_ID(self):
        return settings.OIDC_RP_CLIENT_ID

    def get(self, request):
        if not provider.enabled():
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = provider.endpoint("authorization_endpoint")
        except (requests.RequestException, ValueError):
            return refused(request, "provider", status=503)
        return super().get(request)


@method_decorator(login_not_required, name="dispatch")
class CallbackView(OIDCAuthenticationCallbackView):
    """The provider's answer. Every refusal ends on a page that says why, never on an error page."""

    def get(self, request):
        if not provider.enabled():
            raise Http404
        state = request.GET.get("state")
        if "code" in request.GET and state not in request.session.get("oidc_states", {}):
            return refused(request, "state")  # replayed, or from another browser's sign-in
        return super().get(request)

    def login_failure(self):
        default = "cancelled" if self.request.GET.get("error") else "state"
        return refused(self.request, getattr(self.request, "sso_refusal", default))


class LogoutView(auth_views.LogoutView):
    """Ends the Samtal session and, after a single sign-on, the provider's too when it offers an
    end_session_endpoint (it then sends the browser back to the login page)."""

    def post(self, request, *args, **kwargs):
        id_token = request.session.get("oidc_id_token")
        response = super().post(request, *args, **kwargs)
        if not (id_token and provider.enabled()):
            return response
        try:
            end_session = provider.endpoint("end_session_endpoint")
        except (requests.RequestException, ValueError):
            return response
        if not end_session:
            return response
        back = request.build_absolute_uri(resolve_url(settings.LOGOUT_REDIRECT_URL))
        query = urlencode(
            {
                "id_token_hint": id_token,
                "client_id": settings.OIDC_RP_CLIENT_ID,
                "post_logout_redirect_uri": back,
            }
        )
        return HttpResponseRedirect(f"{end_session}?{query}")
