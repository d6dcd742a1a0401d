"""Import in the pages: upload or paste → preview with new units and doubts marked → corrections → confirm."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from organisation.models import Unit
from plans.models import Plan, Task
from tests.importing.test_parsing import DATA, DOCUMENTS

pytestmark = pytest.mark.django_db


def upload(client, world, **data):
    payload = {"zone": world.zone.pk, "title": "玉林高新区实施方案", "year": 2026, **data}
    return client.post("/plans/import/", payload)


def test_upload_preview_correct_confirm(world, signed_in):
    client = signed_in(world.users["planner"])
    document = (DATA / "yulin-hitech-zone-implementation-plan.txt").read_bytes()
    response = upload(client, world, document=SimpleUploadedFile("yulin.txt", document))
    assert response.status_code == 302 and response.url == "/plans/import/preview/"
    preview = client.get("/plans/import/preview/").content.decode()
    assert "积极创建国家级高新区" in preview and re.search(r'class="chip new"[^>]*>玉林高新区管委', preview)
    assert 'class="chip">市科技局' in preview  # known units are not marked new
    items_before = Task.objects.count()
    corrections = {
        "title-1": "积极创建国家级高新技术产业开发区",
        "lead-1": "市科技局",
        "cooperating-1": "市财政局",
        "deadline-1": "2026-12-31",
    }
    confirmed = client.post("/plans/import/preview/", corrections)
    plan = Plan.objects.get(title="玉林高新区实施方案")
    assert confirmed.status_code == 302 and confirmed.url == f"/plans/{plan.pk}/"
    first = Task.objects.get(plan=plan, label="（一）")
    assert (first.title, [u.name for u in first.lead_units.all()], first.deadline.isoformat()) == (
        "积极创建国家级高新技术产业开发区",
        ["市科技局"],
        "2026-12-31",
    )
    assert Task.objects.count() - items_before == 27
    assert client.get("/plans/import/preview/").status_code == 302  # the session's tree is gone once used


def test_pasted_text_and_a_bad_correction(world, signed_in):
    client = signed_in(world.users["planner"])
    text = (DOCUMENTS / "half-width.txt").read_text(encoding="utf-8")
    assert upload(client, world, text=text).status_code == 302
    response = client.post(
        "/plans/import/preview/", {"title-1": "引进重大项目", "deadline-1": "明年"}, follow=True
    )
    assert "不是日期" in response.content.decode() or "not a date" in response.content.decode()
    assert not Plan.objects.filter(title="玉林高新区实施方案").exists()


@pytest.mark.parametrize(
    "data",
    [
        {"text": ""},
        {"text": "只有正文，没有编号。"},
        {"document": SimpleUploadedFile("plan.docx", b"PK\x03\x04broken")},
    ],
)
def test_bad_documents_get_a_message_and_write_nothing(world, signed_in, data):
    client = signed_in(world.users["planner"])
    units = Unit.objects.count()
    response = upload(client, world, **data)
    assert response.status_code == 400 and 'class="message error"' in response.content.decode()
    assert (Plan.objects.filter(title="玉林高新区实施方案").count(), Unit.objects.count()) == (0, units)


@pytest.mark.parametrize("role", ["reporter", "leader", "nobody"])
def test_only_planners_import(world, signed_in, role):
    client = signed_in(world.users[role])
    assert client.get("/plans/import/").status_code == 403
    assert upload(client, world, text="一、章\n（一）任务。（牵头单位：市科技局）").status_code == 403


def test_new_names_can_be_aliases_of_existing_units_and_goals_become_targets(world, signed_in):
    from indicators.models import IndicatorTarget
    from organisation.models import UnitAlias
    from tests.factories import UnitFactory

    reform = UnitFactory(name="市发展改革委")
    client = signed_in(world.users["planner"])
    upload(
        client,
        world,
        document=SimpleUploadedFile(
            "yulin.txt", (DATA / "yulin-hitech-zone-implementation-plan.txt").read_bytes()
        ),
    )
    preview = client.get("/plans/import/preview/").content.decode()
    position = preview.index('value="市发改委"')
    select = preview[position : preview.index("</select>", position)]
    assert f'<option value="{reform.pk}" selected>市发展改革委</option>' in select
    number = (
        preview[preview.rindex('name="alias-name-', 0, position) :].split('"')[1].removeprefix("alias-name-")
    )
    client.post(
        "/plans/import/preview/", {f"alias-name-{number}": "市发改委", f"alias-unit-{number}": reform.pk}
    )
    assert UnitAlias.objects.get(name="市发改委").unit == reform
    green = Task.objects.get(plan__title="玉林高新区实施方案", label="（十九）")
    assert reform in green.cooperating_units.all() and not Unit.objects.filter(name="市发改委").exists()

    ji_an = (DATA / "ji-an-zone-annual-plan-with-targets.txt").read_bytes()
    upload(client, world, title="吉安计划", document=SimpleUploadedFile("jian.txt", ji_an))
    client.post("/plans/import/preview/", {"apply_goals": "on"})
    gdp = IndicatorTarget.objects.get(zone=world.zone, year=2026, indicator__code="gdp")
    assert (str(gdp.target_value), str(gdp.target_growth)) == ("29.0000", "32.00") or (
        float(gdp.target_value),
        float(gdp.target_growth),
    ) == (29.0, 32.0)
