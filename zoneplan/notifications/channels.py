"""Sending a delivery: e-mail through Django's mail backend, webhooks as JSON over HTTP.

Every failure is raised as DeliveryError so the task can retry it and the attempt is recorded.
"""

import base64
import hashlib
import hmac
import json
import smtplib
import time
import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings
from django.core.mail import send_mail

from plans.choices import WebhookKind

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


def send_webhook(*, url: str, kind: str, secret: str, title: str, text: str, link: str) -> None:
    if kind == WebhookKind.DINGTALK and secret:
        url = signed_dingtalk_url(url, secret)
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise DeliveryError(f"webhook {url}: only http and https are allowed")
    data = json.dumps(webhook_payload(kind, title=title, text=text, link=link), ensure_ascii=False).encode()
    headers = {"Content-Type": "application/json"}
    request = urllib.request.Request(url, data=data, headers=headers, method="POST")  # noqa: S310 - scheme checked
    try:
        with urllib.request.urlopen(request, timeout=WEBHOOK_TIMEOUT_SECONDS) as response:  # noqa: S310
            answer = response.read(65536)
    except (urllib.error.URLError, OSError, ValueError) as error:
        raise DeliveryError(f"webhook {url}: {error}") from error
    if kind in (WebhookKind.WECOM, WebhookKind.DINGTALK):
        _check_robot_answer(answer)


def _check_robot_answer(answer: bytes) -> None:
    """Group robots answer 200 with an error code in the body when they refuse a message."""
    try:
        errcode = json.loads(answer or b"{}").get("errcode", 0)
    except (json.JSONDecodeError, AttributeError) as error:
        raise DeliveryError(f"robot answered something that is not JSON: {answer[:200]!r}") from error
    if errcode:
        raise DeliveryError(f"robot refused the message: {answer[:300].decode(errors='replace')}")
