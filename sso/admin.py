from django.contrib import admin

from sso.models import ExternalIdentity


@admin.register(ExternalIdentity)
class ExternalIdentityAdmin(admin.ModelAdmin):
    """Links are made at sign-in; an administrator may only remove one (the next sign-in links again
    by e-mail), e.g. after the provider's account was recreated."""

    list_display = ["user", "issuer", "subject", "linked_at", "last_sign_in_at"]
    list_select_related = ["user"]
    search_fields = ["user__username", "user__email", "subject"]
    readonly_fields = ["user", "issuer", "subject", "linked_at", "last_sign_in_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
