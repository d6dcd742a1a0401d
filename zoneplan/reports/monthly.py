"""The monthly report (月度通报) of a zone as a .docx, from the month's data: overall figures, tasks done /
behind / overdue by lead unit, the overdue list, the indicator table, key-project progress and open problems,
and instructions still waiting for a reply. The dashboard's selectors give the figures, so the report and
the dashboard never disagree."""

import io
from collections.abc import Callable
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from indicators.selectors import indicator_rows, peer_zones
from organisation.models import Zone
from plans.choices import TaskStatus
from plans.models import Task
from projects.choices import IssueState
from projects.models import Project, ProjectIssue
from projects.selectors import project_summary, with_figures
from zoneplan.core.text import xml_text
from zoneplan.dashboard.selectors import overdue_tasks, published_plans, tasks_by_unit, unit_names
from zoneplan.instructions.models import Instruction

BODY_FONT, HEADING_FONT = "仿宋", "黑体"


def _run(paragraph, text: str, name: str, size: int, bold: bool = False) -> None:
    run = paragraph.add_run(xml_text(text))
    run.font.name, run.font.size, run.font.bold = name, Pt(size), bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _heading(document, text: str) -> None:
    _run(document.add_paragraph(), text, HEADING_FONT, 16)


def _text(document, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.first_line_indent = Pt(32)
    _run(paragraph, text, BODY_FONT, 14)


def _table(document, headers: list[str], rows: list[list]) -> None:
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        _run(cell.paragraphs[0], header, HEADING_FONT, 11)
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            _run(cell.paragraphs[0], "" if value is None else str(value), BODY_FONT, 11)


def monthly_report(
    zone: Zone, *, year: int, month: int, today: date, progress: Callable[[int], None] = lambda _percent: None
) -> bytes:
    document = Document()
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(title, f"{zone.name}{year}年{month}月工作通报", "方正小标宋简体", 22, bold=True)

    plans = published_plans(zone)  # read once for the units' counts and the overdue list
    units = tasks_by_unit(zone, plans=plans)
    tasks = Task.objects.filter(plan__zone=zone, plan__status="published", is_section=False)
    counts = dict.fromkeys(TaskStatus.values, 0) | dict(tasks.values_list("status").annotate(n=Count("pk")).order_by())
    total = sum(counts.values())
    projects = Project.objects.filter(zone=zone)
    summary = project_summary(projects=projects, year=year, today=today, milestones_and_issues=False)
    progress(30)

    _heading(document, "一、总体情况")
    _text(
        document,
        (
            f"截至{today.year}年{today.month}月{today.day}日，全区在推进计划任务{total}项，已完成{counts['done']}项，"
            f"正常推进{counts['on_track']}项，滞后{counts['behind']}项，逾期{counts['overdue']}项，未启动{counts['not_started']}项。"
            f"列入{year}年重点项目{summary.totals.projects}个，开工率{_pct(summary.totals.start_rate)}，"
            f"年度计划投资{summary.totals.year_planned_investment}万元，已完成{summary.totals.invested_this_year}万元，"
            f"占年度计划的{_pct(summary.totals.year_completion)}；进度滞后项目{summary.behind}个。"
        ),
    )

    _heading(document, "二、任务推进情况")
    _table(
        document,
        ["牵头单位", "任务数", "已完成", "正常推进", "滞后", "逾期", "完成率"],
        [
            [
                u["name"],
                u["total"],
                u["by_status"].get("done", 0),
                u["by_status"].get("on_track", 0),
                u["by_status"].get("behind", 0),
                u["by_status"].get("overdue", 0),
                _pct(u["completion"]),
            ]
            for u in units
        ],
    )
    overdue = overdue_tasks(zone, today=today, limit=50, plans=plans)
    names = unit_names(unit for task in overdue for unit in task["lead_units"])
    if overdue:
        _text(document, "逾期任务：")
        _table(
            document,
            ["任务", "牵头单位", "完成时限", "逾期工作日"],
            [
                [t["title"], "、".join(names[u] for u in t["lead_units"]), t["deadline"], t["workdays_late"]]
                for t in overdue
            ],
        )
    progress(50)

    _heading(document, "三、主要经济指标")
    if zone.statistics_unit_id:
        rows = indicator_rows(zones=[zone], year=year, month=month, rank_among=peer_zones(zone))
        _table(
            document,
            ["指标", "单位", "累计", "同比增长（%）", "完成率（%）", "序时进度（%）"],
            [
                [
                    r.indicator.name,
                    r.indicator.unit_of_measure,
                    r.cumulative_value,
                    r.yoy,
                    r.completion,
                    r.time_progress,
                ]
                for r in rows
            ],
        )
    else:
        _text(document, "本区暂无统计机构报送的经济指标。")
    progress(70)

    _heading(document, "四、重点项目进展")
    behind = with_figures(projects.filter(year=year), year=year, today=today).filter(is_behind=True)
    behind = list(behind.select_related("responsible_unit").order_by("name"))
    if behind:
        _table(
            document,
            ["进度滞后项目", "责任单位", "年度计划投资（万元）", "本年完成（万元）"],
            [[p.name, p.responsible_unit.name, p.year_planned_investment, p.invested_this_year] for p in behind],
        )
    problems = ProjectIssue.objects.filter(project__zone=zone, state=IssueState.OPEN).select_related("project")
    problems = list(problems.order_by("raised_on"))
    _text(
        document,
        f"未解决问题{len(problems)}个："
        + ("；".join(f"{p.project.name}：{p.description}" for p in problems) or "无。"),
    )
    progress(85)

    _heading(document, "五、待回复的领导批示")
    pending = _pending_instructions(zone)
    if pending:
        _table(
            document,
            ["批示", "批示人", "承办单位", "批示时间"],
            [
                [
                    i.text,
                    i.author.get_full_name() or i.author.username if i.author else "",
                    i.unit.name,
                    i.created_at.date(),
                ]
                for i in pending
            ],
        )
    else:
        _text(document, "无。")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _pending_instructions(zone: Zone) -> list[Instruction]:
    task_type, project_type = (ContentType.objects.get_for_model(model) for model in (Task, Project))
    tasks = Task.objects.filter(plan__zone=zone).values("pk")
    projects = Project.objects.filter(zone=zone).values("pk")
    instructions = Instruction.objects.filter(reply="").filter(
        Q(subject_type=task_type, subject_id__in=tasks) | Q(subject_type=project_type, subject_id__in=projects)
    )
    return list(instructions.select_related("author", "unit").order_by("created_at"))


def _pct(value) -> str:
    return "—" if value is None else f"{value}%"
