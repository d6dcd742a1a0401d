from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from organisation.roles import forget_roles
from plans.models import Plan, Task
from tests.factories import ProjectFactory, ProjectIssueFactory, TaskFactory
from zoneplan.core.datacache import PlanTasks, data_changed
from zoneplan.instructions.services import instruction_create, instruction_reply

pytestmark = pytest.mark.django_db


def test_summary_figures(world, api):
    Task.objects.filter(pk=world.task.pk).update(status="overdue", deadline=date(2026, 1, 5))
    Task.objects.filter(pk=world.other_task.pk).update(status="done")
    project = ProjectFactory(zone=world.zone, stage="started", actual_start=date(2026, 2, 1), year=2026)
    ProjectIssueFactory(project=project, description="缺少用电指标")
    body = api(world.users["leader"]).get(f"/api/v1/dashboard/summary/?zone={world.zone.pk}&year=2026").json()
    units = {u["name"]: u for u in body["tasks_by_unit"]}
    assert units["市科技局"]["by_status"] == {"overdue": 1} and units["市自然资源局"]["completion"] == 100.0
    assert [t["title"] for t in body["overdue"]] == ["（一）加速创新要素集聚"]
    assert body["overdue"][0]["long_overdue"] is True
    assert (body["projects"]["count"], body["projects"]["by_stage"]["started"]) == (1, 1)
    assert [p["description"] for p in body["open_problems"]] == ["缺少用电指标"]


def test_only_leaders_and_planners(world, api, client):
    assert api(world.users["reporter"]).get("/api/v1/dashboard/summary/").status_code == 403
    client.force_login(world.users["reporter"])
    assert client.get("/dashboard/").status_code == 403
    client.force_login(world.users["leader"])
    page = client.get(f"/dashboard/?zone={world.zone.pk}").content.decode()
    assert "vendor/echarts/echarts.min.js" in page and 'id="dashboard-data"' in page
    assert api(world.users["planner"]).get("/api/v1/dashboard/summary/?zone=abc").status_code == 400
    unknown = api(world.users["planner"]).get("/api/v1/dashboard/summary/?zone=999999")
    assert unknown.status_code == 400 and "999999" in unknown.json()["zone"][0]


def test_queries_do_not_grow_with_the_data(world, client):
    client.force_login(world.users["leader"])

    def queries() -> int:
        forget_roles(world.users["leader"])
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/dashboard/?zone={world.zone.pk}").status_code == 200
        return len(captured)

    def add():
        TaskFactory(
            plan=world.plan,
            parent=world.section,
            status="overdue",
            deadline=date(2026, 1, 5),
            lead_units=[world.lead_unit],
        )
        ProjectIssueFactory(project=ProjectFactory(zone=world.zone))

    client.get("/dashboard/")  # the session and the working-day calendar cached, as on a running server
    add()  # lists not empty, so their prefetches run in both measurements (and the figures are cold)
    before = queries()
    for _ in range(10):
        add()
    assert queries() == before


def test_the_cached_dashboard_follows_every_kind_of_write(world, api, django_assert_max_num_queries):
    """Cached per data version: a second read costs no figures queries; a service write, a job's set-based
    UPDATE and a plain save each give the next read fresh figures."""
    from datetime import date

    from plans import services
    from plans.jobs import overdue_scan
    from plans.models import Task

    client = api(world.users["leader"])
    path = f"/api/v1/dashboard/summary/?zone={world.zone.pk}"

    def lead_unit_row():
        units = client.get(path).json()["tasks_by_unit"]
        return next(u for u in units if u["name"] == "市科技局")["by_status"]

    assert lead_unit_row() == {"not_started": 1}
    with django_assert_max_num_queries(6):  # session, user, roles: the figures come from the cache
        client.get(path)
    services.progress_submit(actor=world.users["reporter"], task=world.task, percent=30, narrative="推进")
    Task.objects.filter(pk=world.task.pk).update(deadline=date(2026, 1, 5))  # no signal, no history
    overdue_scan(today=date(2026, 3, 1))  # the job's UPDATE … RETURNING and its history rows bump the version
    assert lead_unit_row() == {"overdue": 1}
    Task.objects.get(pk=world.task.pk).save()  # a plain save bumps it too
    assert lead_unit_row() == {"overdue": 1}


def test_a_write_in_one_zone_leaves_the_other_zones_figures_cached(world, api):
    """Data versions per zone: the city counts every zone's tasks at once and caches each zone's counts apart,
    so a filing in one zone counts that zone's tasks again, for its dashboard and the city's, not another
    zone's. A unit's new name counts nothing again (the counts keep units by id, named after) but shows at
    once; a unit's deletion (its task links go with it) counts every zone again."""
    from plans import services
    from tests.factories import PlanFactory, TaskFactory, UnitFactory

    TaskFactory(plan=PlanFactory(zone=world.other_zone, title="另一计划"), lead_units=[world.other_unit])
    client = api(world.users["leader"])
    here, there = (f"/api/v1/dashboard/summary/?zone={zone.pk}" for zone in (world.zone, world.other_zone))
    city = "/api/v1/dashboard/summary/"

    def counted(path) -> list[str]:  # the plans whose task counts were read for this request
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        statements = [q["sql"] for q in captured if "plans_taskcount" in q["sql"] and "GROUP BY" in q["sql"]]
        return [statement.split("IN (")[1].split(")")[0] for statement in statements]

    both_plans = ", ".join(str(pk) for pk in Plan.objects.order_by("pk").values_list("pk", flat=True))
    # each zone's cached by the city
    assert [counted(path) for path in (city, here, there)] == [[both_plans], [], []]
    assert [counted(path) for path in (city, here, there)] == [[], [], []]
    services.progress_submit(actor=world.users["reporter"], task=world.task, percent=30, narrative="推进")
    assert [counted(path) for path in (city, here, there)] == [[str(world.plan.pk)], [], []]  # here's alone
    assert {"on_track": 1} in [unit["by_status"] for unit in client.get(city).json()["tasks_by_unit"]]
    world.other_unit.name = "市自然资源和规划局"
    world.other_unit.save()
    assert [counted(path) for path in (city, here, there)] == [[], [], []]
    assert "市自然资源和规划局" in str(client.get(there).json()["tasks_by_unit"])
    assert "市自然资源和规划局" in str(client.get(city).json()["tasks_by_unit"])
    passing = UnitFactory(name="临时工作专班")
    world.task.lead_units.add(passing)
    assert "临时工作专班" in str(client.get(city).json()["tasks_by_unit"])
    passing.delete()
    assert [counted(path) for path in (city, here, there)] == [[both_plans], [], []]
    assert "临时工作专班" not in str(client.get(city).json()["tasks_by_unit"])


def test_an_instruction_leaves_every_figure_cached(world, api):
    """No cached figure reads instructions: a leader's instruction and the unit's reply replace no data
    version, so no dashboard is counted again; a unit's new name still does."""
    from zoneplan.core.datacache import INDICATORS, data_version

    client = api(world.users["leader"])
    path = f"/api/v1/dashboard/summary/?zone={world.zone.pk}"
    client.get(path)
    versions = data_version(), data_version(world.zone.pk), data_version(INDICATORS)
    instruction = instruction_create(actor=world.users["leader"], subject=world.task, text="抓紧推进")
    instruction_reply(actor=world.users["reporter"], instruction=instruction, reply="已部署")
    assert (data_version(), data_version(world.zone.pk), data_version(INDICATORS)) == versions
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    assert not [query for query in captured if "GROUP BY" in query["sql"]]  # the figures came from the cache
    world.lead_unit.save()
    assert data_version() != versions[0]


def test_a_plan_write_changes_its_zones_figures_alone(world):
    """A plan's status, dates and thresholds are read by its zone's figures only: editing it replaces that
    zone's version, not another zone's nor the global one; moving it (the admin) replaces both zones'."""
    from plans import services
    from zoneplan.core.datacache import data_version

    def versions():
        return data_version(None), data_version(world.zone.pk), data_version(world.other_zone.pk)

    before = versions()
    plan = services.plan_update(
        actor=world.users["planner"],
        plan=world.plan,
        expected_version=world.plan.version,
        title="2026年重点工作任务（修订）",
    )
    after = versions()
    assert after[0] == before[0] and after[2] == before[2] and after[1] != before[1]
    plan.zone = world.other_zone
    plan.save()
    moved = versions()
    assert moved[0] == after[0] and moved[1] != after[1] and moved[2] != after[2]


def test_a_project_moved_to_another_zone_changes_both_zones_figures(world, api, projects):
    client = api(world.users["leader"])
    here, there = (f"/api/v1/dashboard/summary/?zone={zone.pk}" for zone in (world.zone, world.other_zone))

    def project_count(path) -> int:
        return client.get(path).json()["projects"]["count"]

    before_here, before_there = project_count(here), project_count(there)
    chip = projects["chip"]
    chip.zone = world.other_zone
    chip.save()  # as the admin does
    assert (project_count(here), project_count(there)) == (before_here - 1, before_there + 1)


def test_each_part_of_the_dashboard_is_recomputed_after_its_own_writes(world, stats, enter, api):
    """The task figures, the project figures and the indicator rows are cached apart: a filing recomputes the
    task figures, a project's problem the project figures, new indicator figures the indicator rows; a renamed
    unit or zone, or a new holiday, none of them but the indicators' for a zone (names are read again and
    shown, lateness counted again), since zones are ranked by indicator."""
    from indicators.selectors import last_month
    from plans import services

    client = api(world.users["leader"])
    path = f"/api/v1/dashboard/summary/?zone={world.zone.pk}"

    def recomputed() -> tuple[bool, bool, bool]:
        return parts_recomputed(client, path)

    def gdp():
        rows = client.get(path).json()["indicators"]["rows"]
        return next(row["cumulative_value"] for row in rows if row["code"] == "gdp")

    assert gdp() is None
    assert recomputed() == (False, False, False)
    services.progress_submit(actor=world.users["reporter"], task=world.task, percent=30, narrative="推进")
    assert recomputed() == (True, False, False)
    # no new unit: no global write
    project = ProjectFactory(zone=world.zone, responsible_unit=world.lead_unit)
    ProjectIssueFactory(project=project, responsible_unit=world.lead_unit, description="缺少用地指标")
    assert recomputed() == (False, True, False)
    assert "缺少用地指标" in str(client.get(path).json()["open_problems"])
    enter(world.zone, *last_month(), {"gdp": "42.5"})
    assert recomputed() == (False, False, True)
    assert float(gdp()) == 42.5
    world.lead_unit.name = "市科学技术局"
    world.lead_unit.save()
    assert recomputed() == (False, False, False)
    assert "市科学技术局" in [unit["name"] for unit in client.get(path).json()["tasks_by_unit"]]
    stats["sibling"].name = "龙潭园区"
    stats["sibling"].save()
    assert recomputed() == (False, False, True)
    world.zone.name = "玉林高新技术产业开发区"
    world.zone.save()
    assert recomputed() == (False, False, True)
    zones = client.get(path).json()["zones"]
    assert [(row["name"], row["projects"], row["tasks"]) for row in zones] == [
        ("玉林高新技术产业开发区", 1, 2)
    ]


def test_a_new_holiday_counts_lateness_again_and_no_part(world, api):
    """A day of the workday calendar changed: the overdue tasks' working days late are counted again, and no
    part of the dashboard is recomputed."""
    from datetime import timedelta

    from zoneplan.core.models import CalendarDay
    from zoneplan.core.workdays import WorkdayCalendar

    client = api(world.users["leader"])
    path = f"/api/v1/dashboard/summary/?zone={world.zone.pk}"
    Task.objects.filter(pk=world.task.pk).update(status="overdue", deadline=date.today() - timedelta(days=10))
    data_changed(PlanTasks(world.plan.pk, world.zone.pk))  # as the overdue scan does
    late = client.get(path).json()["overdue"][0]["workdays_late"]
    flipped = date.today() - timedelta(days=5)  # a holiday made a working day, or a working day a holiday
    CalendarDay.objects.create(day=flipped, is_workday=not WorkdayCalendar().is_workday(flipped), note="调休")
    assert parts_recomputed(client, path) == (False, False, False)
    assert client.get(path).json()["overdue"][0]["workdays_late"] != late


def parts_recomputed(client, path) -> tuple[bool, bool, bool]:
    """Whether the request counted the tasks (from the kept counts, not the check of tasks lapsed since the
    scan), summed the projects' reports, read the indicator values."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    statements = " ".join(query["sql"] for query in captured)
    tables = ("plans_taskcount", "projects_projectreport", "indicators_indicatorvalue")
    return tuple(table in statements for table in tables)


def test_the_next_day_counts_no_task_again(world):
    """The task counts cached per plan read neither the day nor the calendar: the next day's dashboard takes
    them from the cache and counts its overdue tasks' working days late again."""
    from zoneplan.dashboard.api import cached_dashboard

    Task.objects.filter(pk=world.task.pk).update(status="overdue", deadline=date(2026, 3, 2))  # a Monday
    data_changed(PlanTasks(world.plan.pk, world.zone.pk))
    friday = cached_dashboard(zone=world.zone.pk, year=2026, today=date(2026, 3, 6))
    with CaptureQueriesContext(connection) as captured:
        monday = cached_dashboard(zone=world.zone.pk, year=2026, today=date(2026, 3, 9))
    assert not any("plans_taskcount" in query["sql"] for query in captured)
    # the tasks lapsed since the scan
    assert len([query for query in captured if "plans_task" in query["sql"]]) == 1
    assert [task["workdays_late"] for task in (friday["overdue"][0], monday["overdue"][0])] == [4, 5]


def test_a_project_write_leaves_the_task_figures_cached_and_reaches_the_city(world, api):
    """The city's project figures are added up from each zone's, cached apart: a new project sums its zone's
    projects again, not another zone's, and counts no task."""
    ProjectFactory(zone=world.other_zone, responsible_unit=world.other_unit, name="另一区项目")
    client = api(world.users["leader"])
    city = client.get("/api/v1/dashboard/summary/").json()
    ProjectFactory(zone=world.zone, responsible_unit=world.lead_unit, name="新项目")
    with CaptureQueriesContext(connection) as captured:
        after = client.get("/api/v1/dashboard/summary/").json()
    assert after["projects"]["count"] == city["projects"]["count"] + 1
    assert not any("plans_taskcount" in query["sql"] for query in captured)
    # the tasks lapsed since the scan
    assert len([query for query in captured if "plans_task" in query["sql"]]) == 1
    summed = [
        query["sql"]
        for query in captured
        if "projects_project" in query["sql"] and "GROUP BY" in query["sql"]
    ]
    assert summed and all(f'"zone_id" IN ({world.zone.pk})' in sql for sql in summed)


def two_zones_with_figures(world) -> None:
    """Overdue, done and on-track tasks (one past its deadline) in the other zone's plan, the world's task
    overdue, and a started project with an open problem in each zone."""
    from tests.factories import PlanFactory

    other_plan = PlanFactory(zone=world.other_zone, title="另一计划")
    for k, status in enumerate(["overdue", "overdue", "done", "on_track"]):
        TaskFactory(
            plan=other_plan,
            status=status,
            deadline=date(2026, 1, 2 + k),
            lead_units=[world.lead_unit, world.other_unit],
        )
    Task.objects.filter(pk=world.task.pk).update(status="overdue", deadline=date(2026, 1, 3))
    for zone, unit, day in ((world.zone, world.lead_unit, 9), (world.other_zone, world.other_unit, 8)):
        project = ProjectFactory(
            zone=zone,
            responsible_unit=unit,
            year=date.today().year,
            stage="started",
            actual_start=date(2026, 2, 1),
        )
        ProjectIssueFactory(project=project, description=f"问题{day}", raised_on=date(2026, 3, day))


def test_the_city_added_up_from_the_zones_equals_the_city_counted_at_once(world, api):
    """The city's task figures come from each zone's cached part: the same units, counts, rates, zones and
    overdue list as one count over every zone; after a filing only the filing's zone is counted again."""
    from organisation.models import Zone
    from plans import services
    from zoneplan.dashboard.api import DashboardSerializer
    from zoneplan.dashboard.selectors import dashboard_summary

    two_zones_with_figures(world)
    client = api(world.users["leader"])

    def both():
        for zone in Zone.objects.all():  # every zone's figures cached, so the city adds them up
            client.get(f"/api/v1/dashboard/summary/?zone={zone.pk}")
        today = date.today()
        at_once = DashboardSerializer(dashboard_summary(zone=None, year=today.year, today=today)).data
        added_up = client.get("/api/v1/dashboard/summary/").json()
        return at_once, added_up

    at_once, added_up = both()
    for part in ("tasks_by_unit", "zones", "overdue", "projects", "open_problems"):
        assert added_up[part] == at_once[part], part
    assert [problem["description"] for problem in added_up["open_problems"]] == ["问题8", "问题9"]
    assert added_up["projects"]["count"] == 2
    # the on-track task past its deadline is overdue before the nightly scan flags it, as in the task list
    assert [row["deadline"] for row in added_up["overdue"]] == [
        "2026-01-02",
        "2026-01-03",
        "2026-01-03",
        "2026-01-05",
    ]

    def counted_again() -> list[str]:
        with CaptureQueriesContext(connection) as captured:
            client.get("/api/v1/dashboard/summary/")
        return [q["sql"] for q in captured if "plans_taskcount" in q["sql"] and "GROUP BY" in q["sql"]]

    services.progress_submit(actor=world.users["reporter"], task=world.task, percent=30, narrative="推进")
    assert counted_again() == []  # the overdue task stays overdue: no count changes
    starting = TaskFactory(
        plan=world.plan, status="not_started", deadline=date(2026, 12, 31), lead_units=[world.lead_unit]
    )
    counted_again()
    services.progress_submit(actor=world.users["reporter"], task=starting, percent=10, narrative="开工")
    counted = counted_again()  # the task has started: the filing's plan counted again, alone
    assert len(counted) == 1 and f"IN ({world.plan.pk})" in counted[0]
    at_once, added_up = both()
    assert added_up["tasks_by_unit"] == at_once["tasks_by_unit"]


def test_the_overdue_scan_and_an_import_change_the_counts_of_their_zones_alone(world):
    """The daily scan replaces the versions of the zones it flagged tasks in, an import its plan's zone's:
    another zone's dashboard and the city's other zones stay cached (both replaced the global version
    before)."""
    from plans.jobs import overdue_scan
    from plans.services.imports import plan_import
    from tests.factories import PlanFactory
    from tests.importing.test_parsing import DATA
    from zoneplan.core.datacache import data_version
    from zoneplan.planimport.reading import parse_document

    def versions():
        return tuple(
            data_version(scope, reads_reference=False) for scope in (None, world.zone.pk, world.other_zone.pk)
        )

    TaskFactory(
        plan=PlanFactory(zone=world.other_zone), deadline=date(2026, 6, 30), lead_units=[world.other_unit]
    )
    Task.objects.filter(pk=world.task.pk).update(deadline=date(2026, 1, 5))
    before = versions()
    overdue_scan(today=date(2026, 3, 1))
    assert Task.objects.get(pk=world.task.pk).status == "overdue"
    after = versions()
    assert (after[0], after[2]) == (before[0], before[2]) and after[1] != before[1]
    path = DATA / "yulin-hitech-zone-implementation-plan.txt"
    parsed = parse_document(path.read_bytes(), filename=path.name, year=2026)[0]
    plan_import(
        actor=world.users["other_planner"], zone=world.other_zone, year=2026, title="实施方案", parsed=parsed
    )
    imported = versions()
    assert imported[:2] == after[:2] and imported[2] != after[2]


def test_the_daily_scan_counts_the_city_dashboard_before_its_first_reader(world, api):
    from django.utils import timezone

    from zoneplan.jobs import overdue_scan

    Task.objects.filter(pk=world.task.pk).update(deadline=date(2026, 1, 5))
    overdue_scan(today=timezone.localdate())
    with CaptureQueriesContext(connection) as captured:
        body = api(world.users["leader"]).get("/api/v1/dashboard/summary/").json()
    assert not [query for query in captured if "GROUP BY" in query["sql"]]  # counted by the job
    assert [task["id"] for task in body["overdue"]] == [world.task.pk]
    assert body["overdue"][0]["lead_units"] == ["市科技局"]


def test_a_filing_counts_its_plan_again_not_the_other_plans_of_its_zone(world, api):
    """The task counts are cached plan by plan (`PlanTasks`): a filing counts its own plan's tasks again for
    its zone's dashboard and the city's, and the figures show it; a task moved to another plan (the admin)
    counts both plans again; the overdue scan the plans it flagged tasks in."""
    from plans import services
    from plans.jobs import overdue_scan
    from tests.factories import PlanFactory

    second = PlanFactory(zone=world.zone, title="第二个计划")
    moved = TaskFactory(plan=second, lead_units=[world.lead_unit], deadline=date(2026, 1, 10))
    client = api(world.users["leader"])
    here, city = f"/api/v1/dashboard/summary/?zone={world.zone.pk}", "/api/v1/dashboard/summary/"

    def counted(path) -> list[set[str]]:  # the plans whose task counts were read for this request
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        statements = [q["sql"] for q in captured if "plans_taskcount" in q["sql"] and "GROUP BY" in q["sql"]]
        return [set(statement.split("IN (")[1].split(")")[0].split(", ")) for statement in statements]

    counted(city)
    assert counted(here) == [] and counted(city) == []
    services.progress_submit(actor=world.users["reporter"], task=world.task, percent=30, narrative="推进")
    assert counted(here) == [{str(world.plan.pk)}] and counted(city) == []  # the zone's count served the city
    lead = next(
        unit for unit in client.get(here).json()["tasks_by_unit"] if unit["unit"] == world.lead_unit.pk
    )
    # the filing's task; the second plan's, past its deadline
    assert lead["by_status"] == {"on_track": 1, "overdue": 1}
    moved.plan = world.plan
    moved.save()
    assert counted(city) == [{str(world.plan.pk), str(second.pk)}]
    overdue_scan(today=date(2026, 3, 1))
    assert counted(here) == [{str(world.plan.pk)}]  # the moved task, now in the first plan, was flagged
    zone_row = client.get(here).json()["zones"][0]
    assert (zone_row["tasks"], zone_row["overdue"]) == (
        Task.objects.filter(plan__zone=world.zone, is_section=False, plan__status="published").count(),
        1,
    )


def test_a_filing_replaces_the_task_counts_only_when_it_starts_the_task(world, api):
    """Every filing replaces its zone's task version (outlines, my tasks); the dashboard's counts only when
    the filing changes a status they count (a task not started is then on track): a cooperating unit's later
    filing leaves the dashboard cached."""
    from plans import services
    from zoneplan.core.datacache import TaskCounts, data_version

    def versions() -> tuple[str, str, str]:
        scopes = (world.zone.pk, TaskCounts(world.zone.pk), TaskCounts(world.zone.pk, world.plan.pk))
        return tuple(data_version(scope, reads_reference=False) for scope in scopes)

    Task.objects.filter(pk=world.task.pk).update(status="not_started")
    world.task.refresh_from_db()
    client = api(world.users["leader"])
    path = f"/api/v1/dashboard/summary/?zone={world.zone.pk}"
    assert client.get(path).json()["tasks_by_unit"][0]["by_status"] == {"not_started": 1}
    before = versions()
    services.progress_submit(actor=world.users["reporter"], task=world.task, percent=10, narrative="开工")
    started = versions()
    assert all(after != earlier for after, earlier in zip(started, before, strict=True))
    assert client.get(path).json()["tasks_by_unit"][0]["by_status"] == {"on_track": 1}
    services.progress_submit(
        actor=world.users["coop_reporter"], task=world.task, percent=10, narrative="配合"
    )
    again = versions()
    assert again[0] != started[0] and again[1:] == started[1:]
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).json()["tasks_by_unit"][0]["by_status"] == {"on_track": 1}
    assert not any("plans_task" in query["sql"] for query in captured)
    assert Task.objects.get(pk=world.task.pk).last_reported_at is not None


def test_the_citys_dashboard_compares_the_zones_indicator_by_indicator(world, stats, enter, api, signed_in):
    """At city level the indicators panel lists every zone with a statistics unit, indicator by indicator,
    with completion against the time schedule, YoY growth and rank (it used to say "choose a zone")."""
    from indicators.selectors import last_month

    year, month = last_month()
    enter(stats["zone"], year, month, {"gdp": "42.5"}, last_year={"gdp": "40"})
    enter(
        stats["sibling"],
        year,
        month,
        {"gdp": "30"},
        user=world.users["sibling_stats"],
        last_year={"gdp": "25"},
    )
    city = api(world.users["leader"]).get("/api/v1/dashboard/summary/").json()["indicators"]
    gdp = next(entry for entry in city["comparison"] if entry["code"] == "gdp")
    ranks = {row["zone"]: (row["rank"], row["yoy"]) for row in gdp["zones"]}
    assert ranks == {"玉林高新区": (2, "6.25"), "龙潭产业园区": (1, "20.00")}
    assert city["rows"] == []
    zone = api(world.users["leader"]).get(f"/api/v1/dashboard/summary/?zone={world.zone.pk}").json()
    assert zone["indicators"]["comparison"] == [] and zone["indicators"]["rows"]
    page = signed_in(world.users["leader"]).get("/dashboard/").content.decode()
    assert 'class="list small comparison"' in page and "龙潭产业园区" in page


def test_the_project_stages_come_with_their_conversion_rates(world, api, projects):
    figures = api(world.users["leader"]).get(f"/api/v1/dashboard/summary/?zone={world.zone.pk}").json()
    projects_figures = figures["projects"]
    # three projects: all signed (100 %), two of them started (66.7 %), one of those in production (50 %)
    assert (
        projects_figures["signing_rate"],
        projects_figures["start_rate"],
        projects_figures["production_rate"],
    ) == (
        "100.0",
        "66.7",
        "50.0",
    )
