from django import forms
from django.utils.translation import gettext_lazy as _

from goals.forms import KpiUploadForm


class PeopleUploadForm(KpiUploadForm):
    MAX_BYTES = 20 * 1024 * 1024

    file = forms.FileField(
        label=_("CSV or Excel file"),
        help_text=_(
            "The HR system's export with the columns listed above: CSV separated by commas or semicolons, or .xlsx."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        return upload
