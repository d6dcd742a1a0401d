from django.apps import AppConfig, apps
from django.db.models.signals import post_delete, post_save


class CoreConfig(AppConfig):
    name = "zoneplan.core"
    label = "core"
    verbose_name = "ZonePlan core"

    def ready(self):
        from zoneplan.core.datacache import REFERENCE, register
        from zoneplan.core.workdays import calendar_changed

        day = apps.get_model("core", "CalendarDay")
        for signal in (post_save, post_delete):
            signal.connect(
                calendar_changed, sender=day, dispatch_uid=f"calendar-changed-{signal is post_save}"
            )
        register(day, REFERENCE)  # lateness in working days is counted when it is shown
