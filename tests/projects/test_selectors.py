"""Derived figures against hand-computed values (see the `projects` fixture)."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects.models import Project
from projects.selectors import milestones_with_lateness, monthly_investment, project_summary, with_figures
from tests.factories import ProjectFactory, ProjectReportFactory
from tests.projects.conftest import TODAY

pytestmark = pytest.mark.django_db


def figures(year=2026):
    return {p.name: p for p in with_figures(Project.objects.all(), year=year, today=TODAY)}


def test_per_project_figures(projects):
    chip, dairy, road = (
        figures()[name] for name in ("华瑞微半导体IDM芯片项目", "东方乳品新厂区项目", "滨河路拓宽改造工程")
    )
    assert (chip.invested_this_year, chip.invested_since_start) == (Decimal("300"), Decimal("600"))
    assert (chip.milestones_total, chip.milestones_done, chip.milestones_due, chip.milestones_late) == (
        2,
        0,
        1,
        1,
    )
    assert chip.oldest_late_milestone == date(2026, 6, 30)
    assert (chip.open_issues, chip.oldest_open_issue, chip.is_behind) == (1, date(2026, 7, 5), True)
    assert (dairy.invested_since_start, dairy.open_issues, dairy.is_behind) == (Decimal("0"), 0, True)
    assert (road.invested_this_year, road.milestones_done, road.milestones_late, road.is_behind) == (
        Decimal("600"),
        1,
        0,
        False,
    )


def test_figures_are_one_query_for_the_whole_list(projects):
    for _ in range(10):
        ProjectReportFactory(project=ProjectFactory(zone=projects["chip"].zone), month=5)
    with CaptureQueriesContext(connection) as captured:
        assert len(list(with_figures(Project.objects.all(), year=2026, today=TODAY))) == 13
    assert len(captured) == 1


def test_milestone_lateness_and_cumulative_investment(projects):
    late, upcoming = milestones_with_lateness(projects["chip"], today=TODAY)
    assert (late.name, late.days_late, upcoming.days_late) == ("主体封顶", 15, 0)
    reports = monthly_investment(projects["chip"])
    assert [(r.year, r.month, r.cumulative_year, r.cumulative_total) for r in reports] == [
        (2025, 12, Decimal("300"), Decimal("300")),
        (2026, 1, Decimal("100"), Decimal("400")),
        (2026, 2, Decimal("300"), Decimal("600")),
    ]


def test_summary_of_a_zone(projects, world):
    with CaptureQueriesContext(connection) as captured:
        summary = project_summary(projects=Project.objects.filter(zone=world.zone), year=2026, today=TODAY)
    assert len(captured) <= 8
    totals = summary.totals
    assert (totals.projects, totals.signed, totals.started, totals.in_production) == (3, 3, 2, 1)
    assert totals.by_stage["under_construction"] == 1 and totals.by_stage["planning"] == 0
    assert (totals.signing_rate, totals.start_rate, totals.production_rate) == (
        Decimal("100.0"),
        Decimal("66.7"),
        Decimal("50.0"),
    )
    assert (totals.total_investment, totals.year_planned_investment) == (Decimal("320680"), Decimal("1800"))
    assert (totals.invested_this_year, totals.invested_since_start) == (Decimal("900"), Decimal("1200"))
    assert totals.year_completion == Decimal("50.0")
    assert summary.behind == 2
    assert summary.milestones == {"total": 3, "done": 1, "due": 2, "late": 1}
    assert (summary.issues["open"], summary.issues["resolved"], summary.issues["oldest_open_days"]) == (
        1,
        1,
        10,
    )
    science = next(unit for unit in summary.by_unit if unit.name == "市科技局")
    assert (science.projects, science.started, science.invested_this_year, science.year_completion) == (
        2,
        2,
        Decimal("900"),
        Decimal("50.0"),
    )
    assert [zone.projects for zone in summary.by_zone] == [3]


def test_summary_counts_only_the_years_list(projects, world):
    ProjectFactory(zone=world.zone, year=2025)
    assert project_summary(projects=Project.objects.all(), year=2026, today=TODAY).totals.projects == 3
    assert project_summary(projects=Project.objects.all(), year=2025, today=TODAY).totals.projects == 1


def test_project_colours(projects):
    from projects.colours import project_colour
    from zoneplan.core.workdays import WorkdayCalendar

    calendar = WorkdayCalendar()
    rows = figures()
    chip, dairy, road = (
        rows[name] for name in ("华瑞微半导体IDM芯片项目", "东方乳品新厂区项目", "滨河路拓宽改造工程")
    )
    # 主体封顶 was due 30 June: by 15 July 11 working days late (1–3, 6–10, 13–15 July) → red.
    assert project_colour(chip, today=TODAY, calendar=calendar) == ("red", "节点逾期 11 个工作日")
    assert project_colour(dairy, today=TODAY, calendar=calendar) == ("yellow", "未按计划开工")
    assert project_colour(road, today=TODAY, calendar=calendar)[0] == "green"
