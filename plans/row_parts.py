"""Pieces of the table rows that pages write in Python (`plans.outline_html`, `plans.my_tasks_html`): URLs
reversed once for a page of rows, a task's name and its traffic light."""

from html import escape

from django.urls import reverse

PK_MARK = 987654321  # stands for an object's id in a URL reversed once


def url_for_pk(name: str):
    """pk → the URL of view `name` for that pk, reversed once (reversing per row was a tenth of my tasks)."""
    pattern = reverse(name, args=[PK_MARK])
    return lambda pk: pattern.replace(str(PK_MARK), str(pk))


def task_name(task) -> str:
    """The task's label and title, escaped: "（一）加速创新要素集聚"."""
    return escape(f"{task.label}{task.title}")


def light(task) -> str:
    """The task's colour (`plans.colours`) as a light, its reason as the title."""
    return f'<span class="light {escape(task.colour)}" title="{escape(task.colour_reason)}"></span>'


def deadline(task) -> str:
    return task.deadline.isoformat() if task.deadline else "—"
