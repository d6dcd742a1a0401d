"""A parsed plan written in one transaction, by the service and by `manage.py importplan`."""

import json
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command

from organisation.models import Unit, UnitAlias
from plans.models import Plan, Task
from plans.services.imports import plan_import
from tests.importing.test_parsing import DATA, DOCUMENTS
from zoneplan.planimport.reading import parse_document

pytestmark = pytest.mark.django_db
YULIN = DATA / "yulin-hitech-zone-implementation-plan.txt"


def parsed(path: Path):
    return parse_document(path.read_bytes(), filename=path.name, year=2026)[0]


def test_the_plan_is_created_with_units_matched_by_name_and_alias(world):
    UnitAlias.objects.create(unit=world.lead_unit, name="市发改委")  # (十九) writes 市发改委
    units_before = Unit.objects.count()
    plan = plan_import(
        actor=world.users["planner"],
        zone=world.zone,
        year=2026,
        title="玉林高新区实施方案",
        parsed=parsed(YULIN),
    )
    tasks = Task.objects.filter(plan=plan)
    assert (tasks.filter(is_section=True).count(), tasks.filter(is_section=False).count()) == (6, 21)
    green = tasks.get(label="（十九）")
    assert world.lead_unit in green.cooperating_units.all()
    platform = tasks.get(label="（三）")
    assert [u.name for u in platform.lead_units.all()] == ["市科技局"]  # the world's unit, matched by name
    assert platform.parent.label == "二、" and platform.parent.title == "大力提升自主创新能力"
    names = {name for item in parsed(YULIN).walk() for name in (*item.lead_units, *item.cooperating_units)}
    known = {"市科技局", "市财政局", "市自然资源局", "市发改委"}
    assert Unit.objects.count() - units_before == len(names - known) == 24  # the counties: collective


def test_all_or_nothing_and_only_planners(world):
    with pytest.raises(PermissionDenied):
        plan_import(
            actor=world.users["reporter"], zone=world.zone, year=2026, title="x", parsed=parsed(YULIN)
        )
    document = parsed(DOCUMENTS / "half-width.txt")
    # long titles overflow into the body, not an error
    document.walk().__next__().children[0].title = "题" * 600
    deep = document.items[0]
    for _level in range(6):  # deeper than the outline allows: the whole import is refused
        deep.children[0].children = [type(deep)(label="1.", style="arabic", text="x", title="更深")]
        deep = deep.children[0]
    plans, units, tasks = Plan.objects.count(), Unit.objects.count(), Task.objects.count()
    with pytest.raises(ValidationError):
        plan_import(actor=world.users["planner"], zone=world.zone, year=2026, title="x", parsed=document)
    assert (Plan.objects.count(), Unit.objects.count(), Task.objects.count()) == (plans, units, tasks)


def test_command_dry_run_prints_the_tree_and_writes_nothing(world, capsys):
    plans = Plan.objects.count()
    call_command("importplan", str(YULIN), "--zone", world.zone.code, "--year", "2026", "--dry-run", "--json")
    tree = json.loads(capsys.readouterr().out)
    assert [item["label"] for item in tree["items"]] == ["一、", "二、", "三、", "四、", "五、", "六、"]
    first = tree["items"][0]["children"][0]
    assert (first["lead_units"], first["level"], first["is_section"]) == (
        ["玉林高新区管委", "市科技局"],
        2,
        False,
    )
    assert Plan.objects.count() == plans


def test_command_imports_and_refuses_bad_input(world, tmp_path):
    call_command("importplan", str(YULIN), "--zone", world.zone.code, "--year", "2026", "--user", "planner")
    assert Plan.objects.filter(title=YULIN.stem, zone=world.zone).count() == 1
    empty = tmp_path / "empty.txt"
    empty.write_text("没有编号的正文。\n")
    with pytest.raises(CommandError, match="No numbered outline|没有找到编号的提纲"):
        call_command(
            "importplan", str(empty), "--zone", world.zone.code, "--year", "2026", "--user", "planner"
        )
    with pytest.raises(CommandError, match="No zone"):
        call_command("importplan", str(YULIN), "--zone", "nowhere", "--year", "2026")


def test_history_rows_and_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    document = parsed(YULIN)
    with django_assert_max_num_queries(30):  # 27 items over 2 levels; the count depends on levels, not items
        plan = plan_import(
            actor=world.users["planner"], zone=world.zone, year=2026, title="x", parsed=document
        )
    task = Task.objects.get(plan=plan, label="（一）")
    record = task.history.get()
    assert (record.history_type, record.history_user) == ("+", world.users["planner"])
    assert sorted(record.lead_units.values_list("unit__name", flat=True)) == ["市科技局", "玉林高新区管委"]


def test_the_api_dry_run_and_import(world, api):
    planner, reporter = api(world.users["planner"]), api(world.users["reporter"])
    text = (DOCUMENTS / "half-width.txt").read_text(encoding="utf-8")
    payload = {"zone": world.zone.pk, "year": 2026, "title": "招商计划", "text": text}
    plans = Plan.objects.count()
    dry = planner.post("/api/v1/plans/import/", {**payload, "dry_run": True}, format="json")
    assert (
        dry.status_code == 200 and dry.json()["items"][0]["label"] == "一、" and Plan.objects.count() == plans
    )
    assert reporter.post("/api/v1/plans/import/", payload, format="json").status_code == 403
    bad = planner.post("/api/v1/plans/import/", {**payload, "text": "没有提纲"}, format="json")
    assert bad.status_code == 400 and "document" in bad.json()
    from io import BytesIO

    upload = BytesIO(b"PK\x03\x04broken")
    upload.name = "plan.docx"
    broken = planner.post(
        "/api/v1/plans/import/", {**payload, "text": "", "document": upload}, format="multipart"
    )
    assert broken.status_code == 400 and "document" in broken.json()
    assert Plan.objects.count() == plans
    created = planner.post("/api/v1/plans/import/", payload, format="json")
    assert created.status_code == 201 and Plan.objects.get(pk=created.json()["id"]).tasks.count() == 9
