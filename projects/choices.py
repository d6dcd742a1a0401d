from django.db import models
from django.utils.translation import gettext_lazy as _


class ProjectStage(models.TextChoices):
    """The ladder every key project climbs, in order."""

    PLANNING = "planning", _("Planning")
    NEGOTIATING = "negotiating", _("Negotiating")
    SIGNED = "signed", _("Signed")
    LAND_SUPPLIED = "land_supplied", _("Land supplied")
    STARTED = "started", _("Started")
    UNDER_CONSTRUCTION = "under_construction", _("Under construction")
    COMPLETED = "completed", _("Completed")
    IN_PRODUCTION = "in_production", _("In production")


STAGE_ORDER = list(ProjectStage)


def stages_from(stage: str) -> list[str]:
    """`stage` and every stage after it on the ladder."""
    return [s.value for s in STAGE_ORDER[STAGE_ORDER.index(ProjectStage(stage)) :]]


class ProjectCategory(models.TextChoices):
    INDUSTRIAL = "industrial", _("Industrial")
    INFRASTRUCTURE = "infrastructure", _("Infrastructure")
    SOCIAL = "social", _("Social")


class ProjectLevel(models.TextChoices):
    PROVINCIAL = "provincial", _("Provincial key project")
    CITY = "city", _("City key project")
    DISTRICT = "district", _("District key project")


class IssueState(models.TextChoices):
    OPEN = "open", _("Open")
    RESOLVED = "resolved", _("Resolved")
