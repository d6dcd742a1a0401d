"""Accounts: lock-out by username and address, one answer for every failed login, password rules, and
`check --deploy` clean under production settings."""

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

pytestmark = pytest.mark.django_db


def login(client, username, password, ip="10.0.0.1"):
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_five_failures_lock_that_username_from_that_address(world, client):
    reporter = world.users["reporter"]
    reporter.set_password("correct-horse-9")
    reporter.save()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "reporter", "wrong").status_code == 200
    assert login(client, "reporter", "wrong").status_code == 429  # the fifth failure locks
    locked = login(client, "reporter", "correct-horse-9")
    assert locked.status_code == 429 and "_auth_user_id" not in client.session
    assert login(client, "reporter", "correct-horse-9", ip="10.0.0.2").status_code == 302  # another address
    client.logout()
    planner = world.users["planner"]
    planner.set_password("correct-horse-9")
    planner.save()
    assert login(client, "planner", "correct-horse-9").status_code == 302  # another username, same address


def test_unknown_user_and_wrong_password_get_the_same_answer(world, client):
    def page(username):
        response = login(client, username, "wrong-password")
        text = response.content.decode()
        start = text.index("<main>")
        return response.status_code, text[start : text.index("</main>")].split('name="csrfmiddlewaretoken"')[
            0
        ]

    assert page("reporter") == page("no-such-user")


def test_weak_passwords_are_refused():
    for weak in ("123", "password", "12345678", "83920174"):
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password("Yulin-Plan-2026-督办")


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {
        key: value for key, value in os.environ.items() if not key.startswith(("SECURE_", "DJANGO_", "DEBUG"))
    }  # the test run's own switches
    env.update(
        DJANGO_SETTINGS_MODULE="zoneplan.settings.base",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="zoneplan.example.gov.cn",
        ZONEPLAN_VAR_DIR=str(tmp_path),
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
