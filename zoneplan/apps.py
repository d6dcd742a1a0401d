from django.apps import AppConfig


class ZonePlanConfig(AppConfig):
    """The top floor as an app: the management commands that assemble the demo and run the jobs, and the jobs'
    Celery tasks (zoneplan/tasks.py)."""

    name = "zoneplan"
    verbose_name = "ZonePlan"
