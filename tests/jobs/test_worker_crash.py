"""A worker SIGKILLed in the middle of the overdue scan, and the scan run again on a new worker: every due
notification exists once and every e-mail is sent exactly once (PostgreSQL and Redis, as in CI)."""

import email
import os
import signal
import time
from datetime import date
from pathlib import Path

import pytest
from django.db import connection
from django.db.models import Count

from plans.models import Task
from tests.factories import TaskFactory
from tests.jobs.conftest import new_queue, start_worker
from zoneplan.notifications.models import Delivery, DeliveryState, Notification
from zoneplan.tasks import overdue_scan

pytestmark = [
    pytest.mark.worker,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="a worker killed mid-transaction: PostgreSQL (CI)"
    ),
]
OVERDUE = 600  # six batches of 100 notifications (NOTIFICATION_BATCH below): killed between two of them


def wait_for(condition, timeout=120.0, step=0.02):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return False


def sent_subjects(folder: Path) -> list[str]:
    subjects = []
    for path in folder.glob("*.log"):
        for raw in path.read_text(encoding="utf-8").split("-" * 79):
            if raw.strip():
                header = email.message_from_string(raw.strip())["Subject"]
                subjects.append(str(email.header.make_header(email.header.decode_header(header))))
    return subjects


def overdue_tasks_with_a_mailbox(world) -> None:
    """OVERDUE tasks led by the reporter's unit, due 2026-06-30; the reporter has an e-mail address."""
    world.users["reporter"].email = "kjj@example.gov.cn"
    world.users["reporter"].save()
    tasks = Task.objects.bulk_create(
        TaskFactory.build(
            plan=world.plan,
            parent=world.section,
            title=f"逾期任务{i}",
            position=10 + i,
            deadline=date(2026, 6, 30),
        )
        for i in range(OVERDUE)
    )
    Task.lead_units.through.objects.bulk_create(
        Task.lead_units.through(task=task, unit=world.lead_unit) for task in tasks
    )


def test_a_killed_scan_run_again_notifies_and_sends_once(transactional_db, world, tmp_path):
    overdue_tasks_with_a_mailbox(world)
    mail = tmp_path / "mail"
    mail.mkdir()
    env = {
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail),
        "NOTIFICATION_BATCH": "100",
    }

    queue = new_queue()
    first = start_worker(queue, **env)
    try:
        overdue_scan.apply_async(kwargs={"on": "2026-07-03"}, queue=queue)
        assert wait_for(lambda: Notification.objects.count() > 0), "the scan never started"
        os.kill(first.pid, signal.SIGKILL)
        first.wait(timeout=20)
    finally:
        first.kill()
    killed_at = Notification.objects.count()
    assert 0 < killed_at < OVERDUE, f"killed after {killed_at} of {OVERDUE}: not mid-run"

    second = start_worker(queue, **env)
    try:
        result = overdue_scan.apply_async(kwargs={"on": "2026-07-03"}, queue=queue).get(timeout=180)
        assert result["notifications"] == OVERDUE - killed_at
        everything_sent = wait_for(
            lambda: not Delivery.objects.exclude(state=DeliveryState.SENT).exists(), timeout=60
        )
        assert everything_sent, list(Delivery.objects.values_list("state").annotate(n=Count("id")))
    finally:
        second.terminate()
        second.wait(timeout=30)

    notified = Notification.objects.filter(kind="task_overdue", recipient=world.users["reporter"])
    assert notified.count() == OVERDUE == notified.values("dedup_key").distinct().count()
    assert Delivery.objects.filter(state=DeliveryState.SENT).count() == OVERDUE
    subjects = sent_subjects(mail)
    assert len(subjects) == OVERDUE == len(set(subjects)), (len(subjects), len(set(subjects)))
    assert {subject.split("逾期任务")[-1] for subject in subjects} == {str(i) for i in range(OVERDUE)}
