"""Roll-up of a plan's outline: each section's and the plan's weighted percent, computed in the database,
and their colours from the colours of the task items below them."""

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection
from django.utils.translation import gettext as _

from plans.choices import Colour
from plans.models import Plan, Task
from plans.selectors import flatten_outline

ROLLUP_SQL = """
WITH RECURSIVE ancestry(item_id, ancestor_id) AS (
    SELECT id, parent_id FROM {task} WHERE plan_id = %s AND is_section = %s AND parent_id IS NOT NULL
    UNION ALL
    SELECT ancestry.item_id, parent.parent_id FROM ancestry JOIN {task} parent ON parent.id = ancestry.ancestor_id
    WHERE parent.parent_id IS NOT NULL
)
SELECT ancestry.ancestor_id, SUM(item.weight * item.percent), SUM(item.weight)
FROM ancestry JOIN {task} item ON item.id = ancestry.item_id GROUP BY ancestry.ancestor_id
UNION ALL
SELECT NULL, SUM(weight * percent), SUM(weight) FROM {task} WHERE plan_id = %s AND is_section = %s
"""


def weighted_percents(plan: Plan) -> dict[int | None, Decimal]:
    """Weighted percent of the task items under each section (by id), and of the whole plan (key None)."""
    sql = ROLLUP_SQL.format(task=connection.ops.quote_name(Task._meta.db_table))
    with connection.cursor() as cursor:
        cursor.execute(sql, [plan.pk, False, plan.pk, False])
        return {
            key: (Decimal(total) / weights).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
            for key, total, weights in cursor.fetchall()
            if weights
        }


def rolled_up_colour(items: list[Task]) -> tuple[str, str]:
    """Red when a third of the weight is red, yellow when a third is red or yellow, else green."""
    weight = defaultdict(int)
    for item in items:
        weight[item.colour] += item.weight
    total = sum(weight.values())
    if not total:
        return "", ""
    reason = _("%(red)d red, %(yellow)d yellow of %(count)d tasks") % {
        "red": sum(1 for i in items if i.colour == Colour.RED),
        "yellow": sum(1 for i in items if i.colour == Colour.YELLOW),
        "count": len(items),
    }
    if weight[Colour.RED] * 3 >= total:
        return Colour.RED, reason
    if (weight[Colour.RED] + weight[Colour.YELLOW]) * 3 >= total:
        return Colour.YELLOW, reason
    return Colour.GREEN, reason


def roll_up(plan: Plan, roots: list[Task]) -> tuple[Decimal | None, str, str]:
    """Give each section of the outline (items already coloured) its rolled-up `percent` (whole percent, as
    tasks have) and colour — derived, never saved — and return the plan's percent, colour and reason."""
    percents = weighted_percents(plan)
    for _depth, task in flatten_outline(roots):
        if task.is_section:
            task.percent = int(percents.get(task.pk, Decimal(0)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
            task.colour, task.colour_reason = rolled_up_colour(_items(task.outline_children))
    return (percents.get(None), *rolled_up_colour(_items(roots)))


def _items(tasks: list[Task]) -> list[Task]:
    return [task for _depth, task in flatten_outline(tasks) if not task.is_section]
