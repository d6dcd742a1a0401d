"""A progress report's round trip through the pages, in a real browser."""

import pytest

from plans.models import ProgressReport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_report_returned_resubmitted_accepted_and_seen_on_the_dashboard(world, live_server, sign_in):
    task_url = f"{live_server.url}/tasks/{world.task.pk}/"
    reporter = sign_in(world.users["reporter"])
    reporter.goto(task_url)
    reporter.fill("input[name=percent]", "40")
    reporter.fill("textarea[name=narrative]", "完成创新平台选址")
    reporter.click("form:has(textarea[name=narrative]) button[type=submit]")
    assert reporter.locator(".message.success").count() == 1
    assert ProgressReport.objects.get().review_state == "submitted"

    planner = sign_in(world.users["planner"])
    planner.goto(f"{live_server.url}/review/")
    assert planner.locator("text=完成创新平台选址").count() == 1
    planner.fill("input[name=comment]", "请补充量化数据")
    planner.click("button[value=return]")
    assert ProgressReport.objects.get().review_state == "returned"

    reporter.goto(task_url)
    assert reporter.locator("text=请补充量化数据").count() == 1
    reporter.fill("input[name=percent]", "45")
    reporter.fill("textarea[name=narrative]", "选址完成，已签订3个平台协议")
    reporter.click("form:has(textarea[name=narrative]) button[type=submit]")
    assert ProgressReport.objects.filter(review_state="submitted").count() == 1

    planner.goto(f"{live_server.url}/review/")
    planner.click("button[value=accept]")
    world.task.refresh_from_db()
    assert world.task.percent == 45

    leader = sign_in(world.users["leader"])
    errors = []
    leader.on("pageerror", lambda error: errors.append(str(error)))
    leader.goto(f"{live_server.url}/dashboard/?zone={world.zone.pk}")
    leader.wait_for_selector("#tasks-chart canvas")
    figures = leader.evaluate("JSON.parse(document.getElementById('dashboard-data').textContent)")
    assert errors == []
    assert {unit["name"]: unit["total"] for unit in figures["tasks_by_unit"]}["市科技局"] == 1

    outsider = sign_in(world.users["other_reporter"])
    outsider.goto(task_url)
    assert outsider.locator("textarea[name=narrative]").count() == 0
    assert ProgressReport.objects.count() == 2
