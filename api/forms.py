from django import forms
from django.utils.translation import gettext_lazy as _

from api.models import ApiToken


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
        if not service and data.get("sites"):
            self.add_error("sites", _("A personal token sees what its owner sees: it has no sites."))
        return data
