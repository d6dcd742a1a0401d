"""The monthly report (月度通报) of a zone as a .docx, from the month's data: overall figures, tasks done /
behind / overdue by lead unit, the overdue list, the indicator table, key-project progress and open problems,
and instructions still waiting for a reply. The dashboard's selectors give the figures, so the report and
the dashboard never disagree."""

import io
from collections.abc import Callable
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, Count, F, Q, Value, When
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from indicators.selectors import indicator_rows, peer_zones
from organisation.models import Zone
from plans.choices import PlanStatus, TaskStatus
from plans.models import Task
from plans.overdue import overdue_q
from projects.choices import IssueState
from projects.models import Project, ProjectIssue
from projects.selectors import project_summary, with_figures
from zoneplan.core.text import xml_text
from zoneplan.dashboard.selectors import merge_task_figures, named_task_figures, published_plans, task_figures
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
    projects = Project.objects.filter(zone=zone)
    summary = project_summary(projects=projects, year=year, today=today, milestones_and_issues=False)
    _overall(document, zone, year=year, today=today, summary=summary)
    progress(30)
    _tasks(document, zone, today=today)
    progress(50)
    _indicators(document, zone, year=year, month=month)
    progress(70)
    _projects(document, zone, projects, year=year, today=today)
    progress(85)
    _instructions(document, zone)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _overall(document, zone: Zone, *, year: int, today: date, summary) -> None:
    """一、总体情况: the zone's task items by status (overdue as `overdue_q` counts it) and its key
    projects."""
    tasks = Task.objects.filter(plan__zone=zone, plan__status=PlanStatus.PUBLISHED, is_section=False)
    shown = Case(When(overdue_q(today=today), then=Value(TaskStatus.OVERDUE)), default=F("status"))
    counts = dict.fromkeys(TaskStatus.values, 0) | dict(
        tasks.annotate(shown=shown).values_list("shown").annotate(n=Count("pk")).order_by()
    )
    totals = summary.totals
    _heading(document, "一、总体情况")
    _text(
        document,
        f"截至{today.year}年{today.month}月{today.day}日，全区在推进计划任务{sum(counts.values())}项，"
        f"已完成{counts['done']}项，正常推进{counts['on_track']}项，滞后{counts['behind']}项，"
        f"逾期{counts['overdue']}项，未启动{counts['not_started']}项。"
        f"列入{year}年重点项目{totals.projects}个，开工率{_pct(totals.start_rate)}，"
        f"年度计划投资{totals.year_planned_investment}万元，已完成{totals.invested_this_year}万元，"
        f"占年度计划的{_pct(totals.year_completion)}；进度滞后项目{summary.behind}个。",
    )


OVERDUE_LISTED = 50


def _tasks(document, zone: Zone, *, today: date) -> None:
    """二、任务推进情况: per lead unit and the overdue list, as the dashboard counts them."""
    plans = published_plans(zone)
    parts = task_figures(plans, shown=OVERDUE_LISTED)
    figures = named_task_figures(
        merge_task_figures(parts, shown=OVERDUE_LISTED), plans=plans, today=today, shown=OVERDUE_LISTED
    )
    statuses = [TaskStatus.DONE, TaskStatus.ON_TRACK, TaskStatus.BEHIND, TaskStatus.OVERDUE]
    _heading(document, "二、任务推进情况")
    _table(
        document,
        ["牵头单位", "任务数", "已完成", "正常推进", "滞后", "逾期", "完成率"],
        [
            [
                u["name"],
                u["total"],
                *(u["by_status"].get(status, 0) for status in statuses),
                _pct(u["completion"]),
            ]
            for u in figures["tasks_by_unit"]
        ],
    )
    if figures["overdue"]:
        _text(document, "逾期任务：")
        _table(
            document,
            ["任务", "牵头单位", "完成时限", "逾期工作日"],
            [
                [t["title"], "、".join(t["lead_units"]), t["deadline"], t["workdays_late"]]
                for t in figures["overdue"]
            ],
        )


def _indicators(document, zone: Zone, *, year: int, month: int) -> None:
    _heading(document, "三、主要经济指标")
    if not zone.statistics_unit_id:
        _text(document, "本区暂无统计机构报送的经济指标。")
        return
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


def _projects(document, zone: Zone, projects, *, year: int, today: date) -> None:
    _heading(document, "四、重点项目进展")
    behind = with_figures(projects.filter(year=year), year=year, today=today).filter(is_behind=True)
    behind = list(behind.select_related("responsible_unit").order_by("name"))
    if behind:
        _table(
            document,
            ["进度滞后项目", "责任单位", "年度计划投资（万元）", "本年完成（万元）"],
            [
                [p.name, p.responsible_unit.name, p.year_planned_investment, p.invested_this_year]
                for p in behind
            ],
        )
    problems = ProjectIssue.objects.filter(project__zone=zone, state=IssueState.OPEN).select_related(
        "project"
    )
    problems = list(problems.order_by("raised_on"))
    listed = "；".join(f"{p.project.name}：{p.description}" for p in problems) or "无。"
    _text(document, f"未解决问题{len(problems)}个：{listed}")


def _instructions(document, zone: Zone) -> None:
    _heading(document, "五、待回复的领导批示")
    pending = _pending_instructions(zone)
    if not pending:
        _text(document, "无。")
        return
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


def _pending_instructions(zone: Zone) -> list[Instruction]:
    task_type, project_type = (ContentType.objects.get_for_model(model) for model in (Task, Project))
    tasks = Task.objects.filter(plan__zone=zone).values("pk")
    projects = Project.objects.filter(zone=zone).values("pk")
    instructions = Instruction.objects.filter(reply="").filter(
        Q(subject_type=task_type, subject_id__in=tasks)
        | Q(subject_type=project_type, subject_id__in=projects)
    )
    return list(instructions.select_related("author", "unit").order_by("created_at"))


def _pct(value) -> str:
    return "—" if value is None else f"{value}%"
