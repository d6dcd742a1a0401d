"""The whole round trip through the pages, in a real browser: a planner builds, reorders and publishes a plan,
the lead unit reports in place from "my tasks", the planner returns and then accepts, the leader sees it on
the dashboard."""

import pytest

from plans.models import Plan, ProgressReport, Task

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def add_item(page, title, *, parent=None, section=False, lead=(), cooperating=(), deadline=""):
    """Fill the outline's add form; units are chosen by typing in the type-ahead pickers."""
    if parent:
        page.select_option("select[name=task-parent]", label=parent)
    page.fill("input[name=task-title]", title)
    if section:
        page.check("input[name=task-is_section]")
    for name, units in (("task-lead_units", lead), ("task-cooperating_units", cooperating)):
        picker = page.locator(f"label:has(select[name={name}]) input.typeahead")
        for unit in units:
            picker.fill(unit)
            picker.dispatch_event("change")
    if deadline:
        page.fill("input[name=task-deadline]", deadline)
    page.click("form.grid-form button[type=submit]")
    assert page.locator(".message.success").count() == 1, page.content()


def test_plan_built_reported_returned_resubmitted_accepted_and_seen_on_the_dashboard(
    world, live_server, sign_in
):
    planner = sign_in(world.users["planner"])
    platform = build_and_publish(planner, world, live_server)
    reporter = sign_in(world.users["reporter"])
    report_return_resubmit_accept(planner, reporter, platform, live_server)
    leader = sign_in(world.users["leader"])
    errors = []
    leader.on("pageerror", lambda error: errors.append(str(error)))
    leader.goto(f"{live_server.url}/dashboard/?zone={world.zone.pk}")
    leader.wait_for_selector("#tasks-chart canvas")
    figures = leader.evaluate("JSON.parse(document.getElementById('dashboard-data').textContent)")
    assert errors == []
    by_unit = {unit["name"]: unit["total"] for unit in figures["tasks_by_unit"]}
    assert by_unit["市科技局"] == 3  # the world's task, the platform and the shared sub-task
    leader.click("section.figures a >> nth=4")  # overdue tasks → the task list behind the figure
    assert leader.url.startswith(f"{live_server.url}/tasks/?status=overdue&zone={world.zone.pk}")

    outsider = sign_in(world.users["other_reporter"])
    outsider.goto(f"{live_server.url}/tasks/{platform.pk}/")
    assert outsider.locator("textarea[name=narrative]").count() == 0
    assert outsider.goto(f"{live_server.url}/tasks/{platform.pk}/report/").status == 403
    assert ProgressReport.objects.filter(task=platform).count() == 2


def build_and_publish(planner, world, live_server) -> Task:
    """The planner writes a plan in the browser, moves an item, publishes; returns its 建设创新平台 task."""
    planner.goto(f"{live_server.url}/plans/new/")
    planner.select_option("select[name=zone]", label=world.zone.name)
    planner.fill("input[name=title]", "玉林高新区2027年科技创新专项行动方案")
    planner.fill("input[name=year]", "2026")
    planner.fill("input[name=start_date]", "2026-01-01")
    planner.fill("input[name=end_date]", "2026-12-31")
    planner.click("form.grid-form button[type=submit]")
    plan = Plan.objects.get(title="玉林高新区2027年科技创新专项行动方案")

    add_item(planner, "提升自主创新能力", section=True)
    add_item(
        planner,
        "建设创新平台",
        parent="一、提升自主创新能力",
        lead=["市科技局"],
        cooperating=["市财政局"],
        deadline="2026-09-30",
    )
    add_item(
        planner,
        "培育高新技术企业",
        parent="一、提升自主创新能力",
        lead=["市自然资源局"],
        deadline="2026-12-31",
    )
    add_item(
        planner, "新增高新技术企业认定", parent="（二）培育高新技术企业", lead=["市科技局", "市自然资源局"]
    )
    outline = planner.locator("table.outline").inner_text()
    for text in (
        "一、提升自主创新能力",
        "（一）建设创新平台",
        "（二）培育高新技术企业",
        "1.新增高新技术企业认定",
    ):
        assert text in outline
    platform = Task.objects.get(plan=plan, title="建设创新平台")
    planner.click(f"#task-row-{platform.pk} button[title=下移]")  # submits the page's one move form
    outline = planner.locator("table.outline").inner_text()
    assert outline.index("（一）培育高新技术企业") < outline.index("（二）建设创新平台"), outline
    platform.refresh_from_db()
    assert [u.name for u in platform.lead_units.all()] == ["市科技局"]
    assert [u.name for u in platform.cooperating_units.all()] == ["市财政局"]
    planner.click("text=发布计划")
    plan.refresh_from_db()
    assert plan.status == "published"
    return platform


def report_return_resubmit_accept(planner, reporter, platform, live_server) -> None:
    """The reporter files from "my tasks", the planner returns it, the reporter files again, the planner
    accepts."""
    reporter.goto(f"{live_server.url}/my/tasks/")
    reporter.click(f"a[hx-get='/tasks/{platform.pk}/report/']")
    form = reporter.locator(f"#report-{platform.pk}")
    form.locator("input[name=percent]").fill("40")
    form.locator("textarea[name=narrative]").fill("完成创新平台选址")
    form.locator("button[type=submit]").click()
    reporter.wait_for_selector(f"#report-slot-{platform.pk} .message.success")
    assert ProgressReport.objects.get(task=platform).review_state == "submitted"

    planner.goto(f"{live_server.url}/review/")
    report = planner.locator("article.report", has_text="完成创新平台选址")
    report.locator("input[name=comment]").fill("请补充量化数据")
    report.locator("button[value=return]").click()
    assert ProgressReport.objects.get(task=platform).review_state == "returned"

    reporter.goto(f"{live_server.url}/tasks/{platform.pk}/")
    assert reporter.locator("text=请补充量化数据").count() == 1
    reporter.fill("input[name=percent]", "45")
    reporter.fill("textarea[name=narrative]", "选址完成，已签订3个平台协议")
    reporter.click(f"#report-{platform.pk} button[type=submit]")
    assert ProgressReport.objects.filter(task=platform, review_state="submitted").count() == 1

    planner.goto(f"{live_server.url}/review/")
    planner.locator("article.report", has_text="已签订3个平台协议").locator("button[value=accept]").click()
    platform.refresh_from_db()
    assert platform.percent == 45
