"""The plan page's outline rows as HTML, written here rather than by the template engine: a 2,000-task plan is
2,000 rows of about 25 values, which took Django's engine 0.35 s (each variable a context lookup, a filter
chain and an escape); written with `html.escape` they take a tenth of that (docs/performance.md).

The rows hold nothing of the reader: an editor's move buttons submit the page's one `outline-move` form (their
`form` attribute), which carries the CSRF token, so the same rows serve every editor of the plan and are
cached with the readers' (`plans.views.outline_page`).
"""

from html import escape

from django.utils.translation import gettext as _

from plans.choices import TaskStatus
from plans.row_parts import deadline, light, task_name, url_for_pk

MOVE_FORM = "outline-move"
MOVES = (("up", "↑"), ("down", "↓"), ("indent", "→"), ("outdent", "←"))


def outline_rows_html(rows: list[tuple[int, object]], *, can_edit: bool) -> str:
    """The (depth, task) rows of an outline, tasks coloured and given `*_labels`
    (`plans.selectors.with_links`). Texts are translated outside the f-strings: xgettext does not look into
    them."""
    if not rows:
        empty = escape(_("This plan has no tasks yet."))
        return f'<tr><td colspan="6">{empty}</td></tr>'
    row = row_writer(can_edit=can_edit)
    return "\n".join(row(depth, task) for depth, task in rows)


def row_writer(*, can_edit: bool):
    """depth, task → one row's HTML; the labels translated and the URLs reversed once for all rows."""
    detail, edit = url_for_pk("plans:task-detail"), url_for_pk("plans:task-edit")
    statuses = {value: escape(str(label)) for value, label in TaskStatus.choices}
    titles = {"up": _("Move up"), "down": _("Move down"), "indent": _("Indent"), "outdent": _("Outdent")}
    edit_label = _literal(_("Edit"))
    buttons = "".join(  # one template for every row: its id, version and depth filled in
        f'<button type="submit" form="{MOVE_FORM}" name="move" value="{{pk}}:{{version}}:{direction}" '
        f'title="{_literal(titles[direction])}">{arrow}</button>'
        for direction, arrow in MOVES
    )
    edit_url = edit("{pk}") + "?depth={depth}"
    controls = (
        f'<span class="move">{buttons}</span> <a class="edit" href="{edit_url}" hx-get="{edit_url}" '
        f'hx-target="#task-row-{{pk}}" hx-swap="outerHTML">{edit_label}</a>'
    )

    def row(depth: int, task) -> str:
        name, reason, lit = task_name(task), escape(task.colour_reason), light(task)
        edit_controls = controls.format(pk=task.pk, version=task.version, depth=depth) if can_edit else ""
        if task.is_section:
            return (
                f'<tr class="section depth-{depth}" id="task-row-{task.pk}">'
                f'<td colspan="4">{name}{edit_controls}</td>'
                f'<td>{lit} <span class="small">{reason}</span></td>'
                f'<td class="num">{task.percent}%</td></tr>'
            )
        due = deadline(task)
        if task.deadline_text:
            due += f'<br><span class="small">{escape(task.deadline_text)}</span>'
        status = escape(task.status)
        return (
            f'<tr class="depth-{depth}" id="task-row-{task.pk}">'
            f'<td><a href="{detail(task.pk)}">{name}</a>{edit_controls}</td>'
            f"<td>{escape('、'.join(task.lead_units_labels))}</td>"
            f'<td class="small">{escape("、".join(task.cooperating_units_labels))}</td>'
            f"<td>{due}</td>"
            f'<td>{lit} <span class="badge {status}">{statuses.get(task.status, status)}</span><br>'
            f'<span class="small">{reason}</span></td>'
            f'<td class="num">{task.percent}%</td></tr>'
        )

    return row


def _literal(text: str) -> str:
    """A text escaped for HTML and for `str.format` (a translation with a brace would break the template)."""
    return escape(text).replace("{", "{{").replace("}", "}}")
