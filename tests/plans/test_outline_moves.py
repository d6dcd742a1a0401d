"""Moving tasks in the outline keeps positions and house-style labels right."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from plans import services
from plans.rows import flatten_outline, outline_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def outline(world):
    """一、 with （一）（二）（三）; 二、 empty."""
    planner = world.users["planner"]
    plan = services.plan_create(
        actor=planner, zone=world.zone, title="提纲", start_date="2027-01-01", end_date="2027-12-31"
    )
    first = services.task_create(actor=planner, plan=plan, title="甲", is_section=True)
    items = [
        services.task_create(actor=planner, plan=plan, parent=first, title=t)
        for t in ("子一", "子二", "子三")
    ]
    second = services.task_create(actor=planner, plan=plan, title="乙", is_section=True)
    return plan, first, items, second


def shape(plan):
    return [
        (depth, task.label, task.title)
        for depth, task in flatten_outline(outline_rows(plan, today=date.today()))
    ]


def move(world, task, direction):
    task.refresh_from_db()
    return services.task_move(
        actor=world.users["planner"], task=task, direction=direction, expected_version=task.version
    )


def test_up_down_indent_outdent(world, outline):
    plan, first, (a, b, c), second = outline
    move(world, c, "up")
    assert shape(plan) == [
        (0, "一、", "甲"),
        (1, "（一）", "子一"),
        (1, "（二）", "子三"),
        (1, "（三）", "子二"),
        (0, "二、", "乙"),
    ]
    move(world, b, "indent")  # under 子三, its previous sibling now
    assert shape(plan)[2:4] == [(1, "（二）", "子三"), (2, "1.", "子二")]
    move(world, b, "outdent")
    move(world, b, "outdent")  # out of 一、, right after it
    assert shape(plan) == [
        (0, "一、", "甲"),
        (1, "（一）", "子一"),
        (1, "（二）", "子三"),
        (0, "二、", "子二"),
        (0, "三、", "乙"),
    ]
    move(world, second, "up")
    assert [row[1:] for row in shape(plan) if row[0] == 0] == [
        ("一、", "甲"),
        ("二、", "乙"),
        ("三、", "子二"),
    ]


def test_each_changed_task_gets_one_history_row_and_a_new_version(world, outline):
    plan, first, (a, b, c), second = outline
    before = {t.pk: (t.history.count(), t.version) for t in (a, b, c)}
    move(world, c, "up")
    for task in (a, b, c):
        task.refresh_from_db()
    assert (b.history.count(), b.version) == (before[b.pk][0] + 1, before[b.pk][1] + 1)
    assert (c.history.count(), c.version) == (before[c.pk][0] + 1, before[c.pk][1] + 1)
    assert (a.history.count(), a.version) == before[a.pk]  # untouched


def test_moves_that_cannot_happen(world, outline):
    plan, first, (a, b, c), second = outline
    with pytest.raises(ValidationError):
        move(world, a, "up")
    with pytest.raises(ValidationError):
        move(world, a, "indent")
    with pytest.raises(ValidationError):
        move(world, first, "outdent")
    with pytest.raises(PermissionDenied):
        services.task_move(actor=world.users["reporter"], task=b, direction="up", expected_version=b.version)
    assert [row[1] for row in shape(plan)] == ["一、", "（一）", "（二）", "（三）", "二、"]


def test_move_in_the_api_and_the_page(world, outline, api, client):
    plan, first, (a, b, c), second = outline
    c.refresh_from_db()
    response = api(world.users["planner"]).post(
        f"/api/v1/tasks/{c.pk}/move/", {"direction": "up", "version": c.version}
    )
    assert (response.status_code, response.json()["label"]) == (200, "（二）")
    stale = api(world.users["planner"]).post(
        f"/api/v1/tasks/{c.pk}/move/", {"direction": "up", "version": c.version}
    )
    assert stale.status_code == 409
    assert (
        api(world.users["reporter"])
        .post(f"/api/v1/tasks/{c.pk}/move/", {"direction": "up", "version": 1})
        .status_code
        == 404
    )  # draft
    client.force_login(world.users["planner"])
    b.refresh_from_db()
    assert f'value="{b.pk}:{b.version}:indent"' in client.get(f"/plans/{plan.pk}/").content.decode()
    client.post(f"/plans/{plan.pk}/", {"action": "move", "move": f"{b.pk}:{b.version}:indent"})
    b.refresh_from_db()
    assert (b.parent_id, b.label) == (c.pk, "1.")


@pytest.mark.parametrize("value", ["", "abc:1:up", "1:x:up", "999999:1:up"])
def test_a_move_that_names_no_task_of_the_plan_is_not_found(world, outline, client, value):
    client.force_login(world.users["planner"])
    assert client.post(f"/plans/{outline[0].pk}/", {"action": "move", "move": value}).status_code == 404


def test_a_move_on_a_stale_version_changes_nothing_and_says_why(world, outline, client):
    plan, first, (a, b, c), second = outline
    client.force_login(world.users["planner"])
    response = client.post(
        f"/plans/{plan.pk}/", {"action": "move", "move": f"{b.pk}:{b.version + 5}:up"}, follow=True
    )
    assert "已被他人修改，请刷新后重试。" in response.content.decode()
    assert shape(plan)[1:4] == [(1, "（一）", "子一"), (1, "（二）", "子二"), (1, "（三）", "子三")]
