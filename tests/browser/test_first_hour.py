"""The first hour of a new user (issue 27, points 9 to 14), in headless Chromium: what a planner reads first
in a report, my tasks' groups and colours, the city's dashboard, and every page at a phone's width and a
desk's."""

from datetime import timedelta

import pytest
from django.utils import timezone

from plans import services
from plans.models import Plan, Task
from tests.factories import ProgressReportFactory, TaskFactory

pytestmark = pytest.mark.django_db(transaction=True)
PHONE, DESK = 390, 1280


def test_a_planner_reads_problems_and_next_steps_first(world, live_server, sign_in):
    ProgressReportFactory(
        task=world.task,
        unit=world.lead_unit,
        narrative="完成平台选址",
        problems="用地指标不足",
        next_steps="协调自然资源局",
    )
    page = sign_in(world.users["planner"])
    page.goto(f"{live_server.url}/review/")
    report = page.locator("article.report").inner_text()
    assert report.index("用地指标不足") < report.index("协调自然资源局") < report.index("完成平台选址")


def test_my_tasks_groups_match_their_colours(world, live_server, sign_in):
    Plan.objects.filter(pk=world.plan.pk).update(start_date=timezone.localdate() - timedelta(days=200))
    behind = TaskFactory(
        plan=world.plan,
        parent=world.section,
        title="落后任务",
        deadline=timezone.localdate() + timedelta(days=100),
        lead_units=[world.lead_unit],
    )
    services.progress_submit(actor=world.users["reporter"], task=behind, percent=40, narrative="推进中")
    Task.objects.filter(pk=behind.pk).update(percent=40)
    page = sign_in(world.users["reporter"])
    page.goto(f"{live_server.url}/my/tasks/")
    section = page.locator("section.card", has_text="落后序时进度")
    assert section.locator("text=落后任务").count() == 1
    assert section.locator(".light.yellow").count() == 1
    on_track = page.locator("section.card", has_text="正常推进")
    assert on_track.locator(".light.yellow, .light.red").count() == 0


def test_the_city_dashboard_compares_zones_and_draws_stages_as_bars(
    world, stats, enter, projects, live_server, sign_in
):
    from indicators.selectors import last_month

    year, month = last_month()
    enter(stats["zone"], year, month, {"gdp": "42.5"}, last_year={"gdp": "40"})
    page = sign_in(world.users["leader"])
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live_server.url}/dashboard/")
    page.wait_for_selector("#stage-chart canvas")
    assert page.locator("table.comparison").inner_text().count("玉林高新区") >= 1
    kind = page.evaluate(
        "echarts.getInstanceByDom(document.getElementById('stage-chart')).getOption().series[0].type"
    )
    assert kind == "bar"
    assert "签约转化率" in page.locator("p.rates").inner_text()
    assert errors == []


PAGES = {
    "planner": [
        "/plans/",
        "/plans/{plan}/",
        "/tasks/",
        "/tasks/{task}/",
        "/review/",
        "/plans/import/",
        "/ranking/",
    ],
    "reporter": ["/my/tasks/", "/tasks/{task}/", "/tasks/{task}/report/", "/notifications/"],
    "leader": ["/dashboard/", "/dashboard/?zone={zone}", "/plans/", "/projects/", "/indicators/"],
    "stats": ["/indicators/", "/indicators/entry/"],
}


@pytest.mark.parametrize("width", [PHONE, DESK])
def test_no_page_overflows_or_hides_an_action(world, stats, enter, projects, live_server, sign_in, width):
    """Every main page of each role fits the screen's width (wide tables scroll inside their box), and every
    button and form field can be reached without scrolling the page sideways."""
    from indicators.selectors import last_month

    enter(stats["zone"], *last_month(), {"gdp": "42.5", "tax_revenue": "3.1"})  # the city compares the zones
    too_wide = []
    for role, paths in PAGES.items():
        page = sign_in(world.users[role], width=width)
        for path in paths:
            url = live_server.url + path.format(plan=world.plan.pk, task=world.task.pk, zone=world.zone.pk)
            assert page.goto(url).status == 200, url
            overflow = page.evaluate(
                """() => {
                  const width = document.documentElement.clientWidth;
                  const page = document.documentElement.scrollWidth - width;
                  const actions = 'button, input:not([type=hidden]), select, a.button';
                  const hidden = [...document.querySelectorAll(actions)]
                    .filter(e => e.offsetParent !== null && !e.closest('.scroll'))
                    .filter(e => e.getBoundingClientRect().right > width + 1)
                    .map(e => e.outerHTML.slice(0, 80));
                  const wide = [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > width + 1 && !e.closest('.scroll'))
                    .filter(e => e.parentElement.getBoundingClientRect().right <= width + 1)
                    .slice(0, 3).map(e => e.tagName + '.' + e.className);
                  return {page, hidden, wide};
                }"""
            )
            if overflow["page"] > 1 or overflow["hidden"]:  # `wide`: what reaches past the edge
                too_wide.append((role, path, overflow))
    assert too_wide == [], "\n".join(map(str, too_wide))
