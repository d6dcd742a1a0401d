"""Pages: signed in, scoped to the user, and POSTs that go through the same services as the API."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from plans import services
from plans.choices import PlanStatus
from plans.models import Plan, ProgressReport, Task
from tests.factories import PlanFactory, ProgressReportFactory, TaskFactory

pytestmark = pytest.mark.django_db


def test_pages_need_a_login(world, client):
    for path in ("/", "/plans/", f"/plans/{world.plan.pk}/", f"/tasks/{world.task.pk}/"):
        response = client.get(path, follow=True)
        assert response.redirect_chain[-1][0].startswith("/accounts/login/"), path


def test_login_page_logs_in(world, client):
    world.users["reporter"].set_password("s3cret-pass")
    world.users["reporter"].save()
    assert "登录" in client.get("/accounts/login/").content.decode()
    response = client.post("/accounts/login/", {"username": "reporter", "password": "s3cret-pass"})
    assert (response.status_code, response["Location"]) == (302, "/plans/")


def test_plan_list_counts_and_hides_drafts_from_reporters(world, signed_in):
    draft = PlanFactory(zone=world.zone, status=PlanStatus.DRAFT, title="内部草案")
    page = signed_in(world.users["reporter"]).get("/plans/").content.decode()
    assert "玉林高新区2026年工作计划" in page and "内部草案" not in page
    assert signed_in(world.users["reporter"]).get(f"/plans/{draft.pk}/").status_code == 404
    assert "内部草案" in signed_in(world.users["planner"]).get("/plans/").content.decode()


def test_outline_page_shows_labels_units_deadlines_in_order(world, signed_in):
    page = signed_in(world.users["leader"]).get(f"/plans/{world.plan.pk}/").content.decode()
    positions = [
        page.index(text)
        for text in ("一、提升自主创新能力", "（一）加速创新要素集聚", "（二）强化土地要素保障")
    ]
    assert positions == sorted(positions)
    assert "科技局" in page and "市财政局" in page and "2026-12-31" in page


def test_a_row_swapped_in_place_is_the_row_of_the_outline_page(world, signed_in):
    """The outline's rows are written by the same code for the page and for one row swapped back in place by
    htmx (an edit cancelled): the same markup, the units' short names, the status, the edit controls."""
    client = signed_in(world.users["planner"])
    page = client.get(f"/plans/{world.plan.pk}/").content.decode()
    row = client.get(
        f"/tasks/{world.task.pk}/edit/?depth=1&cancel=1", HTTP_HX_REQUEST="true"
    ).content.decode()

    start = page.index(f'<tr class="depth-1" id="task-row-{world.task.pk}">')
    assert page[start : page.index("</tr>", start) + len("</tr>")] == row
    assert "（一）加速创新要素集聚" in row and ">科技局<" in row and ">市财政局<" in row and "未启动" in row
    assert f'value="{world.task.pk}:{world.task.version}:indent"' in row
    assert f"/tasks/{world.task.pk}/edit/?depth=1" in row


def test_names_in_the_outline_rows_are_escaped(world, signed_in):
    from plans import services

    services.task_update(
        actor=world.users["planner"],
        task=world.task,
        expected_version=world.task.version,
        title='<script>alert("x")</script>',
    )
    page = signed_in(world.users["planner"]).get(f"/plans/{world.plan.pk}/").content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


@pytest.mark.parametrize("who", ["leader", "planner"])
def test_the_outline_page_is_computed_once_per_data_version(world, signed_in, who):
    """Readers (a leader) and editors (the planner, whose rows have the move buttons) get the outline computed
    once per data version: read again, no task's units are read; a filing in the zone shows at once. The rows
    hold no CSRF token (the buttons submit the page's one move form), so they are the same for every
    editor."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from plans import services

    client = signed_in(world.users[who])
    path = f"/plans/{world.plan.pk}/"
    first = client.get(path).content.decode()
    assert 'class="badge not_started"' in first
    assert ('form="outline-move"' in first) == (who == "planner")
    rows = first[first.index("<tbody>") : first.index("</tbody>")]
    assert "csrfmiddlewaretoken" not in rows
    with CaptureQueriesContext(connection) as captured:
        client.get(path)
    # the outline's units
    assert not [query for query in captured if '"plans_task_lead_units"' in query["sql"]]
    services.progress_submit(actor=world.users["reporter"], task=world.task, percent=40, narrative="推进")
    row = client.get(path).content.decode()
    row = row[row.index(f'id="task-row-{world.task.pk}"') :]
    assert 'class="badge on_track"' in row[: row.index("</tr>")]


def test_both_unit_pickers_offer_every_unit_read_once(world, signed_in):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = signed_in(world.users["planner"])
    with CaptureQueriesContext(connection) as captured:
        page = client.get(f"/plans/{world.plan.pk}/").content.decode()
    assert sum("plans_unitalias" in query["sql"] for query in captured) == 1
    for name in ("task-lead_units", "task-cooperating_units"):
        picker = page[page.index(f'name="{name}"') :]
        picker = picker[: picker.index("</select>")]
        assert all(unit in picker for unit in ("市科技局", "市财政局", "市自然资源局")), name


def test_the_add_form_offers_every_task_as_parent_read_once_and_units_with_their_aliases(world, signed_in):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from organisation.models import UnitAlias

    UnitAlias.objects.create(unit=world.lead_unit, name="科技局")
    UnitAlias.objects.create(unit=world.lead_unit, name="<科技>")
    with CaptureQueriesContext(connection) as captured:
        page = signed_in(world.users["planner"]).get(f"/plans/{world.plan.pk}/").content.decode()
    parents = '"plans_task"."label" AS "label", "plans_task"."title" AS "title" FROM "plans_task"'
    assert sum(parents in query["sql"] for query in captured) == 1
    picker = page[page.index('name="task-parent"') :]
    picker = picker[: picker.index("</select>")]
    assert f'<option value="{world.task.pk}">（一）加速创新要素集聚</option>' in picker
    assert f'<option value="{world.section.pk}">一、提升自主创新能力</option>' in picker
    lead = page[page.index('name="task-lead_units"') :]
    lead = lead[: lead.index("</select>")]
    assert f'<option value="{world.lead_unit.pk}" data-aliases="&lt;科技&gt;|科技局">' in lead


def test_outline_page_query_count_does_not_grow_with_tasks(world, signed_in, django_assert_max_num_queries):
    client = signed_in(world.users["leader"])
    with django_assert_max_num_queries(12):
        client.get(f"/plans/{world.plan.pk}/")


def test_reporter_files_progress_on_the_task_page(world, signed_in):
    client = signed_in(world.users["reporter"])
    page = client.get(f"/tasks/{world.task.pk}/").content.decode()
    assert 'name="narrative"' in page
    response = client.post(
        f"/tasks/{world.task.pk}/report/",
        {
            "unit": world.lead_unit.pk,
            "percent": 35,
            "narrative": "完成选址",
            "problems": "",
            "next_steps": "",
            "attachments": [SimpleUploadedFile("证明.pdf", b"%PDF-1.4")],
        },
        follow=True,
    )
    assert response.status_code == 200
    report = ProgressReport.objects.get()
    assert (report.percent, report.narrative, report.unit, report.attachments.count()) == (
        35,
        "完成选址",
        world.lead_unit,
        1,
    )
    assert "完成选址" in response.content.decode()


def test_service_errors_show_on_the_form_and_write_nothing(world, signed_in):
    client = signed_in(world.users["reporter"])
    payload = {"unit": world.lead_unit.pk, "percent": 35, "narrative": "一", "problems": "", "next_steps": ""}
    client.post(f"/tasks/{world.task.pk}/report/", payload)
    response = client.post(f"/tasks/{world.task.pk}/report/", {**payload, "narrative": "二"})
    assert response.status_code == 400
    assert (
        "This unit has already reported" in response.content.decode() or "已填报" in response.content.decode()
    )
    assert ProgressReport.objects.count() == 1


def test_others_get_no_form_and_a_post_is_forbidden(world, signed_in):
    client = signed_in(world.users["other_reporter"])
    assert 'name="narrative"' not in client.get(f"/tasks/{world.task.pk}/").content.decode()
    for path in (f"/tasks/{world.task.pk}/report/", f"/tasks/{world.task.pk}/"):
        response = client.post(path, {"unit": world.other_unit.pk, "percent": 5, "narrative": "x"})
        assert response.status_code == 403
    assert client.get(f"/tasks/{world.task.pk}/report/").status_code == 403
    assert ProgressReport.objects.count() == 0


def test_reporter_files_progress_in_place_from_my_tasks(world, signed_in):
    client = signed_in(world.users["reporter"])
    assert f'hx-get="/tasks/{world.task.pk}/report/"' in client.get("/my/tasks/").content.decode()
    form = client.get(f"/tasks/{world.task.pk}/report/", headers={"HX-Request": "true"}).content.decode()
    assert form.startswith("<form") and 'hx-post="/tasks/' in form
    payload = {"unit": world.lead_unit.pk, "percent": 120, "narrative": "完成选址"}
    refused = client.post(f"/tasks/{world.task.pk}/report/", payload, headers={"HX-Request": "true"})
    assert refused.status_code == 400 and "<form" in refused.content.decode()
    assert ProgressReport.objects.count() == 0
    filed = client.post(
        f"/tasks/{world.task.pk}/report/", {**payload, "percent": 30}, headers={"HX-Request": "true"}
    )
    assert filed.status_code == 200 and "message success" in filed.content.decode()
    assert ProgressReport.objects.get().percent == 30


def test_planner_returns_a_report_with_a_reason(world, signed_in):
    report = ProgressReportFactory(task=world.task, unit=world.lead_unit)
    client = signed_in(world.users["planner"])
    assert 'value="return"' in client.get(f"/tasks/{world.task.pk}/").content.decode()
    client.post(f"/progress/{report.pk}/review/", {"action": "return", "comment": ""})
    report.refresh_from_db()
    assert report.review_state == "submitted"
    client.post(f"/progress/{report.pk}/review/", {"action": "return", "comment": "请补充佐证材料"})
    report.refresh_from_db()
    assert (report.review_state, report.review_comment) == ("returned", "请补充佐证材料")


def test_reporters_cannot_review(world, signed_in):
    report = ProgressReportFactory(task=world.task, unit=world.lead_unit)
    client = signed_in(world.users["reporter"])
    assert 'value="accept"' not in client.get(f"/tasks/{world.task.pk}/").content.decode()
    assert client.post(f"/progress/{report.pk}/review/", {"action": "accept"}).status_code == 403
    report.refresh_from_db()
    assert report.review_state == "submitted"


def test_english_is_available(world, signed_in):
    client = signed_in(world.users["reporter"])
    client.post("/i18n/setlang/", {"language": "en", "next": "/plans/"})
    assert "Plans" in client.get("/plans/").content.decode()


def test_chinese_by_default_even_for_an_english_browser(world, signed_in):
    client = signed_in(world.users["reporter"])
    page = client.get("/plans/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "工作计划" in page and '<html lang="zh-hans">' in page


def test_extension_and_close_out_on_the_task_page(world, client):
    from plans.models import CloseOut, ExtensionRequest

    path = f"/tasks/{world.task.pk}/"
    client.force_login(world.users["reporter"])
    page = client.get(path).content.decode()
    assert 'value="extension"' in page and 'value="close-out"' in page and "light" in page
    client.post(path, {"action": "extension", "requested_deadline": "2099-06-30", "reason": "设备到货推迟"})
    client.post(path, {"action": "close-out", "evidence": "平台已建成"})
    assert (ExtensionRequest.objects.get().state, CloseOut.objects.get().state) == ("pending", "applied")
    bad = client.post(
        path, {"action": "extension", "requested_deadline": "yesterday", "reason": "x"}, follow=True
    )
    assert ExtensionRequest.objects.count() == 1 and "message error" in bad.content.decode()
    client.force_login(world.users["coop_reporter"])
    assert 'value="close-out"' not in client.get(path).content.decode()
    client.post(path, {"action": "verify"})
    assert CloseOut.objects.get().state == "applied"
    client.force_login(world.users["planner"])
    client.post(
        path,
        {"action": "decide-extension", "extension": ExtensionRequest.objects.get().pk, "decision": "approve"},
    )
    client.post(path, {"action": "verify"})
    world.task.refresh_from_db()
    assert (world.task.deadline.isoformat(), world.task.status) == ("2099-06-30", "done")


def test_a_leaders_home_shows_their_portfolio_first(world, client):

    Task.objects.filter(pk=world.task.pk).update(responsible_leader=world.users["leader"])
    client.force_login(world.users["leader"])
    html = client.get("/plans/").content.decode()
    assert "我分管的任务" in html and html.index("加速创新要素集聚") < html.index("玉林高新区2026年工作计划")
    client.force_login(world.users["reporter"])
    assert "我分管的任务" not in client.get("/plans/").content.decode()


def test_each_role_lands_on_its_home(world, client):
    expected = {"reporter": "/my/tasks/", "planner": "/plans/", "leader": "/plans/"}
    for role, home in expected.items():
        client.force_login(world.users[role])
        assert client.get("/")["Location"] == home, role


def test_my_tasks_are_grouped(world, client):
    from datetime import datetime

    from django.utils import timezone

    from tests.factories import TaskFactory

    overdue = TaskFactory(
        plan=world.plan,
        parent=world.section,
        title="逾期任务",
        deadline="2020-01-31",
        lead_units=[world.lead_unit],
    )
    reported = TaskFactory(
        plan=world.plan, parent=world.section, title="已报送任务", lead_units=[world.lead_unit]
    )
    services.progress_submit(
        actor=world.users["reporter"],
        task=reported,
        percent=10,
        narrative="x",
        at=timezone.make_aware(datetime.now()),
    )
    Task.objects.filter(pk=world.other_task.pk).update(status="done")
    from plans.selectors import my_tasks

    groups = my_tasks(world.users["reporter"])
    assert [t.title for t in groups["overdue"]] == [overdue.title]
    assert [t.title for t in groups["due"]] == ["加速创新要素集聚"]
    assert [t.title for t in groups["behind"] + groups["on_track"]] == [reported.title]  # by its colour
    assert groups["done"] == []  # the done task is another unit's
    client.force_login(world.users["reporter"])
    html = client.get("/my/tasks/").content.decode()
    assert html.index("逾期任务") < html.index("加速创新要素集聚") < html.index("已报送任务")


def test_my_tasks_groups_agree_with_their_rows_colours(world, signed_in):
    """A reported task behind its time schedule (yellow) is listed as behind, not on track: every row of a
    group shows the colour its name says."""
    from plans.selectors import my_tasks

    start = timezone.localdate() - timedelta(days=200)
    Plan.objects.filter(pk=world.plan.pk).update(start_date=start)
    behind = TaskFactory(
        plan=world.plan,
        parent=world.section,
        title="落后任务",
        deadline=timezone.localdate() + timedelta(days=100),
        lead_units=[world.lead_unit],
    )
    services.progress_submit(actor=world.users["reporter"], task=behind, percent=40, narrative="推进中")
    Task.objects.filter(pk=behind.pk).update(percent=40)  # as its acceptance leaves it: 26 points behind
    groups = my_tasks(world.users["reporter"])
    assert [task.title for task in groups["behind"]] == ["落后任务"]
    assert groups["behind"][0].colour == "yellow"
    assert all(task.colour == "green" for task in groups["on_track"])
    assert all(task.colour == "red" for task in groups["overdue"])
    page = signed_in(world.users["reporter"]).get("/my/tasks/").content.decode()
    assert "落后序时进度" in page or "Behind the time schedule" in page


def test_the_review_queue_shows_problems_and_next_steps_first(world, signed_in):
    ProgressReportFactory(
        task=world.task,
        unit=world.lead_unit,
        narrative="完成选址",
        problems="用地指标不足",
        next_steps="协调自然资源局",
    )
    page = signed_in(world.users["planner"]).get("/review/").content.decode()
    assert page.index("用地指标不足") < page.index("协调自然资源局") < page.index("完成选址")


def test_review_queue_is_for_planners(world, client):
    report = ProgressReportFactory(task=world.task, unit=world.lead_unit)
    client.force_login(world.users["planner"])
    assert report.narrative in client.get("/review/").content.decode()
    client.force_login(world.users["reporter"])
    assert client.get("/review/").status_code == 403


def test_planner_builds_and_publishes_a_plan_in_the_pages(world, client):
    from plans.models import Plan

    client.force_login(world.users["planner"])
    response = client.post(
        "/plans/new/",
        {
            "zone": world.zone.pk,
            "title": "2027年工作要点",
            "kind": "annual",
            "year": 2027,
            "start_date": "2027-01-01",
            "end_date": "2027-12-31",
        },
    )
    plan = Plan.objects.get(title="2027年工作要点")
    assert response["Location"] == f"/plans/{plan.pk}/"
    path = f"/plans/{plan.pk}/"
    client.post(
        path, {"task-title": "提升自主创新能力", "task-is_section": "on", "task-reporting_cycle": "monthly"}
    )
    section = plan.tasks.get()
    for title in ("加速创新要素集聚", "引育高层次创新人才"):
        client.post(
            path,
            {
                "task-parent": section.pk,
                "task-title": title,
                "task-lead_units": [world.lead_unit.pk],
                "task-cooperating_units": [world.coop_unit.pk],
                "task-deadline": "2027-06-30",
                "task-reporting_cycle": "monthly",
            },
        )
    client.post(path, {"action": "publish"})
    plan.refresh_from_db()
    labels = list(plan.tasks.order_by("parent_id", "position").values_list("label", flat=True))
    assert (plan.status, sorted(labels)) == ("published", sorted(["一、", "（一）", "（二）"]))
    same_unit_twice = {
        "task-title": "x",
        "task-lead_units": [world.lead_unit.pk],
        "task-cooperating_units": [world.lead_unit.pk],
        "task-reporting_cycle": "monthly",
    }
    bad = client.post(path, same_unit_twice)
    assert bad.status_code == 200 and plan.tasks.count() == 3


def test_only_planners_of_the_zone_build_plans(world, client):
    client.force_login(world.users["reporter"])
    assert client.get("/plans/new/").status_code == 403
    assert client.post(f"/plans/{world.plan.pk}/", {"action": "publish"}).status_code == 403
    client.force_login(world.users["other_planner"])
    assert (
        client.post(
            f"/plans/{world.plan.pk}/", {"task-title": "x", "task-reporting_cycle": "monthly"}
        ).status_code
        == 403
    )
