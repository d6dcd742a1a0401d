"""Time the import of a 100-task plan document: parsing alone, and parsing + writing the plan.

Runs on a throwaway test database of whatever DATABASE_URL names (SQLite by default):
    python bench/import_bench.py
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zoneplan.settings.test")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from organisation.models import Zone  # noqa: E402
from plans.services.imports import plan_import  # noqa: E402
from zoneplan.planimport.reading import parse_document  # noqa: E402

CN = "一二三四五六七八九十"


def document() -> bytes:
    """10 chapters of 10 tasks, each with units in the shorthand, a deadline and a target: 100 tasks."""
    lines = ["为推进开发区高质量发展，制定本计划。"]
    number = 0
    for chapter in range(10):
        lines.append(f"{CN[chapter]}、第{chapter + 1}方面工作")
        for task in range(10):
            number += 1
            lines.append(
                f"（{number}）推进第{number}项重点工作。"
                f"2026年{task + 3}月底前完成建设任务，新增企业不少于{task + 2}家。"
                "（牵头单位：市发展改革委、工业和信息化局；配合单位：各县（市、区）人民政府，市财政局、自然资源局等）"
            )
    return "\n".join(lines).encode("utf-8")


def main(runs: int = 5) -> None:
    setup_test_environment()
    name = connection.creation.create_test_db(verbosity=0)
    try:
        data = document()
        zone = Zone.objects.create(name="基准开发区", code="bench")
        actor = get_user_model().objects.create_superuser("bench", password=None)
        parse_times, import_times = [], []
        for _run in range(runs):
            started = time.perf_counter()
            parsed, _goals = parse_document(data, year=2026)
            parse_times.append(time.perf_counter() - started)
            started = time.perf_counter()
            with transaction.atomic():
                parsed, _goals = parse_document(data, year=2026)
                plan_import(actor=actor, zone=zone, year=2026, title="基准计划", parsed=parsed)
                import_times.append(time.perf_counter() - started)
                transaction.set_rollback(True)
        tasks = sum(not item.is_section for item in parsed.walk())
        print(f"{tasks} tasks, {connection.vendor}, median of {runs}")
        print(f"parse only:          {statistics.median(parse_times) * 1000:7.1f} ms")
        print(f"parse + write plan:  {statistics.median(import_times) * 1000:7.1f} ms")
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)


if __name__ == "__main__":
    main()
