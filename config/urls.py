from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

import api.urls
import coaching.urls
import dashboards.urls
import goals.urls
import hr.urls
import onboarding.urls
import people.urls
import people_import.urls
import provisioning.urls
import reminders.urls
import sso.urls
from config import readiness
from people import auth as people_auth
from people import views as people_views
from people.access import ADMIN_SITE, ANONYMOUS, AUTHENTICATED
from sso import views as sso_views

urlpatterns = [
    path("", people_views.home, name="home"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            redirect_authenticated_user=True, authentication_form=people_auth.LoginForm
        ),
        name="login",
    ),
    path("logout/", sso_views.LogoutView.as_view(), name="logout"),
    path("password/change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("password/change/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("password/reset/", people_auth.PasswordResetView.as_view(), name="password_reset"),
    path("password/reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        people_auth.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("ready", readiness.ready, name="ready"),
    path("admin/", admin.site.urls),
    path("", include(people.urls)),
    path("goals/", include(goals.urls)),
    path("coaching/", include(coaching.urls)),
    path("onboarding/", include(onboarding.urls)),
    path("dashboards/", include(dashboards.urls)),
    path("reminders/", include(reminders.urls)),
    path("hr/", include(hr.urls)),
    path("api/", include(api.urls)),
    path("sso/", include(sso.urls)),
    path("people-import/", include(people_import.urls)),
    path("scim/v2/", include(provisioning.urls)),
]

# The URL policy (see people/access.py): every pattern above and in each app, with who may reach it.
access = {
    "home": AUTHENTICATED,
    "login": ANONYMOUS,
    "logout": AUTHENTICATED,
    "password_change": AUTHENTICATED,
    "password_change_done": AUTHENTICATED,
    "password_reset": ANONYMOUS,
    "password_reset_done": ANONYMOUS,
    "password_reset_confirm": ANONYMOUS,
    "password_reset_complete": ANONYMOUS,
    "ready": ANONYMOUS,  # the load balancer's readiness check: ok or not ok per check, nothing else
    "admin:*": ADMIN_SITE,
}
for app_urls in (
    people.urls,
    goals.urls,
    coaching.urls,
    onboarding.urls,
    dashboards.urls,
    reminders.urls,
    hr.urls,
    api.urls,
    sso.urls,
    people_import.urls,
    provisioning.urls,
):
    access.update({f"{app_urls.app_name}:{name}": rule for name, rule in app_urls.access.items()})

# The main navigation, in menu order: each entry is shown to whom its URL's rule above admits.
navigation = [
    entry
    for app_urls in (
        dashboards.urls,
        coaching.urls,
        goals.urls,
        onboarding.urls,
        people.urls,
        people_import.urls,
        hr.urls,
        api.urls,
        reminders.urls,
    )
    for entry in app_urls.navigation
]
