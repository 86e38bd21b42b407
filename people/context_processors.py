from people.access import navigation_for


def viewer(request):
    """The signed-in user's employee record (or None) as `viewer`, and the main navigation they see."""
    user = getattr(request, "user", None)
    return {
        "viewer": getattr(user, "employee", None) if user is not None else None,
        "navigation": navigation_for(user) if user is not None else [],
    }
