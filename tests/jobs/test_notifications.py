"""Delivery over the channels against a real local HTTP server, the API, the bell."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from organisation.choices import WebhookKind
from zoneplan.notifications import channels
from zoneplan.notifications.models import Delivery, Notification
from zoneplan.notifications.services import Message, delivery_attempt, notify
from zoneplan.notifications.tasks import deliver

pytestmark = pytest.mark.django_db


class Robot(BaseHTTPRequestHandler):
    """A group robot that answers with the next scripted (status, body) and remembers what it got."""

    script: list = []
    received: list = []

    def do_POST(self):  # noqa: N802 - http.server's name
        Robot.received.append((self.path, json.loads(self.rfile.read(int(self.headers["Content-Length"])))))
        status, body = Robot.script.pop(0) if Robot.script else (200, b'{"errcode": 0}')
        self.send_response(status)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def robot(settings):
    settings.WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.1/32"]  # the robot runs on this machine
    Robot.script, Robot.received = [], []
    server = HTTPServer(("127.0.0.1", 0), Robot)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/robot/send?key=demo"
    server.shutdown()


def notify_unit(world, unit, key="k1"):
    members = [world.users["reporter"], world.users["admin"]]
    return notify(
        Message(
            recipient_id=user.pk,
            kind="task_overdue",
            title="逾期提醒",
            text="任务已逾期",
            dedup_key=key,
            unit_id=unit.pk,
            link="/tasks/1/",
        )
        for user in members
    )


def test_in_app_notifications_are_created_once(world):
    assert notify_unit(world, world.lead_unit) == 2
    assert notify_unit(world, world.lead_unit) == 0
    assert Notification.objects.count() == 2


def test_failing_webhook_is_retried_and_recorded_without_losing_the_notification(world, robot):
    world.lead_unit.webhook_url, world.lead_unit.webhook_kind = robot, WebhookKind.WECOM
    world.lead_unit.save()
    Robot.script = [(500, b"busy"), (200, b'{"errcode": 45009, "errmsg": "api freq out of limit"}')]
    notify_unit(world, world.lead_unit)
    # one robot message for the unit, not one per member
    [delivery] = Delivery.objects.filter(channel="webhook")
    for _ in range(2):
        with pytest.raises(channels.DeliveryError) as failed:
            delivery_attempt(delivery.pk)
        assert not isinstance(failed.value, channels.PermanentDeliveryError)  # worth another try
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts) == ("failed", 2)
    assert "45009" in delivery.last_error and "api freq" not in delivery.last_error  # no reply body kept
    assert Notification.objects.filter(recipient=world.users["reporter"]).count() == 1  # in-app kept
    delivery_attempt(delivery.pk)
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts, delivery.last_error) == ("sent", 3, "")
    assert Robot.received[-1][1] == {
        "msgtype": "markdown",
        "markdown": {"content": "**逾期提醒**\n\n任务已逾期\n\n[查看详情](/tasks/1/)"},
    }
    delivery_attempt(delivery.pk)  # a duplicate delivery of the task sends nothing more
    assert len(Robot.received) == 3


def test_the_task_retries_channel_errors_with_backoff():
    assert deliver.autoretry_for == (channels.DeliveryError,)
    assert set(deliver.dont_autoretry_for) == {channels.PermanentDeliveryError, channels.RobotBusy}
    assert (deliver.retry_backoff, deliver.max_retries) == (30, 8)


def test_dingtalk_signature_and_formats():
    url = channels.signed_dingtalk_url(
        "https://oapi.dingtalk.com/robot/send?access_token=t", "SEC123", now_ms=1700000000000
    )
    assert url == (
        "https://oapi.dingtalk.com/robot/send?access_token=t&timestamp=1700000000000"
        "&sign="
        + channels.urllib.parse.quote_plus(
            channels.base64.b64encode(
                channels.hmac.new(b"SEC123", b"1700000000000\nSEC123", "sha256").digest()
            )
        )
    )
    ding = channels.webhook_payload(WebhookKind.DINGTALK, title="T", text="X", link="")
    assert ding == {"msgtype": "markdown", "markdown": {"title": "T", "text": "**T**\n\nX"}}
    assert channels.webhook_payload(WebhookKind.GENERIC, title="T", text="X", link="/l") == {
        "title": "T",
        "text": "X",
        "link": "/l",
    }
    with pytest.raises(channels.DeliveryError):
        channels.send_webhook(url="file:///etc/passwd", kind="", secret="", title="t", text="t", link="")


def test_email_goes_through_the_mail_backend(world, mailoutbox):
    world.users["reporter"].email = "kjj@example.gov.cn"
    world.users["reporter"].save()
    notify_unit(world, world.coop_unit)
    delivery = Delivery.objects.get(channel="email")
    delivery_attempt(delivery.pk)
    assert [(m.subject, m.to) for m in mailoutbox] == [("逾期提醒", ["kjj@example.gov.cn"])]


def test_api_shows_only_ones_own_and_marks_read(world, api):
    notify_unit(world, world.lead_unit)
    client = api(world.users["reporter"])
    own = client.get("/api/v1/notifications/?unread=true").json()
    assert own["count"] == 1
    theirs = Notification.objects.get(recipient=world.users["admin"])
    assert client.post(f"/api/v1/notifications/{theirs.pk}/read/").status_code == 404
    assert client.post(f"/api/v1/notifications/{own['results'][0]['id']}/read/").json()["read_at"] is not None
    assert client.get("/api/v1/notifications/?unread=true").json()["count"] == 0
    assert Notification.objects.get(pk=theirs.pk).read_at is None


def test_bell_shows_the_unread_count(world, client):
    notify_unit(world, world.lead_unit)
    client.force_login(world.users["reporter"])
    html = client.get("/plans/").content.decode()
    assert '<span class="count">1</span>' in html
    client.post("/notifications/read/", {})
    assert '<span class="count">' not in client.get("/plans/").content.decode()


def test_a_delivery_is_claimed_once_and_a_dead_workers_claim_expires(world, mailoutbox):
    from datetime import timedelta

    from django.utils import timezone

    from zoneplan.notifications.services import CLAIM_EXPIRY, deliveries_resume

    world.users["reporter"].email = "kjj@example.gov.cn"
    world.users["reporter"].save()
    notify_unit(world, world.lead_unit)
    delivery = Delivery.objects.get()
    delivery_attempt(delivery.pk)
    delivery_attempt(delivery.pk)  # the same message delivered twice
    assert len(mailoutbox) == 1
    # A worker died after claiming: within the expiry nobody takes it over, after it the delivery is resumed.
    Delivery.objects.filter(pk=delivery.pk).update(state="sending", claimed_at=timezone.now())
    delivery_attempt(delivery.pk)
    assert len(mailoutbox) == 1 and deliveries_resume(created_before=timezone.now()) == 0
    Delivery.objects.filter(pk=delivery.pk).update(
        claimed_at=timezone.now() - CLAIM_EXPIRY - timedelta(seconds=1)
    )
    assert deliveries_resume(created_before=timezone.now()) == 1
    delivery_attempt(delivery.pk)  # what the enqueued message does
    assert len(mailoutbox) == 2 and Delivery.objects.get().state == "sent"
