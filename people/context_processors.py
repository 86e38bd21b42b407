from people.access import menu_for


def viewer(request):
    """The signed-in user's employee record (or None) as `viewer`, and the menu they see."""
    user = getattr(request, "user", None)
    return {
        "viewer": getattr(user, "employee", None) if user is not None else None,
        "menu": menu_for(user) if user is not None else [],
    }
