"""The interface of issue 7: task search, in-place outline editing, instructions from any page, the city
view."""

from decimal import Decimal

import pytest

from plans.choices import PlanStatus, TaskStatus
from plans.models import Task
from tests.factories import PlanFactory, TaskFactory
from zoneplan.instructions.models import Instruction

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


class TestTaskSearch:
    def test_filters_from_the_url_and_scope(self, world, signed_in):
        Task.objects.filter(pk=world.other_task.pk).update(status=TaskStatus.OVERDUE)
        client = signed_in(world.users["leader"])
        overdue = client.get("/tasks/?status=overdue").content.decode()
        assert "强化土地要素保障" in overdue and "加速创新要素集聚" not in overdue
        by_unit = client.get(f"/tasks/?unit={world.coop_unit.pk}").content.decode()
        assert "加速创新要素集聚" in by_unit and "强化土地要素保障" not in by_unit
        assert "强化土地要素保障" in client.get("/tasks/?search=土地").content.decode()
        assert "提升自主创新能力" not in client.get("/tasks/").content.decode()  # sections are not task items
        assert "加速创新要素集聚" not in client.get(f"/tasks/?zone={world.other_zone.pk}").content.decode()

    def test_a_reporter_sees_only_published_plans(self, world, signed_in):
        draft = PlanFactory(zone=world.zone, status=PlanStatus.DRAFT)
        TaskFactory(plan=draft, title="草稿里的任务", lead_units=[world.lead_unit])
        html = signed_in(world.users["reporter"]).get("/tasks/").content.decode()
        assert "加速创新要素集聚" in html and "草稿里的任务" not in html

    def test_bad_filter_values_get_a_message_not_an_error(self, world, signed_in):
        response = signed_in(world.users["leader"]).get("/tasks/?deadline_after=yesterday&zone=x")
        assert response.status_code == 200
        assert 'class="message error"' in response.content.decode()

    def test_query_count_does_not_grow_with_the_tasks(self, world, signed_in, django_assert_max_num_queries):
        client = signed_in(world.users["leader"])
        for n in range(60):
            TaskFactory(plan=world.plan, parent=world.section, title=f"任务{n}", lead_units=[world.lead_unit])
        with django_assert_max_num_queries(12):
            page = client.get("/tasks/?page=2")
        assert page.status_code == 200 and "任务" in page.content.decode()


class TestOutlineInPlace:
    def edit(self, client, task, **data):
        base = {
            "version": task.version,
            "label": task.label,
            "title": task.title,
            "body": "",
            "lead_units": [u.pk for u in task.lead_units.all()],
            "deadline_text": "",
            "reporting_cycle": "monthly",
            "responsible_person": "",
            "targets": "",
        }
        return client.post(f"/tasks/{task.pk}/edit/?depth=1", {**base, **data}, headers=HTMX)

    def test_planner_edits_a_row_in_place(self, world, signed_in):
        client = signed_in(world.users["planner"])
        history_before = world.task.history.count()
        plan_page = client.get(f"/plans/{world.plan.pk}/").content.decode()
        assert f'hx-get="/tasks/{world.task.pk}/edit/?depth=1"' in plan_page
        form = client.get(f"/tasks/{world.task.pk}/edit/?depth=1", headers=HTMX).content.decode()
        assert form.startswith('<tr class="editing') and "data-typeahead" in form
        lead = form[form.index('name="lead_units"') :]
        lead = lead[: lead.index("</select>")]  # the task's lead unit chosen, the others offered
        assert f'<option value="{world.lead_unit.pk}" selected>' in lead
        assert f'<option value="{world.other_unit.pk}">' in lead
        response = self.edit(
            client,
            world.task,
            title="加速创新要素集聚提速",
            cooperating_units=[world.other_unit.pk],
            targets="新增高新技术企业不少于10家",
        )
        assert response.status_code == 200
        row = response.content.decode().strip()
        assert (
            row.startswith('<tr class="depth-1"') and "加速创新要素集聚提速" in row and "市自然资源局" in row
        )
        world.task.refresh_from_db()
        target = world.task.targets.get()
        assert (world.task.version, target.metric, target.value, target.unit_of_measure) == (
            2,
            "新增高新技术企业",
            Decimal(10),
            "家",
        )
        assert world.task.history.count() == history_before + 1

    def test_a_stale_version_or_bad_target_is_refused_with_the_form(self, world, signed_in):
        client = signed_in(world.users["planner"])
        assert self.edit(client, world.task, title="第一次").status_code == 200
        stale = self.edit(client, world.task, title="第二次")  # still version 1
        assert stale.status_code == 400 and "message error" in stale.content.decode()
        world.task.refresh_from_db()
        bad = self.edit(client, world.task, targets="尽快完成")
        assert bad.status_code == 400 and "尽快完成" in bad.content.decode()
        world.task.refresh_from_db()
        assert (world.task.title, world.task.version) == ("第一次", 2)

    @pytest.mark.parametrize("role", ["reporter", "leader", "other_planner"])
    def test_others_cannot_edit(self, world, signed_in, role):
        client = signed_in(world.users[role])
        assert client.get(f"/tasks/{world.task.pk}/edit/").status_code in (403, 404)
        assert self.edit(client, world.task, title="改").status_code in (403, 404)
        world.task.refresh_from_db()
        assert world.task.title == "加速创新要素集聚"


class TestInstructionsFromThePages:
    def test_leader_instructs_from_the_task_page_and_the_unit_replies(self, world, signed_in):
        client = signed_in(world.users["leader"])
        assert (
            f'action="/instructions/task/{world.task.pk}/new/"'
            in client.get(f"/tasks/{world.task.pk}/").content.decode()
        )
        response = client.post(
            f"/instructions/task/{world.task.pk}/new/", {"text": "请加快推进", "unit": world.coop_unit.pk}
        )
        assert response.status_code == 302 and response.url == f"/tasks/{world.task.pk}/"
        instruction = Instruction.objects.get()
        assert (instruction.unit, instruction.author) == (world.coop_unit, world.users["leader"])
        coop = signed_in(world.users["coop_reporter"])
        assert (
            f"/instructions/{instruction.pk}/reply/" in coop.get(f"/tasks/{world.task.pk}/").content.decode()
        )
        coop.post(f"/instructions/{instruction.pk}/reply/", {"reply": "已落实"})
        instruction.refresh_from_db()
        assert instruction.reply == "已落实"

    def test_from_the_dashboard_in_place_with_the_first_lead_unit(self, world, signed_in):
        Task.objects.filter(pk=world.task.pk).update(status=TaskStatus.OVERDUE)
        client = signed_in(world.users["leader"])
        dashboard = client.get(f"/dashboard/?zone={world.zone.pk}").content.decode()
        assert f'hx-post="/instructions/task/{world.task.pk}/new/"' in dashboard
        response = client.post(
            f"/instructions/task/{world.task.pk}/new/", {"text": "本周内报送整改措施"}, headers=HTMX
        )
        assert response.status_code == 200 and "message success" in response.content.decode()
        assert Instruction.objects.get().unit == world.lead_unit

    def test_refused_writes_change_nothing(self, world, signed_in):
        planner = signed_in(world.users["planner"])
        assert 'hx-post="/instructions/' not in planner.get("/dashboard/").content.decode()
        assert planner.post(f"/instructions/task/{world.task.pk}/new/", {"text": "x"}).status_code == 403
        leader = signed_in(world.users["leader"])
        foreign = leader.post(
            f"/instructions/task/{world.task.pk}/new/",
            {"text": "x", "unit": world.other_unit.pk},
            headers=HTMX,
        )
        assert foreign.status_code == 400
        assert leader.post(f"/instructions/plan/{world.plan.pk}/new/", {"text": "x"}).status_code == 403
        assert Instruction.objects.count() == 0

    def test_only_the_addressed_unit_replies(self, world, signed_in):
        from zoneplan.instructions.services import instruction_create

        instruction = instruction_create(actor=world.users["leader"], subject=world.task, text="请加快")
        client = signed_in(world.users["coop_reporter"])
        assert (
            client.post(f"/instructions/{instruction.pk}/reply/", {"reply": "x"}).status_code == 404
        )  # not theirs to see
        instruction.refresh_from_db()
        assert instruction.reply == ""


class TestCityDashboard:
    def test_zones_compared_with_every_figure_linked(self, world, signed_in):
        other_plan = PlanFactory(zone=world.other_zone)
        TaskFactory(
            plan=other_plan, title="另一区任务", status=TaskStatus.OVERDUE, lead_units=[world.other_unit]
        )
        html = signed_in(world.users["leader"]).get("/dashboard/").content.decode()
        assert "玉林高新区" in html and "另一开发区" in html
        assert f'href="/tasks/?zone={world.other_zone.pk}&amp;status=overdue">1</a>' in html
        assert f'href="/tasks/?zone={world.zone.pk}">2</a>' in html
        assert 'id="dashboard-links"' in html

    def test_query_count_is_fixed(self, world, signed_in, django_assert_max_num_queries):
        client = signed_in(world.users["leader"])
        for n in range(5):
            TaskFactory(
                plan=PlanFactory(zone=world.other_zone),
                title=f"任务{n}",
                status=TaskStatus.OVERDUE,
                lead_units=[world.other_unit],
            )
        with django_assert_max_num_queries(20):
            assert client.get("/dashboard/").status_code == 200


def test_task_page_shows_who_changed_what(world, signed_in):
    from plans import services

    services.task_update(actor=world.users["planner"], task=world.task, expected_version=1, title="新标题")
    html = signed_in(world.users["reporter"]).get(f"/tasks/{world.task.pk}/").content.decode()
    history = html[html.index('id="history"') :]
    assert "planner" in history and "修改：标题" in history


def test_my_tasks_shows_fifty_per_group_and_all_on_request(world, signed_in):
    from plans.views import MY_TASKS_SHOWN

    for n in range(MY_TASKS_SHOWN + 5):
        TaskFactory(
            plan=world.plan,
            parent=world.section,
            title=f"批量任务{n:03d}",
            lead_units=[world.lead_unit],
            deadline=None,
        )
    client = signed_in(world.users["reporter"])
    page = client.get("/my/tasks/").content.decode()
    # the world's task (with a deadline) comes first in the group, then 49 of the 55 without one
    assert page.count("批量任务") == MY_TASKS_SHOWN - 1 and '<a href="?all=due">显示全部 56 项</a>' in page
    assert "<h2>本期待报送 " in page and "<h2>已完成 " in page and "<th>最近报送</th>" in page
    assert client.get("/my/tasks/?all=due").content.decode().count("批量任务") == MY_TASKS_SHOWN + 5


def test_my_tasks_rows_link_the_task_and_show_dates_in_beijing_time(world, signed_in):
    from datetime import UTC, date, datetime

    Task.objects.filter(pk=world.task.pk).update(
        deadline=date(2026, 12, 31),
        last_reported_at=datetime(2026, 11, 1, 17, 30, tzinfo=UTC),  # 01:30 on the 2nd
    )
    page = signed_in(world.users["reporter"]).get("/my/tasks/").content.decode()
    row = page[page.index(f'href="/tasks/{world.task.pk}/"') :]
    row = row[: row.index("</tr>")]
    assert "（一）加速创新要素集聚" in row and "2026-12-31" in row and "2026-11-02" in row
    assert f'hx-get="/tasks/{world.task.pk}/report/"' in row and "填报进展" in row


def test_my_tasks_follow_a_new_membership_without_a_global_write(world, signed_in):
    """My tasks are cached under the person's units: joining a unit shows its tasks at once, and replaces no
    data version (every dashboard stays cached)."""
    from tests.factories import MembershipFactory
    from zoneplan.core.datacache import data_version

    client = signed_in(world.users["reporter"])
    assert "强化土地要素保障" not in client.get("/my/tasks/").content.decode()
    version = data_version()
    MembershipFactory(user=world.users["reporter"], unit=world.other_unit)
    assert data_version() == version
    assert "强化土地要素保障" in client.get("/my/tasks/").content.decode()


def test_page_titles_hold_only_text(world, signed_in):
    """A misplaced block once put whole forms into <title>: every main page's title is plain text."""
    import re

    client = signed_in(world.users["planner"])
    for path in ("/plans/", f"/plans/{world.plan.pk}/", "/projects/", "/tasks/", "/my/tasks/", "/dashboard/"):
        title = re.search(r"<title>(.*?)</title>", client.get(path).content.decode(), re.S).group(1)
        assert "<" not in title and len(title) < 120, (path, title[:80])


def test_an_empty_plan_says_so_in_chinese(world, signed_in):
    from plans import services

    plan = services.plan_create(
        actor=world.users["planner"],
        zone=world.zone,
        title="空计划",
        start_date="2027-01-01",
        end_date="2027-12-31",
    )
    assert (
        "该计划还没有任务。" in signed_in(world.users["planner"]).get(f"/plans/{plan.pk}/").content.decode()
    )
