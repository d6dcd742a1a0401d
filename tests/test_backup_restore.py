"""Backup and restore with PostgreSQL's own tools, as docs/operations.md tells: the demo dumped with pg_dump
and restored with pg_restore into an empty database gives the same figures, row counts and dashboard."""

import json
import os
import subprocess
import sys
import uuid

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="pg_dump/pg_restore: PostgreSQL (CI)"
)

FIGURES = """
SELECT json_build_object(
  'tasks', (SELECT json_build_array(count(*), sum(percent), sum(weight)) FROM plans_task),
  'statuses', (SELECT json_object_agg(status, n)
               FROM (SELECT status, count(*) n FROM plans_task GROUP BY 1) s),
  'links', (SELECT count(*) FROM plans_task_lead_units) + (SELECT count(*) FROM plans_task_cooperating_units),
  'reports', (SELECT json_build_array(count(*), sum(percent)) FROM plans_progressreport),
  'investment', (SELECT sum(month_investment)::text FROM projects_projectreport),
  'indicators', (SELECT sum(cumulative_value)::text FROM indicators_indicatorvalue),
  'history', (SELECT count(*) FROM plans_historicaltask),
  'notifications', (SELECT count(*) FROM notifications_notification),
  'users', (SELECT count(*) FROM auth_user),
  'kept counts', (SELECT json_build_array(count(*), sum(items)) FROM plans_taskcount),
  'their triggers', (SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'plans%counted%')
)::text
"""
DASHBOARD = (
    "import json; from django.utils import timezone; from organisation.models import Zone; "
    "from zoneplan.dashboard.api import DashboardSerializer; "
    "from zoneplan.dashboard.selectors import dashboard_summary; "
    "zone = Zone.objects.filter(plans__isnull=False).order_by('pk').first(); today = timezone.localdate(); "
    "data = DashboardSerializer(dashboard_summary(zone=zone, year=today.year, today=today)).data; "
    "print(json.dumps(data, default=str))"
)


def psql_env(name):
    db = settings.DATABASES["default"]
    return {
        **os.environ,
        "PGHOST": db["HOST"] or "127.0.0.1",
        "PGPORT": str(db["PORT"] or 5432),
        "PGUSER": db["USER"],
        "PGPASSWORD": db.get("PASSWORD") or "",
        "PGDATABASE": name,
    }


def figures(name):
    out = subprocess.run(
        ["psql", "-Atc", FIGURES], env=psql_env(name), check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout)


def dashboard(name):
    db = settings.DATABASES["default"]
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    url = f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.update(DATABASE_URL=url, DJANGO_SETTINGS_MODULE="zoneplan.settings.test", REDIS_URL="")
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", DASHBOARD],
        cwd=settings.BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_dump_and_restore_give_identical_figures(transactional_db, tmp_path):
    from indicators.catalogue import install_catalogue
    from indicators.models import Indicator

    install_catalogue(Indicator)  # an earlier transactional test may have flushed the migrations' catalogue
    call_command("loaddemo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    source = settings.DATABASES["default"]["NAME"]
    restored = f"zp_restore_{uuid.uuid4().hex[:8]}"
    dump = tmp_path / "zoneplan.dump"
    subprocess.run(
        ["pg_dump", "--format=custom", "--no-owner", f"--file={dump}"], env=psql_env(source), check=True
    )
    subprocess.run(["createdb", restored], env=psql_env("postgres"), check=True)
    try:
        subprocess.run(
            ["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={restored}", str(dump)],
            env=psql_env(restored),
            check=True,
        )
        before, after = figures(source), figures(restored)
        assert before == after and before["tasks"][0] > 20 and before["reports"][0] > 0
        assert before["their triggers"] == 6 and before["kept counts"][1] > 0
        assert dashboard(source) == dashboard(restored)
    finally:
        subprocess.run(["dropdb", "--if-exists", restored], env=psql_env("postgres"), check=True)
