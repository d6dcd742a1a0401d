"""Each job's choice of recipients and items on hand-built cases; the date passed in is the frozen clock."""

from datetime import date, datetime, timedelta
from decimal import Decimal as D

import pytest
from django.utils import timezone

from plans import services
from plans.choices import TaskStatus
from plans.models import Task
from plans.services import progress_submit
from tests.factories import MilestoneFactory, ProjectFactory, TaskFactory
from zoneplan.jobs import JOBS
from zoneplan.notifications.models import Notification

pytestmark = pytest.mark.django_db


def inbox(user, kind=None):
    notes = Notification.objects.filter(recipient=user)
    return list(notes.filter(kind=kind) if kind else notes)


def run(name, day):
    return JOBS[name].run(today=day)


class TestProgressReminders:
    """March 2026; the monthly period ends on the 31st, reminders go out within 5 days of it."""

    def test_units_that_have_not_reported_are_reminded_once(self, world):
        at = timezone.make_aware(datetime(2026, 3, 10, 10))
        progress_submit(actor=world.users["reporter"], task=world.task, percent=20, narrative="已启动", at=at)
        TaskFactory(
            plan=world.plan,
            parent=world.section,
            title="已完成的任务",
            status=TaskStatus.DONE,
            lead_units=[world.lead_unit],
        )
        result = run("progress_reminders", date(2026, 3, 28))
        assert inbox(world.users["reporter"]) == []  # its unit reported on its only open task
        [coop] = inbox(world.users["coop_reporter"])
        assert "加速创新要素集聚" in coop.message and coop.unit == world.coop_unit
        [other] = inbox(world.users["other_reporter"])
        assert "强化土地要素保障" in other.message and "加速创新要素集聚" not in other.message
        assert (result.items, result.notifications) == (2, 2)
        again = run("progress_reminders", date(2026, 3, 29))
        assert (again.notifications, Notification.objects.count()) == (0, 2)

    def test_no_reminder_early_in_the_period_or_for_returned_reports(self, world):
        assert run("progress_reminders", date(2026, 3, 10)).notifications == 0
        Task.objects.filter(pk=world.task.pk).update(reporting_cycle="weekly")
        result = run("progress_reminders", date(2026, 3, 14))  # Saturday: weekly period ends tomorrow
        assert {n.recipient.username for n in Notification.objects.all()} == {"reporter", "coop_reporter"}
        assert result.notifications == 2


class TestOverdueScan:
    @pytest.fixture
    def late(self, world):
        Task.objects.filter(pk=world.task.pk).update(deadline=date(2026, 6, 30), status=TaskStatus.ON_TRACK)
        TaskFactory(
            plan=world.plan,
            parent=world.section,
            title="已完成但过期",
            deadline=date(2026, 6, 30),
            status=TaskStatus.DONE,
            lead_units=[world.lead_unit],
        )
        return world.task

    def test_flags_tells_the_lead_unit_and_escalates_only_after_n_days(self, world, late, settings):
        settings.ESCALATION_DAYS = 7
        result = run("overdue_scan", date(2026, 7, 3))
        late.refresh_from_db()
        assert (late.status, late.overdue_since, late.version) == (TaskStatus.OVERDUE, date(2026, 7, 3), 2)
        flagged_row = late.history.first()
        assert (flagged_row.history_change_reason, flagged_row.status) == ("overdue scan", TaskStatus.OVERDUE)
        assert list(flagged_row.lead_units.values_list("unit_id", flat=True)) == [world.lead_unit.pk]
        assert Task.objects.get(title="已完成但过期").status == TaskStatus.DONE
        assert [n.subject for n in inbox(world.users["reporter"], "task_overdue")] == [late]
        assert inbox(world.users["coop_reporter"]) == []  # the lead unit is told
        assert inbox(world.users["leader"]) == []  # 3 days: not yet escalated
        assert result.items == 1
        run("overdue_scan", date(2026, 7, 7))
        assert inbox(world.users["leader"]) == []  # 7 days: not more than N
        run("overdue_scan", date(2026, 7, 8))
        [escalation] = inbox(world.users["leader"], "task_escalation")
        assert "8" in escalation.title
        total = Notification.objects.count()
        assert run("overdue_scan", date(2026, 7, 9)).notifications == 0
        assert (
            Notification.objects.count() == total
            and late.history.filter(history_change_reason="overdue scan").count() == 1
        )

    def test_late_milestones_go_to_the_unit_then_the_leaders(self, world, settings):
        settings.ESCALATION_DAYS = 7
        project = ProjectFactory(zone=world.zone, responsible_unit=world.lead_unit)
        late = MilestoneFactory(project=project, name="主体封顶", planned_date=date(2026, 6, 30))
        MilestoneFactory(
            project=project, name="已完成", planned_date=date(2026, 6, 1), actual_date=date(2026, 6, 2)
        )
        run("overdue_scan", date(2026, 7, 2))
        assert [n.subject for n in inbox(world.users["reporter"], "milestone_overdue")] == [late]
        assert inbox(world.users["leader"]) == []
        run("overdue_scan", date(2026, 7, 10))
        assert [n.subject for n in inbox(world.users["leader"], "milestone_escalation")] == [late]


class TestIndicatorReminders:
    def test_zones_without_last_months_values_are_reminded(self, world, stats, catalogue):
        from indicators.services import Entry, values_save

        values_save(
            actor=world.users["sibling_stats"],
            zone=stats["sibling"],
            year=2026,
            month=4,
            submit=True,
            entries=[Entry(catalogue["gdp"], D("5"))],
        )
        result = run("indicator_reminders", date(2026, 5, 5))
        assert [n.title for n in inbox(world.users["stats"])] and inbox(world.users["sibling_stats"]) == []
        assert (result.items, result.notifications) == (1, 1)
        assert run("indicator_reminders", date(2026, 5, 6)).notifications == 0


class TestWeeklyDigest:
    def test_one_digest_per_leader_per_week(self, world):
        Task.objects.filter(pk=world.task.pk).update(
            status=TaskStatus.OVERDUE, overdue_since=date(2026, 7, 1)
        )
        run("weekly_digest", date(2026, 7, 6))
        [digest] = inbox(world.users["leader"])
        assert "1" in digest.message and digest.title.count("28") == 1  # ISO week 28 of 2026
        assert run("weekly_digest", date(2026, 7, 8)).notifications == 0  # same week
        assert run("weekly_digest", date(2026, 7, 13)).notifications == 1  # next week

    def test_done_means_closed_out_not_an_accepted_report_of_100_percent(self, world):
        from zoneplan.digest import weekly_figures

        report = services.progress_submit(
            actor=world.users["reporter"], task=world.task, percent=100, narrative="完成"
        )
        services.progress_review(actor=world.users["planner"], report=report, accept=True)
        today = timezone.localdate() + timedelta(days=1)
        assert weekly_figures(zone_ids={world.zone.pk}, today=today)["done"] == 0  # accepted, not closed out
        services.closeout_apply(actor=world.users["reporter"], task=world.task, evidence="验收完毕")
        services.closeout_verify(actor=world.users["planner"], task=world.task)
        assert weekly_figures(zone_ids={world.zone.pk}, today=today)["done"] == 1
        assert weekly_figures(zone_ids={world.other_zone.pk}, today=today)["done"] == 0


def test_each_default_schedule_names_a_registered_task(db):
    from django_celery_beat.models import PeriodicTask

    from zoneplan.celery import app

    app.loader.import_default_modules()
    scheduled = set(PeriodicTask.objects.values_list("task", flat=True))
    assert scheduled == {f"zoneplan.jobs.{name}" for name in JOBS}
    assert scheduled <= set(app.tasks)


def test_runjob_command(world, capsys):
    from django.core.management import call_command

    Task.objects.filter(pk=world.task.pk).update(deadline=date(2026, 6, 30))
    call_command("runjob", "overdue_scan", "--date", "2026-07-03")
    assert "overdue_scan on 2026-07-03: 1 items" in capsys.readouterr().out


def test_escalation_goes_to_the_leader_in_charge_first_then_the_principal(world, settings):
    from organisation.choices import StaffRole
    from tests.factories import UserFactory, ZoneRoleFactory

    settings.ESCALATION_DAYS = 7
    deputy = ZoneRoleFactory(user=UserFactory(username="deputy"), role=StaffRole.LEADER, zone=world.zone).user
    Task.objects.filter(pk=world.task.pk).update(deadline=date(2026, 6, 30), responsible_leader=deputy)
    run("overdue_scan", date(2026, 7, 9))  # 9 days: the leader in charge only
    assert [n.kind for n in inbox(deputy)] == ["task_escalation"]
    assert inbox(world.users["leader"]) == []
    run("overdue_scan", date(2026, 7, 14))  # 14 days: not yet more than twice N
    assert inbox(world.users["leader"]) == []
    run("overdue_scan", date(2026, 7, 15))  # still red after 15 days: the principal leaders
    assert [n.kind for n in inbox(world.users["leader"])] == ["task_escalation_principal"]
    assert len(inbox(deputy)) == 1


def test_deadline_reminder_counts_working_days_over_a_holiday(world, settings):
    settings.DEADLINE_REMINDER_WORKDAYS = 3
    Task.objects.filter(pk=world.task.pk).update(deadline=date(2026, 10, 9))
    run("progress_reminders", date(2026, 9, 29))  # 3 working days on: 30 Sep, 8 Oct, 9 Oct (holiday between)
    [reminder] = inbox(world.users["reporter"], "deadline_reminder")
    assert reminder.subject == world.task and "3" in reminder.title
    assert (reminder.unit_id, reminder.link) == (world.lead_unit.pk, f"/tasks/{world.task.pk}/")
    assert inbox(world.users["coop_reporter"], "deadline_reminder") == []  # the lead unit is reminded
    assert run("progress_reminders", date(2026, 9, 30)).notifications == 0  # once per task and deadline
    Task.objects.filter(pk=world.task.pk).update(deadline=date(2026, 10, 12))
    assert inbox(world.users["reporter"], "deadline_reminder") == [reminder]
    run("progress_reminders", date(2026, 9, 25))  # three working days from 25 Sep reach 30 Sep, not 12 Oct
    assert len(inbox(world.users["reporter"], "deadline_reminder")) == 1


def test_every_figure_counts_overdue_as_the_task_list_does_before_the_nightly_scan(world):
    """An open task past its deadline is overdue in the task list's filter at once; the digest, the dashboard
    (whose counts are kept by status) and the monthly report agreed only after the scan had flagged it."""
    import io

    from docx import Document

    from plans.overdue import overdue_q
    from zoneplan.dashboard.selectors import dashboard_summary
    from zoneplan.digest import weekly_figures
    from zoneplan.reports.monthly import monthly_report

    today = date(2026, 7, 6)
    Task.objects.filter(pk=world.task.pk).update(deadline=date(2026, 7, 3), status=TaskStatus.ON_TRACK)
    listed = Task.objects.filter(overdue_q(today=today), is_section=False).count()
    figures = weekly_figures(zone_ids={world.zone.pk}, today=today)
    assert listed == figures["overdue"] == figures["new_overdue"] == 1
    dashboard = dashboard_summary(zone=world.zone, year=2026, today=today)
    assert [task["id"] for task in dashboard["overdue"]] == [world.task.pk]
    assert [zone["overdue"] for zone in dashboard["zones"]] == [1]
    lead = next(unit for unit in dashboard["tasks_by_unit"] if unit["unit"] == world.lead_unit.pk)
    assert lead["by_status"] == {TaskStatus.OVERDUE: 1}
    document = Document(io.BytesIO(monthly_report(world.zone, year=2026, month=6, today=today)))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "逾期1项" in text and "逾期任务：" in text
