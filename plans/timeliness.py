"""Unit timeliness for a month (通报排名): reports due, filed and filed on time, overdue tasks, extensions,
returned reports, and the ranking leadership publishes in the monthly report.

A report is due for every period of a task's reporting cycle that ends in the month, for each unit that
leads or cooperates on an open task item of a published plan; it is on time when filed by the period's
due date (`plans.periods.report_due_date`: Friday, or the 25th). Counts come from grouped queries; the
month's reports are read once.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count
from django.utils import timezone

from organisation.models import Unit
from plans.choices import PlanStatus, ReportingCycle, ReviewState, TaskStatus
from plans.models import ExtensionRequest, ProgressReport, Task
from plans.overdue import overdue_q
from plans.periods import period_end, period_start, report_due_date
from zoneplan.core.numbers import percent


@dataclass
class UnitTimeliness:
    unit: Unit
    due: int = 0
    filed: int = 0
    on_time: int = 0
    overdue_tasks: int = 0
    extensions: int = 0
    returned: int = 0
    rank: int | None = None

    @property
    def filing_rate(self):
        """报送率: reports filed of those due (%)."""
        return percent(self.filed, self.due)

    @property
    def timeliness_rate(self):
        """及时率: reports filed on time of those due (%)."""
        return percent(self.on_time, self.due)


def periods_ending_in(cycle: str, year: int, month: int) -> int:
    """How many periods of `cycle` end within the month."""
    first = date(year, month, 1)
    last = period_end(ReportingCycle.MONTHLY, first)
    if cycle == ReportingCycle.MONTHLY:
        return 1
    if cycle == ReportingCycle.QUARTERLY:
        return 1 if month % 3 == 0 else 0
    return sum((first + timedelta(days=offset)).weekday() == 6 for offset in range((last - first).days + 1))


def unit_timeliness(*, zone_id: int, year: int, month: int) -> list[UnitTimeliness]:
    first = date(year, month, 1)
    last = period_end(ReportingCycle.MONTHLY, first)
    items = Task.objects.filter(
        plan__zone_id=zone_id, plan__status=PlanStatus.PUBLISHED, is_section=False
    ).exclude(status=TaskStatus.SUSPENDED)
    rows: dict[int, UnitTimeliness] = {}

    def row(unit_id: int) -> UnitTimeliness:
        return rows.setdefault(unit_id, UnitTimeliness(unit=None))

    for through in (Task.lead_units.through, Task.cooperating_units.through):
        pairs = (
            through.objects.filter(task__in=items)
            .values("unit_id", "task__reporting_cycle")
            .annotate(n=Count("pk"))
        )
        for pair in pairs:
            row(pair["unit_id"]).due += pair["n"] * periods_ending_in(
                pair["task__reporting_cycle"], year, month
            )
    _count_reports(row, items, first, last)
    # Overdue as the task list and its filter say (flagged, or open past its deadline), as of the month's end.
    as_of = min(timezone.localdate(), last + timedelta(days=1))
    overdue = items.filter(overdue_q(today=as_of)).exclude(lead_units=None)
    for unit_id, count in overdue.values_list("lead_units__id").annotate(n=Count("pk")):
        row(unit_id).overdue_tasks = count
    extensions = ExtensionRequest.objects.filter(task__in=items, created_at__date__range=(first, last))
    for unit_id, count in extensions.values_list("unit_id").annotate(n=Count("pk")):
        row(unit_id).extensions = count
    units = Unit.objects.in_bulk(list(rows))
    for unit_id, unit_row in rows.items():
        unit_row.unit = units[unit_id]
    ranked = [unit_row for unit_row in rows.values() if unit_row.due]
    ranked.sort(
        key=lambda r: (-(r.timeliness_rate or 0), -(r.filing_rate or 0), r.overdue_tasks, r.unit.name)
    )
    for position, r in enumerate(ranked, start=1):
        r.rank = position
    return ranked


def _count_reports(row, items, first: date, last: date) -> None:
    """Filed and on-time counts per unit over reports whose period ends in the month; returned ones apart."""
    reports = ProgressReport.objects.filter(task__in=items, period__lte=last).values_list(
        "unit_id", "period", "task__reporting_cycle", "submitted_at", "review_state", "reviewed_at"
    )
    reports = reports.filter(period__gte=first - timedelta(days=92))
    for unit_id, period, cycle, submitted_at, state, reviewed_at in reports:
        end = period_end(cycle, period_start(cycle, period))
        if state == ReviewState.RETURNED and reviewed_at and first <= timezone.localdate(reviewed_at) <= last:
            row(unit_id).returned += 1
        if not first <= end <= last or state == ReviewState.RETURNED:
            continue
        row(unit_id).filed += 1
        row(unit_id).on_time += timezone.localdate(submitted_at) <= report_due_date(
            cycle, period_start(cycle, period)
        )
