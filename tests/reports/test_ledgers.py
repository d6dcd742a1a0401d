"""Ledgers out (formatted as printed, formulas neutralised) and in (every row checked, all or nothing)."""

import io
import zipfile
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from plans.ledgers import task_ledger, task_ledger_import
from plans.models import ProgressReport, Task
from projects.ledgers import project_ledger, project_ledger_import
from projects.models import Project, ProjectReport
from tests.factories import ProjectFactory
from zoneplan.core.spreadsheets import Column, SheetError, ledger, read_rows

pytestmark = pytest.mark.django_db


def planner_ledger(world) -> bytes:
    return task_ledger(world.plan, reader=world.users["planner"])


def sheet(data: bytes):
    return load_workbook(io.BytesIO(data)).active


def fill(data: bytes, values: dict[int, dict[str, object]], header_row: int = 3) -> bytes:
    """Fill cells of an exported ledger by the id in its 编号 column, as a person would in Excel."""
    workbook = load_workbook(io.BytesIO(data))
    ws = workbook.active
    titles = {cell.value: cell.column for cell in ws[header_row]}
    for row in ws.iter_rows(min_row=header_row + 1):
        changes = values.get(row[titles["编号"] - 1].value)
        for title, value in (changes or {}).items():
            row[titles[title] - 1].value = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\t=1"])
def test_finding_10_formulas_are_written_as_text_and_read_back_as_written(text, world):
    data = ledger(text, [Column("序号"), Column("任务")], [[text, "正常文本"]])
    ws = sheet(data)
    for cell in (ws["A1"], ws["A3"]):  # the title and a data cell
        assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True)
    assert (ws["B3"].value, ws["B3"].quotePrefix) == ("正常文本", False)
    raw = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in raw and "'" + text[:1] not in raw  # no formula element, no visible apostrophe
    assert [values for _number, values in read_rows(data, header="序号")] == [
        {"序号": text, "任务": "正常文本"}
    ]


def test_task_ledger_is_formatted_as_printed(world):
    Task.objects.filter(pk=world.task.pk).update(title='=HYPERLINK("http://evil")加速创新要素集聚')
    ws = sheet(planner_ledger(world))
    assert ws["A1"].value == "玉林高新区2026年工作计划任务台账" and "A1:I1" in ws.merged_cells
    assert [c.value for c in ws[3]] == [
        "序号",
        "任务",
        "牵头单位",
        "配合单位",
        "完成时限",
        "进展情况",
        "完成率",
        "状态",
        "编号",
    ]
    assert ws.freeze_panes == "A4" and ws.print_title_rows == "$3:$3"
    rows = {row[8]: row for row in ws.iter_rows(min_row=4, values_only=True)}
    task = rows[world.task.pk]
    assert (
        task[1].startswith("=HYPERLINK")
        and ws.cell(row=5, column=2).data_type == "s"
        and task[2] == "市科技局"
        and task[3] == "市财政局"
    )
    assert rows[world.section.pk][:2] == ("一、", "提升自主创新能力")
    assert ws.column_dimensions["B"].width == 44
    assert [ws.cell(row=4 + k, column=1).border.left.style for k in range(len(rows))] == ["thin"] * len(rows)


def test_task_ledger_shows_each_tasks_latest_narrative(world):
    from datetime import datetime

    from django.utils import timezone

    from plans import services

    # two monthly periods, the later one filed last
    for month, narrative in ((3, "完成选址"), (4, "开工建设")):
        services.progress_submit(
            actor=world.users["reporter"],
            task=world.task,
            percent=10 * month,
            narrative=narrative,
            at=timezone.make_aware(datetime(2026, month, 10)),
        )
    rows = {row[8]: row for row in sheet(planner_ledger(world)).iter_rows(min_row=4, values_only=True)}
    assert rows[world.task.pk][5] == "开工建设" and rows[world.other_task.pk][5] in ("", None)


def test_task_ledger_round_trip_all_or_nothing(world):
    reporter = world.users["reporter"]
    exported = planner_ledger(world)
    mixed = fill(
        exported,
        {
            world.task.pk: {"进展情况": "完成选址", "完成率": "40%"},
            world.other_task.pk: {"进展情况": "不是我的任务", "完成率": 10},
        },
    )
    refused = task_ledger_import(actor=reporter, plan=world.plan, data=mixed)
    assert refused.filed == 0 and [reason for _row, reason in refused.rejected] == [
        "Your units do not report on this task."
    ]
    assert ProgressReport.objects.count() == 0
    partial = task_ledger_import(actor=reporter, plan=world.plan, data=mixed, partial=True)
    assert (partial.filed, len(partial.rejected)) == (1, 1)
    report = ProgressReport.objects.get()
    assert (report.task, report.percent, report.narrative) == (world.task, 40, "完成选址")


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"完成率": 150, "进展情况": "x"}, "whole number from 0 to 100"),
        ({"完成率": "多", "进展情况": "x"}, "whole number from 0 to 100"),
        ({"编号": 999999, "进展情况": "x", "完成率": 5}, "No task of this plan"),
    ],
)
def test_bad_rows_are_listed_with_their_reason(world, changes, reason):
    data = fill(planner_ledger(world), {world.task.pk: changes})
    result = task_ledger_import(actor=world.users["reporter"], plan=world.plan, data=data)
    assert result.filed == 0 and reason in result.rejected[0][1] and result.rejected[0][0] >= 4


def test_hostile_workbooks_are_refused(world):
    macro = io.BytesIO()
    with zipfile.ZipFile(macro, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/vbaProject.bin", b"\x00" * 100)
    with pytest.raises(SheetError, match="macros"):
        task_ledger_import(actor=world.users["reporter"], plan=world.plan, data=macro.getvalue())
    with pytest.raises(SheetError, match="not a valid"):
        task_ledger_import(actor=world.users["reporter"], plan=world.plan, data=b"PK\x03\x04garbage")
    with pytest.raises(SheetError, match="header row"):
        from zoneplan.core.spreadsheets import Column, ledger

        task_ledger_import(
            actor=world.users["reporter"], plan=world.plan, data=ledger("x", [Column("别的")], [[1]])
        )


def test_project_ledger_out_and_in(world):
    mine = ProjectFactory(zone=world.zone, name="芯片项目", responsible_unit=world.lead_unit)
    theirs = ProjectFactory(zone=world.zone, name="乳品项目", responsible_unit=world.other_unit)
    projects = Project.objects.filter(zone=world.zone)
    exported = project_ledger(projects, year=2026, month=10, title="玉林高新区2026年重点项目台账")
    ws = sheet(exported)
    assert ws["A2"].value == "2026年10月" and ws["B3"].value == "项目名称"
    data = fill(
        exported,
        {
            mine.pk: {"本月完成投资（万元）": 120.5, "本月进展": "主体施工"},
            theirs.pk: {"本月完成投资（万元）": 50, "本月进展": "x"},
        },
    )
    reporter = world.users["reporter"]
    refused = project_ledger_import(actor=reporter, projects=projects, year=2026, month=10, data=data)
    assert (refused.filed, ProjectReport.objects.count()) == (0, 0)
    assert refused.rejected[0][1] == "Your units do not report on this project."
    done = project_ledger_import(
        actor=reporter, projects=projects, year=2026, month=10, data=data, partial=True
    )
    assert done.filed == 1
    assert ProjectReport.objects.get().month_investment == Decimal("120.50")
    again = project_ledger_import(
        actor=reporter, projects=projects, year=2026, month=10, data=data, partial=True
    )
    assert again.filed == 0 and "already has a report" in again.rejected[-1][1]
