"""Read scopes of the plans API (the write matrix over every operation is tests/security/test_api_matrix.py)."""


import pytest

from plans.choices import PlanStatus
from tests.factories import PlanFactory, ProgressReportFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "reporter", "other_reporter", "leader", "planner", "other_planner", "admin"]


def test_reporters_see_only_their_units_reports(world, api):
    mine = ProgressReportFactory(task=world.task, unit=world.lead_unit)
    theirs = ProgressReportFactory(task=world.other_task, unit=world.other_unit)
    listed = {r["id"] for r in api(world.users["reporter"]).get("/api/v1/progress/").json()["results"]}
    assert listed == {mine.pk}
    assert api(world.users["reporter"]).get(f"/api/v1/progress/{theirs.pk}/").status_code == 404
    everything = {r["id"] for r in api(world.users["leader"]).get("/api/v1/progress/").json()["results"]}
    assert everything == {mine.pk, theirs.pk}


def test_drafts_are_hidden_from_reporters_and_other_zones(world, api):
    draft = PlanFactory(zone=world.zone, status=PlanStatus.DRAFT)
    for role, visible in [("reporter", False), ("other_planner", False), ("planner", True), ("leader", True)]:
        ids = {p["id"] for p in api(world.users[role]).get("/api/v1/plans/").json()["results"]}
        assert (draft.pk in ids) is visible, role
