"""Factories for arranging test data directly; the behaviour under test goes through services."""

from datetime import date
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from organisation.choices import MembershipRole, StaffRole
from organisation.models import Membership, Unit, Zone, ZoneRole
from plans.choices import PlanStatus
from plans.models import Plan, ProgressReport, Task


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("pw-test-123")


class ZoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Zone

    name = factory.Sequence(lambda n: f"第{n}开发区")
    code = factory.Sequence(lambda n: f"zone-{n}")


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"市第{n}局")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    unit = factory.SubFactory(UnitFactory)
    role = MembershipRole.LIAISON


class ZoneRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ZoneRole

    user = factory.SubFactory(UserFactory)
    role = StaffRole.PLANNER
    zone = factory.SubFactory(ZoneFactory)


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    zone = factory.SubFactory(ZoneFactory)
    title = factory.Sequence(lambda n: f"2026年工作计划{n}")
    year = 2026
    start_date = date(2026, 1, 1)
    end_date = date(2026, 12, 31)
    status = PlanStatus.PUBLISHED


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task
        skip_postgeneration_save = True

    plan = factory.SubFactory(PlanFactory)
    title = factory.Sequence(lambda n: f"任务{n}")
    position = factory.Sequence(lambda n: n + 1)
    deadline = date(2026, 12, 31)

    @factory.post_generation
    def lead_units(self, create, units, **kwargs):
        if create and units:
            self.lead_units.set(units)

    @factory.post_generation
    def cooperating_units(self, create, units, **kwargs):
        if create and units:
            self.cooperating_units.set(units)


class ProgressReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressReport

    task = factory.SubFactory(TaskFactory)
    unit = factory.SubFactory(UnitFactory)
    period = date(2026, 3, 1)
    percent = 30
    narrative = "已完成前期调研。"
    submitted_at = factory.LazyFunction(timezone.now)


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "projects.Project"

    zone = factory.SubFactory(ZoneFactory)
    year = 2026
    name = factory.Sequence(lambda n: f"重点项目{n}")
    total_investment = Decimal("10000")
    year_planned_investment = Decimal("1200")
    responsible_unit = factory.SubFactory(UnitFactory)


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "projects.Milestone"

    project = factory.SubFactory(ProjectFactory)
    name = factory.Sequence(lambda n: f"节点{n}")
    planned_date = date(2026, 6, 30)


class ProjectReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "projects.ProjectReport"

    project = factory.SubFactory(ProjectFactory)
    year = 2026
    month = 1
    month_investment = Decimal("100")


class ProjectIssueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "projects.ProjectIssue"

    project = factory.SubFactory(ProjectFactory)
    description = "用地指标未落实"
    raised_on = date(2026, 3, 1)
    responsible_unit = factory.SubFactory(UnitFactory)
