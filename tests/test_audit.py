"""The audit log page: who changed what and when, scoped to the planner's zones."""

import pytest

from plans import services
from tests.factories import PlanFactory, TaskFactory

pytestmark = pytest.mark.django_db


def test_planners_see_their_zones_changes_admins_all_reporters_nothing(
    world, signed_in, django_assert_max_num_queries
):
    services.task_update(
        actor=world.users["planner"], task=world.task, expected_version=1, title="在本区改过的任务"
    )
    elsewhere = TaskFactory(plan=PlanFactory(zone=world.other_zone), title="别区任务")
    services.task_update(
        actor=world.users["other_planner"], task=elsewhere, expected_version=1, title="在别区改过的任务"
    )
    services.progress_submit(actor=world.users["reporter"], task=world.task, percent=20, narrative="x")

    client = signed_in(world.users["planner"])
    with django_assert_max_num_queries(14):
        page = client.get("/audit/").content.decode()
    assert "在本区改过的任务" in page and "在别区改过的任务" not in page and "reporter" in page
    assert "在本区改过的任务" not in client.get("/audit/?kind=progressreport").content.decode()
    assert "在别区改过的任务" in signed_in(world.users["admin"]).get("/audit/").content.decode()
    assert signed_in(world.users["reporter"]).get("/audit/").status_code == 403
    assert signed_in(world.users["leader"]).get("/audit/").status_code == 403
