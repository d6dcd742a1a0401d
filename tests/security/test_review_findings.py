"""The security review's findings (issue 25), one regression test each, named after the finding; each failed
on the main branch before the fix. Tokens (13) are in tests/api/test_contract.py, formula cells (10) in
tests/reports/test_ledgers.py, the stack behind nginx (1-3) in tests/production/."""

import json
import signal
import threading
from contextlib import contextmanager
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import Resolver404, resolve
from django.utils import timezone

from organisation.choices import WebhookKind
from organisation.models import UnitAlias
from plans import services
from plans.choices import PlanStatus
from plans.models import Plan, ProgressAttachment, Task
from tests.factories import PlanFactory, UnitFactory
from tests.security.snapshot import snapshot
from zoneplan.instructions.services import instruction_create
from zoneplan.notifications import channels
from zoneplan.notifications.models import Delivery
from zoneplan.notifications.services import Message, notify
from zoneplan.reports.models import FileJob

pytestmark = pytest.mark.django_db


@contextmanager
def bounded(seconds: int):
    """Turn a hang (the quadratic regex took a minute) into a failure instead of a stuck suite."""

    def hung(*_args):
        raise AssertionError(f"did not finish within {seconds} s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _report_with_attachment(world):
    upload = SimpleUploadedFile("进展材料.pdf", b"%PDF-1.4 evidence", content_type="application/pdf")
    return services.progress_submit(
        actor=world.users["reporter"], task=world.task, percent=30, narrative="推进中", attachments=[upload]
    )


# 1. With DEBUG off, static files are served (WhiteNoise; nginx in production); MEDIA_ROOT has no URL.
def test_finding_1_static_files_are_served_and_stored_files_have_no_public_url(client, world):
    assert not settings.DEBUG
    response = client.get("/static/css/app.css")
    assert response.status_code == 200 and b"{" in body(response)
    attachment = _report_with_attachment(world).attachments.get()
    with pytest.raises(Resolver404):
        resolve(f"/media/{attachment.file.name}")
    with pytest.raises(ValueError):
        attachment.file.url  # noqa: B018 - a stored file has no public URL to leak into a page


# 2. /api/docs/ loads Swagger UI from our static files, with no inline script for the CSP to block.
def test_finding_2_api_docs_render_from_local_files(client, world):
    client.force_login(world.users["planner"])
    page = client.get("/api/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower() and "<script>" not in page  # every script has a src
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200 and b"SwaggerUIBundle" in script.content
    assert (
        client.get("/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js").status_code == 200
    )


# 3. Health check, request ids in the logs, Redis split, expiring version keys.
def test_finding_3_health_answers_up_or_down_and_details_only_to_staff(client, world, settings):
    anonymous = client.get("/health/")
    assert anonymous.status_code == 200 and anonymous.json() == {"status": "up"}
    assert anonymous["X-Request-ID"]
    client.force_login(world.users["admin"])
    detailed = client.get("/health/", headers={"X-Request-ID": "nginx-abc123"}).json()
    assert set(detailed["components"]) == {"database", "cache", "broker"} and detailed["status"] == "up"
    assert client.get("/health/", headers={"X-Request-ID": "nginx-abc123"})["X-Request-ID"] == "nginx-abc123"
    client.logout()
    settings.HEALTH_TOKEN = "monitor-secret"
    assert "components" in client.get("/health/", headers={"X-Health-Token": "monitor-secret"}).json()
    assert "components" not in client.get("/health/", headers={"X-Health-Token": "guess"}).json()


def test_finding_3_broker_results_and_cache_live_in_separate_redis_databases():
    from zoneplan.settings.base import redis_database

    assert redis_database("redis://127.0.0.1:6379/15", 1) == "redis://127.0.0.1:6379/0"
    assert redis_database("redis://:pw@r:6379", 2) == "redis://:pw@r:6379/2"
    if settings.REDIS_URL:
        urls = {
            settings.CELERY_BROKER_URL,
            settings.CELERY_RESULT_BACKEND,
            settings.CACHES["default"]["LOCATION"],
        }
        assert len(urls) == 3


def test_finding_3_log_lines_carry_time_level_and_request_id():
    line = settings.LOGGING["formatters"]["line"]["format"]
    assert all(part in line for part in ("%(asctime)s", "%(levelname)s", "%(request_id)s"))


def test_finding_3_data_version_keys_expire():
    from django.core.cache import cache
    from django.core.cache.backends.redis import RedisCache

    from zoneplan.core import datacache

    datacache.data_version(datacache.INDICATORS)
    if isinstance(cache, RedisCache):
        key = cache.make_and_validate_key(datacache._key(datacache.INDICATORS))
        ttl = cache._cache.get_client(key).ttl(key)
        assert 0 < ttl <= datacache.VERSION_TIMEOUT
    assert datacache.VERSION_TIMEOUT is not None


# 4. kombu's control folder is under var/, not ./control in the working directory.
def test_finding_4_the_broker_control_folder_is_under_var():
    if settings.REDIS_URL:
        pytest.skip("the filesystem broker is used without Redis only")
    folder = settings.CELERY_BROKER_TRANSPORT_OPTIONS["control_folder"]
    assert folder.startswith(str(settings.VAR_DIR))


# 5. Stored files: random names, and served only after the object's permission check.
def test_finding_5_attachments_are_served_only_to_those_who_see_the_report(client, world):
    attachment = _report_with_attachment(world).attachments.get()
    assert "进展材料" not in attachment.file.name and len(attachment.file.name.rsplit("/", 1)[1]) == 36
    path = f"/attachments/{attachment.pk}/"
    assert client.get(path).status_code == 403  # anonymous
    client.force_login(world.users["other_reporter"])  # another unit's liaison
    assert client.get(path).status_code == 404
    client.force_login(world.users["reporter"])
    response = client.get(path)
    assert response.status_code == 200 and body(response) == b"%PDF-1.4 evidence"
    assert "attachment" in response["Content-Disposition"]


def test_finding_5_close_out_evidence_and_file_jobs_are_served_only_to_their_audience(
    client, world, run_jobs
):
    evidence = SimpleUploadedFile("验收报告.pdf", b"%PDF close-out")
    close_out = services.closeout_apply(
        actor=world.users["reporter"], task=world.task, evidence="已完成", attachment=evidence
    )
    assert close_out.attachment.name.startswith("close-out/") and "验收" not in close_out.attachment.name
    path = f"/close-outs/{close_out.pk}/file/"
    assert client.get(path).status_code == 403
    client.force_login(world.users["other_reporter"])  # sees the published plan's task, not its evidence
    assert client.get(path).status_code == 403
    client.force_login(world.users["planner"])
    assert client.get(path).status_code == 200
    with run_jobs():
        client.post("/files/new/", {"kind": "task_ledger", "plan": world.plan.pk, "next": "/"})
    job = FileJob.objects.get()
    assert f"job-{job.pk}" not in job.file.name and job.file.name.startswith("files/")
    client.force_login(world.users["other_planner"])
    assert client.get(f"/files/{job.pk}/download/").status_code == 404


# 6. The ledger export holds exactly what its reader sees in the pages.
def test_finding_6_the_task_ledger_export_leaks_no_other_units_narratives(world):
    from plans.ledgers import task_ledger
    from tests.reports.test_ledgers import sheet

    services.progress_submit(
        actor=world.users["other_reporter"],
        task=world.other_task,
        percent=10,
        narrative="土地报批材料已送审（内部）",
    )
    services.progress_submit(
        actor=world.users["reporter"], task=world.task, percent=20, narrative="平台建设中"
    )

    def narratives(user):
        rows = sheet(task_ledger(world.plan, reader=user)).iter_rows(min_row=4, values_only=True)
        return {row[8]: row[5] for row in rows}

    assert narratives(world.users["reporter"])[world.other_task.pk] in ("", None)
    assert narratives(world.users["reporter"])[world.task.pk] == "平台建设中"
    assert narratives(world.users["planner"])[world.other_task.pk] == "土地报批材料已送审（内部）"


# 7. Close-out evidence, extension reasons and instructions are read only by their audience.
def test_finding_7_close_out_and_extensions_are_refused_to_outsiders(api, client, world):
    services.closeout_apply(actor=world.users["reporter"], task=world.task, evidence="验收材料：内部")
    for path in (
        f"/api/v1/tasks/{world.task.pk}/close-out/",
        f"/api/v1/tasks/{world.task.pk}/extension-requests/",
    ):
        assert api(world.users["other_reporter"]).get(path).status_code == 403
        assert api(world.users["coop_reporter"]).get(path).status_code == 200
        assert api(world.users["planner"]).get(path).status_code == 200
    client.force_login(world.users["other_reporter"])
    page = client.get(f"/tasks/{world.task.pk}/").content.decode()
    assert "验收材料：内部" not in page


def test_finding_7_instructions_on_another_zones_draft_plan_are_hidden(api, world):
    draft = PlanFactory(zone=world.other_zone, status=PlanStatus.DRAFT, title="草案")
    secret_task = Task.objects.create(plan=draft, title="未公开任务", position=1)
    secret_task.lead_units.set([world.lead_unit])
    instruction_create(
        actor=world.users["leader"], subject=secret_task, text="草案批示", unit=world.lead_unit
    )
    instruction_create(actor=world.users["leader"], subject=world.task, text="公开批示", unit=world.lead_unit)

    def texts(user):
        return {row["text"] for row in api(user).get("/api/v1/instructions/").json()["results"]}

    assert texts(world.users["planner"]) == {"公开批示"}  # a planner of another zone
    assert texts(world.users["reporter"]) == {"公开批示"}  # addressed to its unit, on a draft it cannot see
    assert texts(world.users["other_planner"]) == {"公开批示", "草案批示"}
    assert texts(world.users["leader"]) == {"公开批示", "草案批示"}


# 8. The target parser is linear and its input bounded.
def test_finding_8_the_target_parser_reads_long_text_in_linear_time(signed_in, world):
    from plans.targets import find_targets

    with bounded(20):  # took about a minute for 20,000 digits, growing with the square
        assert find_targets("1" * 200_000) == []
        assert find_targets("新增" + "9" * 50_000 + "家") == []
        assert [t.value for t in find_targets("新增企业" + "，" * 100 + "不少于10家")] == [10]
    client = signed_in(world.users["planner"])
    before = snapshot()
    response = client.post(
        f"/tasks/{world.task.pk}/edit/",
        {"title": "x", "version": world.task.version, "targets": "不少于1" * 4000},
    )
    assert response.status_code == 400 and snapshot() == before  # the form shows its error
    assert "2000" in response.content.decode()


# 9. Webhooks reach only public addresses, follow no redirect, keep no reply body, are capped and
# rate-limited.
class _Robot(BaseHTTPRequestHandler):
    answers: list = []
    received: list = []

    def do_POST(self):  # noqa: N802 - http.server's name
        _Robot.received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
        status, headers, body = _Robot.answers.pop(0) if _Robot.answers else (200, {}, b'{"errcode": 0}')
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def local_robot():
    _Robot.answers, _Robot.received = [], []
    server = HTTPServer(("127.0.0.1", 0), _Robot)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/cgi-bin/webhook/send?key=SECRET-KEY"
    server.shutdown()


def _send(url, kind=WebhookKind.WECOM, text="任务已逾期"):
    channels.send_webhook(url=url, kind=kind, secret="", title="逾期提醒", text=text, link="/tasks/1/")


def test_finding_9_webhooks_refuse_internal_addresses_after_resolution(local_robot, settings):
    settings.WEBHOOK_ALLOWED_NETWORKS = []
    for url in (local_robot, local_robot.replace("127.0.0.1", "localhost")):  # an address, and a name for it
        with pytest.raises(channels.PermanentDeliveryError) as refused:
            _send(url)
        assert "SECRET-KEY" not in str(refused.value)
    assert _Robot.received == []
    for address in (
        "10.0.0.8",
        "192.168.1.1",
        "169.254.169.254",
        "::1",
        "fd00::1",
        "0.0.0.0",  # noqa: S104
        "::ffff:127.0.0.1",
    ):
        assert not channels._allowed_address(address)
    assert channels._allowed_address("106.11.1.1")


def test_finding_9_webhooks_follow_no_redirect_and_keep_no_reply_body(world, local_robot, settings):
    settings.WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    _Robot.answers = [(302, {"Location": local_robot + "&redirected=1"}, b"moved")]
    with pytest.raises(channels.PermanentDeliveryError):
        _send(local_robot)
    assert len(_Robot.received) == 1  # the redirect was not followed
    world.lead_unit.webhook_url, world.lead_unit.webhook_kind = local_robot, WebhookKind.WECOM
    world.lead_unit.save()
    _Robot.answers = [(200, {}, b'{"errcode": 93000, "errmsg": "invalid webhook url, internal detail xyz"}')]
    notify(
        [
            Message(
                recipient_id=world.users["reporter"].pk,
                kind="task_overdue",
                title="逾期提醒",
                text="逾期",
                dedup_key="k",
                unit_id=world.lead_unit.pk,
            )
        ]
    )
    delivery = Delivery.objects.get(channel="webhook")
    from zoneplan.notifications.tasks import deliver

    deliver.apply(args=[delivery.pk])  # a permanent refusal: recorded once, not retried
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts) == ("failed", 1)
    assert "93000" in delivery.last_error and "internal detail" not in delivery.last_error
    assert "SECRET-KEY" not in delivery.last_error


def test_finding_9_webhook_messages_are_cut_to_the_robots_limit_and_rate_limited(local_robot, settings):
    settings.WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    settings.WEBHOOK_MESSAGES_PER_MINUTE = 3
    _send(local_robot, text="逾" * 10_000)
    assert (
        len(_Robot.received[0]["markdown"]["content"].encode())
        <= channels.ROBOT_TEXT_LIMIT[WebhookKind.WECOM]
    )
    _send(local_robot)
    _send(local_robot)
    with pytest.raises(channels.RobotBusy) as busy:
        _send(local_robot)
    assert 0 < busy.value.retry_after <= 61 and len(_Robot.received) == 3


# 11. The 500s found by hand.
def test_finding_11_patching_a_plans_zone_is_a_400(api, world):
    before = snapshot()
    response = api(world.users["planner"]).patch(
        f"/api/v1/plans/{world.plan.pk}/", {"zone": world.other_zone.pk, "version": world.plan.version}
    )
    assert response.status_code == 400 and "zone" in response.json() and snapshot() == before


def test_finding_11_creating_a_task_with_a_status_is_a_400(api, world):
    before = snapshot()
    response = api(world.users["planner"]).post(
        "/api/v1/tasks/", {"plan": world.plan.pk, "title": "新任务", "status": "done"}
    )
    assert response.status_code == 400 and "status" in response.json() and snapshot() == before


@pytest.mark.parametrize("size", ["²", "٣", "1e3", "99999999999999999999", "0"])
def test_finding_11_odd_page_sizes_are_a_400(api, world, size):
    assert api(world.users["planner"]).get(f"/api/v1/tasks/?page_size={size}").status_code == 400


@pytest.mark.parametrize(
    "query",
    [
        "year=99999&month=5",
        "year=²&month=5",
        "year=2026&month=99",
        "zone=abc",
        "zone=99999999999999999999999",
    ],
)
def test_finding_11_odd_ranking_parameters_show_the_page(signed_in, world, query):
    Plan.objects.filter(pk=world.plan.pk).update(status=PlanStatus.PUBLISHED)
    assert signed_in(world.users["planner"]).get(f"/ranking/?{query}").status_code == 200


def test_finding_11_an_xlsx_that_lxml_rejects_ends_its_job_as_failed(api, world, run_jobs):
    import io
    import zipfile

    from tests.reports.test_ledgers import planner_ledger

    data = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(planner_ledger(world))) as source, zipfile.ZipFile(data, "w") as broken:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = content.replace(
                    b"<sheetData>", b"<sheetData><row r='1'><c r='A1' t='s'><v>&undefined;</v>"
                )
            broken.writestr(item, content)
    upload = SimpleUploadedFile("台账.xlsx", data.getvalue())
    with run_jobs():
        response = api(world.users["reporter"]).post(
            "/api/v1/files/",
            {"kind": "task_ledger_import", "plan": world.plan.pk, "upload": upload},
            format="multipart",
        )
    assert response.status_code == 202
    job = FileJob.objects.get()
    assert job.state == FileJob.State.FAILED and job.message


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-inf", "sNaN", "1e400"])
def test_finding_11_nan_in_the_project_ledger_is_a_rejected_row(world, projects, value):
    from projects.ledgers import project_ledger, project_ledger_import
    from projects.models import Project
    from tests.reports.test_ledgers import fill

    chip = projects["chip"]
    data = fill(
        project_ledger(Project.objects.filter(pk=chip.pk), year=2026, month=3, title="台账"),
        {chip.pk: {"本月完成投资（万元）": value, "本月进展": "x"}},
    )
    before = snapshot()
    result = project_ledger_import(
        actor=world.users["admin"], projects=Project.objects.filter(pk=chip.pk), year=2026, month=3, data=data
    )
    assert len(result.rejected) == 1 and result.filed == 0 and snapshot() == before


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity", "1e400"])
def test_finding_11_nan_in_the_indicator_grid_is_a_message(stats, catalogue, world, signed_in, value):
    client, zone = signed_in(world.users["stats"]), stats["zone"]
    before = snapshot()
    response = client.post(
        f"/indicators/entry/?zone={zone.pk}&year=2026&month=3", {"value-gdp": value, "action": "save"}
    )
    assert response.status_code == 200 and snapshot() == before


# 12. Permission is decided before validation.
def test_finding_12_a_reporters_patch_without_a_version_is_forbidden_not_invalid(api, world):
    before = snapshot()
    response = api(world.users["reporter"]).patch(f"/api/v1/tasks/{world.task.pk}/", {"title": "改"})
    assert response.status_code == 403 and snapshot() == before
    response = api(world.users["reporter"]).post(
        f"/api/v1/tasks/{world.task.pk}/close-out/verify/", {"x": "?"}
    )
    assert response.status_code == 403
    response = api(world.users["other_reporter"]).post(
        f"/api/v1/tasks/{world.task.pk}/progress/", {"percent": "x"}
    )
    assert response.status_code == 403 and snapshot() == before
    assert api(world.users["reporter"]).post("/api/v1/tasks/", {}).status_code == 403


# 13. Throttling, caps on uploads and file jobs, generated files deleted on a schedule.
def test_finding_13_the_api_is_throttled(api, world, settings):
    settings.API_THROTTLE_RATES = {**settings.API_THROTTLE_RATES, "user": "3/min"}
    client = api(world.users["reporter"])
    assert [client.get("/api/v1/plans/").status_code for _ in range(4)] == [200, 200, 200, 429]


def test_finding_13_a_report_takes_a_bounded_number_of_files(signed_in, world, settings):
    client = signed_in(world.users["reporter"])
    files = [SimpleUploadedFile(f"f{n}.txt", b"x") for n in range(settings.ATTACHMENTS_PER_REPORT + 1)]
    before = snapshot()
    client.post(f"/tasks/{world.task.pk}/report/", {"percent": 10, "narrative": "n", "attachments": files})
    assert snapshot() == before and not ProgressAttachment.objects.exists()


def test_finding_13_file_jobs_per_person_are_capped(api, world, settings):
    settings.FILE_JOBS_RUNNING_PER_USER = 2
    client = api(world.users["planner"])
    answers = [
        client.post("/api/v1/files/", {"kind": "task_ledger", "plan": world.plan.pk}).status_code
        for _ in range(3)
    ]
    assert answers == [202, 202, 429] and FileJob.objects.count() == 2


def test_finding_13_old_generated_files_are_deleted(world, run_jobs, settings):
    from zoneplan.reports.services import file_job_start, old_files_delete

    with run_jobs():
        job = file_job_start(actor=world.users["planner"], kind="task_ledger", params={"plan": world.plan.pk})
    job.refresh_from_db()
    stored = job.file.path
    FileJob.objects.filter(pk=job.pk).update(
        created_at=timezone.now() - timedelta(days=settings.GENERATED_FILE_DAYS)
    )
    assert old_files_delete(today=timezone.localdate() - timedelta(days=1)) == 0
    assert old_files_delete(today=timezone.localdate() + timedelta(days=1)) == 1
    import os

    assert not FileJob.objects.exists() and not os.path.exists(stored)


# 14. A planner's aliases belong to their zone.
def test_finding_14_a_zones_aliases_do_not_change_another_zones_imports(world):
    from plans.services.imports import match_units, plan_import
    from zoneplan.planimport.reading import parse_document

    parsed = parse_document(
        "一、招商引资\n（一）引进项目。（牵头单位：科技口）".encode(), filename="a.txt", year=2027
    )[0]
    plan_import(
        actor=world.users["planner"],
        zone=world.zone,
        year=2027,
        title="甲",
        parsed=parsed,
        aliases={"科技口": world.lead_unit},
    )
    alias = UnitAlias.objects.get(name="科技口")
    assert alias.zone == world.zone
    assert match_units({"科技口"}, zone=world.zone) == {"科技口": world.lead_unit}
    assert match_units({"科技口"}, zone=world.other_zone) == {"科技口": None}
    global_unit = UnitFactory(name="市统计局")
    UnitAlias.objects.create(name="统计局", unit=global_unit)  # the administrator's: every zone
    assert match_units({"统计局"}, zone=world.other_zone) == {"统计局": global_unit}
    assert date.today()  # the import ran without the other zone's planner
