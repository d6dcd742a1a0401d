"""Working days in China: statutory holidays and make-up working days (调休).

Order of authority: the admin's CalendarDay rows, then the official calendar packaged in
`chinesecalendar` (maintained each year after the State Council publishes it), then Monday to Friday
for years neither covers.
"""

from bisect import bisect_right
from datetime import date, timedelta

import chinese_calendar
from django.core.cache import cache
from django.db import transaction

from zoneplan.core.models import CalendarDay

CACHE_KEY = "zoneplan:workday-calendar"


class WorkdayCalendar:
    """Working-day arithmetic over the admin's overrides (a few dozen rows a year), read from the cache."""

    def __init__(self):
        state = cache.get(CACHE_KEY)
        if state is None:
            state = _calendar_state()
            # forgotten when a day is saved; read again daily anyway
            cache.set(CACHE_KEY, state, 24 * 60 * 60)
        self.overrides, self._exception_days, self._exception_sums = state

    def is_workday(self, day: date) -> bool:
        return _is_workday(self.overrides, day)

    def workdays_between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end`; negative when `end` is before `start`."""
        if end < start:
            return -self.workdays_between(end, start)
        return (
            _weekdays_upto(end)
            - _weekdays_upto(start)
            + self._exceptions_upto(end)
            - self._exceptions_upto(start)
        )

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


def _is_workday(overrides: dict, day: date) -> bool:
    if day in overrides:
        return overrides[day]
    if day in chinese_calendar.holidays:
        return False
    if day in chinese_calendar.workdays:
        return True
    return day.weekday() < 5


def _calendar_state() -> tuple[dict, list, list]:
    """The overrides, and the days where the calendar departs from Monday–Friday with a running sum of +1 (a
    working weekend day) or -1 (a weekday off): counting over a range is arithmetic plus a bisect."""
    overrides = dict(CalendarDay.objects.values_list("day", "is_workday"))
    candidates = set(overrides) | set(chinese_calendar.holidays) | set(chinese_calendar.workdays)
    exceptions = sorted(
        (day, 1 if _is_workday(overrides, day) else -1)
        for day in candidates
        if _is_workday(overrides, day) != (day.weekday() < 5)
    )
    sums = [0]
    for _day, sign in exceptions:
        sums.append(sums[-1] + sign)
    return overrides, [day for day, _sign in exceptions], sums


def calendar_changed(**_signal_kwargs) -> None:
    """After the admin changes a calendar day: forget the cached calendar now and after the commit."""
    cache.delete(CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))


def _weekdays_upto(day: date) -> int:
    """Monday-to-Friday days from a fixed Monday up to and including `day`."""
    days = (day - date(1970, 1, 5)).days + 1  # 1970-01-05 was a Monday
    weeks, rest = divmod(days, 7)
    return weeks * 5 + min(rest, 5)
