from django import forms
from django.utils.translation import gettext_lazy as _

from goals.models import CheckIn, Expectation, Goal, Metric
from people.forms import CsvUploadForm
from people.models import Role, Team

NUMBER_ERRORS = {"invalid": _("Enter a number, for example 75 or 75.5.")}
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _number(label, **kwargs):
    return forms.DecimalField(
        label=label,
        max_digits=12,
        decimal_places=2,
        localize=True,
        error_messages=NUMBER_ERRORS,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        **kwargs,
    )


class GoalTermsMixin:
    """Development and behaviour goals have no metric, baseline or target: what was typed there is
    dropped with its errors. The rules on the terms themselves are Goal.terms_errors()."""

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") != Goal.Kind.KPI:
            for name in ("metric", "baseline", "target"):
                cleaned[name] = None
                self.errors.pop(name, None)
        return cleaned


class GoalForm(GoalTermsMixin, forms.ModelForm):
    """A goal as the employee or their leader writes it. `employees` (for a leader creating a goal)
    are the people they may write goals for; `expectations` those the viewer may link to."""

    baseline = _number(_("Baseline"), required=False, help_text=_("Where it stands today."))
    target = _number(_("Target"), required=False)

    class Meta:
        model = Goal
        fields = [
            "employee",
            "kind",
            "title",
            "why_it_matters",
            "description",
            "metric",
            "baseline",
            "target",
            "starts_on",
            "due_on",
            "expectation",
        ]
        widgets = {
            "starts_on": DATE,
            "due_on": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
            "why_it_matters": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"metric": _("For KPI goals.")}

    def __init__(self, *args, employees=None, expectations, **kwargs):
        super().__init__(*args, **kwargs)
        if employees is None:
            del self.fields["employee"]
        else:
            self.fields["employee"].queryset = employees
        self.fields["metric"].queryset = Metric.objects.filter(is_active=True)
        self.fields["expectation"].queryset = expectations
        self.fields["expectation"].help_text = _("Optional: the team expectation this goal supports.")
        self.fields["title"].error_messages["required"] = _("Give the goal a title.")

    def clean(self):
        cleaned = super().clean()
        employee = cleaned.get("employee") or (self.instance.employee if self.instance.employee_id else None)
        expectation = cleaned.get("expectation")
        if employee and expectation:
            applies = Expectation.objects.applicable_to(employee).filter(pk=expectation.pk).exists()
            if not applies:
                self.add_error(
                    "expectation", _("This expectation does not apply to %(name)s.") % {"name": employee}
                )
        return cleaned


class TeamGoalForm(GoalTermsMixin, forms.Form):
    """The same proposed goal for a whole team, or for everyone with a role, in the leader's scope."""

    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.none(), required=False)
    role = forms.ChoiceField(
        label=_("Or everyone with the role"), choices=[("", "---------"), *Role.choices], required=False
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Goal.Kind.choices)
    title = forms.CharField(
        label=_("Title"), max_length=200, error_messages={"required": _("Give the goal a title.")}
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    metric = forms.ModelChoiceField(
        label=_("Metric"), queryset=Metric.objects.filter(is_active=True), required=False
    )
    baseline = _number(
        _("Baseline"), required=False, help_text=_("Leave empty to use each person's latest measured value.")
    )
    target = _number(_("Target"), required=False)
    starts_on = forms.DateField(label=_("Start"), widget=DATE)
    due_on = forms.DateField(label=_("Due"), widget=DATE)
    expectation = forms.ModelChoiceField(
        label=_("Linked expectation"), queryset=Expectation.objects.none(), required=False
    )

    def __init__(self, *args, teams, expectations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams.select_related("site")
        self.fields["expectation"].queryset = expectations

    def clean(self):
        cleaned = super().clean()
        terms = {
            name: cleaned.get(name)
            for name in ("kind", "metric", "baseline", "target", "starts_on", "due_on")
        }
        for name, error in Goal.terms_errors(**terms).items():
            if name not in self.errors:
                self.add_error(name, error)
        if bool(cleaned.get("team")) == bool(cleaned.get("role")):
            raise forms.ValidationError(_("Choose either a team or a role."))
        return cleaned


class CheckInForm(forms.ModelForm):
    value = _number(_("Value"), required=False)

    class Meta:
        model = CheckIn
        fields = ["checked_on", "value", "status", "percent_complete", "comment"]
        widgets = {"checked_on": DATE, "comment": forms.Textarea(attrs={"rows": 2})}
        labels = {"status": _("How is it going?")}

    def __init__(self, *args, goal, **kwargs):
        super().__init__(*args, **kwargs)
        self.goal = goal
        if goal.is_kpi:
            del self.fields["status"]
            del self.fields["percent_complete"]
            self.fields["value"].required = True
            self.fields["value"].error_messages["required"] = _("Enter the value reached.")
            if goal.unit:
                self.fields["value"].label = _("Value (%(unit)s)") % {"unit": goal.unit}
        else:
            del self.fields["value"]
            self.fields["status"].required = True
            self.fields["percent_complete"].widget.attrs.update({"min": 0, "max": 100})

    def clean_checked_on(self):
        checked_on = self.cleaned_data["checked_on"]
        if checked_on < self.goal.starts_on:
            raise forms.ValidationError(_("The date is before the goal starts."))
        return checked_on


class DecideForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=[(s.value, s.label) for s in Goal.OUTCOMES])
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ExpectationForm(forms.ModelForm):
    """Title and text; a new expectation also gets its audience from the scopes the writer has."""

    class Meta:
        model = Expectation
        fields = ["scope", "site", "team", "title", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 8})}

    # The version an edit starts from: saving over a newer one someone else published is refused.
    based_on = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, sites, teams, scopes, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for name in ("scope", "site", "team"):
                del self.fields[name]
            self.fields["based_on"].initial = self.instance.version_number
            return
        del self.fields["based_on"]
        self.fields["scope"].choices = [c for c in Expectation.Scope.choices if c[0] in scopes]
        self.fields["site"].queryset = sites
        self.fields["team"].queryset = teams.select_related("site")
        if Expectation.Scope.SITE not in scopes:
            del self.fields["site"]
        if Expectation.Scope.TEAM not in scopes:
            del self.fields["team"]

    def clean(self):
        cleaned = super().clean()
        scope = cleaned.get("scope")
        if scope == Expectation.Scope.SITE and not cleaned.get("site"):
            self.add_error("site", _("Choose the site."))
        if scope == Expectation.Scope.TEAM and not cleaned.get("team"):
            self.add_error("team", _("Choose the team."))
        return cleaned

    def _post_clean(self):
        # The service fills in site/team by scope and validates the whole row.
        pass


class AcknowledgeForm(forms.Form):
    # The version the page showed: acknowledging it after a newer one was published is refused.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    comment = forms.CharField(
        label=_("Comment or question to your leader (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class KpiUploadForm(CsvUploadForm):
    help_text = _(
        "A CSV file with the columns employee_number, metric, period_end and value, "
        "separated by commas or semicolons."
    )
