from django import forms
from django.utils.translation import gettext_lazy as _

from api.models import ApiToken
from people.models import Site


class TokenForm(forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["name"]


class ApiTokenAdminForm(forms.ModelForm):
    def clean(self):
        data = super().clean()
        service = data.get("kind") == ApiToken.Kind.SERVICE
        if service and not data.get("sites"):
            self.add_error("sites", _("A service token needs at least one site."))
        if data.get("kind") == ApiToken.Kind.PERSONAL and data.get("sites"):
            self.add_error("sites", _("A personal token sees what its owner sees: it has no sites."))
        if data.get("kind") == ApiToken.Kind.PROVISIONING and data.get("sites"):
            self.add_error("sites", _("A provisioning token has no sites: it creates and changes people."))
        return data


class IntegrationTokenForm(forms.Form):
    """HR issues a token for a system: a service token (reads the API for the chosen sites) or a
    provisioning token (the identity provider's SCIM secret, no sites)."""

    name = forms.CharField(label=_("Name"), max_length=100, help_text=_("What the token is for."))
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[(kind.value, kind.label) for kind in (ApiToken.Kind.SERVICE, ApiToken.Kind.PROVISIONING)],
        widget=forms.RadioSelect,
        initial=ApiToken.Kind.SERVICE,
    )
    sites = forms.ModelMultipleChoiceField(
        label=_("Sites"),
        queryset=Site.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Service tokens only: the sites whose records it may read."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sites"].queryset = Site.objects.visible_to(user)

    def clean(self):
        data = super().clean()
        service = data.get("kind") == ApiToken.Kind.SERVICE
        if service and not data.get("sites"):
            self.add_error("sites", _("A service token needs at least one site."))
        if not service and data.get("sites"):
            self.add_error("sites", _("A provisioning token has no sites: it creates and changes people."))
        return data
