from datetime import date
from decimal import Decimal

import pytest

from projects.choices import IssueState, ProjectStage
from tests.factories import MilestoneFactory, ProjectFactory, ProjectIssueFactory, ProjectReportFactory

TODAY = date(2026, 7, 15)


@pytest.fixture
def projects(world):
    """Three projects of the world's zone with figures small enough to compute by hand.

    chip  (市科技局): started 2026-02-01, planned 1200 this year; reports 2025-12: 300, 2026-01: 100, 2026-02: 200;
          milestones: 主体封顶 planned 06-30 not reached (15 days late on 07-15), 设备进场 planned 08-31;
          one open problem raised 2026-07-05 (10 days open).
    dairy (市自然资源局): signed, planned start 2026-05-01 not started (behind); one resolved problem.
    road  (市科技局): in production, planned 600 this year; report 2026-03: 600; milestone reached on time.
    """
    chip = ProjectFactory(
        zone=world.zone,
        name="华瑞微半导体IDM芯片项目",
        investor="华瑞微",
        responsible_unit=world.lead_unit,
        stage=ProjectStage.UNDER_CONSTRUCTION,
        actual_start=date(2026, 2, 1),
        total_investment=Decimal("300000"),
        year_planned_investment=Decimal("1200"),
    )
    dairy = ProjectFactory(
        zone=world.zone,
        name="东方乳品新厂区项目",
        investor="东方乳品",
        responsible_unit=world.other_unit,
        stage=ProjectStage.SIGNED,
        planned_start=date(2026, 5, 1),
        total_investment=Decimal("20000"),
        year_planned_investment=Decimal("0"),
    )
    road = ProjectFactory(
        zone=world.zone,
        name="滨河路拓宽改造工程",
        responsible_unit=world.lead_unit,
        stage=ProjectStage.IN_PRODUCTION,
        actual_start=date(2025, 3, 1),
        actual_completion=date(2026, 4, 1),
        total_investment=Decimal("680"),
        year_planned_investment=Decimal("600"),
    )
    ProjectReportFactory(project=chip, year=2025, month=12, month_investment=Decimal("300"))
    ProjectReportFactory(project=chip, year=2026, month=1, month_investment=Decimal("100"))
    ProjectReportFactory(project=chip, year=2026, month=2, month_investment=Decimal("200"))
    ProjectReportFactory(project=road, year=2026, month=3, month_investment=Decimal("600"))
    MilestoneFactory(project=chip, name="主体封顶", planned_date=date(2026, 6, 30))
    MilestoneFactory(project=chip, name="设备进场", planned_date=date(2026, 8, 31))
    MilestoneFactory(project=road, name="竣工验收", planned_date=date(2026, 4, 1), actual_date=date(2026, 3, 28))
    ProjectIssueFactory(project=chip, raised_on=date(2026, 7, 5), responsible_unit=world.coop_unit)
    ProjectIssueFactory(
        project=dairy,
        raised_on=date(2026, 3, 1),
        state=IssueState.RESOLVED,
        resolution="已协调土地指标",
        resolved_on=date(2026, 4, 1),
        responsible_unit=world.other_unit,
    )
    return {"chip": chip, "dairy": dairy, "road": road}
