def viewer(request):
    """The signed-in user's employee record (or None) as `viewer`, for navigation by role."""
    user = getattr(request, "user", None)
    return {"viewer": getattr(user, "employee", None) if user is not None else None}
