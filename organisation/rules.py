"""Role rules every domain shares: who plans a zone (its planners, the city's planners, the administrator)."""

import rules

from organisation.roles import roles_of


@rules.predicate
def plans_zone(user, zone) -> bool:
    return roles_of(user).plans_zone(zone.pk)
