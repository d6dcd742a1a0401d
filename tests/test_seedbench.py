"""seedbench writes a consistent data set of the asked size (PostgreSQL only: it writes with
generate_series)."""

import pytest
from django.db import connection

from bench.seedbench import Refused, seed, sizes
from indicators.models import IndicatorValue
from plans.models import Plan, ProgressReport, Task
from plans.selectors import tasks_visible_to, unit_involved
from projects.models import Project, ProjectReport
from zoneplan.core.datacache import INDICATORS, data_version

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="seedbench needs PostgreSQL (CI runs it there)")
def test_scale_sets_the_size_and_the_data_hangs_together():
    versions = data_version(), data_version(INDICATORS)
    seed(0.02, yes_destroy_data=True, log=lambda line: None)  # the test database
    assert data_version() != versions[0] and data_version(INDICATORS) != versions[1]  # no figure from before
    n = sizes(0.02)
    tasks = Task.objects.filter(is_section=False)
    assert Plan.objects.count() == n["plans"] and Task.objects.count() == n["plans"] * n["per_plan"]
    assert ProgressReport.objects.count() == tasks.count() * n["reports_per_task"]
    assert Project.objects.count() == n["projects"] and ProjectReport.objects.count() == n["projects"] * 24
    assert IndicatorValue.objects.count() == n["zones"] * 30 * 60
    october = {
        year: {
            (zone, indicator): value
            for zone, indicator, value in IndicatorValue.objects.filter(year=year, month=10).values_list(
                "zone", "indicator", "cumulative_value"
            )
        }
        for year in (2025, 2026)
    }
    growth = {round(value / october[2025][key], 4) for key, value in october[2026].items()}
    assert len(growth) > n["zones"]  # zones and indicators grow differently, so their ranks differ
    assert not tasks.filter(lead_units=None).exists()  # every task item has its lead unit
    assert not Task.objects.filter(is_section=True).exclude(parent=None).exists()  # chapters at the top
    from django.contrib.auth import get_user_model

    liaison = get_user_model().objects.get(username="liaison5")
    mine = tasks_visible_to(liaison).filter(unit_involved([5]), is_section=False)
    assert mine.count() == tasks.filter(lead_units=5).count() + tasks.filter(cooperating_units=5).count()


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the refusal is for other databases")
def test_refuses_other_databases():
    with pytest.raises(Refused, match="PostgreSQL"):
        seed(0.01, yes_destroy_data=True)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the name check follows the PostgreSQL check")
def test_finding_4_seedbench_refuses_a_database_not_named_bench():
    from django.contrib.auth import get_user_model

    assert "bench" not in connection.settings_dict["NAME"]
    get_user_model().objects.create(username="kept")
    with pytest.raises(Refused, match="bench"):
        seed(0.01)
    assert get_user_model().objects.filter(username="kept").exists()  # nothing was emptied


def test_finding_4_seedbench_is_not_a_command_of_the_product():
    from django.core.management import get_commands

    assert "seedbench" not in get_commands()
