"""Everything ZonePlan stores, in one comparable value: a refused request must leave it unchanged."""

from django.apps import apps

OWN_APPS = {
    "core",
    "notifications",
    "reports",
    "organisation",
    "plans",
    "projects",
    "indicators",
    "instructions",
}


def snapshot() -> dict:
    """Every row of every model of ZonePlan's own apps (history tables included), in primary-key order."""
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values_list())
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in OWN_APPS
    }
