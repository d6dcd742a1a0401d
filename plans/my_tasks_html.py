"""The groups of the "my tasks" page as HTML, written here rather than by the template engine (as the
outline's rows, `plans.outline_html`): four groups of up to 50 rows, a cold page's largest cost after its
query. Texts are translated outside the f-strings: xgettext does not look into them."""

from html import escape

from django.utils import timezone
from django.utils.translation import gettext as _

from plans.row_parts import deadline, light, task_name, url_for_pk


def my_task_groups_html(groups: list[tuple[str, list, int]]) -> str:
    """(group key, the tasks shown, how many the group has) → the page's sections."""
    titles = {
        "overdue": _("Overdue"),
        "due": _("To report this period"),
        "behind": _("Behind the time schedule"),
        "on_track": _("On track"),
        "done": _("Done"),
    }
    task, plan, due, percent, last = (
        escape(text) for text in (_("Task"), _("Plan"), _("Deadline"), _("Percent"), _("Last report"))
    )
    heads = f'<th>{task}</th><th>{plan}</th><th>{due}</th><th class="num">{percent}</th><th>{last}</th>'
    nothing = escape(_("None."))
    row = _row_writer()

    def section(key: str, tasks: list, total: int) -> str:
        head = f'<h2>{escape(titles[key])} <span class="badge {key}">{total}</span></h2>'
        if not tasks:
            return f'<section class="card">{head}<p class="small">{nothing}</p></section>'
        more = ""
        if total > len(tasks):
            show_all = escape(_("Show all %(count)s") % {"count": total})
            more = f'<p><a href="?all={key}">{show_all}</a></p>'
        rows = "".join(row(task, key) for task in tasks)
        return (
            f'<section class="card">{head}<table class="list"><thead><tr>{heads}</tr></thead>'
            f"<tbody>{rows}</tbody></table>{more}</section>"
        )

    return "\n".join(section(key, tasks, total) for key, tasks, total in groups)


def _row_writer():
    """task, group key → the task's row (and, unless done, the slot its report form opens in)."""
    detail, report = url_for_pk("plans:task-detail"), url_for_pk("plans:task-report")
    report_label = escape(_("Report progress"))

    def row(task, key: str) -> str:
        reason = escape(task.colour_reason)
        last = timezone.localdate(task.last_reported_at).isoformat() if task.last_reported_at else "—"
        slot = ""
        if key != "done":
            url = report(task.pk)
            last += (
                f'<br><a href="{url}" hx-get="{url}" hx-target="#report-slot-{task.pk}">{report_label}</a>'
            )
            slot = f'<tr class="report-slot"><td colspan="5" id="report-slot-{task.pk}"></td></tr>'
        return (
            f'<tr><td>{light(task)} <a href="{detail(task.pk)}">{task_name(task)}</a><br>'
            f'<span class="small">{reason}</span></td>'
            f'<td class="small">{escape(task.plan.title)}</td>'
            f"<td>{deadline(task)}</td>"
            f'<td class="num">{task.percent}%</td><td>{last}</td></tr>{slot}'
        )

    return row
