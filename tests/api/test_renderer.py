"""The orjson renderer writes the bytes DRF's JSONRenderer writes, and hands over what it cannot write
alike."""

import json
import uuid
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils.translation import gettext_lazy, override
from rest_framework import renderers

from plans.choices import TaskStatus
from zoneplan.core.api.renderers import JSONRenderer
from zoneplan.core.choices import Colour

SHANGHAI = ZoneInfo("Asia/Shanghai")

PAYLOADS = [
    {
        "title": "（一）加快推进“双招双引”",
        "body": 'quote " backslash \\ slash / tab \t newline \n bell \x07 del \x7f',
    },
    {"separators": "line\u2028paragraph\u2029end", "emoji": "进度✅", "empty": "", "none": None},
    [1, -2, 0, 2**63 - 1, -(2**63), True, False, 33.3, 0.1, -0.0, 0.0001, 12345.678, 1e15],
    {
        "reported": datetime(2026, 11, 22, 9, 30, 15, 123456, tzinfo=SHANGHAI),
        "utc": datetime(2026, 1, 1, tzinfo=UTC),
    },
    {"naive": datetime(2026, 3, 1, 8, 0), "day": date(2026, 6, 30), "at": time(17, 30, 5, 250000)},
    {"amount": Decimal("1234.50"), "rate": Decimal("-0.125"), "span": timedelta(days=2, seconds=5)},
    {
        "status": TaskStatus.OVERDUE,
        "colour": Colour.RED,
        "id": uuid.UUID("12345678-1234-5678-1234-567812345678"),
    },
    {1: "int key", 2.5: "float key", None: "null key", False: "bool key", "nested": {"deep": [[{"x": []}]]}},
    {"lazy": gettext_lazy("On schedule"), "set": ("a", "b")},
    [],
    {},
    "plain string",
]


@pytest.mark.parametrize("data", PAYLOADS)
def test_writes_what_drf_writes(data):
    with override("zh-hans"):
        assert JSONRenderer().render(data) == renderers.JSONRenderer().render(data)


def test_small_floats_read_back_the_same():
    """The one difference: between 5e-324 and 1e-4 Python writes 2.5e-05 and 1.5e-07, orjson 0.000025 and
    1.5e-7; the same numbers."""
    data = [1.5e-7, 2.5e-5, 9.9e-5, 1e16]
    assert JSONRenderer().render(data) == b"[1.5e-7,0.000025,0.000099,1e+16]"
    assert (
        json.loads(JSONRenderer().render(data)) == json.loads(renderers.JSONRenderer().render(data)) == data
    )


def test_hands_over_what_orjson_cannot_write_alike():
    huge = {"n": 2**70}  # beyond 64 bits: orjson refuses, DRF writes it
    assert (
        JSONRenderer().render(huge)
        == renderers.JSONRenderer().render(huge)
        == b'{"n":1180591620717411303424}'
    )
    asked = "application/json; indent=2"
    indented = JSONRenderer().render({"a": [1]}, asked)
    assert indented == renderers.JSONRenderer().render({"a": [1]}, asked) == b'{\n  "a": [\n    1\n  ]\n}'
    assert JSONRenderer().render(None) == b""


def test_refuses_what_drf_refuses():
    with pytest.raises(TypeError):
        renderers.JSONRenderer().render({"x": object()})
    with pytest.raises(TypeError):
        JSONRenderer().render({"x": object()})


def test_the_api_answers_through_it(world, api):
    response = api(world.users["leader"]).get(f"/api/v1/plans/{world.plan.pk}/")
    assert isinstance(response.accepted_renderer, JSONRenderer)
    assert response.content == renderers.JSONRenderer().render(response.data)
