"""Red / yellow / green of a key project, with its reason (needs the figures of `with_figures`)."""

from datetime import date

from django.conf import settings
from django.utils.translation import gettext as _

from projects.choices import STAGE_ORDER, ProjectStage
from zoneplan.core.choices import Colour
from zoneplan.core.numbers import percent
from zoneplan.core.workdays import WorkdayCalendar


def project_colour(project, *, today: date, calendar: WorkdayCalendar) -> tuple[str, str]:
    if STAGE_ORDER.index(ProjectStage(project.stage)) >= STAGE_ORDER.index(ProjectStage.COMPLETED):
        return Colour.GREEN, _("Completed or in production")
    if project.planned_completion and project.planned_completion < today and not project.actual_completion:
        days = calendar.workdays_between(project.planned_completion, today)
        return Colour.RED, _("Past the planned completion by %(days)d working days") % {"days": days}
    if project.oldest_late_milestone:
        days = calendar.workdays_between(project.oldest_late_milestone, today)
        colour = Colour.RED if days > settings.COLOUR_RED_LATE_WORKDAYS else Colour.YELLOW
        return colour, _("A milestone is late by %(days)d working days") % {"days": days}
    if project.planned_start and project.planned_start < today and not project.actual_start:
        return Colour.YELLOW, _("Not started as planned")
    done = percent(project.invested_this_year, project.year_planned_investment)
    if done is not None and project.year == today.year:
        behind = int(today.month * 100 / 12 - float(done))
        if behind > settings.COLOUR_RED_POINTS:
            return Colour.RED, _("Investment behind the time schedule by %(points)d points") % {
                "points": behind
            }
        if behind > settings.COLOUR_YELLOW_POINTS:
            return Colour.YELLOW, _("Investment behind the time schedule by %(points)d points") % {
                "points": behind
            }
    return Colour.GREEN, _("On schedule")


def colour_projects(projects, *, today: date) -> None:
    """Set `colour` and `colour_reason` on projects annotated by `with_figures`."""
    calendar = WorkdayCalendar()
    for project in projects:
        project.colour, project.colour_reason = project_colour(project, today=today, calendar=calendar)
