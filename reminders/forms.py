from django import forms
from django.utils.translation import gettext_lazy as _

from reminders import kinds
from reminders.models import Delivery
from reminders.teams import validate_webhook_url


class NotificationPreferencesForm(forms.Form):
    """One choice per kind a person may choose for (a compliance kind offers no "only in Samtal"), and
    the address of their own Teams workflow for those they want in Teams."""

    teams_url = forms.URLField(
        label=_("Teams workflow address"),
        required=False,
        assume_scheme="https",
        max_length=1000,
        validators=[validate_webhook_url],
        help_text=_(
            "In Teams, create a workflow from the template “Send webhook alerts to a chat” and paste its "
            "address here."
        ),
    )

    def __init__(self, *args, current: dict[str, str], teams_url: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["teams_url"].initial = teams_url
        labels = dict(Delivery.choices)
        for kind in kinds.every():
            if not kind.choosable:
                continue
            self.fields[kind.key] = forms.ChoiceField(
                label=kind.label,
                choices=[(delivery, labels[delivery]) for delivery in kind.deliveries()],
                initial=current.get(kind.key, Delivery.EMAIL),
                widget=forms.RadioSelect,
                required=False,  # a kind left out keeps its choice
                help_text=_(
                    "Required for compliance: it can be gathered into the daily e-mail, not switched off."
                )
                if kind.compliance
                else "",
            )

    def choices(self) -> dict[str, str]:
        return {key: value for key, value in self.cleaned_data.items() if key != "teams_url" and value}

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("teams_url") and Delivery.TEAMS in self.choices().values():
            self.add_error(
                "teams_url", _("Add the address of your Teams workflow to get reminders in Teams.")
            )
        return cleaned
