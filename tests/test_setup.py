"""Settings from the environment, the demo data and the database constraints."""

import os
import subprocess
import sys
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from organisation.models import Membership, Unit
from plans.choices import PlanStatus, TaskStatus
from plans.demo.loader import load_demo
from plans.models import Plan, ProgressReport, Task
from tests.factories import PlanFactory, ProgressReportFactory, TaskFactory


def import_settings(**env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import zoneplan.settings.base as s; print(s.TIME_ZONE, s.LANGUAGE_CODE, s.DEBUG)",
        ],
        env={**clean, **env},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )


def test_the_wsgi_application_loads_every_view_and_freezes_what_it_loaded():
    clean = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE",)}
    code = (
        "import gc, sys; import zoneplan.wsgi; "
        "print(gc.get_freeze_count(), 'plans.api.views' in sys.modules, len(gc.get_objects()))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "SECRET_KEY": "x"},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )

    frozen, views_loaded, collected = result.stdout.split()
    assert int(frozen) > 50_000 and views_loaded == "True"
    assert int(collected) < int(frozen) // 10


def test_refuses_to_start_without_a_secret_key_when_not_debugging():
    result = import_settings(DEBUG="false")
    assert result.returncode == 1
    assert "SECRET_KEY must be set" in result.stderr


def test_debug_has_a_development_key_and_the_locale_defaults():
    assert import_settings(DEBUG="true").stdout.split() == ["Asia/Shanghai", "zh-hans", "True"]
    assert import_settings(SECRET_KEY="x" * 50).stdout.split() == ["Asia/Shanghai", "zh-hans", "False"]


@pytest.mark.django_db
class TestDemo:
    def test_demo_meets_its_promises_and_loads_once(self):
        assert load_demo(today=date(2026, 11, 22)) is True
        counts = (Unit.objects.count(), Task.objects.count(), ProgressReport.objects.count())
        assert load_demo(today=date(2026, 11, 22)) is False
        assert (Unit.objects.count(), Task.objects.count(), ProgressReport.objects.count()) == counts
        plan = Plan.objects.get()
        assert plan.status == PlanStatus.PUBLISHED
        assert counts[0] >= 20
        items = Task.objects.filter(plan=plan, is_section=False)
        assert items.count() >= 20
        assert not items.filter(lead_units=None).exists()
        assert not items.filter(deadline=None).exists()
        months = set(ProgressReport.objects.values_list("period", flat=True))
        assert len(months) >= 3

    def test_the_demo_is_dated_over_the_months_it_represents(self):
        """Reports, their reviews, the tasks' last reports and every history row carry the months the demo
        spans (August to November for a demo loaded on 22 November), not the moment it was loaded."""
        load_demo(today=date(2026, 11, 22))
        loaded = timezone.now() - timedelta(minutes=5)
        history = Task.history.model.objects
        assert (
            history.filter(history_date__lt=loaded).count() > history.filter(history_date__gte=loaded).count()
        )
        months = {stamp.month for stamp in history.values_list("history_date", flat=True)}
        assert {1, 8, 9, 10, 11} <= months  # the plan written in January, reports from August
        reports = ProgressReport.objects.exclude(reviewed_at=None)
        assert not reports.filter(reviewed_at__gte=loaded).exists()
        assert len({stamp.month for stamp in reports.values_list("reviewed_at", flat=True)}) >= 4
        reported = Task.objects.exclude(last_reported_at=None)
        assert reported.exists() and not reported.filter(last_reported_at__gte=loaded).exists()

    def test_reporter_and_reporter2_as_promised(self):
        load_demo(today=date(2026, 11, 22))
        science = Membership.objects.get(user__username="reporter").unit
        other = Membership.objects.get(user__username="reporter2").unit
        assert science.name == "市科技局"
        items = Task.objects.filter(is_section=False)
        assert items.filter(lead_units=science).exists()
        assert items.filter(lead_units=other).exists()
        untouched = (
            items.filter(lead_units=science).exclude(lead_units=other).exclude(cooperating_units=other)
        )
        assert untouched.exists()


@pytest.mark.django_db
class TestConstraints:
    def test_percent_above_100_never_stored(self):
        task = TaskFactory()
        with pytest.raises(IntegrityError), transaction.atomic():
            Task.objects.filter(pk=task.pk).update(percent=101)

    def test_plan_period_ordered(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            PlanFactory(start_date=date(2026, 12, 31), end_date=date(2026, 1, 1))

    def test_one_live_report_per_task_unit_period(self):
        report = ProgressReportFactory()
        with pytest.raises(IntegrityError), transaction.atomic():
            ProgressReportFactory(task=report.task, unit=report.unit, period=report.period)

    def test_returned_report_needs_a_reason(self):
        report = ProgressReportFactory()
        with pytest.raises(IntegrityError), transaction.atomic():
            ProgressReport.objects.filter(pk=report.pk).update(review_state="returned", review_comment="")

    def test_statuses_are_the_documented_ones(self):
        assert [s.value for s in TaskStatus] == [
            "not_started",
            "on_track",
            "behind",
            "overdue",
            "done",
            "suspended",
        ]


@pytest.mark.django_db
def test_project_demo_meets_its_promises():
    from projects.demo.loader import load_project_demo
    from projects.models import Project, ProjectIssue

    today = date(2026, 11, 22)
    load_demo(today=today)
    assert load_project_demo(today=today) is True
    assert load_project_demo(today=today) is False
    projects = Project.objects.all()
    assert projects.count() >= 15
    assert projects.filter(responsible_unit__name="市科技局").count() >= 2
    assert projects.filter(responsible_unit__name="市自然资源局").count() >= 1
    assert max(p.reports.count() for p in projects) == 12
    assert (
        ProjectIssue.objects.filter(state="open").exists()
        and ProjectIssue.objects.filter(state="resolved").exists()
    )
    late = projects.filter(
        milestones__actual_date__isnull=True, milestones__planned_date__lt=today
    ).distinct()
    on_time = projects.exclude(pk__in=late.values("pk"))
    assert late.exists() and on_time.exists()
