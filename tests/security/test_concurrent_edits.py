"""Simultaneous writes against a real server (Django's threaded live server, one database connection per
request thread) on PostgreSQL: real concurrent transactions. Two clients write from the same version: exactly
one wins, the other gets 409 with the current version; nothing is lost or counted twice."""

import json
import threading
import urllib.error
import urllib.request
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection

from indicators.models import IndicatorValue
from indicators.services import Entry, values_save
from organisation.tokens import issue_token
from plans.models import ProgressReport, Task
from projects.models import Project, ProjectReport
from tests.factories import ProgressReportFactory

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="real concurrent transactions: PostgreSQL (CI)"
    ),
    pytest.mark.django_db(transaction=True),
]
PAIRS = 500


def call(base: str, token: str, method: str, path: str, body: dict) -> tuple[int, dict]:
    request = urllib.request.Request(  # noqa: S310 - the live server's http URL
        f"{base}{path}",
        data=json.dumps(body).encode(),
        method=method,
        headers={"Authorization": f"Token {token}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def at_once(*requests) -> list[tuple[int, dict]]:
    """Send the requests from one thread each, released together by a barrier."""
    barrier, answers = threading.Barrier(len(requests)), [None] * len(requests)

    def send(index, args):
        barrier.wait()
        answers[index] = call(*args)

    threads = [threading.Thread(target=send, args=(i, args)) for i, args in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


@pytest.fixture
def tokens(world, stats):
    return {role: issue_token(world.users[role])[0] for role in ("planner", "admin", "reporter", "stats")}


def test_500_pairs_of_simultaneous_patches(live_server, world, tokens):
    task, base = world.task, live_server.url
    path, history_before = f"/api/v1/tasks/{task.pk}/", task.history.count()
    for version in range(1, PAIRS + 1):
        first, second = at_once(
            (base, tokens["planner"], "PATCH", path, {"title": f"甲{version}", "version": version}),
            (base, tokens["admin"], "PATCH", path, {"title": f"乙{version}", "version": version}),
        )
        codes = sorted([first[0], second[0]])
        assert codes == [200, 409], (version, first, second)
        loser = first if first[0] == 409 else second
        assert loser[1]["current_version"] == version + 1
    task.refresh_from_db()
    assert task.version == 1 + PAIRS
    assert task.history.count() - history_before == PAIRS  # one history row per success
    assert task.title in {f"甲{PAIRS}", f"乙{PAIRS}"}


def test_one_review_of_a_report_wins(live_server, world, tokens):
    for month in range(1, 11):
        report = ProgressReportFactory(task=world.task, unit=world.lead_unit, period=date(2026, month, 1))
        path = f"/api/v1/progress/{report.pk}/review/"
        answers = at_once(
            (live_server.url, tokens["planner"], "POST", path, {"action": "accept"}),
            (live_server.url, tokens["admin"], "POST", path, {"action": "return", "comment": "补充材料"}),
        )
        assert sorted(code for code, _ in answers) == [200, 409], answers
        report.refresh_from_db()
        assert (report.version, report.history.filter(history_type="~").count()) == (2, 1)
        winner = next(body for code, body in answers if code == 200)
        assert report.review_state == winner["review_state"]


def test_one_project_update_wins(live_server, world, projects, tokens):
    road = projects["road"]
    path = f"/api/v1/projects/{road.pk}/"
    for version in range(1, 21):
        answers = at_once(
            (
                live_server.url,
                tokens["planner"],
                "PATCH",
                path,
                {"investor": f"甲{version}", "version": version},
            ),
            (
                live_server.url,
                tokens["admin"],
                "PATCH",
                path,
                {"investor": f"乙{version}", "version": version},
            ),
        )
        assert sorted(code for code, _ in answers) == [200, 409], answers
    assert Project.objects.get(pk=road.pk).version == 21


def test_one_indicator_value_write_wins(live_server, world, stats, catalogue, tokens):
    gdp = catalogue["gdp"]
    values_save(
        actor=world.users["stats"], zone=world.zone, year=2026, month=3, entries=[Entry(gdp, Decimal(7))]
    )
    for version in range(1, 21):
        answers = at_once(
            *[
                (
                    live_server.url,
                    tokens[who],
                    "POST",
                    "/api/v1/indicator-values/bulk/",
                    {
                        "zone": world.zone.pk,
                        "year": 2026,
                        "month": 3,
                        "values": [{"indicator": gdp.pk, "cumulative_value": value, "version": version}],
                    },
                )
                for who, value in (("stats", f"{version}.1"), ("admin", f"{version}.2"))
            ]
        )
        assert sorted(code for code, _ in answers) == [200, 409], answers
    value = IndicatorValue.objects.get()
    assert value.version == 21 and value.history.filter(history_type="~").count() == 20


def test_simultaneous_filings_are_all_kept_and_totals_add_up(live_server, world, projects, tokens):
    """Twelve months reported at once for one project, and the same month twice: every distinct month kept,
    the duplicate refused with a field message (not a 500), the cumulative figures the sum of all; eight
    simultaneous filings of one unit's report for one period: exactly one stands."""
    chip = projects["chip"]
    chip.actual_start = date(2024, 1, 1)
    chip.save()
    path = f"/api/v1/projects/{chip.pk}/reports/"
    before = ProjectReport.objects.filter(project=chip).count()
    answers = at_once(
        *[
            (
                live_server.url,
                tokens["reporter"],
                "POST",
                path,
                {"year": 2024, "month": month, "month_investment": "10.5"},
            )
            for month in [*range(1, 13), 6]
        ]
    )
    assert sorted(code for code, _ in answers) == [201] * 12 + [400], answers
    assert ProjectReport.objects.filter(project=chip).count() == before + 12
    listed = call(live_server.url, tokens["reporter"], "GET", path, {})
    assert listed[0] == 200
    december = next(row for row in listed[1] if (row["year"], row["month"]) == (2024, 12))
    assert Decimal(december["cumulative_year"]) == Decimal("126.0")
    task = Task.objects.get(pk=world.task.pk)
    filed = at_once(
        *[
            (
                live_server.url,
                tokens["reporter"],
                "POST",
                f"/api/v1/tasks/{task.pk}/progress/",
                {"unit": world.lead_unit.pk, "percent": 10 + i, "narrative": f"第{i}次"},
            )
            for i in range(8)
        ]
    )
    # One live report per unit and period: the first filing stands, the seven others are refused, none is a
    # 500.
    assert sorted(code for code, _ in filed) == [201] + [400] * 7, filed
    assert ProgressReport.objects.filter(task=task).count() == 1
