from django import forms
from django.utils.translation import gettext_lazy as _

from hr.models import AccessLogEntry
from hr.timeline import Kind
from people.forms import IdField


class PeriodForm(forms.Form):
    """A period (from, to), checked: an end before the start is an error, not an empty page."""

    start = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            raise forms.ValidationError(_("The end of the period cannot be before its start."))
        return cleaned


class HistoryFilterForm(PeriodForm):
    kind = forms.MultipleChoiceField(
        label=_("What"), choices=Kind.CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )
    year = forms.IntegerField(required=False, min_value=1900, max_value=2200, widget=forms.HiddenInput)


class AccessLogFilterForm(PeriodForm):
    employee = IdField(widget=forms.HiddenInput)
    what = forms.ChoiceField(
        label=_("What"), choices=[("", "—"), *AccessLogEntry.What.choices], required=False
    )


class LegalHoldForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


class ErasureForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that the personal data of this person will be erased and cannot be restored.")
    )
