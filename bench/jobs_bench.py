"""Benchmark of the scheduled jobs at a million tasks on PostgreSQL, beside raw SQL doing the same work.

    DATABASE_URL=postgres://…/zoneplan_bench python bench/jobs_bench.py [--tasks 1000000] [--runs 5]

Builds the data set with generate_series (a minute or two), then times, each run inside a transaction
that is rolled back so every run starts from the same state:
- the overdue flagging (`plans.jobs.flag_overdue_tasks`, one UPDATE … RETURNING) against the bare UPDATE;
- the whole overdue scan (flagging, history rows, notifications to lead units);
- the reminder selection (`plans.jobs.unreported_pairs`) against one hand-written SQL query,
  checking that both return the same rows.
Prints a Markdown table for docs/performance.md.
"""

import argparse
import os
import platform
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zoneplan.settings.base")
os.environ.setdefault("SECRET_KEY", "bench-only")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from plans.jobs import flag_overdue_tasks, overdue_scan, unreported_pairs  # noqa: E402

TODAY = date(2026, 11, 22)
PERIOD = date(2026, 11, 1)


def build(tasks: int) -> None:
    """Zones, 200 units with a liaison each, 50 published plans, `tasks` tasks with a lead and a cooperating
    unit, deadlines over two years, a tenth done; a report for the current month on every third task."""
    call_command("migrate", verbosity=0)
    sql = [
        "TRUNCATE plans_task, plans_plan, plans_unit, plans_zone, auth_user, plans_membership, "
        "plans_progressreport, notifications_notification, plans_historicaltask CASCADE",
        "INSERT INTO plans_zone (id, name, code, level) VALUES (1, '基准开发区', 'bench', 'provincial')",
        "INSERT INTO plans_unit (id, name, short_name, kind, webhook_url, webhook_kind, webhook_secret) "
        "SELECT g, '单位' || g, '', 'city_department', '', '', '' FROM generate_series(1, 200) g",
        "INSERT INTO auth_user (id, password, is_superuser, username, first_name, last_name, email, "
        "is_staff, "
        "is_active, date_joined) SELECT g, '!', false, 'liaison' || g, '', '', '', false, true, now() "
        "FROM generate_series(1, 200) g",
        "INSERT INTO plans_membership (user_id, unit_id, role) SELECT g, g, 'liaison' FROM "
        "generate_series(1, 200) g",
        "INSERT INTO plans_plan (id, zone_id, title, kind, year, start_date, end_date, status, "
        "source_document, "
        "version, created_at) SELECT g, 1, '计划' || g, 'annual', 2026, '2026-01-01', '2027-12-31', "
        "'published', '', "
        "1, now() FROM generate_series(1, 50) g",
        f"INSERT INTO plans_task (id, plan_id, label, position, title, body, is_section, responsible_person, "
        f"deadline, deadline_text, reporting_cycle, status, percent, version, created_at) "
        f"SELECT g, 1 + g % 50, '', g, '任务' || g, '', false, '', DATE '2026-01-01' + (g % 730), '', "
        f"CASE WHEN g % 4 = 0 THEN 'weekly' ELSE 'monthly' END, "
        f"CASE WHEN g % 10 = 0 THEN 'done' ELSE 'on_track' END, 0, 1, now() FROM generate_series(1, {tasks}) "
        f"g",
        f"INSERT INTO plans_task_lead_units (task_id, unit_id) SELECT g, 1 + g % 200 FROM generate_series(1, "
        f"{tasks}) g",
        f"INSERT INTO plans_task_cooperating_units (task_id, unit_id) "
        f"SELECT g, 1 + (g + 7) % 200 FROM generate_series(1, {tasks}) g",
        f"INSERT INTO plans_progressreport (task_id, unit_id, period, percent, narrative, problems, "
        f"next_steps, "
        f"review_state, review_comment, submitted_at, version) SELECT g, 1 + g % 200, DATE '{PERIOD}', 50, "
        f"'进展', "
        f"'', '', 'submitted', '', now(), 1 FROM generate_series(3, {tasks}, 3) g",
        "SELECT setval(pg_get_serial_sequence('plans_task', 'id'), (SELECT max(id) FROM plans_task))",
        "SELECT setval(pg_get_serial_sequence('auth_user', 'id'), 1000)",
        "ANALYZE",
    ]
    with connection.cursor() as cursor:
        for statement in sql:
            cursor.execute(statement)


RAW_FLAG = (
    "UPDATE plans_task SET status = 'overdue', overdue_since = %s, version = version + 1 "
    "WHERE is_section = false AND deadline < %s AND status IN ('not_started', 'on_track', 'behind') "
    "AND plan_id IN (SELECT id FROM plans_plan WHERE status = 'published')"
)
RAW_UNREPORTED = """
SELECT l.unit_id, l.task_id FROM (
  SELECT unit_id, task_id FROM plans_task_lead_units
  UNION SELECT unit_id, task_id FROM plans_task_cooperating_units) l
JOIN plans_task t ON t.id = l.task_id JOIN plans_plan p ON p.id = t.plan_id
WHERE p.status = 'published' AND NOT t.is_section AND t.reporting_cycle = %s
  AND t.status IN ('not_started', 'on_track', 'behind', 'overdue')
  AND NOT EXISTS (SELECT 1 FROM plans_progressreport r WHERE r.task_id = l.task_id AND r.unit_id = l.unit_id
                  AND r.period = %s AND r.review_state <> 'returned')
"""


def timed(work, runs: int) -> tuple[float, object]:
    """Median seconds of `work` over `runs`, each in a transaction that is rolled back."""
    seconds, answer = [], None
    for _ in range(runs):
        with transaction.atomic():
            start = time.perf_counter()
            answer = work()
            seconds.append(time.perf_counter() - start)
            transaction.set_rollback(True)
    return statistics.median(seconds), answer


def raw_flag() -> int:
    with connection.cursor() as cursor:
        cursor.execute(RAW_FLAG, [TODAY, TODAY])
        return cursor.rowcount


def raw_unreported() -> list:
    with connection.cursor() as cursor:
        cursor.execute(RAW_UNREPORTED, ["monthly", PERIOD])
        return cursor.fetchall()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-build", action="store_true")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Run the benchmark on PostgreSQL: set DATABASE_URL.")
    if not args.skip_build:
        started = time.perf_counter()
        build(args.tasks)
        print(f"built {args.tasks:,} tasks in {time.perf_counter() - started:.0f} s", file=sys.stderr)

    flag_s, flagged = timed(lambda: len(flag_overdue_tasks(today=TODAY)), args.runs)
    raw_flag_s, raw_flagged = timed(raw_flag, args.runs)
    assert flagged == raw_flagged, (flagged, raw_flagged)
    scan_s, scan = timed(lambda: overdue_scan(today=TODAY), max(1, args.runs // 2))
    pairs_s, pairs = timed(lambda: sorted(unreported_pairs(cycle="monthly", period=PERIOD)), args.runs)
    raw_pairs_s, raw_pairs = timed(lambda: sorted(raw_unreported()), args.runs)
    assert pairs == [tuple(row) for row in raw_pairs], "the ORM and the raw SQL disagree"

    print(
        f"Machine: {platform.node()} · {platform.processor() or platform.machine()} · {os.cpu_count()} cores "
        f"· "
        f"PostgreSQL {connection.pg_version // 10000} · {date.today().isoformat()}"
    )
    print(
        f"Data: {args.tasks:,} tasks in 50 plans, 200 units, {args.tasks // 3:,} reports this month; "
        f"median of {args.runs} runs, each rolled back\n"
    )
    print("| work | ZonePlan | raw SQL | ratio | rows |")
    print("| --- | ---: | ---: | ---: | ---: |")
    print(
        f"| overdue flagging (one UPDATE) | {flag_s:.2f} s | {raw_flag_s:.2f} s | {flag_s / raw_flag_s:.2f} "
        f"| {flagged:,} |"
    )
    print(
        f"| reminder selection (monthly, unreported unit-tasks) | {pairs_s:.2f} s | {raw_pairs_s:.2f} s | "
        f"{pairs_s / raw_pairs_s:.2f} | {len(pairs):,} |"
    )
    print(
        f"| whole overdue scan (flag + history + notifications) | {scan_s:.1f} s | — | — | "
        f"{scan.items:,} tasks, {scan.notifications:,} notifications |"
    )


if __name__ == "__main__":
    main()
