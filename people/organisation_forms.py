from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from people.models import Employee, Role, Site, Team


class SiteForm(forms.ModelForm):
    class Meta:
        model = Site
        fields = ["name", "country", "time_zone", "language"]

    def clean_country(self):
        country = self.cleaned_data["country"].strip().upper()
        if len(country) != 2 or not country.isalpha():
            raise forms.ValidationError(_("Write the two-letter country code, e.g. NO or SE."))
        return country


class LeaderNumberField(forms.CharField):
    """A team leader given by employee number: a select of every leader would list thousands."""

    def __init__(self, **kwargs):
        super().__init__(
            label=_("Team leader's employee number"),
            required=False,
            max_length=20,
            help_text=_("Leave empty for a team without a leader yet."),
            **kwargs,
        )


class TeamForm(forms.ModelForm):
    leader_number = LeaderNumberField()

    class Meta:
        model = Team
        fields = ["name", "site"]

    def __init__(self, *args, sites, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites
        if self.instance.leader_id:
            self.fields["leader_number"].initial = self.instance.leader.employee_number

    def clean_leader_number(self):
        number = self.cleaned_data["leader_number"].strip()
        if not number:
            return None
        leader = Employee.objects.active().filter(employee_number=number, role=Role.TEAM_LEADER).first()
        if leader is None:
            raise forms.ValidationError(_("No active team leader has this employee number."))
        return leader

    def save(self, commit=True):
        self.instance.leader = self.cleaned_data["leader_number"]
        return super().save(commit=commit)


class EmployeeCreateForm(forms.ModelForm):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"))
    # A name within the chosen site rather than a select of every team in a group of thousands.
    team_name = forms.CharField(
        label=_("Team"), required=False, max_length=100, help_text=_("The team's name at the chosen site.")
    )

    class Meta:
        model = Employee
        fields = [
            "employee_number",
            "title",
            "role",
            "site",
            "started_on",
            "employment_type",
            "shift",
            "language",
        ]
        widgets = {"started_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, sites, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(
            ["first_name", "last_name", "email", "employee_number", "title", "role", "site", "team_name"]
        )
        self.fields["site"].queryset = sites

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if get_user_model().objects.filter(username=email).exists():
            raise forms.ValidationError(_("Someone with this e-mail address is already in Samtal."))
        return email

    def clean(self):
        cleaned = super().clean()
        name, site = cleaned.get("team_name", "").strip(), cleaned.get("site")
        cleaned["team"] = None
        if name and site:
            cleaned["team"] = Team.objects.filter(site=site, name__iexact=name).first()
            if cleaned["team"] is None:
                self.add_error("team_name", _("The site has no team by this name."))
        return cleaned

    def user_data(self) -> dict:
        data = self.cleaned_data
        return {
            "username": data["email"],
            "email": data["email"],
            "first_name": data["first_name"],
            "last_name": data["last_name"],
        }

    def employee_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in [*self.Meta.fields, "team"]}
