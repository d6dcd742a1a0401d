"""The key-project ledger (重点项目台账) of a month: exported for print, and read back to file each project's
monthly report in bulk (本月完成投资, 本月进展), all or nothing unless partial."""

from datetime import date

from django.utils.translation import gettext as _

from projects import services
from projects.choices import IssueState
from projects.models import ProjectReport
from projects.selectors import with_figures
from zoneplan.core.numbers import percent
from zoneplan.core.spreadsheets import Column, LedgerResult, cell_int, file_rows, ledger, read_rows
from zoneplan.core.text import finite_decimal

COLUMNS = [
    Column("序号", 6), Column("项目名称", 30, wrap=True), Column("责任单位", 18, wrap=True),
    Column("总投资（万元）", 12),
    Column("年度计划投资（万元）", 12), Column("本年累计完成（万元）", 12), Column("年度完成率", 10),
    Column("项目阶段", 10), Column("本月完成投资（万元）", 12), Column("本月进展", 36, wrap=True),
    Column("存在问题", 30, wrap=True), Column("编号", 8),
]  # fmt: skip


def project_ledger(projects, *, year: int, month: int, title: str) -> bytes:
    today = date.today()
    listed = with_figures(projects.filter(year=year), year=year, today=today).select_related(
        "responsible_unit"
    )
    listed = list(listed.prefetch_related("issues").order_by("zone", "name"))
    reports = {
        r.project_id: r for r in ProjectReport.objects.filter(project__in=listed, year=year, month=month)
    }
    rows = []
    for number, project in enumerate(listed, start=1):
        report = reports.get(project.pk)
        problems = "；".join(i.description for i in project.issues.all() if i.state == IssueState.OPEN)
        completion = percent(project.invested_this_year, project.year_planned_investment)
        rows.append(
            [
                number,
                project.name,
                project.responsible_unit.name,
                project.total_investment,
                project.year_planned_investment,
                project.invested_this_year,
                f"{completion}%" if completion is not None else "",
                project.get_stage_display(),
                report.month_investment if report else None,
                report.narrative if report else "",
                problems,
                project.pk,
            ]
        )
    return ledger(title, COLUMNS, rows, subtitle=f"{year}年{month}月")


def project_ledger_import(
    *, actor, projects, year: int, month: int, data: bytes, partial: bool = False
) -> LedgerResult:
    """File 本月完成投资 and 本月进展 of each row as the project's report for the month."""
    result = LedgerResult()
    known = {project.pk: project for project in projects}
    work = []
    for number, row in read_rows(data, header="序号"):
        amount = row.get("本月完成投资（万元）")
        narrative = str(row.get("本月进展") or "").strip()
        if amount in (None, "") and not narrative:
            result.skipped += 1
            continue
        project = known.get(cell_int(row.get("编号")))
        if project is None:
            result.rejected.append((number, _("No project you may see has this number.")))
            continue
        money = finite_decimal(amount, places=2, max_digits=14)
        if money is None:
            result.rejected.append((number, _("本月完成投资 must be an amount in 万元.")))
            continue
        if money < 0:
            result.rejected.append((number, _("Investment cannot be negative.")))
            continue
        if not actor.has_perm("projects.report_project", project):
            result.rejected.append((number, _("Your units do not report on this project.")))
            continue
        work.append((number, (project, money, narrative)))
    return file_rows(
        result,
        work,
        lambda row: services.report_submit(
            actor=actor, project=row[0], year=year, month=month, month_investment=row[1], narrative=row[2]
        ),
        partial=partial,
    )
