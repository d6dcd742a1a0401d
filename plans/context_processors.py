from organisation.roles import roles_of


def roles(request) -> dict:
    """The user's roles for the navigation: what the menu offers follows what the user may do."""
    user = getattr(request, "user", None)
    return {"roles": roles_of(user)} if user is not None and user.is_authenticated else {}
