"""The move to the floors (issue 26) changed no table: zones, units, aliases, memberships and zone roles went
to `organisation`, instructions to `instructions`, with their tables kept (`db_table`) and state-only
migrations. A database holding the demo is migrated back to the layout before the move (plans 0013, no
organisation app) and forward again; every table keeps every row, the content types follow the models both
ways, and the task counts' triggers stay. PostgreSQL only (CI): the same migrations run on SQLite in every
other test."""

import os
import subprocess
import sys
import uuid

import pytest
from django.conf import settings
from django.db import connection

from tests.test_backup_restore import psql_env

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="a database of its own: PostgreSQL (CI)"
)

EVERY_TABLE = """
SELECT string_agg(format('SELECT %L AS t, count(*) AS n, '
                         'md5(coalesce(string_agg(r::text, %L ORDER BY r::text), %L)) AS h FROM %I r',
                         table_name, '|', '', table_name), ' UNION ALL ')
FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
  AND table_name NOT IN ('django_migrations', 'django_content_type')
"""


def manage(name: str, *args: str) -> str:
    db = settings.DATABASES["default"]
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.update(DATABASE_URL=url, DJANGO_SETTINGS_MODULE="zoneplan.settings.test", REDIS_URL="")
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def psql(name: str, sql: str) -> list[list[str]]:
    out = subprocess.run(
        ["psql", "-AtF", "\t", "-c", sql], env=psql_env(name), check=True, capture_output=True, text=True
    ).stdout
    return [line.split("\t") for line in out.splitlines() if line]


def tables(name: str) -> dict[str, tuple[str, str]]:
    [[query]] = psql(name, EVERY_TABLE)
    return {table: (count, digest) for table, count, digest in psql(name, query)}


def content_types(name: str) -> dict[str, str]:
    rows = psql(
        name,
        "SELECT model, app_label FROM django_content_type WHERE model IN "
        "('zone', 'unit', 'unitalias', 'membership', 'zonerole', 'instruction')",
    )
    return dict(rows)


MOVED = "0016_instructions_moved"  # the last migration of the move; later ones add columns of their own


def test_the_move_to_the_floors_keeps_every_row_both_ways():
    name = f"zp_layout_{uuid.uuid4().hex[:8]}"
    subprocess.run(["createdb", name], env=psql_env("postgres"), check=True)
    try:
        manage(name, "migrate", "--noinput")
        manage(name, "loaddemo")
        manage(name, "migrate", "plans", MOVED, "--noinput")  # the layout right after the move
        moved = tables(name)
        assert int(moved["plans_unit"][0]) > 20 and int(moved["plans_instruction"][0]) == 2
        assert set(content_types(name).values()) == {"organisation", "instructions"}

        manage(name, "migrate", "organisation", "zero", "--noinput")  # back to the layout before the move
        assert tables(name) == moved
        assert set(content_types(name).values()) == {"plans"}
        assert psql(name, "SELECT max(name) FROM django_migrations WHERE app = 'plans'") == [
            ["0013_unit_alias_zone"]
        ]

        manage(name, "migrate", "plans", MOVED, "--noinput")  # and forward again, as an installation upgrades
        assert tables(name) == moved
        manage(name, "migrate", "--noinput")  # then the migrations that came after the move
        assert (
            content_types(name)["unit"] == "organisation"
            and content_types(name)["instruction"] == "instructions"
        )
        assert psql(name, "SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'plans%counted%'") == [["6"]]
        shown = manage(
            name,
            "shell",
            "-c",
            "from organisation.models import Unit; "
            "from zoneplan.instructions.models import Instruction; "
            "print(Unit.objects.count(), Instruction.history.count())",
        )
        assert shown.strip().splitlines()[-1].split() == [
            moved["plans_unit"][0],
            moved["plans_historicalinstruction"][0],
        ]
    finally:
        subprocess.run(["dropdb", "--if-exists", "--force", name], env=psql_env("postgres"), check=True)
