from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from api import services
from api.forms import ApiTokenAdminForm
from api.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Issue service and provisioning tokens (the key is shown once, after saving) and revoke any token;
    HR does the same on its API tokens page."""

    form = ApiTokenAdminForm
    list_display = ["name", "kind", "user", "prefix", "created_at", "revoked_at"]
    list_filter = ["kind", "revoked_at"]
    list_select_related = ["user"]
    search_fields = ["name", "prefix", "user__username"]
    raw_id_fields = ["user"]
    filter_horizontal = ["sites"]
    readonly_fields = ["prefix", "created_at", "revoked_at", "revoked_by"]
    actions = ["revoke"]

    def get_fields(self, request, obj=None):
        fields = ["name", "kind", "user", "sites"]
        return fields + self.readonly_fields if obj else fields

    def get_readonly_fields(self, request, obj=None):
        # A token's owner, kind and scope are fixed when it is issued: issue another to change them.
        return self.readonly_fields + (["name", "kind", "user", "sites"] if obj else [])

    def save_model(self, request, obj, form, change):
        if not change:
            key = obj.issue_key()
            messages.warning(request, _("The token's key, shown only now: %(key)s") % {"key": key})
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request, queryset):
        now = timezone.now()
        revoked = sum(services.token_revoke(token=token, by=request.user, now=now) for token in queryset)
        self.message_user(
            request,
            ngettext("%(count)d token revoked.", "%(count)d tokens revoked.", revoked) % {"count": revoked},
        )
