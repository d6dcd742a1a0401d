"""A plan's task ledger (任务台账): exported as people print it, and read back to file progress in bulk.

Columns: 序号, 任务, 牵头单位, 配合单位, 完成时限, 进展情况, 完成率, 状态, and 编号 (the task's number in
ZonePlan, which the import goes by). The headers are the document's own, in Chinese, in either language."""

from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from organisation.roles import roles_of
from plans import services
from plans.models import Plan, Task
from plans.rows import flatten_outline, outline_rows, task_rows, unit_ids
from plans.selectors import reports_visible_to
from zoneplan.core.spreadsheets import Column, LedgerResult, cell_int, file_rows, ledger, read_rows

COLUMNS = [
    Column("序号", 8), Column("任务", 44, wrap=True), Column("牵头单位", 18, wrap=True),
    Column("配合单位", 26, wrap=True),
    Column("完成时限", 14, wrap=True), Column("进展情况", 44, wrap=True), Column("完成率", 9), Column("状态",
    10),
    Column("编号", 8),
]  # fmt: skip


def task_ledger(plan: Plan, *, reader) -> bytes:
    """The ledger as `reader` sees the plan in the pages: each task's latest narrative among the reports the
    reader may see (a unit's liaison: of its units' tasks only), nothing of the others."""
    rows = flatten_outline(outline_rows(plan, today=timezone.localdate()))
    visible = reports_visible_to(reader).prefetch_related(None)
    newest = visible.filter(task=OuterRef("pk")).order_by("-submitted_at", "-id").values("narrative")
    # each task's latest narrative by the (task, submitted_at) index, not every report of the plan
    latest = dict(
        Task.objects.filter(plan=plan).annotate(narrative=Subquery(newest[:1])).values_list("pk", "narrative")
    )
    lines = []
    for _depth, task in rows:
        if task.is_section:
            lines.append([task.label, task.title, "", "", "", "", "", "", task.pk])
            continue
        deadline = task.deadline_text or (task.deadline.isoformat() if task.deadline else "")
        lines.append(
            [
                task.label,
                task.title,
                "、".join(task.lead_units_names),
                "、".join(task.cooperating_units_names),
                deadline,
                latest.get(task.pk) or "",
                f"{task.percent}%",
                task.get_status_display(),
                task.pk,
            ]
        )
    subtitle = _("As of %(date)s") % {"date": timezone.localdate().isoformat()}
    return ledger(f"{plan.title}任务台账", COLUMNS, lines, subtitle=subtitle)


def task_ledger_import(*, actor, plan: Plan, data: bytes, partial: bool = False) -> LedgerResult:
    """File progress from the ledger's 进展情况 and 完成率 columns. Every row is checked; a row whose task is
    not in the plan, whose figures are not valid, or that is not the actor's units' to report is rejected
    with its reason. All or nothing unless `partial`: then the valid rows are filed and the rest listed."""
    result = LedgerResult()
    rows = read_rows(data, header="序号")
    items = Task.objects.filter(plan=plan, is_section=False).select_related("plan")
    tasks = {task.pk: task for task in task_rows(items, today=timezone.localdate())}
    my_units = roles_of(actor).unit_ids
    work = []
    for number, row in rows:
        narrative = str(row.get("进展情况") or "").strip()
        percent_text = str(row.get("完成率") or "").strip().rstrip("%％")
        if not narrative and not percent_text:
            result.skipped += 1
            continue
        task = tasks.get(cell_int(row.get("编号")))
        if task is None:
            result.rejected.append((number, _("No task of this plan has this number.")))
            continue
        percent = cell_int(percent_text if "." not in percent_text else percent_text.split(".")[0])
        if percent is None or not 0 <= percent <= 100:
            result.rejected.append((number, _("完成率 must be a whole number from 0 to 100.")))
            continue
        if not unit_ids(task) & my_units:
            result.rejected.append((number, _("Your units do not report on this task.")))
            continue
        work.append((number, (task, percent, narrative)))
    return file_rows(
        result,
        work,
        lambda row: services.progress_submit(actor=actor, task=row[0], percent=row[1], narrative=row[2]),
        partial=partial,
    )
