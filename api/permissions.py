from rest_framework.permissions import SAFE_METHODS, BasePermission


class ReadOnlyApi(BasePermission):
    """The API reads only: a signed-in user (session) or a valid token, and GET, HEAD or OPTIONS."""

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated and request.method in SAFE_METHODS)
