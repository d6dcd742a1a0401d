from django.db import models
from django.utils.translation import gettext_lazy as _


class FileJobKind(models.TextChoices):
    TASK_LEDGER = "task_ledger", _("Task ledger")
    PROJECT_LEDGER = "project_ledger", _("Key-project ledger")
    INDICATOR_TABLE = "indicator_table", _("Indicator table")
    MONTHLY_REPORT = "monthly_report", _("Monthly report")
    TASK_LEDGER_IMPORT = "task_ledger_import", _("Task ledger import")
    PROJECT_LEDGER_IMPORT = "project_ledger_import", _("Key-project ledger import")


class FileJobState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
