from django import forms
from django.utils.translation import gettext_lazy as _

from reminders import kinds
from reminders.models import Delivery


class NotificationPreferencesForm(forms.Form):
    """One choice per kind a person may choose for; a compliance kind offers no "only in Samtal"."""

    def __init__(self, *args, current: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
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
