import datetime

import django_filters
from django.db.models import CharField, Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from goals.models import Goal
from people.filters import EmployeeFilter
from people.models import Employee


def years_before(day: datetime.date, years: int) -> datetime.date:
    """The same day `years` years earlier (28 February for a 29th in a common year)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def with_development_goals_done(employees):
    """Annotate `development_goals_done`: achieved development goals, in the same query."""
    done = (
        Goal.objects.filter(employee=OuterRef("pk"), kind=Goal.Kind.DEVELOPMENT, status=Goal.Status.ACHIEVED)
        .order_by()
        .values("employee")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return employees.annotate(development_goals_done=Coalesce(Subquery(done, output_field=IntegerField()), 0))


class TalentFilter(EmployeeFilter):
    """The pool for internal recruitment: the directory's filters plus tenure, career interest and
    completed development goals. Choices come from the viewer's scope."""

    min_tenure = django_filters.NumberFilter(
        label=_("At least (years here)"), method="filter_tenure", min_value=0, max_value=60
    )
    career_interest = django_filters.ChoiceFilter(
        label=_("Wants to become"), choices=Employee.CareerInterest.choices, method="filter_interest"
    )
    min_goals_done = django_filters.NumberFilter(
        label=_("Development goals achieved, at least"),
        field_name="development_goals_done",
        lookup_expr="gte",
        min_value=0,
        max_value=1000,
    )

    class Meta:
        model = Employee
        fields = ["q", "site", "team", "role", "min_tenure", "career_interest", "min_goals_done"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("shift", "employment_type"):
            self.filters.pop(name, None)
            self.form.fields.pop(name, None)

    def filter_tenure(self, queryset, name, value):
        return queryset.filter(started_on__lte=years_before(timezone.localdate(), int(value)))

    def filter_interest(self, queryset, name, value):
        # The JSON list as text ('["trainer", "leadership"]'): the same on PostgreSQL and SQLite.
        as_text = Cast("career_interests", CharField())
        return queryset.annotate(interests_text=as_text).filter(interests_text__contains=f'"{value}"')
