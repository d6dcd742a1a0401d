from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanKind(models.TextChoices):
    ANNUAL = "annual", _("Annual work plan")
    IMPLEMENTATION = "implementation", _("Implementation plan")
    SPECIAL_ACTION = "special_action", _("Special action")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class ReportingCycle(models.TextChoices):
    WEEKLY = "weekly", _("Weekly")
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    ON_TRACK = "on_track", _("On track")
    BEHIND = "behind", _("Behind")
    OVERDUE = "overdue", _("Overdue")
    DONE = "done", _("Done")
    SUSPENDED = "suspended", _("Suspended")


# Statuses in which a task still needs work and reports.
OPEN_TASK_STATUSES = (TaskStatus.NOT_STARTED, TaskStatus.ON_TRACK, TaskStatus.BEHIND, TaskStatus.OVERDUE)
# Open statuses the daily scan turns into overdue once the deadline has passed.
UNFLAGGED_STATUSES = (TaskStatus.NOT_STARTED, TaskStatus.ON_TRACK, TaskStatus.BEHIND)


class TargetComparator(models.TextChoices):
    AT_LEAST = "gte", _("At least")
    EXACTLY = "eq", _("Exactly")
    AT_MOST = "lte", _("At most")


class ReviewState(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Returned")


class ExtensionState(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class CloseOutState(models.TextChoices):
    APPLIED = "applied", _("Applied for")
    CLOSED = "closed", _("Closed")
    SENT_BACK = "sent_back", _("Sent back")
