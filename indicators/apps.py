from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = _("Indicators")

    def ready(self):
        from zoneplan.core.datacache import INDICATORS, register

        for model in self.get_models():
            if not model.__name__.startswith("Historical"):
                # the indicator figures read nothing else, and nothing else reads them
                register(model, INDICATORS)
