"""Unit timeliness and ranking for March 2026 on a hand-built case."""

from datetime import date, datetime

import pytest
from django.utils import timezone

from plans import services
from plans.choices import TaskStatus
from plans.models import Task
from plans.periods import report_due_date
from plans.timeliness import periods_ending_in, unit_timeliness
from tests.factories import TaskFactory

pytestmark = pytest.mark.django_db


def at(day):
    return timezone.make_aware(datetime(2026, 3, day, 10))


def test_periods_and_due_dates():
    assert [periods_ending_in(c, 2026, 3) for c in ("weekly", "monthly", "quarterly")] == [5, 1, 1]
    assert periods_ending_in("quarterly", 2026, 2) == 0
    assert report_due_date("monthly", date(2026, 3, 1)) == date(2026, 3, 25)
    assert report_due_date("weekly", date(2026, 3, 2)) == date(2026, 3, 6)


def test_rates_and_ranking(world):
    """Monthly tasks: the science bureau leads two and reports on both (one on the 20th, one on the 28th,
    late); the finance bureau cooperates on one and reports on the 10th; natural resources leads one, reports
    nothing and has it overdue, and asks for one extension."""
    second = TaskFactory(plan=world.plan, parent=world.section, title="第二项", lead_units=[world.lead_unit])
    services.progress_submit(
        actor=world.users["reporter"], task=world.task, percent=30, narrative="a", at=at(20)
    )
    services.progress_submit(actor=world.users["reporter"], task=second, percent=30, narrative="b", at=at(28))
    services.progress_submit(
        actor=world.users["coop_reporter"], task=world.task, percent=10, narrative="c", at=at(10)
    )
    Task.objects.filter(pk=world.other_task.pk).update(status=TaskStatus.OVERDUE)
    from plans.models import ExtensionRequest

    extension = ExtensionRequest.objects.create(
        task=world.other_task, unit=world.other_unit, requested_deadline=date(2027, 1, 1), reason="x"
    )
    ExtensionRequest.objects.filter(pk=extension.pk).update(created_at=at(15))
    ranking = unit_timeliness(zone_id=world.zone.pk, year=2026, month=3)
    rows = {row.unit.name: row for row in ranking}
    science, finance, land = rows["市科技局"], rows["市财政局"], rows["市自然资源局"]
    assert (
        science.due,
        science.filed,
        science.on_time,
        str(science.filing_rate),
        str(science.timeliness_rate),
    ) == (
        2,
        2,
        1,
        "100.0",
        "50.0",
    )
    assert (finance.due, finance.filed, finance.on_time, str(finance.timeliness_rate)) == (1, 1, 1, "100.0")
    assert (land.due, land.filed, land.overdue_tasks, land.extensions, str(land.filing_rate)) == (
        1,
        0,
        1,
        1,
        "0.0",
    )
    assert [row.unit.name for row in ranking] == ["市财政局", "市科技局", "市自然资源局"]
    assert [row.rank for row in ranking] == [1, 2, 3]


def test_ranking_api(world, api):
    services.progress_submit(
        actor=world.users["reporter"], task=world.task, percent=30, narrative="a", at=at(20)
    )
    body = (
        api(world.users["leader"])
        .get(f"/api/v1/units/ranking/?zone={world.zone.pk}&year=2026&month=3")
        .json()
    )
    assert [(row["unit_name"], row["rank"]) for row in body][0] == ("市科技局", 1)
    assert {
        "due",
        "filed",
        "on_time",
        "filing_rate",
        "timeliness_rate",
        "overdue_tasks",
        "extensions",
        "returned",
    } <= set(body[0])
    assert api(world.users["leader"]).get("/api/v1/units/ranking/?year=2026&month=3").status_code == 400


def test_ranking_page(world, client):
    services.progress_submit(
        actor=world.users["reporter"], task=world.task, percent=30, narrative="a", at=at(20)
    )
    client.force_login(world.users["leader"])
    html = client.get(f"/ranking/?zone={world.zone.pk}&year=2026&month=3").content.decode()
    assert "市科技局" in html and "100.0" in html


def test_the_ranking_counts_a_task_past_its_deadline_as_overdue_before_the_nightly_scan(world):
    Task.objects.filter(pk=world.other_task.pk).update(deadline=date(2026, 3, 20), status=TaskStatus.ON_TRACK)
    rows = {row.unit.name: row for row in unit_timeliness(zone_id=world.zone.pk, year=2026, month=3)}
    assert rows["市自然资源局"].overdue_tasks == 1
    assert rows["市科技局"].overdue_tasks == 0
