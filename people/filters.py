import django_filters
from django.db.models import Q, Value
from django.db.models.functions import Concat
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

    def __init__(self, *args, teams, roster=False, **kwargs):
        super().__init__(*args, **kwargs)
        if roster:
            for name in set(self.filters) - set(self.ROSTER_FILTERS):
                del self.filters[name]
        self.filters["team"].queryset = teams
        for field in self.form.fields.values():
            is_choice = hasattr(field, "choices")
            field.widget.attrs["class"] = "form-select" if is_choice else "form-control"

    def search(self, queryset, name, value):
        words = value.split()
        if not words:
            return queryset
        queryset = queryset.annotate(search_name=Concat("user__first_name", Value(" "), "user__last_name"))
        condition = Q()
        for word in words:
            condition &= Q(search_name__icontains=word) | Q(employee_number__icontains=word)
        return queryset.filter(condition)
