from django.urls import path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.views import SpectacularAPIView

from api import views
from people.access import API, AUTHENTICATED, EMPLOYEE, HR, NavEntry

app_name = "api"

# DRF's views authenticate themselves (token or session) and answer 401, not the login page.
urlpatterns = [
    path("v1/people/", views.PersonViewSet.as_view({"get": "list"}), name="people"),
    path("v1/people/<int:pk>/", views.PersonViewSet.as_view({"get": "retrieve"}), name="person"),
    path("v1/teams/", views.TeamViewSet.as_view({"get": "list"}), name="teams"),
    path("v1/teams/<int:pk>/", views.TeamViewSet.as_view({"get": "retrieve"}), name="team"),
    path("v1/conversations/", views.ConversationViewSet.as_view({"get": "list"}), name="conversations"),
    path(
        "v1/conversations/<int:pk>/",
        views.ConversationViewSet.as_view({"get": "retrieve"}),
        name="conversation",
    ),
    path("v1/goals/", views.GoalViewSet.as_view({"get": "list"}), name="goals"),
    path("v1/goals/<int:pk>/", views.GoalViewSet.as_view({"get": "retrieve"}), name="goal"),
    path("v1/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", views.DocsView.as_view(), name="docs"),
    path("tokens/", views.my_tokens, name="my_tokens"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("integration-tokens/", views.integration_tokens, name="integration_tokens"),
    path(
        "integration-tokens/<int:pk>/revoke/",
        views.integration_token_revoke,
        name="integration_token_revoke",
    ),
]

access = {
    "people": API,
    "person": API,
    "teams": API,
    "team": API,
    "conversations": API,
    "conversation": API,
    "goals": API,
    "goal": API,
    "schema": API,
    "docs": AUTHENTICATED,
    "my_tokens": EMPLOYEE,
    "token_revoke": EMPLOYEE,
    "integration_tokens": HR,
    "integration_token_revoke": HR,
}

# A person's own tokens are reached from their profile page; HR's page of all tokens is in the menu.
navigation = [NavEntry("api:integration_tokens", _("API tokens"), group=_("People"))]
