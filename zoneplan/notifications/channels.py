"""Sending a delivery: e-mail through Django's mail backend, webhooks as JSON over HTTP.

Every failure is raised as DeliveryError so the task can retry it and the attempt is recorded; a failure that
would only repeat is PermanentDeliveryError, which is recorded and not retried; RobotBusy waits for the
robot's next minute without counting as an attempt.
"""

import base64
import hashlib
import hmac
import http.client
import ipaddress
import json
import smtplib
import socket
import time
import urllib.parse

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail

from organisation.choices import WebhookKind

WEBHOOK_TIMEOUT_SECONDS = 10


class DeliveryError(Exception):
    """A channel could not deliver; worth another try later."""


def send_email(*, address: str, title: str, text: str) -> None:
    try:
        send_mail(title, text, settings.DEFAULT_FROM_EMAIL, [address])
    except (smtplib.SMTPException, OSError) as error:
        raise DeliveryError(f"e-mail to {address}: {error}") from error


def webhook_payload(kind: str, *, title: str, text: str, link: str) -> dict:
    """The body each kind of robot expects: WeCom and DingTalk markdown, or plain JSON."""
    body = f"**{title}**\n\n{text}" + (f"\n\n[查看详情]({link})" if link else "")
    if kind == WebhookKind.WECOM:
        return {"msgtype": "markdown", "markdown": {"content": body}}
    if kind == WebhookKind.DINGTALK:
        return {"msgtype": "markdown", "markdown": {"title": title, "text": body}}
    return {"title": title, "text": text, "link": link}


def signed_dingtalk_url(url: str, secret: str, now_ms: int | None = None) -> str:
    """DingTalk's robot signature: HMAC-SHA256 of "timestamp\\nsecret", base64, in the query string."""
    timestamp = str(now_ms if now_ms is not None else int(time.time() * 1000))
    digest = hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256).digest()
    sign = urllib.parse.quote_plus(base64.b64encode(digest))
    return f"{url}{'&' if '?' in url else '?'}timestamp={timestamp}&sign={sign}"


# What each robot takes (bytes of the message's text): WeCom's markdown 4,096, DingTalk's 20,000.
ROBOT_TEXT_LIMIT = {WebhookKind.WECOM: 4096, WebhookKind.DINGTALK: 20000}
GENERIC_TEXT_LIMIT = 20000
# Robot error codes worth another try later (too many messages); any other refusal is permanent.
ROBOT_BUSY_CODES = {45009, 45033, 130101, 410100}


class PermanentDeliveryError(DeliveryError):
    """Another try would fail the same way (a refused address, a deleted robot, a bad signature): not
    retried."""


class RobotBusy(DeliveryError):
    """The robot's rate (WEBHOOK_MESSAGES_PER_MINUTE) is used up for now: sent again after `retry_after`
    seconds."""

    def __init__(self, message: str, retry_after: int):
        super().__init__(message)
        self.retry_after = retry_after


def _allowed_address(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if any(
        ip in ipaddress.ip_network(network, strict=False) for network in settings.WEBHOOK_ALLOWED_NETWORKS
    ):
        return True
    return ip.is_global and not (ip.is_multicast or ip.is_reserved)


def _checked_connection(address, timeout=None, source_address=None, *args, **kwargs):
    """socket.create_connection, refusing a peer that is not a public address: checked on the address actually
    connected to, after DNS resolution, so a name that resolves (or later re-resolves) inside cannot slip
    through."""
    sock = socket.create_connection(address, timeout, source_address, *args, **kwargs)
    peer = sock.getpeername()[0]
    if not _allowed_address(peer):
        sock.close()
        raise PermanentDeliveryError(f"webhook host {address[0]}: refused, {peer} is not a public address")
    return sock


class _CheckedPeer:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = _checked_connection  # http.client sets its own in __init__


class _HTTPConnection(_CheckedPeer, http.client.HTTPConnection):
    pass


class _HTTPSConnection(_CheckedPeer, http.client.HTTPSConnection):
    pass


def _robot_key(url: str) -> str:
    return "zoneplan:robot-rate:" + hashlib.sha256(url.encode()).hexdigest()[:32]


def take_robot_slot(url: str) -> None:
    """Count one message to the robot at `url` in the current minute; RobotBusy when its rate is used up."""
    now = int(time.time())
    key = f"{_robot_key(url)}:{now // 60}"
    cache.add(key, 0, 120)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, 120)
        count = 1
    if count > settings.WEBHOOK_MESSAGES_PER_MINUTE:
        raise RobotBusy("the robot's messages for this minute are used up", retry_after=60 - now % 60 + 1)


def _fit(text: str, limit: int) -> str:
    encoded = text.encode()
    if len(encoded) <= limit:
        return text
    return encoded[: limit - len("…".encode())].decode(errors="ignore") + "…"


def send_webhook(*, url: str, kind: str, secret: str, title: str, text: str, link: str) -> None:
    """POST the message to the robot: public addresses only, no redirect followed, the text cut to the robot's
    limit, at most WEBHOOK_MESSAGES_PER_MINUTE a minute per robot. Errors name the host, never the URL (its
    key is a secret) and never the reply's body."""
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https") or not host:
        raise PermanentDeliveryError(f"webhook to {host or '?'}: only http and https addresses are allowed")
    limit = ROBOT_TEXT_LIMIT.get(kind, GENERIC_TEXT_LIMIT)
    payload = webhook_payload(
        kind, title=title, text=_fit(text, limit - len(title.encode()) - 400), link=link
    )
    take_robot_slot(url)
    if kind == WebhookKind.DINGTALK and secret:
        url = signed_dingtalk_url(url, secret)
        parts = urllib.parse.urlsplit(url)
    connection_class = _HTTPSConnection if parts.scheme == "https" else _HTTPConnection
    connection = connection_class(host, parts.port, timeout=WEBHOOK_TIMEOUT_SECONDS)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    data = json.dumps(payload, ensure_ascii=False).encode()
    try:
        connection.request("POST", path, body=data, headers={"Content-Type": "application/json"})
        response = connection.getresponse()
        answer = response.read(65536)
    except PermanentDeliveryError:
        raise
    except (OSError, http.client.HTTPException, ValueError) as error:
        raise DeliveryError(f"webhook to {host}: {type(error).__name__}") from error
    finally:
        connection.close()
    if response.status == 429 or response.status >= 500:
        raise DeliveryError(f"webhook to {host}: HTTP {response.status}")
    # a redirect is not followed; any other client error will not go away by itself
    if response.status >= 300:
        raise PermanentDeliveryError(f"webhook to {host}: HTTP {response.status}")
    if kind in (WebhookKind.WECOM, WebhookKind.DINGTALK):
        _check_robot_answer(answer, host)


def _check_robot_answer(answer: bytes, host: str) -> None:
    """Group robots answer 200 with an error code in the body when they refuse a message."""
    try:
        errcode = int(json.loads(answer or b"{}").get("errcode", 0))
    except (json.JSONDecodeError, AttributeError, TypeError, ValueError) as error:
        raise DeliveryError(f"robot at {host} answered something that is not JSON") from error
    if errcode in ROBOT_BUSY_CODES:
        raise DeliveryError(f"robot at {host} is busy (errcode {errcode})")
    if errcode:
        raise PermanentDeliveryError(f"robot at {host} refused the message (errcode {errcode})")
