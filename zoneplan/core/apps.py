from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "zoneplan.core"
    label = "core"
    verbose_name = "ZonePlan core"
