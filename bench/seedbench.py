"""python bench/seedbench.py --scale N: a city-sized data set, written by PostgreSQL itself (not a command of
the product: it empties the tables it fills, `auth_user` among them).

At scale 1: 10 zones of one city, 200 units with a liaison each, 50 published plans of 2,000 tasks
(10 chapters each) = 100,000 tasks with a lead and a cooperating unit, 10 monthly progress reports per task
item = about 1,000,000 reports, 5,000 key projects with 4 milestones and 24 monthly reports each, 30
indicators × 10 zones × 60 months of values with their targets. Users: `liaison<N>` per unit, `planner<Z>`
per zone, `leader` for every zone, all with the password `bench`. Smaller scales (0.01, 0.1) for quick runs.

Everything is INSERT … SELECT FROM generate_series: minutes, not hours. The tables it fills are emptied
first: it refuses to run unless the database's name says it is a bench database (contains "bench"), or
`--yes-destroy-data` is given.
"""

import argparse
import os
import sys
import time
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zoneplan.settings.base")
    os.environ.setdefault("SECRET_KEY", "bench")
    import django

    django.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from zoneplan.core.datacache import all_data_changed  # noqa: E402

TABLES = (
    "plans_zone, plans_unit, plans_plan, plans_task, plans_task_lead_units, plans_task_cooperating_units, "
    "plans_taskcount, plans_progressreport, plans_membership, plans_zonerole, plans_historicaltask, "
    "plans_historicalprogressreport, plans_instruction, projects_project, projects_milestone, "
    "projects_projectreport, projects_projectissue, indicators_indicatortarget, indicators_indicatorvalue, "
    "notifications_notification, notifications_delivery, auth_user, knox_authtoken"
)


def sizes(scale: float) -> dict[str, int]:
    zones = max(1, round(10 * scale))
    plans = max(zones, round(50 * scale))
    return {
        "zones": zones,
        "units": max(20, round(200 * scale)),
        "plans": plans,
        "per_plan": max(20, round(100_000 * scale / plans) // 10 * 10),
        "reports_per_task": 10,
        "projects": max(10, round(5000 * scale)),
        "indicators": 30,
        "months": 60,
    }


class Refused(Exception):
    """seedbench will not run here; the message says why."""


def seed(scale: float, *, yes_destroy_data: bool = False, log=print) -> None:
    """Empty the tables and fill them at `scale`; refuses unless the database is PostgreSQL and either its
    name contains "bench" or `yes_destroy_data` is given."""
    if connection.vendor != "postgresql":
        raise Refused("seedbench writes with PostgreSQL's generate_series: set DATABASE_URL to PostgreSQL.")
    name = connection.settings_dict["NAME"]
    if "bench" not in name and not yes_destroy_data:
        raise Refused(
            f"seedbench empties {len(TABLES.split(','))} tables of {name!r}, users included: use a database "
            f"whose name contains 'bench', or pass --yes-destroy-data."
        )
    if not 0 < scale <= 10:
        raise Refused("--scale must be above 0 and at most 10.")
    call_command("migrate", verbosity=0)
    n = sizes(scale)
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        for label, statement in statements(n, make_password("bench")):
            step = time.perf_counter()
            cursor.execute(statement)
            log(f"{label:<28} {cursor.rowcount:>10,} rows {time.perf_counter() - step:7.1f} s")
    all_data_changed()  # figures cached from the data before are not used
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    log(f"seedbench --scale {scale}: {time.perf_counter() - started:.0f} s")


def statements(n: dict[str, int], password: str) -> list[tuple[str, str]]:
    """(label, SQL) in the order they run: the organisation, the plans, the projects, the indicators, then
    every sequence moved past the ids written."""
    return [
        *organisation_statements(n, password),
        *plan_statements(n),
        *project_statements(n),
        *indicator_statements(n),
        *[
            (
                f"sequence {table}",
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), GREATEST((SELECT max(id) FROM "
                f"{table}), 1))",
            )
            for table in (
                "plans_zone",
                "plans_unit",
                "plans_plan",
                "plans_task",
                "auth_user",
                "projects_project",
            )
        ],
    ]


def organisation_statements(n: dict[str, int], password: str) -> list[tuple[str, str]]:
    zones = n["zones"]
    units = n["units"]
    return [
        (
            "zones",
            f"""
            INSERT INTO plans_zone (id, name, code, level, parent_id)
            SELECT 1, '基准市', 'bench-city', 'city', NULL UNION ALL
            SELECT 1 + g, '基准开发区' || g, 'bench-' || g, 'provincial', 1 FROM generate_series(1, {zones})
              g""",
        ),
        (
            "units",
            f"""
            INSERT INTO plans_unit (id, name, short_name, kind, webhook_url, webhook_kind, webhook_secret,
              zone_id)
            SELECT g, '基准单位' || g, '', CASE WHEN g <= {zones} THEN 'committee_department' ELSE
              'city_department' END,
                   '', '', '', CASE WHEN g <= {zones} THEN 1 + g END
            FROM generate_series(1, {units}) g""",
        ),
        ("statistics units", "UPDATE plans_zone SET statistics_unit_id = id - 1 WHERE id > 1"),
        (
            "users",
            f"""
            INSERT INTO auth_user (id, password, is_superuser, username, first_name, last_name, email,
              is_staff,
                                   is_active, date_joined)
            SELECT g, '{password}', false, 'liaison' || g, '', '', '', false, true, now() FROM
              generate_series(1, {units}) g
            UNION ALL SELECT 100000 + g, '{password}', false, 'planner' || g, '', '', '', false, true, now()
            FROM generate_series(1, {zones}) g
            UNION ALL SELECT 200000, '{password}', false, 'leader', '', '', '', false, true, now()""",
        ),
        *role_statements(n),
    ]


def role_statements(n: dict[str, int]) -> list[tuple[str, str]]:
    zones = n["zones"]
    units = n["units"]
    return [
        (
            "memberships",
            f"""
            INSERT INTO plans_membership (user_id, unit_id, role)
            SELECT g, g, 'liaison' FROM generate_series(1, {units}) g""",
        ),
        (
            "zone roles",
            f"""
            INSERT INTO plans_zonerole (user_id, zone_id, role)
            SELECT 100000 + g, 1 + g, 'planner' FROM generate_series(1, {zones}) g
            UNION ALL SELECT 200000, NULL, 'leader'""",
        ),
    ]


def plan_statements(n: dict[str, int]) -> list[tuple[str, str]]:
    zones = n["zones"]
    plans = n["plans"]
    per_plan = n["per_plan"]
    tasks = n["plans"] * n["per_plan"]
    chapter = n["per_plan"] // 10  # each plan: 10 chapters, each a section followed by its tasks
    return [
        (
            "plans",
            f"""
            INSERT INTO plans_plan (id, zone_id, title, kind, year, start_date, end_date, status,
              source_document,
                                    version, created_at, published_at, yellow_behind_points,
                                      red_behind_points,
                                    warn_workdays, little_done_percent)
            SELECT g, 2 + (g - 1) % {zones}, '基准计划' || g, 'annual', 2026, '2026-01-01', '2026-12-31',
              'published',
                   '', 1, now(), now(), 15, 30, 5, 50
            FROM generate_series(1, {plans}) g""",
        ),
        (
            "tasks",
            f"""
            INSERT INTO plans_task (id, plan_id, parent_id, label, position, title, body, is_section,
                                    responsible_person, deadline, deadline_text, reporting_cycle, status,
                                      percent,
                                    version, created_at, weight, last_reported_at, overdue_since)
            SELECT g, 1 + (g - 1) / {per_plan},
                   CASE WHEN (g - 1) % {chapter} = 0 THEN NULL ELSE g - (g - 1) % {chapter} END,
                   CASE WHEN (g - 1) % {chapter} = 0 THEN ((g - 1) % {per_plan} / {chapter} + 1) || '、'
                        ELSE '（' || ((g - 1) % {chapter}) || '）' END,
                   CASE WHEN (g - 1) % {chapter} = 0 THEN (g - 1) % {per_plan} / {chapter} + 1 ELSE (g - 1) %
                     {chapter} END,
                   '基准任务' || g, '', (g - 1) % {chapter} = 0, '',
                   CASE WHEN (g - 1) % {chapter} = 0 THEN NULL ELSE DATE '2026-01-31' + (g * 7919 % 334) END,
                     '',
                   'monthly',
                   CASE WHEN (g - 1) % {chapter} = 0 THEN 'not_started'
                        WHEN g % 10 = 0 THEN 'done' WHEN g % 10 = 1 THEN 'overdue' WHEN g % 10 = 2 THEN
                          'behind'
                        WHEN g % 10 = 3 THEN 'not_started' ELSE 'on_track' END,
                   CASE WHEN g % 10 = 0 THEN 100 WHEN g % 10 = 3 THEN 0 ELSE g % 90 END,
                   1, now(), 1,
                   CASE WHEN (g - 1) % {chapter} = 0 THEN NULL ELSE TIMESTAMPTZ '2026-10-20' END,
                   CASE WHEN g % 10 = 1 THEN DATE '2026-10-01' END
            FROM generate_series(1, {tasks}) g""",
        ),
        *task_link_statements(n),
    ]


def task_link_statements(n: dict[str, int]) -> list[tuple[str, str]]:
    units = n["units"]
    tasks = n["plans"] * n["per_plan"]
    chapter = n["per_plan"] // 10  # each plan: 10 chapters, each a section followed by its tasks
    return [
        (
            "overdue deadlines",
            """
            UPDATE plans_task SET deadline = DATE '2026-03-31' + (id % 180)::int
            WHERE status = 'overdue' AND NOT is_section""",
        ),
        (
            "lead units",
            f"""
            INSERT INTO plans_task_lead_units (task_id, unit_id)
            SELECT g, 1 + g % {units} FROM generate_series(1, {tasks}) g WHERE (g - 1) % {chapter} <> 0""",
        ),
        (
            "cooperating units",
            f"""
            INSERT INTO plans_task_cooperating_units (task_id, unit_id)
            SELECT g, 1 + (g + 7) % {units} FROM generate_series(1, {tasks}) g WHERE (g - 1) % {chapter} <>
              0""",
        ),
        (
            "progress reports",
            f"""
            INSERT INTO plans_progressreport (task_id, unit_id, period, percent, narrative, problems,
              next_steps,
                                              review_state, review_comment, submitted_at, version, author_id)
            SELECT t.id, 1 + t.id % {units}, (DATE '2026-01-01' + make_interval(months => m))::date,
                   LEAST(100, m * 10 + t.id % 10), '按计划推进，完成阶段性工作。', '', '',
                   CASE WHEN m = 9 THEN 'submitted' ELSE 'accepted' END, '',
                   TIMESTAMPTZ '2026-01-20' + make_interval(months => m), 1, 1 + t.id % {units}
            FROM plans_task t CROSS JOIN generate_series(0, {n["reports_per_task"] - 1}) m
            WHERE NOT t.is_section""",
        ),
    ]


def project_statements(n: dict[str, int]) -> list[tuple[str, str]]:
    zones = n["zones"]
    units = n["units"]
    projects = n["projects"]
    return [
        (
            "projects",
            f"""
            INSERT INTO projects_project (id, zone_id, year, name, investor, industry, category, level, stage,
                                          total_investment, year_planned_investment, planned_start,
                                            actual_start,
                                          version, created_at, responsible_unit_id)
            SELECT g, 2 + g % {zones}, 2026, '基准项目' || g, '投资方' || g, '制造业', 'industrial', 'city',
                   (ARRAY['planning','negotiating','signed','land_supplied','started','under_construction',
                          'completed','in_production'])[1 + g % 8],
                   10000 + g % 50000, 1200 + g % 3000, DATE '2026-03-01',
                   CASE WHEN g % 8 >= 4 THEN DATE '2026-03-01' END, 1, now(), 1 + g % {units}
            FROM generate_series(1, {projects}) g""",
        ),
        (
            "milestones",
            f"""
            INSERT INTO projects_milestone (project_id, name, planned_date, actual_date, version)
            SELECT p, '节点' || k, DATE '2026-02-28' + k * 75,
                   CASE WHEN k <= p % 4 THEN DATE '2026-02-25' + k * 75 END, 1
            FROM generate_series(1, {projects}) p CROSS JOIN generate_series(1, 4) k""",
        ),
        *project_report_statements(n),
    ]


def project_report_statements(n: dict[str, int]) -> list[tuple[str, str]]:
    units = n["units"]
    projects = n["projects"]
    return [
        (
            "project reports",
            f"""
            INSERT INTO projects_projectreport (project_id, year, month, month_investment, narrative,
              submitted_at,
                                                version, author_id)
            SELECT p, extract(year FROM d)::int, extract(month FROM d)::int, 50 + (p * k) % 200, '施工推进',
              now(), 1,
                   1 + p % {units}
            FROM generate_series(1, {projects}) p CROSS JOIN generate_series(0, 23) k
            CROSS JOIN LATERAL (SELECT DATE '2024-11-01' + make_interval(months => k) AS d) m""",
        ),
        (
            "problems",
            f"""
            INSERT INTO projects_projectissue (project_id, description, raised_on, state, resolution,
              resolved_on,
                                               version, responsible_unit_id)
            SELECT g, '要素保障问题' || g, DATE '2026-09-01' + g % 60, CASE WHEN g % 3 = 0 THEN 'resolved'
              ELSE 'open' END,
                   CASE WHEN g % 3 = 0 THEN '已协调解决' ELSE '' END,
                   CASE WHEN g % 3 = 0 THEN DATE '2026-11-01' END, 1, 1 + g % {units}
            FROM generate_series(1, {projects}, 5) g""",
        ),
    ]


def indicator_statements(n: dict[str, int]) -> list[tuple[str, str]]:
    months = n["months"]
    return [
        (
            "indicators",
            f"""
            INSERT INTO indicators_indicator (code, name, unit_of_measure, kind, higher_is_better, decimals,
              position,
                                              is_active)
            SELECT 'bench_' || g, '基准指标' || g, '亿元', 'flow', true, 2, 100 + g, true
            FROM generate_series(1, {n["indicators"]}) g
            WHERE (SELECT count(*) FROM indicators_indicator) < {n["indicators"]}
              AND g <= {n["indicators"]} - (SELECT count(*) FROM indicators_indicator)""",
        ),
        (
            "indicator targets",
            """
            INSERT INTO indicators_indicatortarget (zone_id, indicator_id, year, target_value, target_growth,
              version)
            SELECT z.id, i.id, 2026, 120 + z.id, 8, 1 FROM plans_zone z CROSS JOIN indicators_indicator i
            WHERE z.id > 1""",
        ),
        (
            "indicator values",
            f"""
            INSERT INTO indicators_indicatorvalue (zone_id, indicator_id, year, month, cumulative_value,
                                                   last_year_value, correction_reason, state, review_comment,
                                                     version)
            SELECT z.id, i.id, y, mo, round(base * (1 + (y - 2021) * growth / 100.0), 4),
                   round(base * (1 + (y - 2022) * growth / 100.0), 4), '', 'approved', '', 1
            FROM plans_zone z CROSS JOIN indicators_indicator i CROSS JOIN generate_series(0, {months - 1}) k
            CROSS JOIN LATERAL (SELECT DATE '2026-10-01' - make_interval(months => k) AS d) m
            CROSS JOIN LATERAL (SELECT extract(year FROM d)::int AS y, extract(month FROM d)::int AS mo) p
            -- a growth of 0-12 % a year by zone and indicator: zones rank differently, indicator by indicator
            CROSS JOIN LATERAL (SELECT 10 * mo + z.id + i.id % 7 AS base, (z.id * 7 + i.id) % 13 AS growth) f
            WHERE z.id > 1""",
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Fill a PostgreSQL bench database with a city-sized data set."
    )
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--yes-destroy-data", action="store_true", help="run on a database not named *bench*")
    args = parser.parse_args(argv)
    try:
        seed(
            args.scale, yes_destroy_data=args.yes_destroy_data, log=lambda line: print(line, file=sys.stderr)
        )
    except Refused as refused:
        print(f"seedbench: {refused}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
