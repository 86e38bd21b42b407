import django_filters
from django.utils.translation import gettext_lazy as _

from people.models import Employee, Team


class TeamGoalsFilter(django_filters.FilterSet):
    """The team filter of the team goals page; its choices are the viewer's visible teams."""

    team = django_filters.ModelChoiceFilter(label=_("Team"), queryset=Team.objects.none())

    class Meta:
        model = Employee
        fields = ["team"]

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["team"].queryset = teams.select_related("site")
        self.form.fields["team"].widget.attrs.update({"class": "form-select", "data-autosubmit": ""})
