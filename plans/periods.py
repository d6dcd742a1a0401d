"""Reporting periods: a report belongs to the week, month or quarter in which it is filed."""

from datetime import date, timedelta

from plans.choices import ReportingCycle


def period_start(cycle: str, day: date) -> date:
    """First day of the reporting period of `cycle` that contains `day`."""
    if cycle == ReportingCycle.WEEKLY:
        return day - timedelta(days=day.weekday())
    if cycle == ReportingCycle.QUARTERLY:
        return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return day.replace(day=1)


def period_end(cycle: str, start: date) -> date:
    """Last day of the reporting period that starts on `start`."""
    if cycle == ReportingCycle.WEEKLY:
        return start + timedelta(days=6)
    months = 3 if cycle == ReportingCycle.QUARTERLY else 1
    year, month = divmod(start.month - 1 + months, 12)
    return date(start.year + year, month + 1, 1) - timedelta(days=1)


def report_due_date(cycle: str, start: date) -> date:
    """The day by which a period's report is due: Friday of the week, or the REPORT_DUE_DAY of the month
    (of the quarter's last month), but never after the period ends."""
    from django.conf import settings

    end = period_end(cycle, start)
    if cycle == ReportingCycle.WEEKLY:
        return start + timedelta(days=4)
    return min(end, end.replace(day=settings.REPORT_DUE_DAY))
