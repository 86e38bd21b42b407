"""/scim/v2/: django-scim2's URL patterns (namespace "scim", which its adapters reverse), with the
Users and Groups views of this app. The views authenticate the provisioning token themselves
(provisioning.auth) and answer SCIM errors, never the login page."""

from django.contrib.auth.decorators import login_not_required
from django.urls import re_path
from django_scim import urls as scim_urls

from people.access import SCIM
from provisioning import views

app_name = "scim"

OURS = {
    "users": views.PeopleView,
    "groups": views.TeamsView,
    "users-search": views.PeopleSearchView,
    "groups-search": views.TeamsSearchView,
}


def _view(pattern):
    view = OURS[pattern.name].as_view() if pattern.name in OURS else pattern.callback
    return login_not_required(view)


urlpatterns = [
    re_path(pattern.pattern.regex.pattern, _view(pattern), name=pattern.name)
    for pattern in scim_urls.urlpatterns
]

access = {pattern.name: SCIM for pattern in urlpatterns}

navigation = []
