import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from onboarding.models import TrainingCompletion, TrainingRequirement
from onboarding.training_services import DUPLICATE, future_date_error
from people.forms import CsvUploadForm


class CompletionForm(forms.Form):
    """A completion a leader or HR records for one person."""

    requirement = forms.ModelChoiceField(
        label=_("Training"),
        queryset=TrainingRequirement.objects.none(),
        error_messages={"required": _("Choose the training."), "invalid_choice": _("Choose the training.")},
    )
    completed_on = forms.DateField(
        label=_("Completed on"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Enter the date it was completed.")},
    )
    evidence = forms.CharField(
        label=_("Evidence (optional)"),
        required=False,
        max_length=300,
        help_text=TrainingCompletion._meta.get_field("evidence").help_text,
    )

    def __init__(self, *args, employee, requirements, **kwargs):
        super().__init__(*args, **kwargs)
        self.employee = employee
        self.fields["requirement"].queryset = requirements

    def clean(self):
        data = super().clean()
        completed_on, requirement = data.get("completed_on"), data.get("requirement")
        if completed_on is None:
            return data
        if error := future_date_error(self.employee, completed_on, timezone.now()):
            self.add_error("completed_on", error)
        elif completed_on < datetime.date(2000, 1, 1):
            self.add_error("completed_on", _("Enter a date after 1 January 2000."))
        elif (
            requirement
            and TrainingCompletion.objects.filter(
                employee=self.employee, requirement=requirement, completed_on=completed_on
            ).exists()
        ):
            self.add_error("completed_on", DUPLICATE)
        return data


class TrainingUploadForm(CsvUploadForm):
    help_text = _(
        "A CSV file with the columns employee_number, training, completed_on and evidence (optional), "
        "separated by commas or semicolons."
    )
