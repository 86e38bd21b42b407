"""Logging in and resetting a password: who may, from which address, and how often."""

import ipaddress

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.cache import cache
from django.core.validators import MaxLengthValidator
from django.utils import timezone, translation

RESET_THROTTLE_SECONDS = 60 * 60


def client_ip_address(request) -> str:
    """The client's address. Behind the load balancer every request comes from the proxy, so the
    address is the one the trusted proxies (TRUSTED_PROXY_COUNT of them) appended last to
    X-Forwarded-For; whatever the client wrote there itself further left is ignored."""
    remote = request.META.get("REMOTE_ADDR", "")
    if not settings.BEHIND_PROXY:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(forwarded) < settings.TRUSTED_PROXY_COUNT:
        return remote
    candidate = forwarded[-settings.TRUSTED_PROXY_COUNT]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


class EmployeeBackend(ModelBackend):
    """Django's password check, refused to people whose employment has ended. Checked at login only
    (not on every request): the daily task deactivates the login on the day after the end date,
    which ends open sessions too."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        user = super().authenticate(request, username=username, password=password, **kwargs)
        return None if user is None or _employment_ended(user) or not _may_use_password(user) else user


def _may_use_password(user) -> bool:
    """With LOCAL_PASSWORDS off (single sign-on for everyone), only the break-glass superuser has one."""
    return settings.LOCAL_PASSWORDS or user.is_superuser


def _employment_ended(user) -> bool:
    employee = getattr(user, "employee", None)
    return employee is not None and employee.has_ended(timezone.localdate())


class LoginForm(AuthenticationForm):
    """The login form with the username's length checked before anything looks it up (Django only
    sets the field's max_length for the HTML attribute, and axes records the attempt in a 255-character
    column)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].validators.append(MaxLengthValidator(self.fields["username"].max_length))

    def clean(self):
        if "username" in self.errors:  # e.g. 5,000 characters: not a username, and no attempt either
            raise self.get_invalid_login_error()
        return super().clean()


def _within_limit(key: str) -> bool:
    """Count one more use of `key` in this hour; False once the hourly limit is passed."""
    cache.add(key, 0, RESET_THROTTLE_SECONDS)
    try:
        return cache.incr(key) <= settings.PASSWORD_RESET_MAILS_PER_HOUR
    except ValueError:  # expired between add and incr
        cache.set(key, 1, RESET_THROTTLE_SECONDS)
        return True


class ThrottledPasswordResetForm(PasswordResetForm):
    """Sends reset links only to people who may log in, and at most a few an hour per user and per
    client address. The page answers the same way in every case, so it reveals nothing."""

    def __init__(self, *args, client_ip="", **kwargs):
        super().__init__(*args, **kwargs)
        self.client_ip = client_ip

    def get_users(self, email):
        for user in super().get_users(email):
            if (
                not _employment_ended(user)
                and _may_use_password(user)
                and _within_limit(f"password-reset:user:{user.pk}")
            ):
                yield user

    def send_mail(self, *args, **kwargs):
        """In the language the person chose, not the one of whoever asked for the link."""
        employee = getattr(args[2]["user"], "employee", None)  # args: subject, body templates, context
        with translation.override(employee.language if employee else translation.get_language()):
            super().send_mail(*args, **kwargs)

    def save(self, *args, **kwargs):
        if _within_limit(f"password-reset:address:{self.client_ip}"):
            super().save(*args, **kwargs)


class PasswordResetView(auth_views.PasswordResetView):
    form_class = ThrottledPasswordResetForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "client_ip": client_ip_address(self.request)}


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Setting a new password through the e-mailed link also lifts a login lock-out for that user:
    the lock-out page tells people to do exactly this."""

    def form_valid(self, form):
        response = super().form_valid(form)
        axes_reset(username=form.user.get_username())
        return response
