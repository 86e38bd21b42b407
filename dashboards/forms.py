from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dashboards.reports import Period, months_back
from people.forms import LARGEST_ID, IdField, QueryForm

MAX_MONTHS = 24
DEFAULT_MONTHS = 6


class ReportQueryForm(QueryForm):
    """A report's filters (site, team, period from/to) in the query string. The period is whole months;
    by default the last six, this one included."""

    def __init__(self, data):
        super().__init__(
            data,
            site=IdField(label=_("Site")),
            team=IdField(label=_("Team")),
            start=forms.DateField(
                label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
            ),
            end=forms.DateField(
                label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
            ),
            page=forms.IntegerField(
                required=False, min_value=1, max_value=LARGEST_ID, widget=forms.HiddenInput
            ),
        )

    def clean(self):
        cleaned = super().clean()
        today = timezone.localdate()
        end = cleaned.get("end") or today
        start = cleaned.get("start") or months_back(end, DEFAULT_MONTHS - 1)
        if "start" in self.errors or "end" in self.errors:
            return cleaned
        if start > today:
            raise forms.ValidationError(
                _("The period has not begun yet, so it is empty: choose a start up to today."), code="empty"
            )
        if end < start:
            raise forms.ValidationError(_("The end of the period is before its start."), code="reversed")
        period = Period.covering(start, end)
        if len(period.months) > MAX_MONTHS:
            raise forms.ValidationError(
                _("Choose a period of at most %(months)s months.") % {"months": MAX_MONTHS}, code="long"
            )
        cleaned["period"] = period
        return cleaned
