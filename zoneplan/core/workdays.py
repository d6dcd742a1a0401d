"""Working days in China: statutory holidays and make-up working days (调休).

Order of authority: the admin's CalendarDay rows, then the official calendar packaged in
`chinesecalendar` (maintained each year after the State Council publishes it), then Monday to Friday
for years neither covers.
"""

from datetime import date, timedelta

import chinese_calendar

from zoneplan.core.models import CalendarDay


class WorkdayCalendar:
    """Working-day arithmetic, reading the admin's overrides (a few dozen rows a year) once."""

    def __init__(self):
        self.overrides = dict(CalendarDay.objects.values_list("day", "is_workday"))

    def is_workday(self, day: date) -> bool:
        if day in self.overrides:
            return self.overrides[day]
        if day in chinese_calendar.holidays:
            return False
        if day in chinese_calendar.workdays:
            return True
        return day.weekday() < 5

    def workdays_between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end`; negative when `end` is before `start`."""
        if end < start:
            return -self.workdays_between(end, start)
        return sum(self.is_workday(start + timedelta(days=offset)) for offset in range(1, (end - start).days + 1))

    def add_workdays(self, start: date, count: int) -> date:
        """The day `count` working days after (or, when negative, before) `start`."""
        step = 1 if count >= 0 else -1
        day, remaining = start, abs(count)
        while remaining:
            day += timedelta(days=step)
            remaining -= self.is_workday(day)
        return day
