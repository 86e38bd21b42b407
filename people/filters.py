import django_filters
from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from people.models import Employee, Role, Site, Team


class EmployeeFilter(django_filters.FilterSet):
    """Search and filters for the roster and the directory; choices come from the viewer's scope."""

    q = django_filters.CharFilter(label=_("Name or employee number"), method="search")
    team = django_filters.ModelChoiceFilter(label=_("Team"), queryset=Team.objects.none())
    site = django_filters.ModelChoiceFilter(label=_("Site"), queryset=Site.objects.all())
    role = django_filters.ChoiceFilter(label=_("Role"), choices=Role.choices)
    shift = django_filters.ChoiceFilter(label=_("Shift"), choices=Employee.Shift.choices)
    employment_type = django_filters.ChoiceFilter(
        label=_("Employment type"), choices=Employee.EmploymentType.choices
    )

    class Meta:
        model = Employee
        fields = ["q", "team", "site", "role", "shift", "employment_type"]

    ROSTER_FILTERS = ("q", "team", "shift", "employment_type")  # a leader's people share site and role

    def __init__(self, *args, teams, roster=False, team_search=False, **kwargs):
        """With `team_search` (a scope of thousands of teams) the team select offers only the chosen
        team; a search box (and the site select) fill it through htmx with the teams that match."""
        super().__init__(*args, **kwargs)
        if roster:
            for name in set(self.filters) - set(self.ROSTER_FILTERS):
                del self.filters[name]
        self.filters["team"].queryset = teams
        self.team_search = team_search
        if team_search:
            add_team_search(self.form)
            self.form.order_fields(["q", "site", "team_search", "team"])
        for field in self.form.fields.values():
            is_choice = hasattr(field, "choices")
            field.widget.attrs["class"] = "form-select" if is_choice else "form-control"

    def filter_queryset(self, queryset):
        self.form.cleaned_data.pop("team_search", None)  # it narrows the team options, not the people
        if self.team_search:
            offer_chosen_team(self.form, self.form.cleaned_data.get("team"))
        return super().filter_queryset(queryset)

    def search(self, queryset, name, value):
        return queryset.matching(value)


def add_team_search(form):
    """Turn `form`'s team select (a ModelChoiceField, validated against its whole queryset) into one
    that offers no team until a "Find a team" box (`team_search`), or the form's site select, fills it
    through htmx (people:team_options) with the matching teams in scope: a scope of thousands of teams
    would otherwise write them all into every page. The fields keep Django's ids (id_team, id_site)."""
    team = form.fields["team"]
    team.widget.choices = [("", team.empty_label)]
    fetch = {"hx-get": reverse("people:team_options"), "hx-target": "#id_team", "hx-swap": "innerHTML"}
    form.fields["team_search"] = forms.CharField(
        label=_("Find a team"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={
                **fetch,
                "type": "search",
                "hx-trigger": "input changed delay:300ms, search",
                "hx-include": "#id_site",
                "autocomplete": "off",
            }
        ),
    )
    if "site" in form.fields:
        form.fields["site"].widget.attrs.update(
            {**fetch, "hx-trigger": "change", "hx-include": "#id_team_search"}
        )


def offer_chosen_team(form, chosen):
    """After add_team_search: the team chosen (a valid one) stays offered and selected."""
    if chosen is not None:
        team = form.fields["team"]
        team.widget.choices = [("", team.empty_label), (chosen.pk, str(chosen))]
