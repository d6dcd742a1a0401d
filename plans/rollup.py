"""Roll-up of a plan's outline: each section's and the plan's weighted percent, and their colours from the
colours of the task items below them."""

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from plans.models import Plan, Task
from zoneplan.core.choices import Colour


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


class _Tally:
    """The task items below a node of the outline: their weight by colour, how many there are and how many red
    or yellow; added up from the leaves in one walk (was: the items of each section listed again from its
    subtree)."""

    def __init__(self):
        self.weight: dict[str, int] = defaultdict(int)
        self.count = self.red = self.yellow = 0

    def add_item(self, item: Task) -> None:
        self.weight[item.colour] += item.weight
        self.count += 1
        self.red += item.colour == Colour.RED
        self.yellow += item.colour == Colour.YELLOW

    def add(self, other: "_Tally") -> None:
        for colour, weight in other.weight.items():
            self.weight[colour] += weight
        self.count, self.red, self.yellow = (
            self.count + other.count,
            self.red + other.red,
            self.yellow + other.yellow,
        )

    def colour(self) -> tuple[str, str]:
        """Red when a third of the weight is red, yellow when a third is red or yellow, else green."""
        total = sum(self.weight.values())
        if not total:
            return "", ""
        reason = _("%(red)d red, %(yellow)d yellow of %(count)d tasks") % {
            "red": self.red,
            "yellow": self.yellow,
            "count": self.count,
        }
        if self.weight[Colour.RED] * 3 >= total:
            return Colour.RED, reason
        if (self.weight[Colour.RED] + self.weight[Colour.YELLOW]) * 3 >= total:
            return Colour.YELLOW, reason
        return Colour.GREEN, reason


def roll_up(plan: Plan, roots: list[Task]) -> tuple[Decimal | None, str, str]:
    """Give each section of the outline (items already coloured) its rolled-up `percent` (whole percent, as
    tasks have) and colour — derived, never saved — and return the plan's percent, colour and reason."""
    percents = weighted_percents(roots)

    def walk(tasks: list[Task]) -> _Tally:
        tally = _Tally()
        for task in tasks:
            below = walk(task.outline_children)
            if task.is_section:
                task.percent = int(
                    percents.get(task.pk, Decimal(0)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
                )
                task.colour, task.colour_reason = below.colour()
            else:
                tally.add_item(task)
            tally.add(below)
        return tally

    return (percents.get(None), *walk(roots).colour())
