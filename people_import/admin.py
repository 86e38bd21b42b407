from django.contrib import admin

from goals.admin import ReadOnlyAdmin
from people_import.models import PeopleImport


@admin.register(PeopleImport)
class PeopleImportAdmin(ReadOnlyAdmin):
    """The record of each HR import; imports are made and decided on the import page or by the command."""

    list_display = [
        "file_name",
        "uploaded_by",
        "uploaded_at",
        "status",
        "created_count",
        "changed_count",
        "ended_count",
    ]
    list_filter = ["status"]
    list_select_related = ["uploaded_by"]
    exclude = ["rows"]
