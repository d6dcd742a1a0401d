"""Schemathesis over the OpenAPI schema, in process through the WSGI app: every operation, signed in as each
role, generated valid and invalid requests; no answer is a 5xx and every answer conforms to the schema (status
code, content type, body, headers), and schema-violating input is refused. FUZZ_EXAMPLES cases per operation
and role (six roles: 120 per operation by default).

One check is left out: "schema-valid request accepted". A request can match the schema and still break a
business rule the schema cannot state (an end before the start, a month in the future, a stale version, a unit
not on the task); those are refused with 400 and field messages by design."""

import json
import os

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.urls import set_urlconf
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from organisation.tokens import issue_token

pytestmark = pytest.mark.fuzz
FUZZ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "5"))
CASES_RUN: dict[str, int] = {}  # operation → cases, printed at the end (the issue note reports them)
# Found by the fuzzer and not yet fixed at the root (issue 10's note): listed, never silently dropped.
STILL_OPEN: dict[str, str] = {}
ROLES = ["anonymous", "reporter", "other_reporter", "leader", "planner", "admin"]


def openapi() -> dict:
    set_urlconf(None)
    return SchemaGenerator().get_schema(request=None, public=True)


schema = schemathesis.openapi.from_dict(openapi())
schema.app = get_wsgi_application()


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """As Django's test client does: the app must not close the test's database connection after a request."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def tokens(world, projects, stats, catalogue):
    return {role: issue_token(world.users[role])[0] for role in ROLES if role != "anonymous"}


# Operations with little to vary (no body, no query) yield fewer distinct cases per example asked for: they
# get more, so that every operation gets at least 100 cases over the six roles.
FEW_INPUTS = ["v1_tasks_destroy", "v1_notifications_read_all_create", "v1_auth_token_destroy"]
SETTINGS = {
    "deadline": None,
    "derandomize": True,
    "database": None,
    "suppress_health_check": list(HealthCheck),
}


MIN_CASES = 100  # per operation, over the six roles (issue 10)


@pytest.fixture
def cases():
    """The cases one operation and role ran: at least its share of MIN_CASES at the default FUZZ_EXAMPLES."""
    ran: list = []
    yield ran
    if FUZZ_EXAMPLES >= 5 and ran:
        assert len(ran) >= -(-MIN_CASES // len(ROLES)), f"{ran[0]}: only {len(ran)} cases for one role"


def check(case, role, tokens, cases):
    headers = {"Authorization": f"Token {tokens[role]}"} if role != "anonymous" else {}
    if case.operation.label in STILL_OPEN:
        pytest.xfail(STILL_OPEN[case.operation.label])
    CASES_RUN[case.operation.label] = CASES_RUN.get(case.operation.label, 0) + 1
    cases.append(case.operation.label)
    case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@schema.exclude(operation_id=FEW_INPUTS).parametrize()
@settings(max_examples=FUZZ_EXAMPLES, **SETTINGS)
def test_api_conforms_and_never_fails(case, role, tokens, cases):
    check(case, role, tokens, cases)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@schema.include(operation_id=FEW_INPUTS).parametrize()
@settings(max_examples=FUZZ_EXAMPLES * 3, **SETTINGS)
def test_api_conforms_and_never_fails_few_inputs(case, role, tokens, cases):
    check(case, role, tokens, cases)


@pytest.fixture(scope="module", autouse=True)
def report_cases():
    yield
    if CASES_RUN and os.environ.get("FUZZ_REPORT"):
        with open(os.environ["FUZZ_REPORT"], "w") as report:
            json.dump(CASES_RUN, report, ensure_ascii=False, indent=1)
    if CASES_RUN:
        print(
            f"\nfuzz: {sum(CASES_RUN.values())} cases over {len(CASES_RUN)} operations, "
            f"fewest {min(CASES_RUN.values())} ({min(CASES_RUN, key=CASES_RUN.get)})"
        )
