"""Hostile text stored in every text field of every object is shown escaped on every page, and the pages carry
a Content-Security-Policy that would stop an injected script anyway (no inline script, no handler
attributes)."""

import re

import pytest
from django.apps import apps
from django.db import models

from tests.factories import ProgressReportFactory
from tests.security.snapshot import OWN_APPS
from zoneplan.notifications.models import Notification

pytestmark = pytest.mark.django_db
PAYLOAD = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
RAW = ("<script>alert(", "<img src=x")  # as markup; escaped they are harmless text


def poison_every_text_field() -> int:
    """Put the payload into every filled-in free-text field of every stored object (empty ones stay empty, so
    that no state is made up: a reply without its author); return how many fields changed."""
    changed = 0
    for model in apps.get_models():
        if model._meta.app_label not in OWN_APPS or model.__name__.startswith("Historical"):
            continue
        fields = [
            field
            for field in model._meta.concrete_fields
            if isinstance(field, (models.CharField, models.TextField))
            and not field.choices
            and not isinstance(
                field, (models.SlugField, models.URLField, models.EmailField, models.FileField)
            )
        ]
        for obj in model._base_manager.all():
            for field in fields:
                if not getattr(obj, field.attname):
                    continue
                limit = field.max_length or 10_000
                value = f"{PAYLOAD}{obj.pk}"[-limit:] if field.unique else PAYLOAD[:limit]
                setattr(obj, field.attname, value)
                changed += 1
            if fields:
                model._base_manager.filter(pk=obj.pk).update(
                    **{f.attname: getattr(obj, f.attname) for f in fields}
                )
    return changed


@pytest.fixture
def poisoned(world, projects, stats, catalogue):
    from zoneplan.instructions.services import instruction_create

    ProgressReportFactory(task=world.task, unit=world.lead_unit)
    instruction_create(actor=world.users["leader"], subject=world.task, text="x", unit=world.lead_unit)
    Notification.objects.create(
        recipient=world.users["reporter"],
        kind="task_overdue",
        title="t",
        message="m",
        dedup_key="k",
        link="/tasks/1/",
    )
    assert poison_every_text_field() > 50
    world.projects = projects
    return world


def pages(w) -> list[str]:
    chip = w.projects["chip"]
    return [
        "/",
        "/plans/",
        f"/plans/{w.plan.pk}/",
        "/tasks/",
        f"/tasks/{w.task.pk}/",
        f"/tasks/{w.task.pk}/edit/",
        "/my/tasks/",
        "/review/",
        "/ranking/",
        f"/ranking/?zone={w.zone.pk}",
        "/audit/",
        "/dashboard/",
        f"/dashboard/?zone={w.zone.pk}",
        "/projects/",
        f"/projects/{chip.pk}/",
        f"/projects/{chip.pk}/edit/",
        "/indicators/",
        f"/indicators/?zone={w.zone.pk}",
        "/indicators/gdp/",
        "/notifications/",
        "/files/",
    ]


@pytest.mark.parametrize("role", ["admin", "leader", "reporter"])
def test_stored_markup_is_escaped_on_every_page(poisoned, client, role):
    client.force_login(poisoned.users[role])
    shown = 0
    for path in pages(poisoned):
        response = client.get(path, follow=True)
        assert response.status_code in (200, 403), (path, response.status_code)
        html = response.content.decode()
        for raw in RAW:
            assert raw not in html, (path, raw)
        shown += ESCAPED in html
    assert shown >= 5  # the payload is really on the pages, escaped


def test_api_answers_are_json_not_markup(poisoned, api):
    response = api(poisoned.users["admin"]).get(f"/api/v1/tasks/{poisoned.task.pk}/")
    assert response["Content-Type"].startswith("application/json") and PAYLOAD in response.json()["title"]


def test_pages_carry_a_csp_and_no_inline_script(world, client):
    client.force_login(world.users["admin"])
    for path in [
        "/",
        "/plans/",
        f"/plans/{world.plan.pk}/",
        f"/tasks/{world.task.pk}/",
        "/dashboard/",
        "/tasks/",
        "/indicators/",
        "/accounts/login/",
    ]:
        response = client.get(path)
        policy = response["Content-Security-Policy"]
        assert (
            "script-src 'self'" in policy
            and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
        )
        html = response.content.decode()
        assert not re.search(r"\son[a-z]+\s*=", html), path  # no handler attributes
        for attributes, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S):
            assert "src=" in attributes or 'type="application/json"' in attributes, (path, body[:80])


def test_no_open_redirect_after_a_form(world, client):
    client.force_login(world.users["leader"])
    outside = client.post("/notifications/read/", {"next": "https://evil.example/phish"})
    assert outside["Location"] == "/notifications/"
    inside = client.post("/notifications/read/", {"next": "/dashboard/"})
    assert inside["Location"] == "/dashboard/"
    back = client.post("/files/new/", {"kind": "nonsense", "next": "//evil.example/"})
    assert back["Location"] == "/"


def test_refusals_are_pages_in_the_interface_language(world, client):
    client.force_login(world.users["other_reporter"])
    refused = client.get(f"/tasks/{world.task.pk}/report/")
    assert refused.status_code == 403 and "无权操作" in refused.content.decode()
    missing = client.get("/tasks/999999/")
    assert missing.status_code == 404 and "未找到" in missing.content.decode()
    assert client.get("/api/v1/nothing-here/").json() == {"detail": "未找到。"}
