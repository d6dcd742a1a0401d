"""Object permissions of indicators: the zone's statistics unit enters, the zone's planners approve and set
targets."""

import rules

from organisation.roles import roles_of
from organisation.rules import plans_zone


@rules.predicate
def keeps_zone_statistics(user, zone) -> bool:
    return zone.statistics_unit_id is not None and zone.statistics_unit_id in roles_of(user).unit_ids


@rules.predicate
def is_planner(user) -> bool:
    return roles_of(user).is_planner


rules.add_perm("indicators.enter_values", keeps_zone_statistics)
rules.add_perm("indicators.review_values", plans_zone)
rules.add_perm("indicators.change_target", plans_zone)
rules.add_perm("indicators.add_indicator", is_planner)
