from datetime import timedelta

from django.conf import settings
from django.utils import timezone, translation

from people.models import Employee


class EmployeePreferencesMiddleware:
    """Loads the signed-in user's employee record once, with their site, and activates their
    language and their site's time zone for this request only: the next request served by the same
    thread (another user, or nobody) must not inherit them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            employee = Employee.objects.select_related("site", "team").filter(user=user).first()
            if employee is not None:
                user.employee = employee  # fills the one-to-one cache: no further query this request
                request.LANGUAGE_CODE = employee.language
                with translation.override(employee.language), timezone.override(employee.site.time_zone):
                    return self.get_response(request)
        return self.get_response(request)


def session_refresh_interval() -> timedelta:
    """How long after it was last written a session used by a request is written again.

    A minute: the idle timeout (SESSION_COOKIE_AGE, eight hours by default) then ends a session between
    a minute early and on time, which nobody notices, and someone who keeps clicking costs one session
    write a minute instead of one per request. A short timeout (a kiosk, a test) gets a tenth of itself,
    so it stays within 10 %."""
    return min(timedelta(minutes=1), timedelta(seconds=settings.SESSION_COOKIE_AGE) / 10)


class SessionIdleTimeoutMiddleware:
    """Makes SESSION_COOKIE_AGE an idle timeout without writing the session on every request.

    Saving a session sets its expiry (the row's and the cookie's) to SESSION_COOKIE_AGE from now. A
    request that read the session saves it when it was last written more than
    `session_refresh_interval()` ago, or when it changed it anyway (a login, a message); otherwise the
    session is left alone, one query fewer. Needs the session engine people.sessions."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = request.session
        if session.expire_date is not None and not session.modified:
            written_at = session.expire_date - timedelta(seconds=settings.SESSION_COOKIE_AGE)
            session.modified = timezone.now() - written_at >= session_refresh_interval()
        return response
