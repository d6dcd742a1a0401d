"""Odd values in every field, per role (issue 25, finding 11): the 500s found by hand came from values a
generator rarely draws: a superscript or Arabic-Indic digit that `str.isdigit()` admits and `int()` refuses, a
year of 99999, NaN and Infinity, numbers past any column's size, another zone's ids, text past any limit.

Every operation of the OpenAPI schema, signed in as each role: each body field (of a body that is otherwise
empty but for a version), and each query parameter, takes each odd value in turn; the path takes the world's
objects. No answer may be a 5xx. Schemathesis (test_fuzz_api.py) covers the schema's own positive and negative
generation; this covers the values it does not reach."""

import json

import pytest
from django.urls import set_urlconf
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from organisation.tokens import issue_token
from plans import services
from plans.models import ExtensionRequest
from zoneplan.instructions.services import instruction_create
from zoneplan.notifications.models import Notification

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

ROLES = ["reporter", "leader", "planner", "admin"]
NAN = float("nan")
ODD_VALUES = [
    "²", "٣", "１２", "1e3", "NaN", "-Infinity", NAN, float("inf"), 10**30, "99999999999999999999999999",
    99999,
    -1, 0, 1.5, True, "", None, [], {}, "99999-01-01", "x" * 20_000, "\x00",
]  # fmt: skip


def _schema() -> dict:
    set_urlconf(None)
    return SchemaGenerator().get_schema(request=None, public=True)


SCHEMA = _schema()
OPERATIONS = [
    (method.upper(), path, operation)
    for path, item in SCHEMA["paths"].items()
    for method, operation in item.items()
    if method in ("get", "post", "patch", "put", "delete")
]


def _resolve(schema: dict) -> dict:
    while "$ref" in schema:
        schema = SCHEMA["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def body_fields(operation: dict) -> list[str]:
    content = operation.get("requestBody", {}).get("content", {})
    if not content:
        return []
    schema = _resolve(next(iter(content.values()))["schema"])
    return sorted(schema.get("properties", {}))


def query_params(operation: dict) -> list[str]:
    return [param["name"] for param in operation.get("parameters", []) if param["in"] == "query"]


@pytest.fixture
def objects(world, projects, stats, catalogue):
    """The world's objects by path parameter, for the paths: each operation reaches a real object."""
    report = services.progress_submit(
        actor=world.users["reporter"], task=world.task, percent=10, narrative="进展"
    )
    instruction = instruction_create(
        actor=world.users["leader"], subject=world.task, text="批示", unit=world.lead_unit
    )
    extension = ExtensionRequest.objects.create(
        task=world.task, unit=world.lead_unit, requested_deadline="2099-01-31", reason="资金未到位"
    )
    note = Notification.objects.create(
        recipient=world.users["reporter"], kind="task_overdue", title="逾期", message="逾期", dedup_key="fuzz"
    )
    chip = projects["chip"]
    return {
        "tasks": world.task.pk,
        "plans": world.plan.pk,
        "projects": chip.pk,
        "progress": report.pk,
        "instructions": instruction.pk,
        "notifications": note.pk,
        "units": world.lead_unit.pk,
        "zones": world.zone.pk,
        "indicators": catalogue["gdp"].pk,
        "issues": chip.issues.first().pk,
        "milestones": chip.milestones.first().pk,
        "rid": extension.pk,
        "project_pk": chip.pk,
    }


def fill_path(path: str, objects: dict) -> str:
    parts = path.split("/")
    for index, part in enumerate(parts):
        if part.startswith("{"):
            name = part[1:-1]
            parts[index] = str(objects.get(name) or objects.get(parts[index - 1]) or 1)
    return "/".join(parts)


def send(client: APIClient, method: str, path: str, body=None, query: dict | None = None):
    if method in ("GET", "DELETE"):
        return client.generic(method, path + ("?" + "&".join(f"{k}={v}" for k, v in (query or {}).items())))
    # NaN as JSON parsers meet it in the wild
    text = json.dumps(body or {}, allow_nan=True, ensure_ascii=False)
    return client.generic(method, path, text, content_type="application/json")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("method", "path", "operation"), OPERATIONS, ids=[f"{m} {p}" for m, p, _ in OPERATIONS]
)
def test_odd_values_in_every_field_never_fail(world, objects, role, method, path, operation):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {issue_token(world.users[role])[0]}")
    url = fill_path(path, objects)
    foreign = [world.other_task.pk, world.other_unit.pk]  # another zone's task, another unit
    failures = []
    for field in body_fields(operation):
        for value in [*ODD_VALUES, *foreign]:
            response = send(client, method, url, {field: value, "version": 1})
            if response.status_code >= 500:
                failures.append(f"{field}={value!r:.40}: {response.status_code}")
    for name in query_params(operation):
        for value in ODD_VALUES + foreign:
            text = "" if value is None else str(value)[:2000]
            response = send(client, method, url, query={name: text})
            if response.status_code >= 500:
                failures.append(f"?{name}={text!r:.40}: {response.status_code}")
    assert not failures, f"{method} {path} as {role}: " + "; ".join(failures[:10])
