from django import forms
from django.conf import settings
from django.core.exceptions import BadRequest
from django.utils.translation import gettext_lazy as _

from people.models import Employee


class MyProfileForm(forms.ModelForm):
    """What an employee may change about themself: contact details and language."""

    email = forms.EmailField(label=_("E-mail"), required=False)

    class Meta:
        model = Employee
        fields = ["phone", "language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].initial = self.instance.user.email
        self.order_fields(["email", "phone", "language"])

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and not all(ch.isdigit() or ch in "+ -()" for ch in phone):
            raise forms.ValidationError(_("Use digits, spaces and + - ( ) only."))
        return phone


class EmployeeProfileForm(forms.ModelForm):
    """What a leader (and HR) records to know a person; HR also changes their position."""

    career_interests = forms.MultipleChoiceField(
        label=_("Career interests"),
        choices=Employee.CareerInterest.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    change_note = forms.CharField(
        label=_("Note on the position change"),
        required=False,
        max_length=200,
        help_text=_("Kept in the position history when title, role or team changes."),
    )

    POSITION_FIELDS = ["title", "role", "team", "ended_on", "change_note"]

    class Meta:
        model = Employee
        fields = [
            "title",
            "role",
            "team",
            "shift",
            "employment_type",
            "ended_on",
            "strengths",
            "development_areas",
            "motivation",
            "career_interests",
        ]
        widgets = {
            "strengths": forms.Textarea(attrs={"rows": 3}),
            "development_areas": forms.Textarea(attrs={"rows": 3}),
            "motivation": forms.Textarea(attrs={"rows": 3}),
            "ended_on": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, teams, can_change_position, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(self.Meta.fields + ["change_note"])
        if can_change_position:
            self.fields["team"].queryset = teams
        else:
            for name in self.POSITION_FIELDS:
                del self.fields[name]

    def clean_ended_on(self):
        ended_on = self.cleaned_data["ended_on"]
        if ended_on and ended_on < self.instance.started_on:
            raise forms.ValidationError(_("The end date cannot be before the start date."))
        return ended_on


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    next = forms.CharField(required=False, widget=forms.HiddenInput)


LARGEST_ID = 2**63 - 1  # the largest BigAutoField: SQLite and PostgreSQL refuse a larger number


class IdField(forms.IntegerField):
    """A record's id in a query parameter: a positive number the database can compare with its ids
    (a larger one is a bad request, not a database error)."""

    def __init__(self, **kwargs):
        super().__init__(required=False, min_value=1, max_value=LARGEST_ID, **kwargs)


class QueryForm(forms.Form):
    """A view's query parameters, given as optional fields: `QueryForm(request.GET, employee=
    forms.IntegerField(required=False)).cleaned()`. A value that does not fit its field (a NUL byte,
    "²", a word where a number belongs) is a bad request (400) rather than an error deeper down."""

    def __init__(self, data, **fields):
        super().__init__(data)
        self.fields.update(fields)

    def cleaned(self) -> dict:
        """The parameters given, validated; the absent and empty ones left out."""
        if not self.is_valid():
            raise BadRequest(f"invalid query parameters: {sorted(self.errors)}")
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}


class CsvUploadForm(forms.Form):
    """One uploaded CSV file (the KPI and training imports); a subclass names its columns in
    `help_text`."""

    MAX_BYTES = 5 * 1024 * 1024
    help_text = ""

    file = forms.FileField(label=_("CSV file"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = self.help_text

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload
