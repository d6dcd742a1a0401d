from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from projects import services
from projects.choices import IssueState, ProjectStage
from projects.models import Milestone, Project, ProjectIssue, ProjectReport
from zoneplan.core.exceptions import VersionConflict
from zoneplan.instructions.services import instruction_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(world):
    return services.project_create(
        actor=world.users["planner"],
        zone=world.zone,
        year=2026,
        name="尚德抗癌新药研发及中试基地项目",
        investor="尚德医药",
        total_investment=Decimal("35000"),
        year_planned_investment=Decimal("8000"),
        responsible_unit=world.lead_unit,
        stage=ProjectStage.SIGNED,
    )


class TestCreateAndUpdate:
    def test_planner_creates_with_history(self, project, world):
        assert (project.stage, project.version, project.history.count()) == (ProjectStage.SIGNED, 1, 1)

    @pytest.mark.parametrize("role", ["reporter", "leader", "other_planner", "nobody"])
    def test_only_the_zones_planner_creates(self, world, role):
        with pytest.raises(PermissionDenied):
            services.project_create(
                actor=world.users[role],
                zone=world.zone,
                year=2026,
                name="x",
                total_investment=Decimal("1"),
                responsible_unit=world.lead_unit,
            )
        assert Project.objects.count() == 0

    def test_negative_money_is_a_field_error(self, world):
        with pytest.raises(ValidationError) as error:
            services.project_create(
                actor=world.users["planner"],
                zone=world.zone,
                year=2026,
                name="x",
                total_investment=Decimal("-1"),
                responsible_unit=world.lead_unit,
            )
        assert "total_investment" in error.value.message_dict

    def test_created_at_started_needs_the_actual_start(self, world):
        with pytest.raises(ValidationError) as error:
            services.project_create(
                actor=world.users["planner"],
                zone=world.zone,
                year=2026,
                name="x",
                total_investment=Decimal("1"),
                responsible_unit=world.lead_unit,
                stage=ProjectStage.STARTED,
            )
        assert "actual_start" in error.value.message_dict

    def test_stale_update_conflicts(self, project, world):
        services.project_update(
            actor=world.users["planner"], project=project, expected_version=1, investor="甲"
        )
        with pytest.raises(VersionConflict):
            services.project_update(
                actor=world.users["planner"], project=project, expected_version=1, investor="乙"
            )
        project.refresh_from_db()
        assert (project.investor, project.version) == ("甲", 2)

    def test_reporters_cannot_edit_projects(self, project, world):
        with pytest.raises(PermissionDenied):
            services.project_update(
                actor=world.users["reporter"], project=project, expected_version=1, name="x"
            )


class TestStages:
    def move(self, world, project, stage, **kwargs):
        return services.project_move_stage(
            actor=world.users["planner"],
            project=project,
            stage=stage,
            expected_version=project.version,
            **kwargs,
        )

    def test_start_needs_the_actual_start_date(self, project, world):
        with pytest.raises(ValidationError) as error:
            self.move(world, project, ProjectStage.STARTED)
        assert list(error.value.message_dict) == ["actual_start"]
        self.move(world, project, ProjectStage.STARTED, actual_start=date(2026, 3, 1))
        assert (project.stage, project.actual_start) == (ProjectStage.STARTED, date(2026, 3, 1))

    def test_completion_needs_the_actual_completion_date(self, project, world):
        self.move(world, project, ProjectStage.UNDER_CONSTRUCTION, actual_start=date(2026, 3, 1))
        with pytest.raises(ValidationError) as error:
            self.move(world, project, ProjectStage.COMPLETED)
        assert list(error.value.message_dict) == ["actual_completion"]
        with pytest.raises(ValidationError):
            self.move(world, project, ProjectStage.COMPLETED, actual_completion=date(2026, 2, 1))
        project.refresh_from_db()
        assert project.stage == ProjectStage.UNDER_CONSTRUCTION

    def test_going_back_needs_a_reason_that_is_kept(self, project, world):
        with pytest.raises(ValidationError) as error:
            self.move(world, project, ProjectStage.NEGOTIATING)
        assert list(error.value.message_dict) == ["reason"]
        self.move(world, project, ProjectStage.NEGOTIATING, reason="投资方调整方案，重新洽谈")
        latest = project.history.first()
        assert latest.stage == ProjectStage.NEGOTIATING
        assert latest.history_change_reason.endswith("投资方调整方案，重新洽谈")

    def test_same_stage_and_future_dates_are_refused(self, project, world):
        with pytest.raises(ValidationError):
            self.move(world, project, ProjectStage.SIGNED)
        tomorrow = timezone.localdate() + timedelta(days=1)
        with pytest.raises(ValidationError):
            self.move(world, project, ProjectStage.STARTED, actual_start=tomorrow)


class TestReportsMilestonesIssues:
    def test_responsible_unit_reports_once_a_month(self, project, world):
        services.report_submit(
            actor=world.users["reporter"],
            project=project,
            year=2026,
            month=3,
            month_investment=Decimal("850.50"),
            narrative="主体施工",
        )
        with pytest.raises(ValidationError):
            services.report_submit(
                actor=world.users["reporter"],
                project=project,
                year=2026,
                month=3,
                month_investment=Decimal("1"),
            )
        assert ProjectReport.objects.get().month_investment == Decimal("850.50")

    @pytest.mark.parametrize("role", ["other_reporter", "coop_reporter", "leader", "nobody"])
    def test_others_cannot_report(self, project, world, role):
        with pytest.raises(PermissionDenied):
            services.report_submit(
                actor=world.users[role], project=project, year=2026, month=3, month_investment=Decimal("1")
            )
        assert ProjectReport.objects.count() == 0

    def test_no_future_months_and_no_negative_money(self, project, world):
        today = timezone.localdate()
        with pytest.raises(ValidationError):
            services.report_submit(
                actor=world.users["reporter"],
                project=project,
                year=today.year + 1,
                month=1,
                month_investment=Decimal("1"),
            )
        with pytest.raises(ValidationError):
            services.report_submit(
                actor=world.users["reporter"],
                project=project,
                year=2026,
                month=2,
                month_investment=Decimal("-5"),
            )
        assert ProjectReport.objects.count() == 0

    def test_milestones_planned_by_planner_recorded_by_unit(self, project, world):
        milestone = services.milestone_create(
            actor=world.users["planner"], project=project, name="主体封顶", planned_date=date(2026, 6, 30)
        )
        with pytest.raises(PermissionDenied):
            services.milestone_create(
                actor=world.users["reporter"], project=project, name="x", planned_date=date(2026, 6, 30)
            )
        with pytest.raises(PermissionDenied):
            services.milestone_record(
                actor=world.users["other_reporter"],
                milestone=milestone,
                expected_version=1,
                actual_date=date(2026, 6, 28),
            )
        services.milestone_record(
            actor=world.users["reporter"],
            milestone=milestone,
            expected_version=1,
            actual_date=date(2026, 6, 28),
        )
        milestone.refresh_from_db()
        assert (milestone.actual_date, milestone.version, Milestone.objects.count()) == (
            date(2026, 6, 28),
            2,
            1,
        )

    def test_problems_raised_and_resolved_by_the_unit(self, project, world):
        issue = services.issue_create(
            actor=world.users["reporter"],
            project=project,
            description="施工用电未接入",
            responsible_unit=world.coop_unit,
            due_date=date(2026, 8, 1),
            raised_on=date(2026, 7, 1),
        )
        with pytest.raises(ValidationError) as error:
            services.issue_resolve(
                actor=world.users["coop_reporter"], issue=issue, expected_version=1, resolution=" "
            )
        assert "resolution" in error.value.message_dict
        services.issue_resolve(
            actor=world.users["coop_reporter"],
            issue=issue,
            expected_version=1,
            resolution="供电公司已接入临时用电",
            resolved_on=date(2026, 7, 10),
        )
        issue.refresh_from_db()
        assert (issue.state, issue.resolved_on) == (IssueState.RESOLVED, date(2026, 7, 10))
        with pytest.raises(PermissionDenied):
            services.issue_create(
                actor=world.users["other_reporter"],
                project=project,
                description="x",
                responsible_unit=world.other_unit,
            )
        assert ProjectIssue.objects.count() == 1

    def test_leader_instructs_on_a_project(self, project, world):
        instruction = instruction_create(
            actor=world.users["leader"], subject=project, unit=world.lead_unit, text="加快设备进场"
        )
        assert instruction.subject == project
        with pytest.raises(PermissionDenied):
            instruction_create(actor=world.users["reporter"], subject=project, unit=world.lead_unit, text="x")


class TestConstraints:
    def test_what_must_never_be_stored(self, project):
        checks = [
            lambda: Project.objects.filter(pk=project.pk).update(total_investment=-1),
            lambda: Project.objects.filter(pk=project.pk).update(land_area=-1),
            lambda: Project.objects.filter(pk=project.pk).update(
                actual_start=date(2026, 5, 1), actual_completion=date(2026, 4, 1)
            ),
            lambda: ProjectReport.objects.bulk_create(
                [ProjectReport(project=project, year=2026, month=1, month_investment=1)] * 2
            ),
            lambda: ProjectReport.objects.create(project=project, year=2026, month=13, month_investment=1),
        ]
        for check in checks:
            with pytest.raises(IntegrityError), transaction.atomic():
                check()
