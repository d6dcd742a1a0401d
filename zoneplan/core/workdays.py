"""Working days in China: statutory holidays and make-up working days (调休).

Order of authority: the admin's CalendarDay rows, then the official calendar packaged in
`chinesecalendar` (maintained each year after the State Council publishes it), then Monday to Friday
for years neither covers.
"""

from bisect import bisect_right
from datetime import date, timedelta

import chinese_calendar

from zoneplan.core.models import CalendarDay


class WorkdayCalendar:
    """Working-day arithmetic, reading the admin's overrides (a few dozen rows a year) once."""

    def __init__(self):
        self.overrides = dict(CalendarDay.objects.values_list("day", "is_workday"))
        # The days where the calendar departs from Monday–Friday, with +1 (a working weekend day) or -1
        # (a weekday off), so that counting over a range is arithmetic plus a bisect, not a walk day by day.
        candidates = set(self.overrides) | set(chinese_calendar.holidays) | set(chinese_calendar.workdays)
        exceptions = sorted(
            (day, 1 if self.is_workday(day) else -1)
            for day in candidates
            if self.is_workday(day) != (day.weekday() < 5)
        )
        self._exception_days = [day for day, _sign in exceptions]
        self._exception_sums = [0]
        for _day, sign in exceptions:
            self._exception_sums.append(self._exception_sums[-1] + sign)

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
        return _weekdays_upto(end) - _weekdays_upto(start) + self._exceptions_upto(end) - self._exceptions_upto(start)

    def _exceptions_upto(self, day: date) -> int:
        return self._exception_sums[bisect_right(self._exception_days, day)]

    def add_workdays(self, start: date, count: int) -> date:
        """The day `count` working days after (or, when negative, before) `start`."""
        step = 1 if count >= 0 else -1
        day, remaining = start, abs(count)
        while remaining:
            day += timedelta(days=step)
            remaining -= self.is_workday(day)
        return day


def _weekdays_upto(day: date) -> int:
    """Monday-to-Friday days from a fixed Monday up to and including `day`."""
    days = (day - date(1970, 1, 5)).days + 1  # 1970-01-05 was a Monday
    weeks, rest = divmod(days, 7)
    return weeks * 5 + min(rest, 5)
