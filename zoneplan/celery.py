"""The Celery application: configured from Django settings (CELERY_*), tasks discovered per app."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zoneplan.settings.base")

app = Celery("zoneplan")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
