"""Colours at each threshold, extensions, close-out and the working-day arithmetic, on hand-built cases."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from plans import services
from plans.choices import TaskStatus
from plans.colours import task_colour
from plans.models import CloseOut, ExtensionRequest, Task
from zoneplan.core.workdays import WorkdayCalendar

pytestmark = pytest.mark.django_db


def colour_of(task, today):
    task.refresh_from_db()
    return task_colour(task, today=today, calendar=WorkdayCalendar())


class TestColours:
    """The world's plan starts 2026-01-01; the task is due 2026-12-31 (364 days); thresholds 15 / 30 points,
    yellow within 5 working days when under 50 % done."""

    def set(self, task, **fields):
        Task.objects.filter(pk=task.pk).update(**fields)

    def test_behind_the_time_schedule(self, world):
        today = date(2026, 7, 2)  # 182 of 364 days: 50 % of the period gone
        self.set(world.task, percent=40)
        assert colour_of(world.task, today) == ("green", "按序时推进")
        self.set(world.task, percent=34)  # 16 points behind
        assert colour_of(world.task, today) == ("yellow", "落后序时进度 16 个百分点")
        self.set(world.task, percent=20)  # 30 points: still yellow, red only beyond
        assert colour_of(world.task, today)[0] == "yellow"
        self.set(world.task, percent=19)
        assert colour_of(world.task, today) == ("red", "落后序时进度 31 个百分点")

    def test_close_to_the_deadline_with_little_done(self, world):
        self.set(world.task, deadline=date(2026, 10, 12), percent=90)
        assert colour_of(world.task, date(2026, 9, 30))[0] == "green"
        self.set(world.task, percent=45)
        # 30 Sep → 12 Oct spans the National Day holiday: only 4 working days left (8, 9, 10, 12 Oct).
        colour, reason = colour_of(world.task, date(2026, 9, 30))
        assert (colour, reason) == ("red", "落后序时进度 50 个百分点")  # 272 of 284 days gone: 95 % − 45 %
        self.set(world.task, deadline=date(2026, 10, 12), percent=49)
        Task.objects.filter(pk=world.task.pk).update(deadline=date(2026, 10, 12))
        world.plan.red_behind_points = world.plan.yellow_behind_points = 100
        world.plan.save()
        assert colour_of(world.task, date(2026, 9, 30)) == ("yellow", "距完成时限 4 个工作日，仅完成 49%")

    def test_overdue_in_working_days_and_closed(self, world):
        self.set(world.task, deadline=date(2026, 9, 30), status=TaskStatus.OVERDUE)
        # 8 and 9 Oct; 1–7 Oct off
        assert colour_of(world.task, date(2026, 10, 9)) == ("red", "逾期 2 个工作日")
        self.set(world.task, status=TaskStatus.DONE)
        assert colour_of(world.task, date(2026, 10, 9)) == ("green", "已办结")

    def test_thresholds_are_the_plans(self, world):
        world.plan.yellow_behind_points = 5
        world.plan.save()
        self.set(world.task, percent=44)  # 6 points behind on 2 July
        assert colour_of(world.task, date(2026, 7, 2))[0] == "yellow"


class TestExtensions:
    def test_approved_extension_moves_the_deadline_keeps_the_original_and_clears_overdue(self, world):
        Task.objects.filter(pk=world.task.pk).update(
            deadline=date(2026, 6, 30), status=TaskStatus.OVERDUE, overdue_since=date(2026, 7, 1)
        )
        world.task.refresh_from_db()
        request = services.extension_request(
            actor=world.users["reporter"],
            task=world.task,
            requested_deadline=date(2099, 9, 30),
            reason="设备到货推迟",
        )
        services.extension_decide(actor=world.users["planner"], request=request, approve=True)
        world.task.refresh_from_db()
        assert (world.task.deadline, world.task.original_deadline) == (date(2099, 9, 30), date(2026, 6, 30))
        assert (world.task.status, world.task.overdue_since) == (TaskStatus.ON_TRACK, None)
        assert world.task.history.first().history_change_reason == "extension approved"

    def test_rules_of_asking_and_deciding(self, world):
        with pytest.raises(PermissionDenied):  # a cooperating unit does not ask
            services.extension_request(
                actor=world.users["coop_reporter"],
                task=world.task,
                requested_deadline=date(2099, 1, 1),
                reason="x",
            )
        with pytest.raises(ValidationError) as error:
            services.extension_request(
                actor=world.users["reporter"],
                task=world.task,
                requested_deadline=date(2026, 12, 1),
                reason="",
            )
        assert set(error.value.message_dict) == {"reason", "requested_deadline"}
        request = services.extension_request(
            actor=world.users["reporter"],
            task=world.task,
            requested_deadline=date(2099, 1, 1),
            reason="资金未到位",
        )
        with pytest.raises(ValidationError):  # one pending at a time
            services.extension_request(
                actor=world.users["reporter"],
                task=world.task,
                requested_deadline=date(2099, 2, 1),
                reason="再延",
            )
        with pytest.raises(PermissionDenied):
            services.extension_decide(actor=world.users["leader"], request=request, approve=True)
        with pytest.raises(ValidationError):
            services.extension_decide(actor=world.users["planner"], request=request, approve=False)
        services.extension_decide(
            actor=world.users["planner"], request=request, approve=False, comment="理由不充分"
        )
        world.task.refresh_from_db()
        assert (world.task.deadline, ExtensionRequest.objects.get().state) == (date(2026, 12, 31), "rejected")


class TestCloseOut:
    def test_verified_close_out_is_done_sent_back_is_not(self, world):
        services.closeout_apply(
            actor=world.users["reporter"], task=world.task, evidence="已完成平台建设并通过验收"
        )
        services.closeout_send_back(actor=world.users["planner"], task=world.task, reason="缺少验收报告")
        world.task.refresh_from_db()
        assert world.task.status != TaskStatus.DONE
        assert CloseOut.objects.get().state == "sent_back"
        services.closeout_apply(actor=world.users["reporter"], task=world.task, evidence="补充验收报告")
        services.closeout_verify(actor=world.users["planner"], task=world.task)
        world.task.refresh_from_db()
        assert (world.task.status, world.task.percent) == (TaskStatus.DONE, 100)
        with pytest.raises(ValidationError):
            services.progress_submit(
                actor=world.users["reporter"], task=world.task, percent=100, narrative="x"
            )

    def test_who_may_apply_and_decide(self, world):
        with pytest.raises(PermissionDenied):
            services.closeout_apply(actor=world.users["coop_reporter"], task=world.task, evidence="x")
        with pytest.raises(ValidationError):
            services.closeout_apply(actor=world.users["reporter"], task=world.task, evidence=" ")
        services.closeout_apply(actor=world.users["reporter"], task=world.task, evidence="完成")
        with pytest.raises(ValidationError):
            services.closeout_apply(actor=world.users["reporter"], task=world.task, evidence="again")
        for role in ("reporter", "leader", "other_planner"):
            with pytest.raises(PermissionDenied):
                services.closeout_verify(actor=world.users[role], task=world.task)
        with pytest.raises(ValidationError):
            services.closeout_send_back(actor=world.users["planner"], task=world.task, reason="")
        world.task.refresh_from_db()
        assert world.task.status == TaskStatus.NOT_STARTED


def test_api_carries_colour_and_the_calendar(world, api):
    Task.objects.filter(pk=world.task.pk).update(deadline=date(2026, 1, 5))
    body = api(world.users["reporter"]).get(f"/api/v1/tasks/{world.task.pk}/").json()
    assert body["colour"] == "red" and body["colour_reason"].startswith("逾期")
    days = (
        api(world.users["reporter"]).get("/api/v1/calendar/workdays/?start=2026-09-30&end=2026-10-12").json()
    )
    assert days["workdays"] == 5  # 30 Sep, 8, 9, 10 (Saturday make-up day) and 12 Oct
    assert (
        api(world.users["reporter"])
        .get("/api/v1/calendar/workdays/?start=2026-10-12&end=2026-09-30")
        .status_code
        == 400
    )


def test_api_extension_and_close_out_flow(world, api):
    reporter, planner = api(world.users["reporter"]), api(world.users["planner"])
    path = f"/api/v1/tasks/{world.task.pk}"
    created = reporter.post(
        f"{path}/extension-requests/", {"requested_deadline": "2099-03-31", "reason": "待审批"}
    )
    assert created.status_code == 201, created.content
    decide = f"{path}/extension-requests/{created.json()['id']}/decide/"
    assert reporter.post(decide, {"decision": "approve"}).status_code == 403
    assert planner.post(decide, {"decision": "approve"}).json()["state"] == "approved"
    assert planner.get(f"{path}/").json()["original_deadline"] == "2026-12-31"
    assert reporter.post(f"{path}/close-out/", {"evidence": "已完成"}).status_code == 201
    assert planner.post(f"{path}/close-out/send-back/", {}).status_code == 400
    assert planner.post(f"{path}/close-out/verify/", {}).json()["state"] == "closed"
    assert planner.get(f"{path}/").json()["status"] == "done"
