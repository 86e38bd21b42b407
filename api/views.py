"""The read API: every queryset starts from the models' visible_to(), as on the pages; a service
token narrows it further to its sites."""

from abc import ABCMeta, abstractmethod

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework import exceptions, viewsets

from api import serializers, services
from api.forms import IntegrationTokenForm, TokenForm
from api.models import ApiToken
from coaching.models import Conversation
from goals.models import Goal
from people.forms import QueryForm
from people.models import Employee, Team

TOKENS_PER_PAGE = 50

UPDATED_SINCE = OpenApiParameter(
    "updated_since",
    OpenApiTypes.DATETIME,
    description="Only records changed at or after this moment (ISO 8601, e.g. 2027-01-15T06:00:00Z).",
)


class ScopedViewSet(viewsets.ReadOnlyModelViewSet, metaclass=ABCMeta):
    """Lists are paged and ordered by id; `updated_since` narrows them to recent changes."""

    site_path = "site"  # how the records reach their site, for service tokens

    def dispatch(self, request, *args, **kwargs):
        # The language and time zone chosen below for a token's owner last for this request only.
        with (
            translation.override(translation.get_language()),
            timezone.override(timezone.get_current_timezone()),
        ):
            return super().dispatch(request, *args, **kwargs)

    def perform_authentication(self, request):
        """Answers, dates and errors in the caller's language and site time zone, as in the app
        (a session's employee is loaded by the middleware; a token's with the token)."""
        super().perform_authentication(request)
        employee = getattr(request.user, "employee", None)
        if employee is not None:
            translation.activate(employee.language)
            timezone.activate(employee.site.time_zone)

    @abstractmethod
    def visible(self):
        """The records the caller may read, from the model's visible_to(): each endpoint says which."""

    def get_queryset(self):
        records = self.visible()
        token = self.request.auth
        if isinstance(token, ApiToken) and token.is_service:
            records = records.filter(**{f"{self.site_path}__in": token.sites.values("pk")})
        if self.action == "list":
            since = updated_since(self.request)
            if since is not None:
                records = records.filter(updated_at__gte=since)
        return records.order_by("pk")


def updated_since(request):
    form = QueryForm(request.query_params, updated_since=forms.DateTimeField(required=False))
    if not form.is_valid():
        raise exceptions.ValidationError({name: list(errors) for name, errors in form.errors.items()})
    return form.cleaned_data["updated_since"]


@extend_schema_view(list=extend_schema(parameters=[UPDATED_SINCE]))
class PersonViewSet(ScopedViewSet):
    serializer_class = serializers.PersonSerializer

    def visible(self):
        return Employee.objects.visible_to(self.request.user).select_related("user")


@extend_schema_view(list=extend_schema(parameters=[UPDATED_SINCE]))
class TeamViewSet(ScopedViewSet):
    serializer_class = serializers.TeamSerializer

    def visible(self):
        return Team.objects.visible_to(self.request.user).select_related("site")


@extend_schema_view(list=extend_schema(parameters=[UPDATED_SINCE]))
class ConversationViewSet(ScopedViewSet):
    serializer_class = serializers.ConversationSerializer
    site_path = "employee__site"

    def visible(self):
        return Conversation.objects.visible_to(self.request.user).select_related("conversation_type")


@extend_schema_view(list=extend_schema(parameters=[UPDATED_SINCE]))
class GoalViewSet(ScopedViewSet):
    serializer_class = serializers.GoalSerializer
    site_path = "employee__site"

    def visible(self):
        return Goal.objects.visible_to(self.request.user).select_related("metric")


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI from our own static files, its start script from this URL (no inline code)."""

    template_name = "api/swagger_ui.html"
    url_name = "api:schema"

    @classmethod
    def as_view(cls, **initkwargs):
        # DRF exempts its views from LoginRequiredMiddleware (it answers 401 itself); this page is
        # for people in a browser, who are sent to the login page like everywhere else.
        view = super().as_view(**initkwargs)
        view.login_required = True
        return view


def my_tokens(request):
    """The person's own tokens: issue one (its key shown once), see and revoke them."""
    key = None
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _token, key = services.token_issue(user=request.user, name=form.cleaned_data["name"])
        form = TokenForm()
    tokens = ApiToken.objects.filter(user=request.user, kind=ApiToken.Kind.PERSONAL)
    return render(request, "api/my_tokens.html", {"form": form, "tokens": tokens, "new_key": key})


@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user, kind=ApiToken.Kind.PERSONAL)
    if services.token_revoke(token=token, by=request.user, now=timezone.now()):
        messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    else:
        messages.info(request, _("The token “%(name)s” was already revoked.") % {"name": token.name})
    return redirect("api:my_tokens")


def integration_tokens(request):
    """HR's page of every token: issue a service or provisioning token (its key shown once), see
    who holds which and revoke any. Personal tokens are issued by their owners on their own page."""
    key = None
    form = IntegrationTokenForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        _token, key = services.token_issue(
            user=request.user, name=data["name"], kind=data["kind"], sites=data["sites"]
        )
        form = IntegrationTokenForm(user=request.user)
    params = QueryForm(request.GET, page=forms.IntegerField(required=False, min_value=1)).cleaned()
    tokens = (
        ApiToken.objects.visible_to(request.user)
        .select_related("user", "revoked_by")
        .prefetch_related("sites")
        .order_by(F("revoked_at").desc(nulls_first=True), "-created_at", "-pk")  # active ones first
    )
    page = Paginator(tokens, TOKENS_PER_PAGE).get_page(params.get("page"))
    return render(request, "api/integration_tokens.html", {"form": form, "page": page, "new_key": key})


@require_POST
def integration_token_revoke(request, pk):
    token = get_object_or_404(ApiToken.objects.visible_to(request.user), pk=pk)
    if services.token_revoke(token=token, by=request.user, now=timezone.now()):
        messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    else:
        messages.info(request, _("The token “%(name)s” was already revoked.") % {"name": token.name})
    return redirect("api:integration_tokens")
