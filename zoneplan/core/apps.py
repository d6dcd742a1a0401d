from django.apps import AppConfig, apps
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

DOMAIN_APPS = ("organisation", "plans", "projects", "indicators")


class CoreConfig(AppConfig):
    name = "zoneplan.core"
    label = "core"
    verbose_name = "ZonePlan core"

    def ready(self):
        from zoneplan.core.datacache import model_changed, zone_left
        from zoneplan.core.workdays import calendar_changed

        day = apps.get_model("core", "CalendarDay")
        for signal in (post_save, post_delete):
            signal.connect(calendar_changed, sender=day, dispatch_uid=f"calendar-changed-{signal is post_save}")
            signal.connect(model_changed, sender=day, dispatch_uid=f"calendar-data-changed-{signal is post_save}")

        for label in DOMAIN_APPS:
            for model in apps.get_app_config(label).get_models():
                if model.__name__.startswith("Historical"):
                    continue
                post_save.connect(model_changed, sender=model, dispatch_uid=f"data-changed-save-{model._meta.label}")
                post_delete.connect(model_changed, sender=model, dispatch_uid=f"data-changed-del-{model._meta.label}")
        for label in ("plans.Plan", "plans.Task", "projects.Project"):
            pre_save.connect(zone_left, sender=apps.get_model(label), dispatch_uid=f"zone-left-{label}")
        task = apps.get_model("plans", "Task")
        for field in ("lead_units", "cooperating_units"):
            m2m_changed.connect(
                model_changed, sender=getattr(task, field).through, dispatch_uid=f"data-changed-{field}"
            )
