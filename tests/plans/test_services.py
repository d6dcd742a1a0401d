from datetime import date, datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from plans import services
from plans.choices import PlanStatus, ReviewState, TaskStatus
from plans.models import Plan, ProgressReport, Task
from plans.services.tasks import TargetSpec
from zoneplan.core.exceptions import VersionConflict

pytestmark = pytest.mark.django_db


def at(year, month, day=15):
    return timezone.make_aware(datetime(year, month, day, 10))


class TestPlans:
    def test_planner_creates_a_draft_plan_in_their_zone(self, world):
        plan = services.plan_create(
            actor=world.users["planner"],
            zone=world.zone,
            title="2027年工作计划",
            start_date=date(2027, 1, 1),
            end_date=date(2027, 12, 31),
            year=2027,
        )
        assert (plan.status, plan.version, plan.created_by) == (PlanStatus.DRAFT, 1, world.users["planner"])
        assert plan.history.count() == 1

    @pytest.mark.parametrize("role", ["other_planner", "leader", "reporter", "nobody"])
    def test_only_the_zones_planner_creates_plans(self, world, role):
        with pytest.raises(PermissionDenied):
            services.plan_create(
                actor=world.users[role],
                zone=world.zone,
                title="x",
                start_date=date(2027, 1, 1),
                end_date=date(2027, 12, 31),
            )
        assert Plan.objects.count() == 1

    def test_plan_cannot_end_before_it_starts(self, world):
        with pytest.raises(ValidationError) as error:
            services.plan_create(
                actor=world.users["planner"],
                zone=world.zone,
                title="x",
                start_date=date(2027, 2, 1),
                end_date=date(2027, 1, 1),
            )
        assert error.value.messages == ["计划结束日期不能早于开始日期。"]

    def test_publish_needs_task_items_with_lead_units(self, world):
        planner = world.users["planner"]
        plan = services.plan_create(
            actor=planner,
            zone=world.zone,
            title="草案",
            start_date=date(2027, 1, 1),
            end_date=date(2027, 12, 31),
        )
        with pytest.raises(ValidationError, match="没有任务的计划不能发布"):
            services.plan_publish(actor=planner, plan=plan)
        services.task_create(actor=planner, plan=plan, title="无牵头单位的任务")
        with pytest.raises(ValidationError, match="无牵头单位的任务"):
            services.plan_publish(actor=planner, plan=plan)
        plan.refresh_from_db()
        assert plan.status == PlanStatus.DRAFT

    def test_publish_then_archive(self, world):
        planner = world.users["planner"]
        plan = services.plan_create(
            actor=planner,
            zone=world.zone,
            title="草案",
            start_date=date(2027, 1, 1),
            end_date=date(2027, 12, 31),
        )
        services.task_create(actor=planner, plan=plan, title="任务", lead_units=[world.lead_unit])
        services.plan_publish(actor=planner, plan=plan)
        assert (plan.status, plan.version) == (PlanStatus.PUBLISHED, 2)
        assert plan.published_at is not None
        with pytest.raises(ValidationError, match="只有“草稿”状态的计划"):
            services.plan_publish(actor=planner, plan=plan)
        services.plan_archive(actor=planner, plan=plan)
        assert plan.status == PlanStatus.ARCHIVED
        with pytest.raises(ValidationError, match="已归档的计划不能修改"):
            services.task_create(actor=planner, plan=plan, title="归档后新增")


class TestTasks:
    def test_new_tasks_append_with_house_style_labels(self, world):
        planner = world.users["planner"]
        section = services.task_create(actor=planner, plan=world.plan, title="强化组织保障", is_section=True)
        first = services.task_create(
            actor=planner, plan=world.plan, parent=section, title="加强组织领导", lead_units=[world.lead_unit]
        )
        second = services.task_create(
            actor=planner, plan=world.plan, parent=section, title="健全考核机制", lead_units=[world.lead_unit]
        )
        child = services.task_create(
            actor=planner, plan=world.plan, parent=second, title="制定考核细则", lead_units=[world.lead_unit]
        )
        assert [section.label, first.label, second.label, child.label] == ["二、", "（一）", "（二）", "1."]
        assert [first.position, second.position] == [1, 2]

    def test_a_unit_cannot_lead_and_cooperate(self, world):
        with pytest.raises(ValidationError) as error:
            services.task_create(
                actor=world.users["planner"],
                plan=world.plan,
                title="x",
                lead_units=[world.lead_unit],
                cooperating_units=[world.lead_unit],
            )
        assert "cooperating_units" in error.value.message_dict

    def test_a_section_has_no_units(self, world):
        with pytest.raises(ValidationError) as error:
            services.task_create(
                actor=world.users["planner"],
                plan=world.plan,
                title="x",
                is_section=True,
                lead_units=[world.lead_unit],
            )
        assert "lead_units" in error.value.message_dict

    def test_parent_must_be_in_the_same_plan(self, world):
        other_plan = Plan.objects.create(
            zone=world.zone, title="另一计划", start_date=date(2026, 1, 1), end_date=date(2026, 12, 31)
        )
        with pytest.raises(ValidationError) as error:
            services.task_create(
                actor=world.users["planner"], plan=other_plan, parent=world.section, title="x"
            )
        assert "parent" in error.value.message_dict

    def test_update_bumps_version_and_writes_one_history_row_with_units(self, world):
        task = world.task
        before = task.history.count()
        services.task_update(
            actor=world.users["planner"],
            task=task,
            expected_version=1,
            title="新标题",
            lead_units=[world.lead_unit, world.other_unit],
            cooperating_units=[],
            targets=[
                TargetSpec(metric="创新平台", value=Decimal("3"), unit_of_measure="个", text="不少于3个")
            ],
        )
        task.refresh_from_db()
        assert (task.title, task.version) == ("新标题", 2)
        assert task.history.count() == before + 1
        latest = task.history.first()
        assert (latest.title, latest.history_user, latest.version) == ("新标题", world.users["planner"], 2)
        assert sorted(latest.lead_units.values_list("unit_id", flat=True)) == sorted(
            [world.lead_unit.pk, world.other_unit.pk]
        )
        assert list(task.targets.values_list("text", flat=True)) == ["不少于3个"]

    def test_stale_update_is_refused_and_changes_nothing(self, world):
        planner = world.users["planner"]
        services.task_update(actor=planner, task=world.task, expected_version=1, title="第一次修改")
        stale = Task.objects.get(pk=world.task.pk)
        with pytest.raises(VersionConflict) as error:
            services.task_update(actor=planner, task=stale, expected_version=1, title="覆盖")
        assert error.value.current_version == 2
        stale.refresh_from_db()
        assert (stale.title, stale.version) == ("第一次修改", 2)

    @pytest.mark.parametrize("role", ["reporter", "leader", "other_planner", "nobody"])
    def test_only_planners_of_the_zone_edit_tasks(self, world, role):
        with pytest.raises(PermissionDenied):
            services.task_update(actor=world.users[role], task=world.task, expected_version=1, title="x")
        world.task.refresh_from_db()
        assert (world.task.title, world.task.version) == ("加速创新要素集聚", 1)

    def test_delete_is_refused_once_units_reported(self, world):
        services.progress_submit(actor=world.users["reporter"], task=world.task, percent=10, narrative="启动")
        with pytest.raises(ValidationError, match="请改为暂停"):
            services.task_delete(actor=world.users["planner"], task=world.section)
        assert Task.objects.filter(pk=world.task.pk).exists()
        services.task_delete(actor=world.users["planner"], task=world.other_task)
        assert not Task.objects.filter(pk=world.other_task.pk).exists()


class TestProgress:
    def test_reporter_of_the_lead_unit_files_a_report(self, world):
        report = services.progress_submit(
            actor=world.users["reporter"], task=world.task, percent=40, narrative="已完成调研", at=at(2026, 3)
        )
        world.task.refresh_from_db()
        assert (report.unit, report.period, report.review_state) == (
            world.lead_unit,
            date(2026, 3, 1),
            "submitted",
        )
        assert (world.task.status, world.task.last_reported_at, world.task.percent) == (
            TaskStatus.ON_TRACK,
            at(2026, 3),
            0,
        )
        row = world.task.history.first()  # written by the database, with the units' snapshot and the author
        assert (row.history_change_reason, row.history_user, row.status, row.last_reported_at) == (
            "progress reported",
            world.users["reporter"],
            TaskStatus.ON_TRACK,
            at(2026, 3),
        )
        assert [unit.unit_id for unit in row.lead_units.all()] == [world.lead_unit.pk]
        assert [unit.unit_id for unit in row.cooperating_units.all()] == [world.coop_unit.pk]

    def test_cooperating_unit_reports_its_part(self, world):
        report = services.progress_submit(
            actor=world.users["coop_reporter"], task=world.task, percent=20, narrative="配合完成资金测算"
        )
        assert report.unit == world.coop_unit

    @pytest.mark.parametrize("role", ["other_reporter", "leader", "planner", "nobody"])
    def test_units_not_on_the_task_cannot_report(self, world, role):
        with pytest.raises(PermissionDenied):
            services.progress_submit(actor=world.users[role], task=world.task, percent=10, narrative="x")
        assert ProgressReport.objects.count() == 0

    def test_reporting_for_a_unit_one_does_not_belong_to_is_refused(self, world):
        with pytest.raises(PermissionDenied):
            services.progress_submit(
                actor=world.users["reporter"],
                task=world.task,
                unit=world.coop_unit,
                percent=10,
                narrative="x",
            )
        with pytest.raises(ValidationError) as error:
            services.progress_submit(
                actor=world.users["reporter"],
                task=world.task,
                unit=world.other_unit,
                percent=10,
                narrative="x",
            )
        assert "unit" in error.value.message_dict
        assert ProgressReport.objects.count() == 0

    def test_one_live_report_per_unit_and_period_and_resubmit_after_return(self, world):
        reporter, planner = world.users["reporter"], world.users["planner"]
        first = services.progress_submit(
            actor=reporter, task=world.task, percent=30, narrative="a", at=at(2026, 4, 3)
        )
        with pytest.raises(ValidationError, match="该单位本期已填报过"):
            services.progress_submit(
                actor=reporter, task=world.task, percent=35, narrative="b", at=at(2026, 4, 20)
            )
        services.progress_review(actor=planner, report=first, accept=False, comment="请补充数据")
        again = services.progress_submit(
            actor=reporter, task=world.task, percent=35, narrative="补充", at=at(2026, 4, 21)
        )
        assert again.period == first.period == date(2026, 4, 1)
        assert ProgressReport.objects.filter(task=world.task).count() == 2

    def test_no_reports_on_sections_drafts_or_done_tasks(self, world):
        reporter = world.users["reporter"]
        world.task.status = TaskStatus.DONE
        world.task.save()
        with pytest.raises(ValidationError, match="不再接受填报"):
            services.progress_submit(actor=reporter, task=world.task, percent=100, narrative="x")
        Plan.objects.filter(pk=world.plan.pk).update(status=PlanStatus.DRAFT)
        world.task.refresh_from_db()
        with pytest.raises(ValidationError, match="只能对已发布计划"):
            services.progress_submit(actor=reporter, task=world.task, percent=100, narrative="x")

    def test_percent_out_of_range_is_a_field_error(self, world):
        with pytest.raises(ValidationError) as error:
            services.progress_submit(
                actor=world.users["reporter"], task=world.task, percent=120, narrative="x"
            )
        assert "percent" in error.value.message_dict

    def test_attachments_are_kept_and_hostile_types_refused(self, world):
        report = services.progress_submit(
            actor=world.users["reporter"],
            task=world.task,
            percent=50,
            narrative="见附件",
            attachments=[
                SimpleUploadedFile("进展.pdf", b"%PDF-1.4 evidence", content_type="application/pdf")
            ],
        )
        assert list(report.attachments.values_list("name", "size")) == [("进展.pdf", 17)]
        with pytest.raises(ValidationError) as error:
            services.progress_submit(
                actor=world.users["coop_reporter"],
                task=world.task,
                percent=50,
                narrative="x",
                attachments=[SimpleUploadedFile("run.exe", b"MZ")],
            )
        assert "attachments" in error.value.message_dict
        assert ProgressReport.objects.filter(unit=world.coop_unit).count() == 0

    def test_accepting_the_lead_units_report_sets_percent_but_only_close_out_makes_done(self, world):
        reporter, planner = world.users["reporter"], world.users["planner"]
        march = services.progress_submit(
            actor=reporter, task=world.task, percent=60, narrative="a", at=at(2026, 3)
        )
        services.progress_review(actor=planner, report=march, accept=True)
        world.task.refresh_from_db()
        assert (world.task.percent, world.task.status) == (60, TaskStatus.ON_TRACK)
        april = services.progress_submit(
            actor=reporter, task=world.task, percent=100, narrative="b", at=at(2026, 4)
        )
        services.progress_review(actor=planner, report=april, accept=True)
        world.task.refresh_from_db()
        assert (world.task.percent, world.task.status) == (100, TaskStatus.ON_TRACK)

    def test_cooperating_report_does_not_set_the_task_percent(self, world):
        report = services.progress_submit(
            actor=world.users["coop_reporter"], task=world.task, percent=90, narrative="x"
        )
        services.progress_review(actor=world.users["planner"], report=report, accept=True)
        world.task.refresh_from_db()
        assert world.task.percent == 0

    def test_accepting_an_older_period_does_not_roll_back_percent(self, world):
        reporter, planner = world.users["reporter"], world.users["planner"]
        march = services.progress_submit(
            actor=reporter, task=world.task, percent=30, narrative="a", at=at(2026, 3)
        )
        april = services.progress_submit(
            actor=reporter, task=world.task, percent=70, narrative="b", at=at(2026, 4)
        )
        services.progress_review(actor=planner, report=april, accept=True)
        services.progress_review(actor=planner, report=march, accept=True)
        world.task.refresh_from_db()
        assert world.task.percent == 70

    def test_return_needs_a_reason_and_review_happens_once(self, world):
        report = services.progress_submit(
            actor=world.users["reporter"], task=world.task, percent=30, narrative="a"
        )
        planner = world.users["planner"]
        with pytest.raises(ValidationError) as error:
            services.progress_review(actor=planner, report=report, accept=False, comment="  ")
        assert "comment" in error.value.message_dict
        services.progress_review(actor=planner, report=report, accept=False, comment="数据不全")
        assert (report.review_state, report.review_comment, report.version) == (
            ReviewState.RETURNED,
            "数据不全",
            2,
        )
        with pytest.raises(VersionConflict):
            services.progress_review(actor=planner, report=report, accept=True)

    @pytest.mark.parametrize("role", ["reporter", "leader", "other_planner"])
    def test_only_the_zones_planner_reviews(self, world, role):
        report = services.progress_submit(
            actor=world.users["reporter"], task=world.task, percent=30, narrative="a"
        )
        with pytest.raises(PermissionDenied):
            services.progress_review(actor=world.users[role], report=report, accept=True)
        report.refresh_from_db()
        assert report.review_state == ReviewState.SUBMITTED


def test_bulk_history_keeps_the_unit_snapshot(world):
    from zoneplan.core.history import record_history_bulk

    Task.objects.filter(pk=world.task.pk).update(status=TaskStatus.OVERDUE)
    task = Task.objects.get(pk=world.task.pk)
    record_history_bulk([task], actor=world.users["admin"], reason="overdue scan")
    latest = task.history.first()
    assert (latest.status, latest.history_change_reason, latest.history_user) == (
        "overdue",
        "overdue scan",
        world.users["admin"],
    )
    assert list(latest.lead_units.values_list("unit_id", flat=True)) == [world.lead_unit.pk]
    assert list(latest.cooperating_units.values_list("unit_id", flat=True)) == [world.coop_unit.pk]
