"""Working days follow the official 2026 calendar, its make-up days, and the admin's overrides."""

from datetime import date

import pytest

from zoneplan.core.models import CalendarDay
from zoneplan.core.workdays import WorkdayCalendar

pytestmark = pytest.mark.django_db


def test_holidays_and_make_up_days_of_2026():
    calendar = WorkdayCalendar()
    assert not calendar.is_workday(date(2026, 10, 1))  # National Day, a Thursday
    assert calendar.is_workday(date(2026, 10, 10))  # Saturday worked to make up for the holiday
    assert not calendar.is_workday(date(2026, 10, 11))  # an ordinary Sunday
    assert calendar.is_workday(date(2026, 9, 30))


def test_counting_and_adding_working_days_across_national_day():
    calendar = WorkdayCalendar()
    # 30 Sep → 12 Oct: 1–7 Oct off, Sat 10 worked, Sun 11 off: working days 8, 9, 10 and 12 Oct.
    assert calendar.workdays_between(date(2026, 9, 30), date(2026, 10, 12)) == 4
    assert calendar.workdays_between(date(2026, 10, 12), date(2026, 9, 30)) == -4
    assert calendar.add_workdays(date(2026, 9, 30), 1) == date(2026, 10, 8)
    assert calendar.add_workdays(date(2026, 10, 8), -1) == date(2026, 9, 30)


def test_admin_overrides_and_years_the_package_does_not_cover():
    CalendarDay.objects.create(day=date(2031, 1, 1), is_workday=False, note="元旦")
    CalendarDay.objects.create(day=date(2031, 1, 4), is_workday=True, note="调休上班")
    calendar = WorkdayCalendar()
    assert not calendar.is_workday(date(2031, 1, 1))  # a Wednesday, off by the admin's entry
    assert calendar.is_workday(date(2031, 1, 4))  # a Saturday, worked
    assert calendar.is_workday(date(2031, 1, 2)) and not calendar.is_workday(date(2031, 1, 5))  # weekday rule
